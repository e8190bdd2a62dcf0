/**
 * The fused cross-entropy of the output head (shared/model/fused/cross-entropy.ts) on native-cpu equals the tfjs
 * composition (the head product and weightedCrossEntropy) to 1e-5 relative, loss and gradient with respect to the
 * hidden states: odd sizes, one row, a vocabulary split unevenly into slices and rows into several chunks,
 * masked and weighted positions. Where the addon did not build, the suite checks nothing (model.test.ts covers the
 * composition).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../shared/model/backend.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { loadCpuKernels } from '../../shared/model/cpu-kernels.js';
import { headCrossEntropy, type LossTargets } from '../../shared/model/fused/cross-entropy.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();

function normal(count: number, seed: number, std = 1): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(count), std);
}

/** Targets of `rows` positions: every third masked, the others weighted 1 or 0.5. */
function targetsOf(rows: number, vocab: number, seed: number): LossTargets {
  const random = new SeededRandom(seed);
  return {
    targetIds: Int32Array.from({ length: rows }, () => Math.floor(random.next() * vocab)),
    lossWeights: Float32Array.from({ length: rows }, (_, i) => (i % 3 === 1 ? 0 : i % 2 === 0 ? 1 : 0.5)),
  };
}

/** The loss times 0.7 (so that backprop's dy is not 1) and its gradient with respect to hidden, fused or not. */
function lossAndGradient(fused: boolean, hidden: tf.Tensor2D, head: tf.Tensor2D, targets: LossTargets) {
  useFusedKernels(fused);
  const { value, grad } = tf.valueAndGrad((h: tf.Tensor) => tf.mul(headCrossEntropy(h as tf.Tensor2D, head, targets), 0.7))(hidden);
  const result = { loss: value.dataSync()[0], gradient: grad.dataSync() as Float32Array };
  tf.dispose([value, grad]);
  return result;
}

describe.runIf(kernels)('fused cross-entropy of the output head', () => {
  beforeAll(async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
  });
  afterEach(() => useFusedKernels(true));

  // [rows, hidden size, vocabulary]: slices of ≥ 1024 head rows and a tail; 2^23 logits per chunk, so 170 rows of
  // a 50001-word vocabulary make two chunks (167 rows, then 3).
  const shapes: [number, number, number][] = [
    [1, 1, 2],
    [1, 13, 3001],
    [7, 13, 3001],
    [5, 8, 1000],
    [170, 6, 50001],
  ];

  it.each(shapes)('rows %i, hidden %i, vocabulary %i: loss and gradient equal the composition', (rows, width, vocab) => {
    const hidden = tf.tensor2d(normal(rows * width, 1), [rows, width]);
    const head = tf.tensor2d(normal(vocab * width, 2, 0.5), [vocab, width]);
    const targets = targetsOf(rows, vocab, 3);
    const call = vi.spyOn(kernels!, 'headCrossEntropy');
    const fused = lossAndGradient(true, hidden, head, targets);
    expect(call).toHaveBeenCalledTimes(1);
    call.mockRestore();
    const composed = lossAndGradient(false, hidden, head, targets);
    expect(Math.abs(fused.loss - composed.loss) / Math.abs(composed.loss)).toBeLessThan(1e-5);
    expect(maxRelativeError(fused.gradient, composed.gradient)).toBeLessThan(1e-5);
    // Masked positions get no gradient.
    for (let i = 1; i < rows; i += 3) expect(fused.gradient.subarray(i * width, (i + 1) * width).every((value) => value === 0)).toBe(true);
    tf.dispose([hidden, head]);
  });

  it('outside backprop the gradient is not computed, and the loss is the same', () => {
    const hidden = tf.tensor2d(normal(9 * 5, 4), [9, 5]);
    const head = tf.tensor2d(normal(77 * 5, 5), [77, 5]);
    const targets = targetsOf(9, 77, 6);
    const call = vi.spyOn(kernels!, 'headCrossEntropy');
    const loss = headCrossEntropy(hidden, head, targets);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call.mock.calls[0][7]).toHaveLength(0);
    call.mockRestore();
    expect(loss.dataSync()[0]).toBeCloseTo(lossAndGradient(false, hidden, head, targets).loss / 0.7, 4);
    tf.dispose([loss, hidden, head]);
  });

  it('all positions masked: zero loss and gradient', () => {
    const hidden = tf.tensor2d(normal(4 * 3, 7), [4, 3]);
    const head = tf.tensor2d(normal(10 * 3, 8), [10, 3]);
    const fused = lossAndGradient(true, hidden, head, { targetIds: new Int32Array(4), lossWeights: new Float32Array(4) });
    expect(fused.loss).toBe(0);
    expect(fused.gradient.every((value) => value === 0)).toBe(true);
    tf.dispose([hidden, head]);
  });

  it('a weighted target outside the vocabulary is refused; a masked one is never read', () => {
    const hidden = tf.tensor2d(normal(2 * 3, 9), [2, 3]);
    const head = tf.tensor2d(normal(10 * 3, 10), [10, 3]);
    const weights = Float32Array.of(1, 0);
    expect(() => headCrossEntropy(hidden, head, { targetIds: Int32Array.of(10, 0), lossWeights: weights })).toThrow(
      /target id 10 at row 0 is outside the vocabulary of 10/,
    );
    expect(() => headCrossEntropy(hidden, head, { targetIds: Int32Array.of(-1, 0), lossWeights: weights })).toThrow(RangeError);
    tf.dispose(headCrossEntropy(hidden, head, { targetIds: Int32Array.of(3, 99), lossWeights: weights }));
    expect(() => headCrossEntropy(hidden, head, { targetIds: Int32Array.of(3), lossWeights: weights })).toThrow(
      /a target id and a loss weight for each of 2 positions/,
    );
    expect(() =>
      loadCpuKernels().headCrossEntropy(new Float32Array(5), new Float32Array(30), new Int32Array(2), weights, 2, 3, 10, new Float32Array(0)),
    ).toThrow(RangeError);
    tf.dispose([hidden, head]);
  });
});
