"""Checks a WiSE-FT export (`diagonal export --run RUN --wise-ft A --out OUT`) against the interpolation done
in torch: every float tensor of OUT must equal (1 - A) * start + A * run computed in float32 from the two
folders' safetensors, and transformers must load OUT as a CLIPModel.

    /work/venv/bin/python tools/reference/check_wise_ft.py --start MODEL --run RUN_WEIGHTS --export OUT --alpha A
"""
import argparse
import json
import os

import torch
from safetensors.torch import load_file
from transformers import CLIPModel


def tensors(folder):
    single = os.path.join(folder, "model.safetensors")
    if os.path.exists(single):
        return load_file(single)
    with open(os.path.join(folder, "model.safetensors.index.json")) as f:
        shards = sorted(set(json.load(f)["weight_map"].values()))
    out = {}
    for shard in shards:
        out.update(load_file(os.path.join(folder, shard)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", required=True, help="the model the run started from")
    parser.add_argument("--run", required=True, help="the run's weights folder (best/ or a checkpoint)")
    parser.add_argument("--export", required=True)
    parser.add_argument("--alpha", type=float, required=True)
    args = parser.parse_args()
    start, run, out = tensors(args.start), tensors(args.run), tensors(args.export)
    a = torch.tensor(args.alpha, dtype=torch.float32)
    worst, checked = 0.0, 0
    for key, tuned in run.items():
        if not tuned.is_floating_point():
            assert torch.equal(out[key], tuned), key
            continue
        expected = (1 - a) * start[key].float() + a * tuned.float()
        diff = (out[key].float() - expected).abs().max().item() if expected.numel() else 0.0
        worst = max(worst, diff)
        checked += 1
    assert set(out) == set(run), f"keys differ: {sorted(set(out) ^ set(run))[:5]}"
    CLIPModel.from_pretrained(args.export)
    print(f"{checked} float tensors, max |export - torch interpolation| = {worst:.3g}; transformers loads {args.export}")
    assert worst <= 1e-6, "the export is not the interpolation"


if __name__ == "__main__":
    main()
