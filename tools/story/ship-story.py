#!/usr/bin/env python3
"""Copies the story a fresh clone's workbench opens on into the sample project.

    ./diagonal demo --out /tmp/demo-report
    ./diagonal compare ... --out /tmp/compare-ft      # the command in docs/compare.md
    python3 tools/story/ship-story.py /tmp/demo-report /tmp/compare-ft

writes sample-projects/emoji-styles/runs/story-contrastive (the demo's contrastive run: run.json,
metrics.jsonl, similarity snapshots; no weights) and comparisons/lora-contrastive (comparison.json,
.csv, the charts, cells/; no run folders), with every path made relative so the clone can live anywhere.
"""
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = os.path.join(ROOT, "sample-projects", "emoji-styles")
MODEL = os.path.join(ROOT, "assets", "models", "diagonal-starter-emoji")
LABELS = os.path.join(PROJECT, "twitter-adapt-labels.csv")


def relative(path, start):
    return os.path.relpath(path, start) if os.path.isabs(path) else path


def ship_run(report):
    source = os.path.join(report, "runs", "contrastive")
    target = os.path.join(PROJECT, "runs", "story-contrastive")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(os.path.join(target, "similarity"))
    run = json.load(open(os.path.join(source, "run.json")))
    run["id"] = "story-contrastive"
    run["hyperparameters"]["model"] = relative(MODEL, target)
    # the demo trained on its own copy of these rows (adaptation-labels.csv, absolute image paths)
    run["hyperparameters"]["train"] = relative(LABELS, target)
    run["provenance"]["model"]["path"] = relative(MODEL, target)
    for data in run["provenance"].get("data", []):
        data["path"] = relative(LABELS, target)
    json.dump(run, open(os.path.join(target, "run.json"), "w"), indent=2)
    shutil.copy(os.path.join(source, "metrics.jsonl"), target)
    for name in os.listdir(os.path.join(source, "similarity")):
        snapshot = json.load(open(os.path.join(source, "similarity", name)))
        if snapshot.get("imagePaths"):
            snapshot["imagePaths"] = [relative(p, target) for p in snapshot["imagePaths"]]
        json.dump(snapshot, open(os.path.join(target, "similarity", name), "w"))


def ship_comparison(folder):
    target = os.path.join(PROJECT, "comparisons", "lora-contrastive")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(os.path.join(target, "cells"))
    comparison = json.load(open(os.path.join(folder, "comparison.json")))
    for key in ("model", "train", "test"):
        comparison[key] = relative(comparison[key], target)
    comparison["shifts"] = {k: relative(v, target) for k, v in comparison["shifts"].items()}
    json.dump(comparison, open(os.path.join(target, "comparison.json"), "w"), indent=2)
    for name in ("comparison.csv", "few-shot.png", "id-vs-ood.png"):
        shutil.copy(os.path.join(folder, name), target)
    for name in os.listdir(os.path.join(folder, "cells")):
        shutil.copy(os.path.join(folder, "cells", name), os.path.join(target, "cells"))


if __name__ == "__main__":
    ship_run(sys.argv[1])
    ship_comparison(sys.argv[2])
