/**
 * The fused ops (shared/model/fused/) and matrix products on seeded inputs, each with its gradients: what
 * test/shared/fused-kernels.test.ts compares between the fused kernels and the tfjs compositions, and between the
 * addon's AVX2 and portable code (fused-results-main.ts computes them in a child process).
 */
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../../shared/infra/random.js';
import type { CpuKernels } from '../../shared/model/cpu-kernels.js';
import { adamStep } from '../../shared/model/fused/adam-step.js';
import { groupedCausalAttention } from '../../shared/model/fused/attention.js';
import { loraPath } from '../../shared/model/fused/lora-path.js';
import { rmsNorm } from '../../shared/model/fused/rms-norm.js';
import { rotaryHeads } from '../../shared/model/fused/rotary.js';
import { swiGlu } from '../../shared/model/fused/swiglu.js';
import { rotaryTables } from '../../shared/model/llama.js';

export interface FusedCase {
  readonly name: string;
  /** The addon's functions that compute it on native-cpu with fused kernels on. */
  readonly kernels: readonly (keyof CpuKernels)[];
  /** Its output, then its gradient with respect to each input, for a seeded output gradient. */
  run(): tf.Tensor[];
}

function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(new SeededRandom(seed).fillNormal(new Float32Array(tf.util.sizeFromShape(shape)), 1), shape);
}

/** f's output and its gradients with respect to every input, for seeded inputs and a seeded output gradient. */
function valueAndGradients(shapes: number[][], f: (...inputs: tf.Tensor[]) => tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const inputs = shapes.map((shape, i) => seeded(shape, 11 + i));
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => f(...xs))(inputs, seeded(f(...inputs).shape, 7));
    return [value, ...grads];
  });
}

// Odd sizes, one row, one column, and sizes around the AVX2 width (8) and the rows that spread over threads.
const ROWS_BY_COLS = [
  [1, 3],
  [1, 7],
  [3, 8],
  [5, 13],
  [2, 17],
  [9, 67],
  [600, 96],
  [257, 129],
];

// [batch, seqLen, heads, headDim, past]: one position, halves under and over the AVX2 width, positions after a
// cache, and enough rows to spread over threads.
const ROTARY_SHAPES = [
  [1, 1, 1, 2, 0],
  [1, 5, 3, 6, 4],
  [2, 7, 3, 18, 0],
  [3, 33, 4, 32, 9],
  [2, 64, 4, 64, 0],
];

// [batch, heads, kvHeads, queries, keys, headDim]: the head dims attention's tiles are sized for (16, 32, 64, 128)
// and one that is not a multiple of 8, grouped-query groups of 1, 2 and 4, keys before the queries, lengths past a
// 64-key block, and (on a multicore machine) both of its backward's task splits: one task per (batch, kv head)
// pair where there are pairs enough for the threads, two passes over key and query blocks for a single pair.
const ATTENTION_SHAPES = [
  [2, 4, 2, 37, 37, 16],
  [1, 4, 1, 21, 40, 20],
  [2, 2, 2, 70, 70, 32],
  [1, 3, 3, 33, 33, 64],
  [1, 2, 1, 19, 19, 128],
  [1, 4, 1, 67, 80, 16],
];

export const FUSED_CASES: readonly FusedCase[] = [
  ...ROWS_BY_COLS.map(([rows, cols]) => ({
    name: `rmsNorm [${rows}, ${cols}]`,
    kernels: ['rmsNorm', 'rmsNormGrad'] as const,
    run: () => valueAndGradients([[rows, cols], [cols]], (x, weight) => rmsNorm(x as tf.Tensor2D, weight as tf.Tensor1D, 1e-5)),
  })),
  // Gates spread to ±40 reach sigmoid's flat ends, where exp under- and overflows.
  ...ROWS_BY_COLS.map(([rows, cols]) => ({
    name: `swiGlu [${rows}, ${cols}]`,
    kernels: ['swiGlu', 'swiGluGrad'] as const,
    run: () =>
      valueAndGradients(
        [
          [rows, cols],
          [rows, cols],
        ],
        (gate, up) => swiGlu(tf.mul(gate, 10), up),
      ),
  })),
  ...ROTARY_SHAPES.flatMap(([batch, seqLen, heads, headDim, past]) => [
    {
      name: `rotaryHeads batch ${batch}, ${seqLen} positions after ${past}, ${heads} heads of ${headDim}`,
      kernels: ['rotaryHeads'] as const,
      run: () =>
        tf.tidy(() => {
          const tables = rotaryTables(headDim, 10000, past + seqLen);
          const [cos, sin] = [tables.cos, tables.sin].map((table) => tf.slice(table, [past, 0], [seqLen, -1]) as tf.Tensor2D);
          return valueAndGradients([[batch * seqLen, heads * headDim]], (x) => rotaryHeads(x as tf.Tensor2D, batch, heads, cos, sin));
        }),
    },
    // Any tables, not only Hugging Face's with both halves equal: the kernel computes the composition exactly.
    {
      name: `rotaryHeads batch ${batch}, ${seqLen} positions, ${heads} heads of ${headDim}, unrelated cos and sin`,
      kernels: ['rotaryHeads'] as const,
      run: () =>
        tf.tidy(() => {
          const [cos, sin] = [1, 2].map((seed) => seeded([seqLen, headDim], seed) as tf.Tensor2D);
          return valueAndGradients([[batch * seqLen, heads * headDim]], (x) => rotaryHeads(x as tf.Tensor2D, batch, heads, cos, sin));
        }),
    },
  ]),
  // [rows, in, out, rank]: row by row, and factors of more than 2^16 floats through the SGEMM.
  ...[
    [7, 13, 11, 1],
    [65, 33, 130, 8],
    [5, 2100, 2000, 16],
  ].map(([rows, inFeatures, outFeatures, rank]) => ({
    name: `loraPath rows ${rows}, in ${inFeatures}, out ${outFeatures}, rank ${rank}`,
    kernels: ['loraPath', 'loraPathGrad'] as const,
    run: () =>
      valueAndGradients(
        [
          [rows, inFeatures],
          [rows, outFeatures],
          [rank, inFeatures],
          [outFeatures, rank],
        ],
        (x, base, a, b) => loraPath(x as tf.Tensor2D, base as tf.Tensor2D, a as tf.Tensor2D, b as tf.Tensor2D, 1.5),
      ),
  })),
  // Adam's third step (bias corrections 1 − β^3) from moments of any sign and size; no gradient.
  ...ROWS_BY_COLS.map(([rows, cols]) => ({
    name: `adamStep [${rows}, ${cols}]`,
    kernels: ['adamStep'] as const,
    run: () =>
      tf.tidy(() => {
        const [value, gradient, m, v] = [1, 2, 3, 4].map((seed) => seeded([rows, cols], seed));
        const attrs = {
          learningRate: 1e-2,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-7,
          firstCorrection: Math.fround(1 - 0.9 ** 3),
          secondCorrection: Math.fround(1 - 0.999 ** 3),
        };
        return adamStep(value, gradient, m, tf.square(v), attrs);
      }),
  })),
  ...ATTENTION_SHAPES.map(([batch, heads, kvHeads, queries, keys, headDim]) => ({
    name: `groupedCausalAttention batch ${batch}, ${heads} heads over ${kvHeads}, ${queries} queries of ${keys} keys, head dim ${headDim}`,
    kernels: ['attentionForward', 'attentionBackward'] as const,
    run: () =>
      valueAndGradients(
        [
          [batch, heads, queries, headDim],
          [batch, kvHeads, keys, headDim],
          [batch, kvHeads, keys, headDim],
        ],
        (q, k, v) => groupedCausalAttention(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D),
      ),
  })),
];

/** Matrix products: the portable microkernel must compute what the AVX2 one does. */
export const PRODUCT_CASES: readonly FusedCase[] = [
  // Deeper than one 256-deep block (A packed), and within one (A read in place, its last rows packed).
  ...[
    [7, 300, 17],
    [130, 257, 33],
    [37, 64, 50],
  ].map(([m, k, n]) => ({
    name: `matMul [${m}, ${k}] · [${k}, ${n}]`,
    kernels: ['batchMatMul'] as const,
    run: () =>
      valueAndGradients(
        [
          [m, k],
          [k, n],
        ],
        (a, b) => tf.matMul(a, b),
      ),
  })),
];

/** Every case's tensors as plain arrays, by name. */
export function fusedResults(): Record<string, number[][]> {
  return Object.fromEntries(
    [...FUSED_CASES, ...PRODUCT_CASES].map(({ name, run }) => {
      const tensors = run();
      const values = tensors.map((tensor) => Array.from(tensor.dataSync()));
      tf.dispose(tensors);
      return [name, values];
    }),
  );
}
