/**
 * What `npm run bench:train` compares a training rate with: the floating-point work of one LoRA training step of a
 * Llama-style model, counted analytically, and the rate of fedlora's addon on a plain 1024³ SGEMM measured in the
 * same run, so that "GFLOP/s achieved" reads as a fraction of what the products alone reach on this machine now.
 */
import type { LlamaConfig } from '../shared/model/model-config.js';
import { loadCpuKernels } from '../shared/model/cpu-kernels.js';

/** The LoRA setup counted: rank and the projections that carry an adapter. */
export interface LoraShape {
  readonly r: number;
  readonly targetModules: readonly string[];
}

/**
 * FLOPs (a multiply-add counts 2) of one step on `batch` sequences of `positions` tokens. N = batch · positions
 * tokens, C hidden, I intermediate, H query heads, K kv heads, D head dim, L layers, V vocabulary, r LoRA rank:
 *
 * - frozen products, forward: 2N · (L · [C·HD (q) + 2·C·KD (k, v) + HD·C (o) + 3·C·I (gate, up, down)] + C·V (head));
 *   their input gradients dy · W cost the same again; frozen weights get no weight gradient;
 * - attention, forward: L · 2 · 2·batch·H·T²·D (scores q·kᵀ and weights·v, the full T × T that is computed); its
 *   backward takes the gradients of both operands of both products: twice the forward;
 * - LoRA, forward: 2N · r · (in + out) per adapted projection; the input gradients cost as much, and so do the
 *   weight gradients of A and B, which train: three times the forward.
 *
 * Elementwise work (norms, rotary, softmax, SwiGLU, the optimizer) is not counted.
 */
export function trainingStepFlops(config: LlamaConfig, batch: number, positions: number, lora: LoraShape): number {
  const { hiddenSize: c, intermediateSize: i, numHeads: h, numKvHeads: k, headDim: d, numLayers: l, vocabSize: v } = config;
  const tokens = batch * positions;
  const projections: Record<string, [number, number]> = {
    q_proj: [c, h * d],
    k_proj: [c, k * d],
    v_proj: [c, k * d],
    o_proj: [h * d, c],
    gate_proj: [c, i],
    up_proj: [c, i],
    down_proj: [i, c],
  };
  const layerMacs = Object.values(projections).reduce((sum, [fanIn, fanOut]) => sum + fanIn * fanOut, 0);
  const frozenForward = 2 * tokens * (l * layerMacs + c * v);
  const attentionForward = l * 2 * 2 * batch * h * positions * positions * d;
  const loraForward = lora.targetModules.reduce((sum, name) => {
    const [fanIn, fanOut] = projections[name] ?? [0, 0];
    return sum + 2 * tokens * l * lora.r * (fanIn + fanOut);
  }, 0);
  return 2 * frozenForward + 3 * attentionForward + 3 * loraForward;
}

/** GFLOP/s of the addon's SGEMM on 1024 × 1024 × 1024, the best of `repeats` after one warm-up. */
export function sgemmRate(repeats = 8): number {
  const kernels = loadCpuKernels();
  const size = 1024;
  const a = new Float32Array(size * size).map((_, i) => (i % 7) - 3);
  const c = new Float32Array(size * size);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run <= repeats; run++) {
    const started = performance.now();
    kernels.batchMatMul(a, a, c, 1, 1, 1, size, size, size, false, false);
    if (run > 0) best = Math.min(best, performance.now() - started);
  }
  return (2 * size ** 3) / (best / 1000) / 1e9;
}
