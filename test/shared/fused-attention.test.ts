/**
 * The native-cpu backend's flash-style attention kernel (native/cpu-kernels/src/attention.cc) computes what the
 * tfjs composition computes: the output and the gradients of q, k and v, for odd head dims and lengths, batch 1,
 * one query, grouped-query groups of 1, 2 and 4, and keys before the queries (a KV cache's or prefix-tuning's);
 * and a whole model's logits do not change when the fused kernels are turned on.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { selectBackend } from '../../shared/model/backend.js';
import { KvCache } from '../../shared/model/causal-lm.js';
import { groupedCausalAttention } from '../../shared/model/fused/attention.js';
import { loadCpuKernels } from '../../shared/model/cpu-kernels.js';
import { CAUSAL_ATTENTION, CAUSAL_ATTENTION_GRAD } from '../../shared/model/fused/attention.js';
import { hasFusedKernel, useFusedKernels } from '../../shared/model/fused/seam.js';
import { loadModel } from '../../shared/model/load.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { maxRelativeError } from '../helpers/cpu-kernels.js';

function addonLoads(): boolean {
  try {
    loadCpuKernels();
    return true;
  } catch (error) {
    console.warn(`fedlora-cpu-kernels did not load, the fused attention is not tested: ${(error as Error).message}`);
    return false;
  }
}

interface Case {
  readonly batch: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly queries: number;
  readonly keys: number;
  readonly dim: number;
  /** The inputs' standard deviation (default 1); large, scores differ by more than exp's float range. */
  readonly spread?: number;
}

/** The output, and dq, dk, dv of Σ out ∘ w for a random w, with the fused kernels on or off. */
function attentionAndGradients(c: Case, fused: boolean): Float32Array[] {
  useFusedKernels(fused);
  const random = new SeededRandom(c.batch * 1000 + c.keys * 10 + c.dim);
  const normal = (shape: [number, number, number, number]) =>
    tf.tensor4d(random.fillNormal(new Float32Array(tf.util.sizeFromShape(shape)), c.spread ?? 1), shape);
  return tf.tidy(() => {
    const q = normal([c.batch, c.heads, c.queries, c.dim]);
    const k = normal([c.batch, c.kvHeads, c.keys, c.dim]);
    const v = normal([c.batch, c.kvHeads, c.keys, c.dim]);
    const weights = normal([c.batch, c.heads, c.queries, c.dim]);
    const out = groupedCausalAttention(q, k, v);
    const grads = tf.grads((qi: tf.Tensor, ki: tf.Tensor, vi: tf.Tensor) =>
      tf.sum(tf.mul(groupedCausalAttention(qi as tf.Tensor4D, ki as tf.Tensor4D, vi as tf.Tensor4D), weights)),
    )([q, k, v]);
    return [out, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

describe.runIf(addonLoads())('fused causal attention on native-cpu', () => {
  beforeAll(async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
  });
  afterEach(() => useFusedKernels(true));

  it('the backend has the forward and backward kernels, and the seam can turn them off', () => {
    expect(hasFusedKernel(CAUSAL_ATTENTION)).toBe(true);
    expect(tf.getKernel(CAUSAL_ATTENTION_GRAD, NATIVE_CPU_BACKEND)).toBeDefined();
    useFusedKernels(false);
    expect(hasFusedKernel(CAUSAL_ATTENTION)).toBe(false);
  });

  // Block edges: 64 queries a task, 64 keys a block.
  const cases: Case[] = [
    { batch: 1, heads: 1, kvHeads: 1, queries: 1, keys: 1, dim: 1 },
    { batch: 2, heads: 3, kvHeads: 3, queries: 5, keys: 5, dim: 7 },
    { batch: 1, heads: 4, kvHeads: 2, queries: 13, keys: 13, dim: 33 },
    { batch: 2, heads: 8, kvHeads: 2, queries: 9, keys: 9, dim: 16 },
    { batch: 1, heads: 4, kvHeads: 1, queries: 1, keys: 70, dim: 9 }, // one new token after a cache
    { batch: 2, heads: 6, kvHeads: 3, queries: 67, keys: 67, dim: 64 },
    { batch: 1, heads: 2, kvHeads: 1, queries: 70, keys: 135, dim: 31 }, // a prefix longer than a key block
    { batch: 1, heads: 4, kvHeads: 4, queries: 130, keys: 133, dim: 5 },
    { batch: 1, heads: 2, kvHeads: 1, queries: 100, keys: 100, dim: 8, spread: 6 }, // a row's maximum jumps between key blocks
  ];

  it.each(cases)('output, dq, dk and dv equal the composition: %j', (c) => {
    const fused = attentionAndGradients(c, true);
    const composed = attentionAndGradients(c, false);
    for (const [i, name] of ['out', 'dq', 'dk', 'dv'].entries()) {
      expect(maxRelativeError(fused[i], composed[i]), name).toBeLessThan(1e-5);
    }
  });

  it('a kernel given shapes that do not fit throws an error naming them', () => {
    const q = tf.zeros([1, 3, 4, 8]);
    const k = tf.zeros([1, 2, 4, 8]);
    expect(() => tf.engine().runKernel(CAUSAL_ATTENTION, { q, k, v: k })).toThrow(/K dividing H.*float32 \[1, 3, 4, 8\]/);
    const longQ = tf.zeros([1, 2, 5, 8]);
    expect(() => tf.engine().runKernel(CAUSAL_ATTENTION, { q: longQ, k, v: k })).toThrow(/T ≤ S/);
    tf.dispose([q, k, longQ]);
  });

  it('the addon refuses arrays shorter than the shapes say', () => {
    const kernels = loadCpuKernels();
    const q = new Float32Array(2 * 4);
    const k = new Float32Array(2 * 4);
    expect(() => kernels.attentionForward(q, k, k, q, new Float32Array(1), 1, 1, 1, 2, 3, 4)).toThrow(RangeError);
    expect(() => kernels.attentionForward(q, k, k, q, new Float32Array(2), 1, 2, 3, 2, 2, 4)).toThrow(/multiple of kvHeads/);
  });

  it("builtin:tiny's logits are the same with the fused kernels on and off", async () => {
    const model = await loadModel(resolveModel('builtin:tiny'));
    const ids = tf.tensor2d(
      [
        [3, 17, 4, 99, 250, 8, 1, 42, 42, 7],
        [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
      ],
      undefined,
      'int32',
    );
    const logits = (fused: boolean) => {
      useFusedKernels(fused);
      return tf.tidy(() => model.forward(ids).dataSync() as Float32Array);
    };
    expect(maxRelativeError(logits(true), logits(false))).toBeLessThan(1e-5);
    ids.dispose();
    model.dispose();
  });

  it("with a KV cache, builtin:tiny's token-by-token logits equal the composition's full pass", async () => {
    const model = await loadModel(resolveModel('builtin:tiny'));
    const ids = [3, 17, 4, 99, 250, 8, 1, 42];
    useFusedKernels(false);
    const full = tf.tidy(() => model.forward(tf.tensor2d([ids], undefined, 'int32')).dataSync() as Float32Array);
    useFusedKernels(true);
    const cache = new KvCache();
    const start = tf.tidy(() => model.forward(tf.tensor2d([ids.slice(0, 3)], undefined, 'int32'), { cache }).dataSync() as Float32Array);
    const rest = ids.slice(3).map((id) => tf.tidy(() => model.forward(tf.tensor2d([[id]], undefined, 'int32'), { cache }).dataSync() as Float32Array));
    expect(maxRelativeError(new Float32Array([...start, ...rest.flatMap((logits) => [...logits])]), full)).toBeLessThan(1e-5);
    cache.dispose();
    model.dispose();
  });
});
