"""Held-out fidelity check: random CLIP configs Diagonal's tests never saw, end to end.

For each case: a random CLIPConfig (widths, heads, layers, activation, eps, image/patch size,
projection, pooling rule), random weights stored as F32, F16 or BF16 (sometimes sharded), a random
preprocessor config, the real CLIP tokenizer; random images of assorted sizes/modes and tricky texts.
HF computes features; `./diagonal embed` computes them from the same files; the worst relative
difference per case is printed. Exit code 1 if any case is past 1e-4.

    .venv/bin/python tools/reference/verify_random_configs.py [--cases 6] [--seed 99]
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch
from PIL import Image
from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPTokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACTS = ["quick_gelu", "gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu", "gelu_10", "mish"]
TEXTS = ["a photo of a dog.", "Zwei Äpfel & eine Birne", "🍎🍏 x3!!", "don't STOP", "", "word " * 90, "日本語のテキスト"]


def random_config(rng):
    def tower(width_choices):
        heads = rng.choice([1, 2, 3, 4, 8])
        width = heads * rng.choice(width_choices)
        return dict(hidden_size=width, num_attention_heads=heads, num_hidden_layers=rng.randint(1, 3),
                    intermediate_size=rng.randint(8, 96), hidden_act=rng.choice(ACTS),
                    layer_norm_eps=rng.choice([1e-5, 1e-6, 1e-3, 1e-12]))
    patch = rng.choice([4, 5, 8, 14, 16])
    vision = tower([4, 6, 8, 12]) | dict(patch_size=patch, image_size=patch * rng.randint(1, 5) + rng.choice([0, 0, 1, 3]))
    text = tower([4, 8, 10]) | dict(vocab_size=49408, max_position_embeddings=rng.choice([77, 77, 40]),
                                    bos_token_id=49406, eos_token_id=rng.choice([2, 49407]), pad_token_id=1)
    return CLIPConfig(text_config=text, vision_config=vision, projection_dim=rng.randint(4, 40),
                      logit_scale_init_value=rng.uniform(0, 4.6))


def make_images(folder, rng, count=4):
    names = []
    for i in range(count):
        w, h = rng.randint(5, 300), rng.randint(5, 300)
        mode = rng.choice(["RGB", "L", "RGBA", "P"])
        ext = rng.choice(["png", "png", "jpg", "bmp", "webp"]) if mode in ("RGB", "L") else "png"
        data = np.random.default_rng(rng.randint(0, 10**6)).integers(0, 256, (h, w, 3), dtype=np.uint8)
        image = Image.fromarray(data).convert(mode)
        name = f"img{i}.{ext}"
        image.save(os.path.join(folder, name))
        names.append(name)
    return names


def run_case(index, rng, diagonal, work):
    folder = os.path.join(work, f"case{index}")
    torch.manual_seed(rng.randint(0, 10**6))
    config = random_config(rng)
    model = CLIPModel(config).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    dtype = rng.choice([torch.float32, torch.float16, torch.bfloat16])
    shard = rng.choice([None, "50KB"])
    model.to(dtype).save_pretrained(folder, **({"max_shard_size": shard} if shard else {}))
    for name in os.listdir(os.path.join(ROOT, "assets/tokenizer/clip")):
        shutil.copy(os.path.join(ROOT, "assets/tokenizer/clip", name), folder)
    size = config.vision_config.image_size
    crop = {"height": size, "width": size}
    CLIPImageProcessor(size={"shortest_edge": size + rng.choice([0, 0, 7])}, crop_size=crop,
                       image_mean=[rng.uniform(0.3, 0.6) for _ in range(3)],
                       image_std=[rng.uniform(0.2, 0.3) for _ in range(3)]).save_pretrained(folder)
    names = make_images(folder, rng)
    ref = CLIPModel.from_pretrained(folder, dtype=torch.float32).eval()
    processor = CLIPImageProcessor.from_pretrained(folder)
    tokenizer = CLIPTokenizer.from_pretrained(folder)
    max_len = config.text_config.max_position_embeddings
    with torch.no_grad():
        pixels = processor(images=[Image.open(os.path.join(folder, n)) for n in names], return_tensors="pt")["pixel_values"]
        tokens = tokenizer(TEXTS, padding=True, truncation=True, max_length=max_len, return_tensors="pt")
        want_img = ref.get_image_features(pixel_values=pixels).pooler_output.numpy()
        want_txt = ref.get_text_features(**tokens).pooler_output.numpy()
    out = os.path.join(folder, "out.json")
    cmd = [diagonal, "embed", "--model", folder, "--device", "cpu", "--out", out]
    for n in names:
        cmd += ["--image", os.path.join(folder, n)]
    for t in TEXTS:
        cmd += ["--text", t]
    subprocess.run(cmd, check=True)
    got = json.load(open(out))
    worst = 0.0
    for want, key in ((want_img, "image_embeds"), (want_txt, "text_embeds")):
        have = np.array(got[key], dtype=np.float64)
        for a, b in zip(have, want):
            worst = max(worst, float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-30)))
    v, t = config.vision_config, config.text_config
    print(f"case {index}: vision {v.num_hidden_layers}x{v.hidden_size}/{v.num_attention_heads}h {v.hidden_act} "
          f"img {v.image_size}/p{v.patch_size}; text {t.num_hidden_layers}x{t.hidden_size}/{t.num_attention_heads}h "
          f"{t.hidden_act} len {t.max_position_embeddings} eos {t.eos_token_id}; proj {config.projection_dim}; "
          f"{str(dtype)[6:]}{' sharded' if shard else ''}: worst relative diff {worst:.2e}")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=6)
    parser.add_argument("--seed", type=int, default=99)
    parser.add_argument("--diagonal", default=os.path.join(ROOT, "diagonal"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        worst = max(run_case(i, rng, args.diagonal, work) for i in range(args.cases))
    print(f"worst over {args.cases} cases: {worst:.2e} (limit 1e-4)")
    sys.exit(0 if worst <= 1e-4 else 1)


if __name__ == "__main__":
    main()
