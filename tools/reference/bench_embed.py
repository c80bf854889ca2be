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
    """(items per wall second, process CPU seconds per item) — the CPU figure resists other load."""
    with torch.inference_mode():
        for _ in range(warmup):
            fn()
        passes, start, cpu_start = 0, time.perf_counter(), time.process_time()
        while True:
            fn()
            passes += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return passes * batch / elapsed, (time.process_time() - cpu_start) / (passes * batch)


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
    return ((result["images_per_second"], result["image_cpu_seconds_per_item"]),
            (result["texts_per_second"], result["text_cpu_seconds_per_item"]))


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
        print(f"round {r + 1}: HF {hf[0][0]:.1f} img/s ({hf[0][1]*1000:.0f} CPU ms/img) {hf[1][0]:.1f} txt/s "
              f"({hf[1][1]*1000:.0f} CPU ms/txt) | Diagonal {dg[0][0]:.1f} img/s ({dg[0][1]*1000:.0f} CPU ms/img) "
              f"{dg[1][0]:.1f} txt/s ({dg[1][1]*1000:.0f} CPU ms/txt)")
    for i, what in enumerate(("images", "texts")):
        hf = statistics.median(row[0][i][0] for row in rows)
        dg = statistics.median(row[1][i][0] for row in rows)
        wall = statistics.median(row[1][i][0] / row[0][i][0] for row in rows)
        cpu = statistics.median(row[0][i][1] / row[1][i][1] for row in rows)
        print(f"{what}/s median: HF {hf:.1f}, Diagonal {dg:.1f}; Diagonal/HF speed ratio: wall {wall:.2f}x, "
              f"CPU-time {cpu:.2f}x (median of per-round ratios)")


if __name__ == "__main__":
    main()
