/**
 * The training and evaluation loss: softmax cross-entropy over the vocabulary, weighted per position, Σ_i w_i ·
 * (logsumexp(logits_i) − logits_i[target_i]), in its one definition. `headCrossEntropy` computes it from the final
 * hidden states and a frozen output head: where the backend has the fused kernel (native-cpu), a chunk of rows'
 * logits at a time, never the whole [N, V] logits or their gradient, with the gradient with respect to the hidden
 * states computed in the same pass and scaled by dy in backprop; elsewhere the head product and
 * `weightedCrossEntropy`.
 *
 * Shapes: N rows (positions), C hidden size, V vocabulary.
 */
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../../infra/errors.js';
import { hasFusedKernel } from './seam.js';

export const HEAD_CROSS_ENTROPY = 'HeadCrossEntropy';

/** What each position is scored against. */
export interface LossTargets {
  /** The token each position should predict, [N]. */
  readonly targetIds: Int32Array;
  /** Each position's weight in the loss, [N]: 0 for positions that are not targets (prompts, padding). */
  readonly lossWeights: Float32Array;
}

/** The fused kernel's attributes: the targets, and whether to compute the gradient (only while it is recorded). */
export interface HeadCrossEntropyAttrs extends LossTargets {
  readonly withGradient: boolean;
}

/** Σ_i w_i · −log softmax(hidden_i · headᵀ)[target_i], the head [V, C] frozen. hidden: [N, C] → scalar. */
export function headCrossEntropy(hidden: tf.Tensor2D, head: tf.Tensor2D, targets: LossTargets): tf.Scalar {
  checkTargets(hidden.shape[0], targets);
  if (!hasFusedKernel(HEAD_CROSS_ENTROPY)) return tf.tidy(() => weightedCrossEntropy(tf.matMul(hidden, head, false, true), targets));
  // Outside tf.grad and its kin no backprop follows, and the gradient's product is left out.
  const attrs: HeadCrossEntropyAttrs = { ...targets, withGradient: tf.engine().state.gradientDepth > 0 };
  const [loss, gradient] = tf.engine().runKernel(HEAD_CROSS_ENTROPY, { hidden, head }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  // Backprop holds its own reference to the gradient.
  gradient.dispose();
  return loss as tf.Scalar;
}

tf.registerGradient({
  kernelName: HEAD_CROSS_ENTROPY,
  outputsToSave: [false, true],
  gradFunc: (dy, saved) => {
    const [dLoss] = dy as tf.Tensor[];
    const [gradient] = saved;
    return { hidden: () => tf.mul(gradient, dLoss) };
  },
});

/**
 * The loss from the logits [N, V], with its gradient w_i · (softmax(logits_i) − onehot(target_i)) written out:
 * backprop then keeps only the logits and their logsumexp, where the automatic gradients of logSoftmax and the
 * one-hot product keep several more [N, V] tensors (with a 49k vocabulary at 128 positions, 140 MB less at the peak).
 */
export function weightedCrossEntropy(logits: tf.Tensor2D, targets: LossTargets): tf.Scalar {
  const [rows, vocabSize] = logits.shape;
  checkTargets(rows, targets);
  const { targetIds, lossWeights } = targets;
  // One-hot products instead of gathering the targets' logits: the wasm backend has no gradient for gather (no
  // UnsortedSegmentSum). The one-hot is made as int32 and cast because wasm's OneHot kernel ignores its dtype
  // argument (a float32 request returns int32 bit patterns). It is made again for the gradient rather than kept.
  const oneHot = () => tf.cast(tf.oneHot(tf.tensor1d(targetIds, 'int32'), vocabSize), 'float32');
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const weights = tf.tensor2d(lossWeights, [rows, 1]);
    const logSumExp = tf.logSumExp(x, -1, true); // [N, 1]
    // Saved tensors outlive the caller's tidy until backprop has used them.
    save([x, logSumExp, weights]);
    const value = tf.tidy(() => tf.sum<tf.Scalar>(tf.mul(tf.sub(logSumExp, tf.sum(tf.mul(x, oneHot()), -1, true)), weights)));
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedLogits, savedLogSumExp, savedWeights] = saved;
      return tf.tidy(() => tf.mul(tf.mul(tf.sub(tf.exp(tf.sub(savedLogits, savedLogSumExp)), oneHot()), savedWeights), dy));
    };
    return { value, gradFunc };
  });
  return loss(logits) as tf.Scalar;
}

function checkTargets(rows: number, { targetIds, lossWeights }: LossTargets): void {
  if (targetIds.length !== rows || lossWeights.length !== rows) {
    throw new DataError(`the loss needs a target id and a loss weight for each of ${rows} positions, got ${targetIds.length} and ${lossWeights.length}`);
  }
}
