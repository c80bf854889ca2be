"""Generate the image-preprocessing fixtures for dev.diagonal.image tests.

Setup (any machine with Python 3.10+):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root:
    .venv/bin/python tools/reference/make_image_fixtures.py [output_dir]

Writes into output_dir (default src/test/resources/fixtures/image/):
  images/*, holdout/*          small test images in many modes and formats (two random seeds)
  config_<name>/preprocessor_config.json
                               CLIP image-processor configs: "default" (HF CLIP defaults, 224),
                               "small" (shortest_edge 32, non-square crop 28x36, other mean/std),
                               "exact" (size {height 24, width 40}, bilinear, no crop)
  expected_<set>_<config>.safetensors.gz
                               HF pixel_values (F32, C x H x W) per image file name, gzip-compressed
                               (a 3x224x224 output is 600 kB raw); "default" covers a subset
  decoded_<set>.safetensors.gz the RGB image HF works on (U8, H x W x 3) per image file name, for all
                               images except plain 8-bit RGB PNGs (whose decoding is trivial)
  resize_cases.safetensors.gz  Pillow Image.resize results (U8, H x W x 3) for every filter on a few
                               images and sizes, named "<image>|<FILTER>|<width>x<height>"
  manifest.json                versions used, and which images each expected file covers

The reference is transformers' slow, PIL-based CLIP image processor (CLIPImageProcessorPil in
transformers 5.x; CLIPImageProcessor falls back to it when torchvision is absent). Images are passed
as file paths, so HF's load_image runs: PIL.Image.open, ImageOps.exif_transpose, convert("RGB").
"""

import gzip
import json
import os
import struct
import sys
import zlib

import numpy as np
import PIL
import transformers
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from safetensors.numpy import save
from transformers.image_utils import load_image

try:
    from transformers import CLIPImageProcessorPil as SlowClipProcessor
except ImportError:  # transformers 4.x: the slow class is CLIPImageProcessor itself
    from transformers import CLIPImageProcessor as SlowClipProcessor

CONFIGS = {
    "default": {},
    "small": dict(
        size={"shortest_edge": 32},
        crop_size={"height": 28, "width": 36},
        image_mean=[0.5, 0.4, 0.3],
        image_std=[0.2, 0.25, 0.3],
    ),
    "exact": dict(size={"height": 24, "width": 40}, resample=2, do_center_crop=False),
}

# Images whose 224x224 "default" outputs are stored (each costs 600 kB of F32).
DEFAULT_CONFIG_IMAGES = {
    "images": ["rgb_noise_300x260.png", "rgb_up_61x47.png", "rgb_tall_45x173.png", "rgb_1px_wide_1x37.png",
               "jpeg_420_q90_120x90.jpg", "jpeg_ycck_56x40.jpg", "rgba_80x60.png", "webp_lossy_60x40.webp",
               "exif_orient6_60x40.jpg"],
    "holdout": ["rgb_noise_257x199.png", "rgb_wide_211x33.png", "jpeg_cmyk_39x51.jpg", "webp_lossy_52x38.webp",
                "rgb_1px_tall_77x1.png"],
}


def pattern(rng, width, height, channels=3):
    """Smooth waves + noise + a few hard-edged saturated boxes (to exercise overshoot clamping)."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    out = np.empty((height, width, channels))
    for c in range(channels):
        fx, fy, phase = rng.uniform(0.02, 0.3), rng.uniform(0.02, 0.3), rng.uniform(0, 6.3)
        out[..., c] = 128 + 90 * np.sin(fx * xx + fy * yy + phase)
    out += rng.normal(0, 25, out.shape)
    for _ in range(3):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        x1, y1 = x0 + rng.integers(1, max(2, width // 3)), y0 + rng.integers(1, max(2, height // 3))
        out[y0:y1, x0:x1] = rng.choice([0.0, 255.0], size=channels)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png16(path, samples, color_type):
    """PIL cannot write 16-bit RGB or gray+alpha PNGs; write them by hand (big-endian samples)."""
    height, width = samples.shape[:2]
    raw = b"".join(b"\x00" + samples[y].astype(">u2").tobytes() for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
                + png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def patch_adobe_transform(path, transform):
    """Rewrite the Adobe APP14 transform flag of a CMYK JPEG: 2 makes libjpeg read the data as YCCK."""
    data = bytearray(open(path, "rb").read())
    at = data.index(b"Adobe")
    assert data[at - 4:at - 2] == b"\xff\xee"
    data[at + 11] = transform
    open(path, "wb").write(bytes(data))


def jfif_to_adobe_rgb(path):
    """Replace the JFIF APP0 of a JPEG by an Adobe APP14 with transform 0: libjpeg then reads RGB."""
    data = open(path, "rb").read()
    assert data[2:4] == b"\xff\xe0"
    app0_end = 4 + struct.unpack(">H", data[4:6])[0]
    adobe = b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x00"
    open(path, "wb").write(data[:2] + adobe + data[app0_end:])


def gif_with_offset_frame(path, img, screen, offset, transparency):
    """Save a GIF, then enlarge its logical screen and move the first frame to `offset`."""
    kwargs = {} if transparency is None else {"transparency": transparency}
    img.save(path, **kwargs)
    data = bytearray(open(path, "rb").read())
    data[6:10] = struct.pack("<HH", *screen)
    flags = data[10]
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while data[at] == 0x21:  # skip extensions
        at += 2
        while data[at]:
            at += data[at] + 1
        at += 1
    assert data[at] == 0x2C
    data[at + 1:at + 5] = struct.pack("<HH", *offset)
    open(path, "wb").write(bytes(data))


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def palette_image(rng, width, height, colors):
    img = Image.fromarray(rng.integers(0, colors, (height, width), dtype=np.uint8), mode="L")
    img = img.convert("P")
    palette = rng.integers(0, 256, colors * 3, dtype=np.uint8).tolist()
    img.putpalette(palette)
    return img


def make_main_set(folder, rng):
    def save(name, img, **kw):
        img.save(os.path.join(folder, name), **kw)

    rgb = lambda w, h: Image.fromarray(pattern(rng, w, h))
    save("rgb_noise_300x260.png", rgb(300, 260))
    save("rgb_up_61x47.png", rgb(61, 47))
    save("rgb_tall_45x173.png", rgb(45, 173))
    save("rgb_1px_wide_1x37.png", rgb(1, 37))
    save("rgb_1px_tall_53x1.png", rgb(53, 1))
    save("rgb_tiny_16x16.png", rgb(16, 16))
    save("rgb_near_square_50x48.png", rgb(50, 48))
    save("rgb_very_tall_3x400.png", rgb(3, 400))
    save("gray_L_90x70.png", Image.fromarray(pattern(rng, 90, 70, 1)[..., 0], mode="L"))
    save("gray_1bit_37x29.png", Image.fromarray(pattern(rng, 37, 29, 1)[..., 0]).convert("1"))
    save("gray_alpha_LA_64x50.png", Image.fromarray(pattern(rng, 64, 50, 2), mode="LA"))
    rgba = pattern(rng, 80, 60, 4)
    rgba[:20, :30, 3] = 0  # fully transparent but coloured: shows alpha is dropped, not composited
    save("rgba_80x60.png", Image.fromarray(rgba, mode="RGBA"))
    save("palette_P_70x50.png", palette_image(rng, 70, 50, 256))
    save("palette_P_tRNS_70x50.png", palette_image(rng, 70, 50, 200), transparency=5)
    save("palette_P_4bit_33x21.png", palette_image(rng, 33, 21, 16), bits=4)
    gray16 = rng.integers(0, 600, (40, 60)).astype(np.uint16)
    gray16[:10] = rng.integers(0, 65536, (10, 60))
    Image.frombytes("I;16", (60, 40), gray16.astype("<u2").tobytes()).save(
        os.path.join(folder, "gray16_I16_60x40.png"))
    write_png16(os.path.join(folder, "rgb16_50x40.png"),
                rng.integers(0, 65536, (40, 50, 3)), color_type=2)
    write_png16(os.path.join(folder, "gray_alpha16_40x30.png"),
                rng.integers(0, 65536, (30, 40, 2)), color_type=4)
    save("jpeg_420_q90_120x90.jpg", rgb(120, 90), quality=90)
    save("jpeg_444_q80_70x50.jpg", rgb(70, 50), quality=80, subsampling=0)
    save("jpeg_422_q85_66x46.jpg", rgb(66, 46), quality=85, subsampling=1)
    save("jpeg_progressive_81x61.jpg", rgb(81, 61), quality=85, progressive=True)
    save("jpeg_gray_70x50.jpg", Image.fromarray(pattern(rng, 70, 50, 1)[..., 0], mode="L"), quality=90)
    save("jpeg_cmyk_64x48.jpg", Image.fromarray(pattern(rng, 64, 48, 4), mode="CMYK"), quality=90)
    save("jpeg_ycck_56x40.jpg", Image.fromarray(pattern(rng, 56, 40, 4), mode="CMYK"), quality=90)
    patch_adobe_transform(os.path.join(folder, "jpeg_ycck_56x40.jpg"), 2)
    save("jpeg_adobe_rgb_52x36.jpg", rgb(52, 36), quality=90, subsampling=0)
    jfif_to_adobe_rgb(os.path.join(folder, "jpeg_adobe_rgb_52x36.jpg"))
    save("exif_orient6_60x40.jpg", rgb(60, 40), quality=90, exif=exif_with_orientation(6))
    save("exif_orient3_44x30.jpg", rgb(44, 30), quality=90, exif=exif_with_orientation(3))
    save("xmp_orient8_50x34.jpg", rgb(50, 34), quality=90,
         xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description tiff:Orientation="8"/>'
             b'</rdf:RDF></x:xmpmeta>')
    save("exif_orient5_48x36.png", rgb(48, 36), exif=exif_with_orientation(5))
    raw_profile = PngInfo()  # ImageMagick's legacy way of storing EXIF in PNG text chunks
    exif6 = exif_with_orientation(6)
    raw_profile.add_text("Raw profile type exif", "\nexif\n%8d\n%s\n" % (len(exif6), exif6.hex()), zip=True)
    save("png_rawprofile_orient6_30x20.png", rgb(30, 20), pnginfo=raw_profile)
    xmp_text = PngInfo()
    xmp_text.add_itxt("XML:com.adobe.xmp", '<rdf:Description tiff:Orientation="3"/>', zip=False)
    save("png_xmp_orient3_26x18.png", rgb(26, 18), pnginfo=xmp_text)
    frames = [palette_image(rng, 40, 30, 64) for _ in range(2)]
    frames[0].save(os.path.join(folder, "gif_animated_40x30.gif"), save_all=True,
                   append_images=frames[1:], duration=100, loop=0, transparency=3)
    save("gif_gray_35x25.gif", Image.fromarray(pattern(rng, 35, 25, 1)[..., 0], mode="L"))
    gif_with_offset_frame(os.path.join(folder, "gif_offset_frame_44x34.gif"), palette_image(rng, 30, 20, 64),
                          screen=(44, 34), offset=(9, 5), transparency=7)
    save("bmp_rgb24_50x30.bmp", rgb(50, 30))
    save("bmp_palette8_41x27.bmp", palette_image(rng, 41, 27, 256))
    save("bmp_rgba32_30x20.bmp", Image.fromarray(pattern(rng, 30, 20, 4), mode="RGBA"))
    save("webp_lossless_60x40.webp", rgb(60, 40), lossless=True)
    save("webp_lossy_60x40.webp", rgb(60, 40), quality=80)
    save("webp_lossy_alpha_48x32.webp", Image.fromarray(pattern(rng, 48, 32, 4), mode="RGBA"), quality=80)
    save("webp_lossless_alpha_36x28.webp", Image.fromarray(pattern(rng, 36, 28, 4), mode="RGBA"),
         lossless=True)
    save("webp_exif_orient8_40x26.webp", rgb(40, 26), lossless=True, exif=exif_with_orientation(8))


def make_holdout_set(folder, rng):
    def save(name, img, **kw):
        img.save(os.path.join(folder, name), **kw)

    rgb = lambda w, h: Image.fromarray(pattern(rng, w, h))
    save("rgb_noise_257x199.png", rgb(257, 199))
    save("rgb_up_29x41.png", rgb(29, 41))
    save("rgb_1px_tall_77x1.png", rgb(77, 1))
    save("rgb_wide_211x33.png", rgb(211, 33))
    rgba = pattern(rng, 57, 43, 4)
    rgba[5:25, 10:40, 3] = 0
    save("rgba_57x43.png", Image.fromarray(rgba, mode="RGBA"))
    save("palette_P_tRNS_45x39.png", palette_image(rng, 45, 39, 128), transparency=0)
    save("gray_L_31x52.png", Image.fromarray(pattern(rng, 31, 52, 1)[..., 0], mode="L"))
    save("jpeg_420_q75_93x67.jpg", rgb(93, 67), quality=75)
    save("jpeg_cmyk_39x51.jpg", Image.fromarray(pattern(rng, 39, 51, 4), mode="CMYK"), quality=85)
    save("exif_orient7_46x28.jpg", rgb(46, 28), quality=90, exif=exif_with_orientation(7))
    save("webp_lossy_52x38.webp", rgb(52, 38), quality=70)
    save("gif_animated_33x45.gif", palette_image(rng, 33, 45, 32), save_all=True,
         append_images=[palette_image(rng, 33, 45, 32)], duration=50)
    gif_with_offset_frame(os.path.join(folder, "gif_offset_frame_31x27.gif"), palette_image(rng, 20, 30, 64),
                          screen=(31, 27), offset=(6, 3), transparency=None)
    save("jpeg_ycck_45x33.jpg", Image.fromarray(pattern(rng, 45, 33, 4), mode="CMYK"), quality=80)
    patch_adobe_transform(os.path.join(folder, "jpeg_ycck_45x33.jpg"), 2)


RESIZE_CASES = {
    "rgb_up_61x47.png": [(100, 77), (23, 17), (61, 20), (30, 47), (7, 5)],
    "rgb_very_tall_3x400.png": [(2, 150), (5, 399)],
    "rgb_noise_300x260.png": [(37, 29), (67, 283)],
}


def resize_cases(folder):
    """Pillow resize of RGB images with each filter: the reference for the Java PIL-compatible resize."""
    tensors = {}
    for name, sizes in RESIZE_CASES.items():
        img = Image.open(os.path.join(folder, name)).convert("RGB")
        for size in sizes:
            for f in Image.Resampling:
                key = f"{name}|{f.name}|{size[0]}x{size[1]}"
                tensors[key] = np.ascontiguousarray(np.array(img.resize(size, resample=f)))
    return tensors


def save_gzipped(tensors, path):
    """safetensors bytes, gzip-compressed with a fixed timestamp so reruns give identical files."""
    raw = save(tensors)
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as z:
            z.write(raw)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/fixtures/image"
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith((".safetensors", ".safetensors.gz")):
            os.remove(os.path.join(out, old))
    sets = {"images": (make_main_set, 20240611), "holdout": (make_holdout_set, 777)}
    manifest = {"transformers": transformers.__version__, "pillow": PIL.__version__,
                "numpy": np.__version__, "processor": SlowClipProcessor.__name__, "expected": {}}
    processors = {}
    for name, kwargs in CONFIGS.items():
        folder = os.path.join(out, f"config_{name}")
        SlowClipProcessor(**kwargs).save_pretrained(folder)
        processors[name] = SlowClipProcessor.from_pretrained(folder)
    for set_name, (make, seed) in sets.items():
        folder = os.path.join(out, set_name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        make(folder, np.random.default_rng(seed))
        files = sorted(os.listdir(folder))
        decoded = {f: np.ascontiguousarray(np.array(load_image(os.path.join(folder, f))))
                   for f in files if not (f.startswith("rgb_") and f.endswith(".png"))}
        save_gzipped(decoded, os.path.join(out, f"decoded_{set_name}.safetensors.gz"))
        for config_name, processor in processors.items():
            chosen = DEFAULT_CONFIG_IMAGES[set_name] if config_name == "default" else files
            tensors = {}
            for f in chosen:
                pixels = processor(images=[os.path.join(folder, f)], return_tensors="np")["pixel_values"][0]
                tensors[f] = np.ascontiguousarray(pixels.astype(np.float32))
            target = f"expected_{set_name}_{config_name}.safetensors.gz"
            save_gzipped(tensors, os.path.join(out, target))
            manifest["expected"][target] = {"config": f"config_{config_name}", "images": set_name,
                                            "names": chosen}
    save_gzipped(resize_cases(os.path.join(out, "images")), os.path.join(out, "resize_cases.safetensors.gz"))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
