#!/usr/bin/env bash
# Runs this Diagonal hand-off job with `accelerate launch`; the result goes to JOB/output.
#   NPROC   processes (default: one per GPU, else 1)
#   PYTHON  interpreter (default: python3)
#   FSDP=1  shard the model with FSDP (fsdp.yaml) instead of plain DDP
#   DIAGONAL_OUTPUT  output folder (default: JOB/output)
set -euo pipefail
JOB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3}"
if [ -z "${NPROC:-}" ]; then
  NPROC="$("$PYTHON" -c 'import torch; print(torch.cuda.device_count())' 2>/dev/null || echo 0)"
  [ "$NPROC" -ge 1 ] 2>/dev/null || NPROC=1
fi
export DIAGONAL_OUTPUT="${DIAGONAL_OUTPUT:-$JOB/output}"
mkdir -p "$DIAGONAL_OUTPUT"
ARGS=(--num_processes "$NPROC" --num_machines "${NNODES:-1}")
if [ "${NNODES:-1}" -gt 1 ]; then
  ARGS+=(--machine_rank "${NODE_RANK:-0}" --main_process_ip "${MASTER_ADDR}" --main_process_port "${MASTER_PORT:-29500}")
fi
if [ "${FSDP:-0}" = "1" ]; then
  ARGS+=(--config_file "$JOB/fsdp.yaml")
elif ! "$PYTHON" -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  # CPU only: one process runs plainly; several go through torchrun (--multi_gpu is accelerate's name for
  # its torchrun launcher) and talk over gloo, since accelerate's --cpu would want mpirun for that
  if [ "$NPROC" -gt 1 ]; then
    ARGS+=(--multi_gpu)
    export DDP_BACKEND="${DDP_BACKEND:-gloo}"
  else
    ARGS+=(--cpu)
  fi
elif [ "$NPROC" -gt 1 ]; then
  ARGS+=(--multi_gpu)
fi
"$PYTHON" -m accelerate.commands.launch "${ARGS[@]}" "$JOB/train.py" 2>&1 | tee "$DIAGONAL_OUTPUT/launch.log"
