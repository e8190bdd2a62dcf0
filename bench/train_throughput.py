"""PyTorch reference for `npm run bench:train`: trains the same Llama-style model with the same LoRA setup as
fedlora's trainer (LoRA on the chosen projections, base frozen, Adam, mean token cross-entropy) on random tokens,
on the CPU with all cores (or on a CUDA GPU in fp32, with "device": "cuda"), and prints one JSON line with the tokens
per second and the process's peak resident memory.

Usage: python3 train_throughput.py '<json spec>' (see bench/train-throughput.ts for the fields).
"""
import json
import math
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F


class LoraLinear(torch.nn.Module):
    def __init__(self, in_features, out_features, rank, alpha):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(out_features, in_features) * 0.02, requires_grad=False)
        self.lora_a = None
        if rank:
            self.lora_a = torch.nn.Parameter(torch.randn(rank, in_features) / math.sqrt(in_features))
            self.lora_b = torch.nn.Parameter(torch.zeros(out_features, rank))
            self.scaling = alpha / rank

    def forward(self, x):
        out = F.linear(x, self.weight)
        if self.lora_a is not None:
            out = out + F.linear(F.linear(x, self.lora_a), self.lora_b) * self.scaling
        return out


def rms_norm(x, weight, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def rotate_half(x):
    first, second = x.chunk(2, dim=-1)
    return torch.cat((-second, first), dim=-1)


class Layer(torch.nn.Module):
    def __init__(self, c, spec):
        super().__init__()
        self.spec = c
        d, h, k = c["headDim"], c["numHeads"], c["numKvHeads"]
        lin = lambda name, i, o: LoraLinear(i, o, spec["r"] if name in spec["targets"] else 0, spec["alpha"])
        self.q_proj = lin("q_proj", c["hiddenSize"], h * d)
        self.k_proj = lin("k_proj", c["hiddenSize"], k * d)
        self.v_proj = lin("v_proj", c["hiddenSize"], k * d)
        self.o_proj = lin("o_proj", h * d, c["hiddenSize"])
        self.gate_proj = lin("gate_proj", c["hiddenSize"], c["intermediateSize"])
        self.up_proj = lin("up_proj", c["hiddenSize"], c["intermediateSize"])
        self.down_proj = lin("down_proj", c["intermediateSize"], c["hiddenSize"])
        self.norm1 = torch.nn.Parameter(torch.ones(c["hiddenSize"]), requires_grad=False)
        self.norm2 = torch.nn.Parameter(torch.ones(c["hiddenSize"]), requires_grad=False)

    def forward(self, x, cos, sin):
        c = self.spec
        b, t, _ = x.shape
        d, h, k = c["headDim"], c["numHeads"], c["numKvHeads"]
        y = rms_norm(x, self.norm1, c["rmsNormEps"])
        q = self.q_proj(y).view(b, t, h, d).transpose(1, 2)
        kk = self.k_proj(y).view(b, t, k, d).transpose(1, 2)
        v = self.v_proj(y).view(b, t, k, d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        kk = kk * cos + rotate_half(kk) * sin
        kk = kk.repeat_interleave(h // k, dim=1)
        v = v.repeat_interleave(h // k, dim=1)
        mask = torch.full((t, t), float("-inf"), device=x.device).triu(1)
        attended = torch.softmax(q @ kk.transpose(-1, -2) / math.sqrt(d) + mask, dim=-1) @ v
        x = x + self.o_proj(attended.transpose(1, 2).reshape(b, t, h * d))
        y = rms_norm(x, self.norm2, c["rmsNormEps"])
        return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y))


class Model(torch.nn.Module):
    def __init__(self, c, spec):
        super().__init__()
        self.spec = c
        self.embed = torch.nn.Parameter(torch.randn(c["vocabSize"], c["hiddenSize"]) * 0.02, requires_grad=False)
        self.layers = torch.nn.ModuleList(Layer(c, spec) for _ in range(c["numLayers"]))
        self.norm = torch.nn.Parameter(torch.ones(c["hiddenSize"]), requires_grad=False)
        d = c["headDim"]
        freqs = 1.0 / c["ropeTheta"] ** (torch.arange(0, d, 2).float() / d)
        angles = torch.outer(torch.arange(c["maxPositionEmbeddings"]).float(), freqs)
        emb = torch.cat((angles, angles), dim=-1)
        self.register_buffer("cos", emb.cos())
        self.register_buffer("sin", emb.sin())

    def forward(self, ids):
        t = ids.shape[1]
        x = self.embed[ids]
        cos, sin = self.cos[:t], self.sin[:t]
        for layer in self.layers:
            x = layer(x, cos, sin)
        return F.linear(rms_norm(x, self.norm, self.spec["rmsNormEps"]), self.embed)


def loaded_blas():
    """The BLAS library this process has mapped (Debian's torch links whichever libblas.so.3 is selected)."""
    with open("/proc/self/maps") as maps:
        names = {line.split("/")[-1].strip() for line in maps if "blas" in line.lower()}
    return ", ".join(sorted(names)) or "unknown"


def main():
    spec = json.loads(sys.argv[1])
    torch.manual_seed(0)
    torch.set_num_threads(spec.get("torchThreads") or os.cpu_count() or 1)
    c = spec["config"]
    device = torch.device(spec.get("device", "cpu"))
    if device.type == "cuda":
        # fp32 eager, as fedlora computes: no TF32 tensor-core products.
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    model = Model(c, spec).to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=spec["learningRate"])
    b, t = spec["batchSize"], spec["seqLen"]

    def step():
        ids = torch.randint(0, c["vocabSize"], (b, t + 1), device=device)
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, c["vocabSize"]), ids[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    synchronize = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    for _ in range(spec["warmupSteps"]):
        step()
    synchronize()
    started = time.perf_counter()
    for _ in range(spec["steps"]):
        step()
    synchronize()
    seconds = time.perf_counter() - started
    print(json.dumps({
        "tokensPerSecond": b * t * spec["steps"] / seconds,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "blas": torch.cuda.get_device_name(device) if device.type == "cuda" else loaded_blas(),
        # Linux reports kilobytes.
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
