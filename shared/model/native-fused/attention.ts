/**
 * The native-cpu kernels of causal grouped-query attention (shared/model/fused/attention.ts), computed flash-style
 * by the addon (native/cpu-kernels/src/attention.cc) on the tensors where they live on the wasm heap.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type AttentionShape, heapView, type NativeKernel } from '../cpu-kernels.js';
import { CAUSAL_ATTENTION, CAUSAL_ATTENTION_GRAD } from '../fused/attention.js';

/** Checks that q [B, H, T, D] and k, v [B, K, S, D] fit together (float32, H a multiple of K, T ≤ S). */
function attentionShape(kernelName: string, q: tf.TensorInfo, k: tf.TensorInfo, v: tf.TensorInfo): AttentionShape {
  const [batch, heads, queries, dim] = q.shape;
  const [kvBatch, kvHeads, keys, kvDim] = k.shape;
  const fits =
    [q, k, v].every((t) => t.dtype === 'float32' && t.shape.length === 4) &&
    tf.util.arraysEqual(k.shape, v.shape) &&
    kvBatch === batch &&
    kvDim === dim &&
    kvHeads > 0 &&
    heads % kvHeads === 0 &&
    queries <= keys;
  if (!fits) {
    const shapes = [q, k, v].map((t) => `${t.dtype} [${t.shape.join(', ')}]`).join(', ');
    throw new Error(`${kernelName}: q [B, H, T, D] and k, v [B, K, S, D] in float32 with K dividing H and T ≤ S are needed, got ${shapes}`);
  }
  return [batch, heads, kvHeads, queries, keys, dim];
}

const size = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape);

/** A float32 view of each tensor on the heap, made after every output is allocated (allocation may grow the heap). */
function views(backend: BackendWasm, tensors: tf.TensorInfo[]): Float32Array[] {
  return tensors.map((t) => heapView(backend, t, size(t)));
}

export const NATIVE_CAUSAL_ATTENTION: NativeKernel = {
  kernelName: CAUSAL_ATTENTION,
  run(kernels, { inputs, backend }) {
    const { q, k, v } = inputs as Record<'q' | 'k' | 'v', tf.TensorInfo>;
    const shape = attentionShape(CAUSAL_ATTENTION, q, k, v);
    const out = backend.makeOutput(q.shape, 'float32');
    const logsumexp = backend.makeOutput(q.shape.slice(0, 3), 'float32');
    if (size(out) > 0) {
      const [qs, ks, vs, outs, lse] = views(backend, [q, k, v, out, logsumexp]);
      kernels.attentionForward(qs, ks, vs, outs, lse, ...shape);
    }
    return [out, logsumexp];
  },
};

export const NATIVE_CAUSAL_ATTENTION_GRAD: NativeKernel = {
  kernelName: CAUSAL_ATTENTION_GRAD,
  run(kernels, { inputs, backend }) {
    const { q, k, v, out, logsumexp, dOut } = inputs as Record<'q' | 'k' | 'v' | 'out' | 'logsumexp' | 'dOut', tf.TensorInfo>;
    const shape = attentionShape(CAUSAL_ATTENTION_GRAD, q, k, v);
    const rowsLikeQ = (t: tf.TensorInfo, rank: number) => t.dtype === 'float32' && tf.util.arraysEqual(t.shape, q.shape.slice(0, rank));
    if (!rowsLikeQ(out, 4) || !rowsLikeQ(dOut, 4) || !rowsLikeQ(logsumexp, 3)) {
      throw new Error(`${CAUSAL_ATTENTION_GRAD}: out and dOut must be float32 shaped like q [${q.shape.join(', ')}], logsumexp like its rows`);
    }
    const dq = backend.makeOutput(q.shape, 'float32');
    const dk = backend.makeOutput(k.shape, 'float32');
    const dv = backend.makeOutput(v.shape, 'float32');
    if (size(dk) > 0) {
      const [qs, ks, vs, outs, lse, dOuts, dqs, dks, dvs] = views(backend, [q, k, v, out, logsumexp, dOut, dq, dk, dv]);
      kernels.attentionBackward(qs, ks, vs, outs, lse, dOuts, dqs, dks, dvs, ...shape);
    }
    return [dq, dk, dv];
  },
};
