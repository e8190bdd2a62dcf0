/**
 * RMSNorm over the last axis, x · rsqrt(mean(x²) + eps) · weight, as one kernel where the backend has it (native-cpu:
 * native/cpu-kernels/src/rms-norm.cc) and as its tfjs composition everywhere else. The fused kernel's gradient is a
 * second kernel that computes dx and dweight in one pass over the rows.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedOrComposed } from './seam.js';

export const RMS_NORM = 'RmsNorm';
/** Inputs dy, x, weight; outputs [dx, dweight]. */
export const RMS_NORM_GRAD = 'RmsNormGrad';

export interface RmsNormAttrs {
  readonly eps: number;
}

/** x · rsqrt(mean(x²) + eps) · weight over the last axis. x: [N, C], weight: [C]. */
export function rmsNorm(x: tf.Tensor2D, weight: tf.Tensor1D, eps: number): tf.Tensor2D {
  const attrs: RmsNormAttrs = { eps };
  return fusedOrComposed(RMS_NORM, { x, weight }, attrs, () => tf.mul<tf.Tensor2D>(tf.mul(x, inverseRms(x, eps)), weight));
}

/** rsqrt(mean(x²) + eps) of each row, [N, 1]. */
function inverseRms(x: tf.Tensor2D, eps: number): tf.Tensor2D {
  return tf.rsqrt(tf.add<tf.Tensor2D>(tf.mean(tf.square(x), -1, true), eps));
}

/**
 * With r = rsqrt(mean(x²) + eps) and g = dy · weight: dx = r·g − x·r³·Σ(g·x)/C, dweight = Σ over rows of dy·x·r.
 * The kernel where the backend has it; the same formula in tfjs ops where it has only the forward kernel (or fused
 * kernels were turned off between the forward and the backward pass).
 */
tf.registerGradient({
  kernelName: RMS_NORM,
  inputsToSave: ['x', 'weight'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor2D;
    const [x, weight] = saved as [tf.Tensor2D, tf.Tensor1D];
    const { eps } = attrs as unknown as RmsNormAttrs;
    const [dx, dweight] = fusedOrComposed(RMS_NORM_GRAD, { dy, x, weight }, attrs, () => rmsNormGradComposition(dy, x, weight, eps));
    return { x: () => dx, weight: () => dweight };
  },
});

function rmsNormGradComposition(dy: tf.Tensor2D, x: tf.Tensor2D, weight: tf.Tensor1D, eps: number): [tf.Tensor2D, tf.Tensor1D] {
  const r = inverseRms(x, eps);
  const g = tf.mul(dy, weight);
  const correction = tf.mul(tf.pow(r, 3), tf.div(tf.sum(tf.mul(g, x), -1, true), x.shape[1]));
  return [tf.sub(tf.mul(r, g), tf.mul(x, correction)), tf.sum(tf.mul(dy, tf.mul(x, r)), 0)];
}
