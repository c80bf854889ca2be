"""Draws Diagonal's application icon: a small image-text similarity heatmap whose diagonal is bright.

Writes assets/icons/diagonal.png (256 px, the Linux launcher and window icon), diagonal-512.png,
diagonal.ico (Windows, 16-256 px) and diagonal.icns (macOS). The output is deterministic.

Set-up: python3 -m venv .venv && .venv/bin/pip install pillow
Run from the repository root: .venv/bin/python tools/icons/make_icon.py
"""
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

CELLS = 6
SIZE = 1024  # drawn large, then scaled down with a good filter
OUT = Path(__file__).resolve().parents[2] / "assets" / "icons"


def lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def colour(value):
    """A viridis-like ramp: deep indigo (low similarity) through teal to bright yellow (high)."""
    stops = [(0.0, (40, 22, 84)), (0.35, (45, 80, 142)), (0.6, (33, 145, 140)), (0.8, (94, 201, 98)),
             (1.0, (253, 231, 37))]
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if value <= t1:
            return lerp(c0, c1, (value - t0) / (t1 - t0))
    return stops[-1][1]


def draw(size=SIZE):
    rng = random.Random(7)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = size * 0.06
    pen.rounded_rectangle([margin, margin, size - margin, size - margin], radius=size * 0.18, fill=(24, 18, 48, 255))
    inner = size * 0.16
    cell = (size - 2 * inner) / CELLS
    gap = cell * 0.08
    for row in range(CELLS):
        for col in range(CELLS):
            if row == col:
                value = 1.0
            else:
                # off-diagonal similarities: low, a little higher next to the diagonal
                value = 0.06 + 0.5 * math.exp(-abs(row - col) + 1) * rng.uniform(0.4, 1.0)
            x0 = inner + col * cell + gap / 2
            y0 = inner + row * cell + gap / 2
            pen.rounded_rectangle([x0, y0, x0 + cell - gap, y0 + cell - gap], radius=cell * 0.12,
                                  fill=colour(min(value, 1.0)) + (255,))
    return image


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((512, 512), Image.LANCZOS).save(OUT / "diagonal-512.png", optimize=True)
    big.resize((256, 256), Image.LANCZOS).save(OUT / "diagonal.png", optimize=True)
    big.resize((256, 256), Image.LANCZOS).save(OUT / "diagonal.ico",
                                                sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.resize((512, 512), Image.LANCZOS).save(OUT / "diagonal.icns")
    for name in sorted(p.name for p in OUT.iterdir()):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
