/**
 * LoRA's low-rank path added into a frozen layer's output: base + s · (x Aᵀ) Bᵀ. Where the backend has the fused
 * kernel (native-cpu) it is one pass that writes the sum without the intermediate [N, out] products; elsewhere, and
 * for DoRA, dropout and exact aggregation's base deltas (shared/model/lora-layers.ts), the separate operations.
 *
 * Shapes: N rows, r rank; x: [N, in], base: [N, out], A: [r, in], B: [out, r].
 */
import * as tf from '@tensorflow/tfjs';
import { hasFusedKernel } from './seam.js';

export const LORA_PATH = 'LoraPath';
/** Inputs dy, x, a, b, lowRank; outputs [dx, da, db]. */
export const LORA_PATH_GRAD = 'LoraPathGrad';

export interface LoraPathAttrs {
  readonly scaling: number;
}

/** base + scaling · (x Aᵀ) Bᵀ → [N, out]. */
export function loraPath(x: tf.Tensor2D, base: tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D, scaling: number): tf.Tensor2D {
  if (!hasFusedKernel(LORA_PATH)) return tf.tidy(() => tf.add(base, lowRankDelta(x, a, b, scaling)));
  const attrs: LoraPathAttrs = { scaling };
  const [out, lowRank] = tf.engine().runKernel(LORA_PATH, { x, base, a, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  // x Aᵀ, kept by backprop for B's gradient.
  lowRank.dispose();
  return out as tf.Tensor2D;
}

/** scaling · (x Aᵀ) Bᵀ, the low-rank term alone. */
export function lowRankDelta(x: tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D, scaling: number): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.matMul(tf.matMul(x, a, false, true), b, false, true), scaling));
}

// The scaling goes on the rank-r factors, the smallest operands: s·(dy B) serves x and A, s·(x Aᵀ) serves B. The
// gradient kernel computes all three at once, here rather than in the closures (which tfjs calls one by one, and
// not at all for an input it needs no gradient for): what is not asked for is freed with the backward pass.
tf.registerGradient({
  kernelName: LORA_PATH,
  inputsToSave: ['x', 'a', 'b'],
  outputsToSave: [false, true],
  gradFunc: (dy, saved, attrs) => {
    const [dOut] = dy as tf.Tensor[];
    const [x, a, b, lowRank] = saved;
    if (hasFusedKernel(LORA_PATH_GRAD)) {
      const [dx, da, db] = tf.engine().runKernel(LORA_PATH_GRAD, { dy: dOut, x, a, b, lowRank }, attrs) as tf.Tensor[];
      return { x: () => dx, base: () => tf.clone(dOut), a: () => da, b: () => db };
    }
    const { scaling } = attrs as unknown as LoraPathAttrs;
    const scaledDyB = () => tf.mul(tf.matMul(dOut, b), scaling); // [N, r]
    return {
      x: () => tf.matMul(scaledDyB(), a),
      base: () => tf.clone(dOut),
      a: () => tf.matMul(scaledDyB(), x, true, false),
      b: () => tf.matMul(dOut, tf.mul(lowRank, scaling), true, false),
    };
  },
});
