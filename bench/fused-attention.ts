/**
 * `npm run bench:attention`: causal attention's forward and backward on native-cpu at the training benchmark's
 * shapes, the addon's flash-style kernel against the tfjs composition (the fused kernels turned off), with the
 * tensor memory each step adds at its peak (the composition holds the [T, S] scores and weights), then the addon's
 * forward and backward alone, called on plain arrays (what the kernel costs without tfjs around it). The median of
 * seven steps is printed with the fastest, and the kernel's median of 31 calls; the machine's load is printed beside each row, since a busy machine
 * moves the times.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { silentLogger } from '../shared/infra/log.js';
import { selectBackend } from '../shared/model/backend.js';
import { loadCpuKernels } from '../shared/model/cpu-kernels.js';
import { groupedCausalAttention } from '../shared/model/fused/attention.js';
import { useFusedKernels } from '../shared/model/fused/seam.js';

interface Shape {
  readonly batch: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly positions: number;
  readonly headDim: number;
}

/** builtin:tiny, SmolLM2-135M and Llama 3.2 1B at bench:train's batch sizes and lengths. */
const SHAPES: Record<string, Shape> = {
  'tiny (8 × 128)': { batch: 8, heads: 4, kvHeads: 2, positions: 128, headDim: 16 },
  'smollm2 (1 × 255)': { batch: 1, heads: 9, kvHeads: 3, positions: 255, headDim: 64 },
  'smollm2 (8 × 256)': { batch: 8, heads: 9, kvHeads: 3, positions: 256, headDim: 64 },
  'llama-1b (1 × 512)': { batch: 1, heads: 32, kvHeads: 8, positions: 512, headDim: 64 },
};
const STEPS = 7;
/** The kernel alone takes a fraction of a step: more calls steady its median on a busy machine. */
const KERNEL_CALLS = 31;

/** Median and fastest milliseconds of one forward and backward, and the peak tensor bytes it adds. */
async function measure(s: Shape, fused: boolean): Promise<{ median: number; fastest: number; peakBytes: number }> {
  useFusedKernels(fused);
  const [q, k, v, weights] = [s.heads, s.kvHeads, s.kvHeads, s.heads].map((heads) => tf.randomNormal([s.batch, heads, s.positions, s.headDim]) as tf.Tensor4D);
  const step = () => {
    const grads = tf.tidy(() =>
      tf.grads((qi: tf.Tensor, ki: tf.Tensor, vi: tf.Tensor) =>
        tf.sum(tf.mul(groupedCausalAttention(qi as tf.Tensor4D, ki as tf.Tensor4D, vi as tf.Tensor4D), weights)),
      )([q, k, v]),
    );
    for (const g of grads) g.dataSync();
    tf.dispose(grads);
  };
  step();
  const times: number[] = [];
  let peakBytes = 0;
  for (let i = 0; i < STEPS; i++) {
    const before = tf.memory().numBytes;
    const info = await tf.profile(() => {
      const start = performance.now();
      step();
      times.push(performance.now() - start);
    });
    peakBytes = Math.max(peakBytes, info.peakBytes - before);
  }
  tf.dispose([q, k, v, weights]);
  times.sort((a, b) => a - b);
  return { median: times[STEPS >> 1], fastest: times[0], peakBytes };
}

/** Median milliseconds of the addon's forward and of its backward, called directly on random arrays. */
function measureKernels(s: Shape): { forward: number; backward: number } {
  const kernels = loadCpuKernels();
  const shape = [s.batch, s.heads, s.kvHeads, s.positions, s.positions, s.headDim] as const;
  const random = (heads: number) => Float32Array.from({ length: s.batch * heads * s.positions * s.headDim }, () => Math.random() * 2 - 1);
  const [q, k, v, dOut] = [random(s.heads), random(s.kvHeads), random(s.kvHeads), random(s.heads)];
  const [out, dq, dk, dv] = [q, q, k, v].map((like) => new Float32Array(like.length));
  const logsumexp = new Float32Array(s.batch * s.heads * s.positions);
  const median = (run: () => void) => {
    run();
    const times = Array.from({ length: KERNEL_CALLS }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }).sort((a, b) => a - b);
    return times[KERNEL_CALLS >> 1];
  };
  return {
    forward: median(() => kernels.attentionForward(q, k, v, out, logsumexp, ...shape)),
    backward: median(() => kernels.attentionBackward(q, k, v, out, logsumexp, dOut, dq, dk, dv, ...shape)),
  };
}

await selectBackend('native-cpu', silentLogger());
console.log('shape                 composition ms (fastest)   peak MiB   fused ms (fastest)   peak MiB   kernel forward + backward ms   load');
for (const [name, shape] of Object.entries(SHAPES)) {
  const composed = await measure(shape, false);
  const fused = await measure(shape, true);
  const cell = (m: typeof composed) =>
    `${m.median.toFixed(1).padStart(8)} (${m.fastest.toFixed(1).padStart(7)})   ${(m.peakBytes / 2 ** 20).toFixed(1).padStart(8)}`;
  const kernel = measureKernels(shape);
  const kernelCell = `${kernel.forward.toFixed(2)} + ${kernel.backward.toFixed(2)}`.padStart(20);
  console.log(`${name.padEnd(20)}  ${cell(composed)}        ${cell(fused)}   ${kernelCell}           ${loadavg()[0].toFixed(1)}`);
}
