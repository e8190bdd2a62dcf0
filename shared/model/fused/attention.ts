/**
 * Causal grouped-query attention as one op. Where the backend has the fused kernel (native-cpu), it is computed
 * flash-style: the keys are visited block by block with an online softmax, so the [T, S] scores never exist, and
 * the kernel's second output, each query row's logsumexp, is all the backward needs to recompute them. Elsewhere
 * it is the tfjs composition, whose scores and softmax weights the tape keeps.
 *
 * Shapes: B batch, H query heads, K kv heads, R = H / K, T queries, S ≥ T keys, D head dim.
 */
import * as tf from '@tensorflow/tfjs';
import { hasFusedKernel } from './seam.js';

/** Inputs q, k, v → outputs [out, logsumexp]: out [B, H, T, D], logsumexp [B, H, T]. */
export const CAUSAL_ATTENTION = 'FusedCausalAttention';
/** Inputs q, k, v, out, logsumexp, dOut → outputs [dq, dk, dv]. */
export const CAUSAL_ATTENTION_GRAD = 'FusedCausalAttentionGrad';

/**
 * Causal grouped-query attention: kv head j serves query heads j·R … (j+1)·R − 1 (R = 1 is plain multi-head
 * attention). The T queries are the last T of the S positions (the earlier ones are a KV cache's or prefix-tuning's
 * prefix), and query t attends keys s ≤ S − T + t, with scores scaled by 1/√D.
 * q: [B, H, T, D]; k, v: [B, K, S, D] → [B, H, T, D].
 */
export function groupedCausalAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor4D {
  if (!hasFusedKernel(CAUSAL_ATTENTION)) return composedCausalAttention(q, k, v);
  // The logsumexp output is disposed here: the tape keeps its own copy for the backward.
  return tf.tidy(() => (tf.engine().runKernel(CAUSAL_ATTENTION, { q, k, v }) as tf.Tensor[])[0] as tf.Tensor4D);
}

// The logsumexp output exists for the backward only: its gradient (never used) is not propagated.
tf.registerGradient({
  kernelName: CAUSAL_ATTENTION,
  inputsToSave: ['q', 'k', 'v'],
  outputsToSave: [true, true],
  gradFunc: (dy, saved) => {
    const [q, k, v, out, logsumexp] = saved;
    const dOut = (dy as tf.Tensor[])[0];
    const [dq, dk, dv] = tf.engine().runKernel(CAUSAL_ATTENTION_GRAD, { q, k, v, out, logsumexp, dOut }) as tf.Tensor[];
    return { q: () => dq, k: () => dk, v: () => dv };
  },
});

/**
 * The tfjs composition. The query heads of a group are adjacent, so viewing q as [B·K, R·T, D] lets each kv head
 * serve its whole group in one product, without copying k and v R times.
 */
function composedCausalAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, numHeads, seqLen, headDim] = q.shape;
    const [, numKvHeads, keyLen] = k.shape;
    const groups = numHeads / numKvHeads;
    const queries = tf.reshape(q, [batch * numKvHeads, groups * seqLen, headDim]); // [B·K, R·T, D]
    const keys = tf.reshape(k, [batch * numKvHeads, keyLen, headDim]); // [B·K, S, D]
    const values = tf.reshape(v, [batch * numKvHeads, keyLen, headDim]); // [B·K, S, D]
    const scores = tf.mul(tf.matMul(queries, keys, false, true), 1 / Math.sqrt(headDim)); // [B·K, R·T, S]
    const weights = tf.softmax(tf.add(scores, groupedCausalMask(seqLen, keyLen, groups))); // [B·K, R·T, S]
    const out = tf.matMul(weights, values); // [B·K, R·T, D]
    return tf.reshape(out, [batch, numHeads, seqLen, headDim]);
  });
}

/**
 * Additive causal mask for R stacked query groups: [R·T, S], 0 where key s ≤ the query's position (past + t),
 * else a large negative.
 */
function groupedCausalMask(queries: number, keys: number, groups: number): tf.Tensor2D {
  const past = keys - queries;
  const mask = new Float32Array(groups * queries * keys);
  for (let row = 0; row < groups * queries; row++) {
    const position = past + (row % queries);
    for (let key = position + 1; key < keys; key++) mask[row * keys + key] = -1e9;
  }
  return tf.tensor2d(mask, [groups * queries, keys]);
}
