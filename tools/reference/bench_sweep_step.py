"""One optimizer step of a sample-project compare cell, Diagonal vs Hugging Face/PyTorch, side by side in one run.

The step that `compare`'s contrastive cells repeat (issue 16's 20-minute sweep): the starter model
(assets/models/diagonal-starter-emoji, 64 px, 9 M parameters) on the labels-only adaptation set, batch 32,
each image against one prompt of every one of the 98 classes (Diagonal's `--batches classes`, CLIP-LoRA's
objective: cross-entropy over the classes), the project's templates, full fine-tuning at a fixed lr,
gradient clipping at 1, AdamW. Data loading is inside the timed step on both sides.

Set-up (once): python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Build Diagonal first (mvn -q -DskipTests package), then from the repository root:
    .venv/bin/python tools/reference/bench_sweep_step.py [--steps 60] [--warmup 10] [--rounds 2]

HF is a plain PyTorch loop in this process; Diagonal is `finetune --max-steps N` in a child JVM, its
per-step images/s read from the run's metrics.jsonl. Rounds alternate the order. Trust only the
side-by-side numbers of one run: the host may be shared.
"""
import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(REPO, "assets", "models", "diagonal-starter-emoji")
PROJECT = os.path.join(REPO, "sample-projects", "emoji-styles")
TRAIN = os.path.join(PROJECT, "twitter-adapt-labels.csv")
TEMPLATES = os.path.join(PROJECT, "templates.txt")
BATCH = 32
LR = 1e-4


def templates():
    with open(TEMPLATES) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def samples():
    with open(TRAIN) as f:
        return [(os.path.join(PROJECT, row["filepath"]), row["label"]) for row in csv.DictReader(f)]


def run_hf(steps, warmup):
    import torch
    from PIL import Image
    from transformers import CLIPModel, CLIPTokenizer
    try:
        from transformers import CLIPImageProcessorPil as Processor
    except ImportError:
        from transformers import CLIPImageProcessor as Processor
    torch.manual_seed(0)
    model = CLIPModel.from_pretrained(MODEL, dtype=torch.float32)  # the starter is stored in F16; train in F32 as Diagonal does
    model.train()
    tokenizer = CLIPTokenizer.from_pretrained(MODEL)
    processor = Processor.from_pretrained(MODEL)
    data = samples()
    classes = sorted({label for _, label in data})
    index = {c: i for i, c in enumerate(classes)}
    prompts = templates()
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=LR)
    rng = random.Random(0)
    order = []
    timed = 0.0
    for step in range(1, steps + 1):
        start = time.perf_counter()
        if len(order) < BATCH:
            order += rng.sample(range(len(data)), len(data))
        batch, order = order[:BATCH], order[BATCH:]
        images = [Image.open(data[i][0]).convert("RGBA").convert("RGB") for i in batch]
        pixels = processor(images=images, return_tensors="pt")["pixel_values"]
        texts = [rng.choice(prompts).replace("{}", c) for c in classes]
        tokens = tokenizer(texts, padding=True, truncation=True, max_length=32, return_tensors="pt")
        labels = torch.tensor([index[data[i][1]] for i in batch])
        image_features = torch.nn.functional.normalize(model.visual_projection(model.vision_model(pixel_values=pixels).pooler_output), dim=-1)
        text_features = torch.nn.functional.normalize(model.text_projection(model.text_model(**tokens).pooler_output), dim=-1)
        logits = model.logit_scale.exp() * image_features @ text_features.t()
        loss = torch.nn.functional.cross_entropy(logits, labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, 4.6052)
        if step > warmup:
            timed += time.perf_counter() - start
    return BATCH * (steps - warmup) / timed


def run_java(steps, warmup):
    jar = os.path.join(REPO, "target", "diagonal.jar")
    work = tempfile.mkdtemp(prefix="diagonal-bench-sweep-")
    try:
        out = os.path.join(work, "run")
        subprocess.run(["java", "-jar", jar, "finetune", "--model", MODEL, "--train", TRAIN, "--method", "contrastive",
                        "--lr", str(LR), "--max-steps", str(steps), "--warmup-steps", "0", "--val-fraction", "0",
                        "--eval-every", str(10 * steps), "--caption-templates", TEMPLATES, "--seed", "0",
                        "--out", out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rates = []
        with open(os.path.join(out, "metrics.jsonl")) as f:
            for line in f:
                record = json.loads(line)
                if "images_per_second" in record and record.get("step", 0) > warmup:
                    rates.append(record["images_per_second"])
        # images/s over the timed steps: total images / total time, as on the HF side
        return len(rates) * BATCH / sum(BATCH / r for r in rates)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for r in range(args.rounds):
        sides = ["hf", "java"] if r % 2 == 0 else ["java", "hf"]
        result = {}
        for side in sides:
            if side == "hf":
                result["hf"] = run_hf(args.steps, args.warmup)
            else:
                result["java"] = run_java(args.steps, args.warmup)
        print(json.dumps({"round": r + 1, "order": sides, "hf_images_per_second": round(result["hf"], 1),
                          "diagonal_images_per_second": round(result["java"], 1),
                          "hf_seconds_per_step": round(BATCH / result["hf"], 4),
                          "diagonal_seconds_per_step": round(BATCH / result["java"], 4),
                          "ratio": round(result["java"] / result["hf"], 3)}), flush=True)


if __name__ == "__main__":
    main()
