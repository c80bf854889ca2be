"""Parity fixture for Diagonal's Tip-Adapter / Tip-Adapter-F (Zhang et al. 2022) on fixed features.

The formula follows the reference code (github.com/gaopengcuhk/Tip-Adapter, main.py / utils.py):
    keys   = normalise(mean over augmented passes of the raw training features)
    values = one_hot(train labels)
    clip_logits = 100 * f @ clip_weights.T                     (f L2-normalised)
    tip_logits  = clip_logits + alpha * exp(-beta * (1 - f @ keys.T)) @ values
alpha/beta: the reference's search_hp grid (beta outer, alpha inner, first strictly better top-1 wins),
beta = 0.1 + i*(7-0.1)/70, alpha = 0.1 + j*(10-0.1)/50 -- run on the VALIDATION features here, never test.
Tip-Adapter-F: keys are the weight of a bias-free nn.Linear, trained with cross-entropy of tip_logits at
alpha = beta = 1, torch.optim.AdamW(lr 1e-3, eps 1e-4, weight decay 0.01), CosineAnnealingLR over all steps.
numpy computes the logits and the search; torch autograd computes the F steps (an independent check of
Diagonal's hand-written gradient).

Run from the repository root:
    /work/venv/bin/python tools/reference/make_tip_adapter_fixtures.py [--out src/test/resources/fixtures/tip]
Writes tip.safetensors (inputs and expected outputs) and tip.json (alpha, beta, accuracies, settings).
"""
import argparse
import json
import math
import os

import numpy as np
import torch
from safetensors.numpy import save_file

D, C, SHOTS, PASSES, N_VAL, N_TEST = 16, 4, 3, 3, 20, 12
EPOCHS, BATCH, LR, EPS, WD = 2, 5, 1e-3, 1e-4, 0.01


def normalise(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def tip_logits(f, keys, values, clip_weights, alpha, beta):
    f = f.astype(np.float64)
    clip = 100.0 * f @ clip_weights.astype(np.float64).T
    affinity = f @ keys.astype(np.float64).T
    return clip + alpha * np.exp(-beta * (1 - affinity)) @ values.astype(np.float64)


def search(f, labels, keys, values, clip_weights):
    betas = [i * (7 - 0.1) / 70 + 0.1 for i in range(70)]
    alphas = [i * (10 - 0.1) / 50 + 0.1 for i in range(50)]
    best = (-1.0, None, None)
    for beta in betas:
        for alpha in alphas:
            acc = float((tip_logits(f, keys, values, clip_weights, alpha, beta).argmax(1) == labels).mean())
            if acc > best[0]:
                best = (acc, alpha, beta)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="src/test/resources/fixtures/tip")
    args = parser.parse_args()
    rng = np.random.default_rng(15)
    centres = rng.normal(size=(C, D))
    clip_weights = normalise(centres + rng.normal(scale=3.0, size=(C, D))).astype(np.float32)
    train_labels = np.repeat(np.arange(C), SHOTS)
    base = centres[train_labels] + rng.normal(scale=1.0, size=(len(train_labels), D))
    passes = np.stack([base + rng.normal(scale=0.3, size=base.shape) for _ in range(PASSES)]).astype(np.float32)
    keys = normalise(passes.astype(np.float32).mean(0)).astype(np.float32)
    values = np.eye(C, dtype=np.float32)[train_labels]
    val_labels = rng.integers(0, C, N_VAL)
    val = normalise(centres[val_labels] + rng.normal(scale=1.0, size=(N_VAL, D))).astype(np.float32)
    test_labels = rng.integers(0, C, N_TEST)
    test = normalise(centres[test_labels] + rng.normal(scale=1.0, size=(N_TEST, D))).astype(np.float32)

    acc, alpha, beta = search(val, val_labels, keys, values, clip_weights)
    zs_test = 100.0 * test.astype(np.float64) @ clip_weights.astype(np.float64).T
    tip_test = tip_logits(test, keys, values, clip_weights, alpha, beta)

    # Tip-Adapter-F in torch, as the reference trains it; epoch e uses augmented pass e % PASSES, rows in order.
    adapter = torch.nn.Linear(D, len(train_labels), bias=False)
    adapter.weight = torch.nn.Parameter(torch.tensor(keys))
    optimizer = torch.optim.AdamW(adapter.parameters(), lr=LR, eps=EPS, weight_decay=WD)
    steps = EPOCHS * math.ceil(len(train_labels) / BATCH)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    cw = torch.tensor(clip_weights)
    vt = torch.tensor(values)
    out = {}
    losses = []
    for epoch in range(EPOCHS):
        feats = torch.tensor(normalise(passes[epoch % PASSES]).astype(np.float32))
        total = 0.0
        for start in range(0, len(train_labels), BATCH):
            f = feats[start:start + BATCH]
            target = torch.tensor(train_labels[start:start + BATCH])
            affinity = adapter(f)
            cache_logits = ((-1) * (1.0 - 1.0 * affinity)).exp() @ vt
            logits = 100.0 * f @ cw.t() + cache_logits * 1.0
            loss = torch.nn.functional.cross_entropy(logits, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(target)
        losses.append(total / len(train_labels))
        out[f"f_keys_epoch{epoch + 1}"] = adapter.weight.detach().numpy().copy()

    os.makedirs(args.out, exist_ok=True)
    tensors = {"train_passes_raw": passes, "train_labels": train_labels.astype(np.int64), "clip_weights": clip_weights,
               "val": val, "val_labels": val_labels.astype(np.int64), "test": test,
               "test_labels": test_labels.astype(np.int64), "keys": keys, "values": values,
               "zero_shot_logits_test": zs_test.astype(np.float64), "tip_logits_test": tip_test.astype(np.float64)}
    tensors.update(out)
    save_file(tensors, os.path.join(args.out, "tip.safetensors"))
    meta = {"alpha": alpha, "beta": beta, "val_top1": acc,
            "zero_shot_val_top1": float(((100.0 * val @ clip_weights.T).argmax(1) == val_labels).mean()),
            "f_epoch_losses": losses,
            "f_settings": {"epochs": EPOCHS, "batch_size": BATCH, "lr": LR, "eps": EPS, "weight_decay": WD,
                           "init_alpha": 1.0, "init_beta": 1.0}}
    with open(os.path.join(args.out, "tip.json"), "w") as fh:
        json.dump(meta, fh, indent=2)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
