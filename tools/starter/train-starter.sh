#!/usr/bin/env bash
# Rebuilds assets/models/diagonal-starter-emoji from random initialisation with Diagonal itself:
# the exact commands (and seed) behind the shipped starter model. About 20 minutes on 2 CPU cores.
# Usage: tools/starter/train-starter.sh [WORK_DIR]   (default: target/starter)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work="${1:-target/starter}"
sample=sample-projects/emoji-styles
mkdir -p "$work"
./diagonal init --config tools/starter/config.json --out "$work/init" --seed 0 --force
./diagonal finetune --model "$work/init" --train "$sample/google.csv" --val "$sample/google.csv" \
  --out "$work/run" --epochs 30 --batch-size 64 --lr 1e-3 --eval-every 150 \
  --augment crop,affine,background --caption-templates "$sample/templates.txt" --seed 0
./diagonal export --run "$work/run" --checkpoint latest --dtype f16 --out assets/models/diagonal-starter-emoji --force
echo "now restore the model card: git checkout assets/models/diagonal-starter-emoji/README.md assets/models/diagonal-starter-emoji/training-curve.png"
