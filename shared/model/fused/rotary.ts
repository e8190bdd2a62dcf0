/**
 * Rotary position embedding applied to a projection as it is split into heads: [B·T, heads·D] → [B, heads, T, D],
 * x·cos + rotate_half(x)·sin over the head dimension. One kernel where the backend has it (native-cpu:
 * native/cpu-kernels/src/rotary.cc), which writes each rotated row straight into its place among the heads, so that
 * neither the transpose nor rotate_half's split, negation and concatenation exist as ops or tensors; the tfjs
 * composition (splitHeads, then applyRotary) everywhere else. Its gradient, the transposed rotation merged back into
 * [B·T, heads·D], is a second kernel. cos and sin are tables, not trained: no gradient reaches them.
 */
import * as tf from '@tensorflow/tfjs';
import { mergeHeads, splitHeads } from '../causal-lm.js';
import { fusedOrComposed } from './seam.js';

export const ROTARY_HEADS = 'RotaryHeads';
/** Inputs dy [B, heads, T, D], cos, sin; output dx [B·T, heads·D]. */
export const ROTARY_HEADS_GRAD = 'RotaryHeadsGrad';

export interface RotaryHeadsAttrs {
  readonly batch: number;
  readonly heads: number;
}

/**
 * x [B·T, heads·D] split into heads and rotated: [B, heads, T, D]. cos, sin: [T, D], the rows of the positions of
 * x's T tokens (after a cache or a prefix, the caller's slice of the tables).
 */
export function rotaryHeads(x: tf.Tensor2D, batch: number, heads: number, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  const [seqLen, headDim] = cos.shape;
  const attrs: RotaryHeadsAttrs = { batch, heads };
  return fusedOrComposed(ROTARY_HEADS, { x, cos, sin }, attrs, () => applyRotary(splitHeads(x, batch, seqLen, heads, headDim), cos, sin));
}

/**
 * x·cos + rotate_half(x)·sin with rotate_half(x) = cat(−x₂, x₁) over the two halves of the head dimension
 * (Hugging Face's convention; its checkpoints are permuted for it). x: [B, heads, T, D]; cos, sin: [T, D].
 */
export function applyRotary(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [firstHalf, secondHalf] = tf.split(x, 2, -1);
    const rotated = tf.concat([tf.neg(secondHalf), firstHalf], -1);
    return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
  });
}

/**
 * dx = (dy₁·cos₁ + dy₂·sin₂, dy₂·cos₂ − dy₁·sin₁) by halves, merged back into [B·T, heads·D]. The kernel where the
 * backend has it; the same formula in tfjs ops where it has only the forward kernel (or fused kernels were turned
 * off between the forward and the backward pass).
 */
tf.registerGradient({
  kernelName: ROTARY_HEADS,
  inputsToSave: ['cos', 'sin'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor4D;
    const [cos, sin] = saved as [tf.Tensor2D, tf.Tensor2D];
    const dx = fusedOrComposed(ROTARY_HEADS_GRAD, { dy, cos, sin }, attrs, () => rotaryHeadsGradComposition(dy, cos, sin));
    return { x: () => dx };
  },
});

function rotaryHeadsGradComposition(dy: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor2D {
  const [dy1, dy2] = tf.split(dy, 2, -1);
  const [cos1, cos2] = tf.split(cos, 2, -1);
  const [sin1, sin2] = tf.split(sin, 2, -1);
  const first = tf.add(tf.mul(dy1, cos1), tf.mul(dy2, sin2));
  const second = tf.sub(tf.mul(dy2, cos2), tf.mul(dy1, sin1));
  return mergeHeads(tf.concat([first, second], -1) as tf.Tensor4D);
}
