/**
 * LoRA's low-rank path fused into the frozen product (shared/model/fused/lora-path.ts) on native-cpu equals the
 * tfjs composition to 1e-5 relative: the output and the gradients for x, the frozen product, A and B, at odd
 * sizes, one row and rank 1, row by row and, for factors too large for that, through the SGEMM.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../shared/model/backend.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { loraPath } from '../../shared/model/fused/lora-path.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();

function normal(shape: [number, number], seed: number): tf.Tensor2D {
  return tf.tensor2d(new SeededRandom(seed).fillNormal(new Float32Array(shape[0] * shape[1]), 1), shape);
}

describe.runIf(kernels)('fused LoRA path', () => {
  beforeAll(async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
  });
  afterEach(() => useFusedKernels(true));

  // [rows, in, out, rank]
  const shapes: [number, number, number, number][] = [
    [1, 1, 1, 1],
    [1, 9, 5, 2],
    [7, 13, 11, 1],
    [65, 33, 130, 8],
    [200, 96, 40, 16],
    [5, 2100, 2000, 16], // factors of more than 2^16 floats: the SGEMM form
  ];

  it.each(shapes)('rows %i, in %i, out %i, rank %i: output and gradients equal the composition', (rows, inFeatures, outFeatures, rank) => {
    const x = normal([rows, inFeatures], 1);
    const base = normal([rows, outFeatures], 2);
    const a = normal([rank, inFeatures], 3);
    const b = normal([outFeatures, rank], 4);
    const dy = normal([rows, outFeatures], 5);
    const scaling = 2.5;
    const run = (fused: boolean) => {
      useFusedKernels(fused);
      const { value, grads } = tf.tidy(() => {
        const f = (...inputs: tf.Tensor[]) => tf.sum(tf.mul(loraPath(...(inputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]), scaling), dy));
        const out = loraPath(x, base, a, b, scaling);
        return { value: out, grads: tf.grads(f)([x, base, a, b]) };
      });
      const result = { out: value.dataSync() as Float32Array, grads: grads.map((grad) => grad.dataSync() as Float32Array) };
      tf.dispose([value, ...grads]);
      return result;
    };
    const call = vi.spyOn(kernels!, 'loraPath');
    const gradient = vi.spyOn(kernels!, 'loraPathGrad');
    const fused = run(true);
    expect(call).toHaveBeenCalledTimes(2);
    expect(gradient).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    const composed = run(false);
    expect(maxRelativeError(fused.out, composed.out)).toBeLessThan(1e-5);
    ['x', 'base', 'A', 'B'].forEach((name, i) => expect(maxRelativeError(fused.grads[i], composed.grads[i]), name).toBeLessThan(1e-5));
    tf.dispose([x, base, a, b, dy]);
  });

  it('a gradient asked for x alone, with A and B constants, leaves no tensor behind', () => {
    const [x, base, a, b] = [normal([6, 5], 1), normal([6, 4], 2), normal([2, 5], 3), normal([4, 2], 4)];
    const before = tf.memory().numTensors;
    const dx = tf.grad((input) => tf.sum(loraPath(input as tf.Tensor2D, base, a, b, 2)))(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([dx, x, base, a, b]);
  });

  it('refuses inputs whose shapes disagree, naming them', () => {
    const [x, base, a, b] = [normal([6, 5], 1), normal([6, 4], 2), normal([2, 5], 3), normal([4, 3], 4)];
    expect(() => loraPath(x, base, a, b, 2)).toThrow('LoraPath: b must be float32 [4, 2], got float32 [4, 3]');
    tf.dispose([x, base, a, b]);
  });

  it('the addon refuses arrays shorter than the shapes say', () => {
    const small = new Float32Array(4);
    expect(() => kernels!.loraPathGrad(small, small, small, small, small, small, small, small, 3, 2, 2, 2, 1)).toThrow(RangeError);
    expect(() => kernels!.loraPath(small, small, small, small, small, small, 3, 2, 2, 2, 1)).toThrow(RangeError);
    expect(() => kernels!.loraPath(small, small, small, small, small, small, 1, 1, 1, 1, Number.NaN)).toThrow(/scaling must be a finite number/);
  });
});
