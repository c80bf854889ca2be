"""Zeroes the colour hidden under fully transparent pixels of a PNG (standard library only).

Why: the Noto (Google) PNGs keep the colours of the drawing's edge under their transparent pixels, the
Twemoji PNGs mostly keep black. Viewers never show those pixels, but CLIP's preprocessing drops alpha
(`PIL.Image.convert("RGB")` in Hugging Face's CLIPImageProcessor, and Diagonal does the same to match
it), so a model sees each Google emoji on a blotch of its own edge colours and each Twitter emoji on
black: a difference between the vendors that is not in the drawings. Cleaning makes every transparent
pixel (alpha 0) black in both sets; visible pixels, partly transparent ones included, are unchanged.

Handles what the emoji packages contain: 8-bit RGBA (colour type 6), 8-bit grey + alpha (type 4) and
palette images with a tRNS chunk (type 3, any bit depth: the palette entries whose alpha is 0 become
black). Other PNGs are returned unchanged. The output is deterministic (fixed filter choice, zlib 9).
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk, in order."""
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG")
    out, i = [], 8
    while i < len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        out.append((kind, data[i + 8:i + 8 + length]))
        i += 12 + length
    return out


def encode(parts: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(struct.pack(">I", len(b)) + k + b + struct.pack(">I", zlib.crc32(k + b) & 0xFFFFFFFF)
                    for k, b in parts)
    return SIGNATURE + body


def paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def unfilter(raw: bytes, width: int, height: int, bpp: int) -> list[bytearray]:
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            predictor = (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]
            line[x] = (line[x] + predictor) & 0xFF
        rows.append(line)
        prev = line
    return rows


def refilter(rows: list[bytearray], bpp: int) -> bytes:
    """Each row with the filter of smallest sum of absolute values (libpng's heuristic)."""
    out, prev = bytearray(), bytearray(len(rows[0]))
    for line in rows:
        best = None
        for kind in range(5):
            filtered = bytearray(len(line))
            for x in range(len(line)):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
                predictor = (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]
                filtered[x] = (line[x] - predictor) & 0xFF
            cost = sum(v if v < 128 else 256 - v for v in filtered)
            if best is None or cost < best[0]:
                best = (cost, kind, filtered)
        out.append(best[1])
        out += best[2]
        prev = line
    return bytes(out)


def clean(data: bytes) -> bytes:
    """The PNG with black under every fully transparent pixel (unchanged when nothing needs it)."""
    parts = chunks(data)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", parts[0][1])
    if colour == 3:
        return clean_palette(data, parts)
    if depth != 8 or interlace != 0 or colour not in (4, 6):
        return data
    bpp = 4 if colour == 6 else 2
    raw = zlib.decompress(b"".join(b for k, b in parts if k == b"IDAT"))
    rows = unfilter(raw, width, height, bpp)
    changed = False
    for line in rows:
        for x in range(0, len(line), bpp):
            if line[x + bpp - 1] == 0 and any(line[x:x + bpp - 1]):
                line[x:x + bpp - 1] = bytes(bpp - 1)
                changed = True
    if not changed:
        return data
    idat = zlib.compress(refilter(rows, bpp), 9)
    kept = [(k, b) for k, b in parts if k != b"IDAT"]
    end = next(i for i, (k, _) in enumerate(kept) if k == b"IEND")
    return encode(kept[:end] + [(b"IDAT", idat)] + kept[end:])


def clean_palette(data: bytes, parts: list[tuple[bytes, bytes]]) -> bytes:
    alpha = next((b for k, b in parts if k == b"tRNS"), b"")
    palette = bytearray(next(b for k, b in parts if k == b"PLTE"))
    changed = False
    for index, value in enumerate(alpha):
        if value == 0 and any(palette[3 * index:3 * index + 3]):
            palette[3 * index:3 * index + 3] = b"\x00\x00\x00"
            changed = True
    if not changed:
        return data
    return encode([(k, bytes(palette) if k == b"PLTE" else b) for k, b in parts])
