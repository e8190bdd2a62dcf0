#!/usr/bin/env bash
# Local LoRA training throughput on a GPU machine: fedlora's webgpu backend against PyTorch fp32 eager on the same
# GPU, and fedlora's native-cpu backend on the machine's cores, for builtin:tiny (8 × 128), SmolLM2-135M's shapes
# (1 × 255 and 8 × 256) and Llama 3.2 1B's shapes (1 × 512; webgpu and PyTorch only: its 5 GB of float32 weights
# exceed the wasm heap that native-cpu uses). Takes a few minutes; writes bench-results/train-<time>.json.
#
# Needs: `npm install` done; the GPU's Vulkan driver (NVIDIA: the proprietary driver with its Vulkan ICD,
# /usr/share/vulkan/icd.d/nvidia_icd.json; check with `vulkaninfo --summary`); a python3 with a CUDA build of torch
# (or FEDLORA_TORCH_PYTHON naming one). Usage: bash bench/gpu-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."

python=${FEDLORA_TORCH_PYTHON:-python3}
if ! "$python" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  echo "gpu-throughput: $python has no torch with CUDA; set FEDLORA_TORCH_PYTHON" >&2
  exit 1
fi
export FEDLORA_TORCH_PYTHON=$python FEDLORA_TORCH_DEVICE=cuda
export BENCH_TRAIN_MODELS=${BENCH_TRAIN_MODELS:-tiny,smollm2,smollm2-batch8,llama-1b}
export BENCH_TRAIN_BACKENDS=${BENCH_TRAIN_BACKENDS:-webgpu,native-cpu}
npm run bench:train
