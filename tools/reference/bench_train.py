"""Contrastive fine-tuning throughput, Diagonal vs Hugging Face/PyTorch, side by side in one run.

Set-up (once, any machine with the local pip mirror):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Build Diagonal first (mvn -q -DskipTests package, or let ./diagonal build itself), then from the repository root:
    .venv/bin/python tools/reference/bench_train.py [--work /tmp/diagonal-bench-train] [--rounds 1] [--labelled]

Both sides do the same work on the same data: a ViT-B/32-shaped random CLIP checkpoint (CLIPConfig()
defaults, F32) with the CLIP tokenizer files of assets/tokenizer/clip, a generated set of JPEG images
of assorted sizes with one caption each (a caption-only CSV manifest), batch 32, and per step: decode
and preprocess the images (CLIPImageProcessor, Pillow), tokenize the captions, forward, CLIP loss,
backward, global-norm clipping, AdamW (decay and no-decay groups), the logit-scale clamp.

  HF     : a plain PyTorch loop in a child Python process (this file with --worker hf);
  Java   : `./diagonal finetune --max-steps N ...` in a child JVM; its per-step images/s come from the
           run's metrics.jsonl, and it is killed once the last timed step is logged (its end-of-run
           evaluation and checkpoint are not part of the measurement).

Steps 1..warmup are not timed; images/s = batch x timed steps / their summed step time (data loading
included).

--labelled trains on the same images labelled by their shape (4 classes, an `image,label` manifest), so a
labelled set's batches are measured: Diagonal fills batches of --batch-size from any classes (--batches fill);
each image gets a caption from one of Diagonal's default templates, a batch's identical (class, caption) texts
share one column, and same-class pairs are positives (the multi-positive loss of
make_multipositive_fixtures.py). The HF loop does the same in PyTorch (its template picks are its own, so the
number of text columns per batch is alike in distribution, not equal). The summary states the batch size
Diagonal's run.json says it used.

Rounds interleave HF and Java (the order alternates). Peak RSS is the child's VmHWM read
when its last timed step ends. The host may be shared: trust only side-by-side numbers of one run.
"""
import argparse
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLOURS = ["red", "green", "blue", "yellow", "purple", "orange", "cyan", "black"]
SHAPES = ["circle", "square", "triangle", "star"]
# Diagonal's CaptionTemplates defaults, for label-only data
TEMPLATES = ["a photo of a {}.", "a close-up photo of a {}.", "a drawing of a {}.", "a painting of a {}.",
             "a cartoon of a {}.", "an emoji of {}.", "an icon of {}.", "a rendering of a {}."]


def prepare(work, images, labelled_set=False):
    """The model folder and the image set, made once and reused."""
    import numpy as np
    from PIL import Image, ImageDraw
    model_dir = os.path.join(work, "model")
    if not os.path.exists(os.path.join(model_dir, "model.safetensors")):
        import torch
        from transformers import CLIPConfig, CLIPModel
        try:
            from transformers import CLIPImageProcessorPil as Processor
        except ImportError:
            from transformers import CLIPImageProcessor as Processor
        torch.manual_seed(0)
        CLIPModel(CLIPConfig()).save_pretrained(model_dir)
        Processor().save_pretrained(model_dir)
        for name in os.listdir(os.path.join(REPO, "assets", "tokenizer", "clip")):
            shutil.copy(os.path.join(REPO, "assets", "tokenizer", "clip", name), model_dir)
    data_dir = os.path.join(work, "data")
    manifest = os.path.join(data_dir, "train.csv")
    if not os.path.exists(os.path.join(data_dir, "train-labelled.csv")):
        os.makedirs(os.path.join(data_dir, "images"), exist_ok=True)
        rng = random.Random(1)
        lines, labelled = ["image,caption"], ["image,label"]
        for i in range(images):
            colour, shape = rng.choice(COLOURS), rng.choice(SHAPES)
            w, h = rng.randint(280, 520), rng.randint(240, 480)
            noise = np.random.default_rng(i).integers(150, 256, (h, w, 3), dtype=np.uint8)
            image = Image.fromarray(noise)
            draw = ImageDraw.Draw(image)
            x, y, s = rng.randint(0, w // 2), rng.randint(0, h // 2), rng.randint(60, min(w, h) // 2)
            box = [x, y, x + s, y + s]
            if shape == "circle":
                draw.ellipse(box, fill=colour)
            elif shape == "square":
                draw.rectangle(box, fill=colour)
            else:
                draw.polygon([(x, y + s), (x + s, y + s), (x + s // 2, y)], fill=colour)
            name = f"images/{i:04d}.jpg"
            image.save(os.path.join(data_dir, name), quality=90)
            lines.append(f"{name},a photo of a {colour} {shape} number {i}.")
            labelled.append(f"{name},{shape}")
        with open(os.path.join(data_dir, "train-labelled.csv"), "w") as f:
            f.write("\n".join(labelled) + "\n")
        with open(manifest, "w") as f:
            f.write("\n".join(lines) + "\n")
    return model_dir, os.path.join(data_dir, "train-labelled.csv") if labelled_set else manifest


def vm_hwm_mb(pid="self"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def hf_worker(args):
    """The PyTorch loop; prints one JSON line with the step times and peak RSS."""
    import torch
    from PIL import Image
    from transformers import CLIPModel, CLIPTokenizerFast
    try:
        from transformers import CLIPImageProcessorPil as Processor
    except ImportError:
        from transformers import CLIPImageProcessor as Processor
    model_dir, manifest = prepare(args.work, args.images, args.labelled)
    base = os.path.dirname(manifest)
    with open(manifest) as f:
        rows = [line.rstrip("\n").split(",", 1) for line in f.readlines()[1:]]
    if args.labelled:  # a template per image, fixed for the run as Diagonal's fillCaptions does
        picks = random.Random(0)
        rows = [(path, label, TEMPLATES[picks.randrange(len(TEMPLATES))].format(label)) for path, label in rows]
    processor = Processor.from_pretrained(model_dir)
    tokenizer = CLIPTokenizerFast.from_pretrained(model_dir)
    model = CLIPModel.from_pretrained(model_dir, dtype=torch.float32).train()

    def decays(name):
        return not (name.endswith("bias") or name == "logit_scale" or "layer_norm" in name or "layrnorm" in name
                    or "layernorm" in name or name.endswith("token_embedding.weight")
                    or name.endswith("position_embedding.weight") or name.endswith("class_embedding"))
    params = list(model.named_parameters())
    optimizer = torch.optim.AdamW([
        dict(params=[p for n, p in params if decays(n)], weight_decay=0.1),
        dict(params=[p for n, p in params if not decays(n)], weight_decay=0.0)], lr=1e-5, betas=(0.9, 0.98), eps=1e-6)
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    warmup = max(1, int(args.steps * 0.1))
    times = []
    for step in range(args.steps):
        started = time.perf_counter()
        batch = [rows[i] for i in order[step * args.batch_size:(step + 1) * args.batch_size]]
        images = [Image.open(os.path.join(base, row[0])).convert("RGB") for row in batch]
        pixel_values = processor(images=images, return_tensors="pt").pixel_values
        if args.labelled:
            columns = list(dict.fromkeys((row[1], row[2]) for row in batch))  # identical texts share a column
            captions = [caption for _, caption in columns]
        else:
            captions = [row[1] for row in batch]
        tokens = tokenizer(captions, padding=True, truncation=True, max_length=77, return_tensors="pt")
        lr = 1e-5 * (step + 1) / warmup if step < warmup else \
            1e-5 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, args.steps - warmup)))
        for group in optimizer.param_groups:
            group["lr"] = lr
        if args.labelled:
            logits = model(input_ids=tokens.input_ids, attention_mask=tokens.attention_mask,
                           pixel_values=pixel_values).logits_per_image
            positive = torch.tensor([[float(row[1] == label) for label, _ in columns] for row in batch])
            to_texts = positive / positive.sum(1, keepdim=True)
            to_images = positive / positive.sum(0, keepdim=True)
            loss = (-(to_texts * logits.log_softmax(1)).sum(1).mean()
                    - (to_images * logits.log_softmax(0)).sum(0).mean()) / 2
        else:
            loss = model(input_ids=tokens.input_ids, attention_mask=tokens.attention_mask, pixel_values=pixel_values,
                         return_loss=True).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        with torch.no_grad():
            model.logit_scale.clamp_(0, math.log(100))
        times.append(time.perf_counter() - started)
        print(f"hf step {step + 1}: loss {loss.item():.4f} {times[-1]:.2f}s", file=sys.stderr, flush=True)
    print(json.dumps(dict(step_seconds=times, rss_mb=vm_hwm_mb(), threads=torch.get_num_threads())), flush=True)


def run_hf(args):
    command = [sys.executable, os.path.abspath(__file__), "--worker", "hf", "--work", args.work, "--steps",
               str(args.steps), "--batch-size", str(args.batch_size), "--images", str(args.images)]
    if args.labelled:
        command.append("--labelled")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"HF worker failed ({status})")
    result = json.loads(out.strip().splitlines()[-1])
    result["ru_maxrss_mb"] = usage.ru_maxrss / 1024
    return result


def run_java(args, model_dir, manifest, round_index):
    run_dir = os.path.join(args.work, f"java-run-{round_index}")
    shutil.rmtree(run_dir, ignore_errors=True)
    command = [args.diagonal, "finetune", "--model", model_dir, "--train", manifest, "--out", run_dir,
               "--batch-size", str(args.batch_size), "--epochs", "1", "--max-steps", str(args.steps),
               "--lr", "1e-5", "--val-fraction", "0", "--eval-every", "1000000", "--checkpoint-every", "1000000",
               "--device", "cpu", "--log-every", "1", "--seed", "0"]
    process = subprocess.Popen(command, stdout=sys.stderr, stderr=sys.stderr)
    metrics = os.path.join(run_dir, "metrics.jsonl")
    steps, rss = {}, float("nan")
    while process.poll() is None:
        if os.path.exists(metrics):
            with open(metrics) as f:
                for line in f:
                    if line.endswith("\n") and '"loss"' in line:
                        record = json.loads(line)
                        steps[record["step"]] = args.batch_size / record["images_per_second"]
        if len(steps) >= args.steps:
            rss = vm_hwm_mb(process.pid)
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    _, status, usage = os.wait4(process.pid, 0)
    if len(steps) < args.steps:
        raise SystemExit(f"diagonal finetune ended early ({status}) after {len(steps)} steps")
    with open(os.path.join(run_dir, "run.json")) as f:
        used = json.load(f)["hyperparameters"].get("batch_size_used")
    if used != args.batch_size:
        raise SystemExit(f"diagonal trained with batches of {used}, not {args.batch_size}")
    shutil.rmtree(run_dir, ignore_errors=True)
    return dict(step_seconds=[steps[s] for s in sorted(steps)], rss_mb=rss, ru_maxrss_mb=usage.ru_maxrss / 1024,
                batch_size_used=used)


def throughput(result, args):
    """Mean images/s over the timed steps, and two figures robust to a noisy host: from the median
    and from the fastest timed step."""
    timed = sorted(result["step_seconds"][args.warmup:])
    median = timed[len(timed) // 2] if len(timed) % 2 else (timed[len(timed) // 2 - 1] + timed[len(timed) // 2]) / 2
    result["median_images_per_second"] = args.batch_size / median
    result["best_step_images_per_second"] = args.batch_size / timed[0]
    return args.batch_size * len(timed) / sum(timed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/diagonal-bench-train")
    parser.add_argument("--diagonal", default=os.path.join(REPO, "diagonal"))
    parser.add_argument("--steps", type=int, default=13)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--images", type=int, default=448)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--labelled", action="store_true", help="train on the images labelled by shape")
    parser.add_argument("--worker", choices=["hf"])
    args = parser.parse_args()
    if args.worker == "hf":
        hf_worker(args)
        return
    if args.images < args.steps * args.batch_size:
        raise SystemExit("--images must cover the steps in one epoch (so no side gets cached images)")
    os.makedirs(args.work, exist_ok=True)
    model_dir, manifest = prepare(args.work, args.images, args.labelled)
    results = {"hf": [], "java": []}
    for r in range(args.rounds):
        for side in (["hf", "java"] if r % 2 == 0 else ["java", "hf"]):
            result = run_hf(args) if side == "hf" else run_java(args, model_dir, manifest, r)
            result["images_per_second"] = throughput(result, args)
            results[side].append(result)
            print(f"round {r + 1} {side}: {result['images_per_second']:.2f} img/s (median step "
                  f"{result['median_images_per_second']:.2f}, best step {result['best_step_images_per_second']:.2f}), "
                  f"peak RSS {result['rss_mb']:.0f} MB "
                  f"(ru_maxrss {result['ru_maxrss_mb']:.0f} MB), steps "
                  + " ".join(f"{t:.2f}" for t in result["step_seconds"]), flush=True)
    hf = sum(r["images_per_second"] for r in results["hf"]) / args.rounds
    java = sum(r["images_per_second"] for r in results["java"]) / args.rounds
    def best(side):
        return max(r["best_step_images_per_second"] for r in results[side])

    def median(side):
        return sum(r["median_images_per_second"] for r in results[side]) / args.rounds
    summary = dict(labelled=args.labelled, batch_size=args.batch_size,
                   java_batch_size_used=results["java"][0]["batch_size_used"], timed_steps=args.steps - args.warmup, rounds=args.rounds,
                   hf_images_per_second=hf, java_images_per_second=java, ratio_java_over_hf=java / hf,
                   hf_median_step_images_per_second=median("hf"), java_median_step_images_per_second=median("java"),
                   ratio_of_medians=median("java") / median("hf"), hf_best_step_images_per_second=best("hf"),
                   java_best_step_images_per_second=best("java"), ratio_of_best_steps=best("java") / best("hf"),
                   hf_peak_rss_mb=max(r["rss_mb"] for r in results["hf"]),
                   java_peak_rss_mb=max(r["rss_mb"] for r in results["java"]))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
