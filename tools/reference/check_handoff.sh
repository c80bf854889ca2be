#!/usr/bin/env bash
# End-to-end check of the hand-off (docs/handoff.md): makes a job for the tiny random test checkpoint, runs it
# as NPROC processes (default 2, gloo on CPU) through launch.sh, imports it with import-run, evaluates and
# exports the run, and loads the imported weights in transformers. Prints the timings.
#   PYTHON (default /work/venv/bin/python)  NPROC (default 2)  WORK (default: a temporary folder)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-/work/venv/bin/python}"
export NPROC="${NPROC:-2}"
WORK="${WORK:-$(mktemp -d)}"
diagonal="$repo/diagonal"
t() { date +%s.%N; }
mkdir -p "$WORK/model" "$WORK/data"
cp "$repo"/src/test/resources/fixtures/clip/tiny-quickgelu-f16/* "$repo"/assets/tokenizer/clip/* "$WORK/model/"
cp "$repo/src/test/resources/fixtures/e2e/preprocessor_config.json" "$WORK/model/"
"$PYTHON" - "$WORK/data" <<'PY'
import sys
from PIL import Image
out = sys.argv[1]
colors = ["red", "green", "blue", "yellow", "purple", "orange", "black", "white", "pink", "brown", "gray", "cyan"]
rows = ["image,caption"]
for c in colors:
    Image.new("RGB", (40, 40), c).save(f"{out}/{c}.png")
    rows.append(f"{c}.png,a {c} square")
open(f"{out}/pairs.csv", "w").write("\n".join(rows) + "\n")
PY
rm -rf "$WORK/job" "$WORK/run" "$WORK/export"
s=$(t); "$diagonal" handoff --model "$WORK/model" --train "$WORK/data/pairs.csv" --out "$WORK/job" \
    --epochs 2 --batch-size 4 --lr 1e-3 --val-fraction 0.25 --warmup-steps 1; e=$(t)
echo "handoff: $(echo "$e - $s" | bc) s"
s=$(t); PYTHON="$PYTHON" "$WORK/job/launch.sh" > "$WORK/launch.out" 2>&1; e=$(t)
echo "launch.sh with NPROC=$NPROC: $(echo "$e - $s" | bc) s"; cat "$WORK/job/output/handoff.json"; echo
s=$(t); "$diagonal" import-run "$WORK/job/output" --out "$WORK/run"; e=$(t); echo "import-run: $(echo "$e - $s" | bc) s"
s=$(t); "$diagonal" evaluate --model "$WORK/run" --data "$WORK/data/pairs.csv" --device cpu --out "$WORK/eval.json"; e=$(t)
echo "evaluate: $(echo "$e - $s" | bc) s"
"$diagonal" export --run "$WORK/run" --out "$WORK/export"
"$PYTHON" - "$WORK/run" "$WORK/export" <<'PY'
import glob, sys, torch
from transformers import CLIPModel
for folder in [f"{sys.argv[1]}/best", *glob.glob(f"{sys.argv[1]}/checkpoints/step-*"), sys.argv[2]]:
    m = CLIPModel.from_pretrained(folder)
    print(f"transformers loads {folder}: {sum(p.numel() for p in m.parameters())} parameters, "
          f"logit_scale {float(m.logit_scale.detach()):.4f}")
PY
echo "check_handoff: OK ($WORK)"
