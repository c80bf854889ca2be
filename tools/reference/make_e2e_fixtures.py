"""End-to-end golden fixture: image files and texts through HF's CLIPProcessor and CLIPModel, so a
test can run `./diagonal embed` on the same files and compare. Uses the tiny checkpoint made by
make_model_fixtures.py and the canonical tokenizer files in assets/tokenizer/clip.

Set-up and run (from the repository root):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
    .venv/bin/python tools/reference/make_e2e_fixtures.py
"""
import json
import os
import shutil
import tempfile

import numpy as np
import torch
from PIL import Image
from transformers import CLIPImageProcessor, CLIPModel, CLIPTokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src/test/resources/fixtures/e2e")
CHECKPOINT = os.path.join(ROOT, "src/test/resources/fixtures/clip/tiny-quickgelu-f16")
TOKENIZER = os.path.join(ROOT, "assets/tokenizer/clip")
TEXTS = ["a photo of a cat.", "A RED apple 🍎 &amp; two pears!!!", "", "it's 2026, isn't it?",
         " ".join(["very long caption"] * 40)]


def make_images(folder):
    rng = np.random.default_rng(7)
    names = []
    specs = [("wide.png", (97, 53), "RGB"), ("tall.jpg", (41, 120), "RGB"), ("gray.png", (64, 64), "L"),
             ("alpha.png", (50, 70), "RGBA"), ("small.bmp", (20, 13), "RGB")]
    for name, size, mode in specs:
        noise = rng.integers(0, 256, (size[1], size[0], 4), dtype=np.uint8)
        image = Image.fromarray(noise, "RGBA").convert(mode)
        kwargs = {"quality": 95} if name.endswith(".jpg") else {}
        image.save(os.path.join(folder, name), **kwargs)
        names.append(name)
    return names


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "images"))
    names = make_images(os.path.join(OUT, "images"))
    processor = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    processor.save_pretrained(OUT)  # preprocessor_config.json, copied into the model folder by the test
    with tempfile.TemporaryDirectory() as model_dir:
        for folder in (CHECKPOINT, TOKENIZER):
            for name in os.listdir(folder):
                shutil.copy(os.path.join(folder, name), model_dir)
        shutil.copy(os.path.join(OUT, "preprocessor_config.json"), model_dir)
        model = CLIPModel.from_pretrained(model_dir, dtype=torch.float32).eval()
        tokenizer = CLIPTokenizer.from_pretrained(model_dir)
        image_processor = CLIPImageProcessor.from_pretrained(model_dir)
        images = [Image.open(os.path.join(OUT, "images", n)) for n in names]
        pixels = image_processor(images=images, return_tensors="pt")["pixel_values"]
        tokens = tokenizer(TEXTS, padding=True, truncation=True, max_length=77, return_tensors="pt")
        with torch.no_grad():
            image_embeds = model.get_image_features(pixel_values=pixels).pooler_output
            text_embeds = model.get_text_features(**tokens).pooler_output
    unpadded = [tokenizer(t, truncation=True, max_length=77)["input_ids"] for t in TEXTS]
    expected = {"images": names, "texts": TEXTS, "input_ids": unpadded,
                "pixel_values": [[[[round(v, 7) for v in row] for row in ch] for ch in img] for img in pixels.tolist()],
                "image_embeds": image_embeds.tolist(), "text_embeds": text_embeds.tolist(),
                "logit_scale": float(model.logit_scale.detach())}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"{len(names)} images, {len(TEXTS)} texts -> {OUT}")


if __name__ == "__main__":
    main()
