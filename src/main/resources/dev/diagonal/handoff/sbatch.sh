#!/usr/bin/env bash
# SLURM template for this Diagonal hand-off job: edit the #SBATCH lines for your cluster, then `sbatch sbatch.sh`.
#SBATCH --job-name=diagonal-handoff
#SBATCH --nodes=1
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=4
#SBATCH --cpus-per-task=16
#SBATCH --time=24:00:00
#SBATCH --output=%x-%j.log
set -euo pipefail
JOB="${SLURM_SUBMIT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
# module load cuda; source /path/to/venv/bin/activate   # site-specific
export NNODES="${SLURM_NNODES:-1}"
export MASTER_ADDR="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
export MASTER_PORT="${MASTER_PORT:-29500}"
export NPROC=$(( ${SLURM_GPUS_ON_NODE:-1} * NNODES ))   # accelerate's --num_processes is the total
srun --ntasks-per-node=1 bash -c 'NODE_RANK=$SLURM_NODEID exec "'"$JOB"'/launch.sh"'
