"""Side-by-side embedding throughput: HF transformers vs Diagonal, on one random ViT-B/32-shaped
checkpoint (CLIPConfig() defaults), interleaved in one run so both see the same machine load.

Set-up (once):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root (builds ./diagonal on first use):
    .venv/bin/python tools/reference/bench_embed.py [--rounds 3] [--seconds 10] [--batch-size 32]

Prints images/s and texts/s for each side per round, the medians and the ratio Diagonal / HF.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import torch
from transformers import CLIPConfig, CLIPModel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_checkpoint(folder):
    if os.path.exists(os.path.join(folder, "model.safetensors")):
        return
    torch.manual_seed(0)
    CLIPModel(CLIPConfig()).save_pretrained(folder)
    for name in os.listdir(os.path.join(ROOT, "assets", "tokenizer", "clip")):
        shutil.copy(os.path.join(ROOT, "assets", "tokenizer", "clip", name), folder)


def timed(batch, warmup, seconds, fn):
    with torch.inference_mode():
        for _ in range(warmup):
            fn()
        passes, start = 0, time.perf_counter()
        while True:
            fn()
            passes += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return passes * batch / elapsed


def hf_rates(model, config, batch, warmup, seconds):
    gen = torch.Generator().manual_seed(0)
    v, t = config.vision_config, config.text_config
    pixels = torch.randn((batch, v.num_channels, v.image_size, v.image_size), generator=gen)
    ids = torch.randint(3, 49405, (batch, t.max_position_embeddings), generator=gen)
    ids[:, 0], ids[:, -1] = t.bos_token_id, t.eos_token_id
    images = timed(batch, warmup, seconds, lambda: model.get_image_features(pixel_values=pixels))
    texts = timed(batch, warmup, seconds, lambda: model.get_text_features(input_ids=ids))
    return images, texts


def diagonal_rates(folder, batch, warmup, seconds):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    subprocess.run([os.path.join(ROOT, "diagonal"), "bench", "--model", folder, "--device", "cpu",
                    "--batch-size", str(batch), "--warmup", str(warmup), "--seconds", str(seconds),
                    "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        result = json.load(f)
    os.unlink(out)
    return result["images_per_second"], result["texts_per_second"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", default=os.path.join(tempfile.gettempdir(), "diagonal-bench-vitb32"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    make_checkpoint(args.checkpoint)
    model = CLIPModel.from_pretrained(args.checkpoint, dtype=torch.float32).eval()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, attention: {model.config._attn_implementation}")
    rows = []
    for r in range(args.rounds):
        hf = hf_rates(model, model.config, args.batch_size, args.warmup, args.seconds)
        dg = diagonal_rates(args.checkpoint, args.batch_size, args.warmup, args.seconds)
        rows.append((hf, dg))
        print(f"round {r + 1}: HF {hf[0]:.1f} img/s {hf[1]:.1f} txt/s | Diagonal {dg[0]:.1f} img/s {dg[1]:.1f} txt/s")
    for i, what in enumerate(("images/s", "texts/s")):
        hf = statistics.median(row[0][i] for row in rows)
        dg = statistics.median(row[1][i] for row in rows)
        ratio = statistics.median(row[1][i] / row[0][i] for row in rows)
        print(f"median {what}: HF {hf:.1f}, Diagonal {dg:.1f}; median of per-round ratios Diagonal/HF {ratio:.2f}x")


if __name__ == "__main__":
    main()
