"""Checks a Diagonal export against Hugging Face transformers: the exported folder must load with
CLIPModel.from_pretrained + CLIPProcessor.from_pretrained (no missing or unexpected tensors) and give
the features Diagonal computed (`./diagonal embed` output) within a relative tolerance per row.

Set-up (from the repository root):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy

Usage:
    ./diagonal export --run RUNDIR --out EXPORTED_DIR
    ./diagonal embed --model EXPORTED_DIR --image a.png --image b.jpg --text "a cat" --out features.json
    .venv/bin/python tools/reference/check_export.py EXPORTED_DIR features.json \
        --image a.png --image b.jpg --text "a cat"

The images and texts must be given in the order they were given to `./diagonal embed` (embed's JSON
holds the features only). Exit code 0 when everything is within --tolerance (default 1e-4: max |diff|
in a row <= tolerance * max |value| of that row), 1 otherwise. Prints the numbers either way.
"""
import argparse
import json
import sys

import numpy as np
import torch
from PIL import Image
from transformers import CLIPModel, CLIPProcessor


def features(output):
    """transformers 5 returns a model output from get_*_features; 4.x returned the tensor."""
    return output.pooler_output if hasattr(output, "pooler_output") else output


def compare(name, actual, expected, tolerance):
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        print(f"{name}: shape {actual.shape} from transformers, {expected.shape} from Diagonal")
        return False
    if actual.size == 0:
        print(f"{name}: nothing to compare")
        return True
    diff = np.abs(actual - expected)
    scale = np.maximum(np.abs(expected).max(axis=-1), 1e-30)
    relative = diff.max(axis=-1) / scale
    ok = bool((relative <= tolerance).all())
    print(f"{name}: {actual.shape[0]} rows x {actual.shape[1]}, max abs diff {diff.max():.3e}, "
          f"worst row relative {relative.max():.3e} (tolerance {tolerance:g}) {'OK' if ok else 'FAIL'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exported_dir")
    parser.add_argument("features_json", help="output of ./diagonal embed")
    parser.add_argument("--image", action="append", default=[], help="image file, in embed's order (repeatable)")
    parser.add_argument("--text", action="append", default=[], help="text, in embed's order (repeatable)")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()

    with open(args.features_json, encoding="utf-8") as f:
        diagonal = json.load(f)
    model, info = CLIPModel.from_pretrained(args.exported_dir, dtype=torch.float32, output_loading_info=True)
    model.eval()
    problems = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
    if problems:
        print(f"loading {args.exported_dir}: {problems}")
    processor = CLIPProcessor.from_pretrained(args.exported_dir)
    print(f"loaded {args.exported_dir}: {sum(p.numel() for p in model.parameters()):,} parameters, "
          f"tokenizer {type(processor.tokenizer).__name__}, image processor {type(processor.image_processor).__name__}")

    ok = not problems
    with torch.no_grad():
        if args.image:
            images = [Image.open(path) for path in args.image]
            pixels = processor(images=images, return_tensors="pt")["pixel_values"]
            image_embeds = features(model.get_image_features(pixel_values=pixels))
            ok &= compare("image_embeds", image_embeds.numpy(), diagonal["image_embeds"], args.tolerance)
        if args.text:
            tokens = processor.tokenizer(args.text, padding=True, truncation=True, return_tensors="pt")
            text_embeds = features(model.get_text_features(**tokens))
            ok &= compare("text_embeds", text_embeds.numpy(), diagonal["text_embeds"], args.tolerance)
        scale = float(model.logit_scale)
        if "logit_scale" in diagonal:
            same = abs(scale - diagonal["logit_scale"]) <= args.tolerance * max(1.0, abs(scale))
            print(f"logit_scale: transformers {scale:.7g}, Diagonal {diagonal['logit_scale']:.7g} {'OK' if same else 'FAIL'}")
            ok &= same
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
