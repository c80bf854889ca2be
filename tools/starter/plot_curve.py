"""Draws a Diagonal run's training curve (loss per step, and evaluation R@1 / zero-shot top-1) as a PNG,
for the starter model's card.

Set-up: python3 -m venv .venv && .venv/bin/pip install --retries 0 matplotlib
Usage:  .venv/bin/python tools/starter/plot_curve.py RUN_DIR OUT.png
"""
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(run_dir, out):
    steps, losses, evals = [], [], {}
    with open(f"{run_dir}/metrics.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if "loss" in row:
                steps.append(row["step"])
                losses.append(row["loss"])
            for key in ("image_to_text_r1", "text_to_image_r1", "zeroshot_top1"):
                if key in row:
                    evals.setdefault(key, []).append((row["step"], row[key]))
    with open(f"{run_dir}/run.json", encoding="utf-8") as f:
        batch = json.load(f)["hyperparameters"]["batch_size"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    top.plot(steps, losses, lw=0.8, label="training loss")
    top.axhline(math.log(batch), color="grey", ls="--", label=f"chance: ln({batch})")
    top.set_ylabel("contrastive loss")
    top.legend()
    names = {"image_to_text_r1": "Google R@1 image→name", "text_to_image_r1": "Google R@1 name→image",
             "zeroshot_top1": "Google subcategory top-1"}
    for key, points in evals.items():
        bottom.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=names[key])
    bottom.set_ylabel("evaluation (no augmentation)")
    bottom.set_xlabel("step")
    bottom.legend()
    fig.suptitle("diagonal-starter-emoji: trained from random initialisation on the Google emoji")
    fig.tight_layout()
    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
