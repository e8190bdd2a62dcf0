/**
 * One Adam update of one variable, as one kernel where the backend has it (native-cpu:
 * native/cpu-kernels/src/adam.cc) and as tfjs's own AdamOptimizer arithmetic everywhere else: the thirteen small
 * kernels that tf.train.adam runs per variable and step are, for a LoRA adapter's few hundred values each, nearly
 * all dispatch overhead.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedOrComposed } from './seam.js';

/** Inputs value, gradient, m, v; outputs [value, m, v] after the step. */
export const ADAM_STEP = 'AdamStep';

export interface AdamStepAttrs {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** 1 − beta1^t and 1 − beta2^t at step t, in float32 as tfjs accumulates them. */
  readonly firstCorrection: number;
  readonly secondCorrection: number;
}

/**
 * m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g², value' = value − lr · (m'/c1) / (√(v'/c2) + ε), in the order
 * tf.train.adam computes them.
 */
export function adamStep(value: tf.Tensor, gradient: tf.Tensor, m: tf.Tensor, v: tf.Tensor, attrs: AdamStepAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return fusedOrComposed(ADAM_STEP, { value, gradient, m, v }, attrs, () => {
    const { learningRate, beta1, beta2, epsilon, firstCorrection, secondCorrection } = attrs;
    const newM = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
    const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
    const correctedM = tf.div(newM, firstCorrection);
    const correctedV = tf.div(newV, secondCorrection);
    const newValue = tf.add(tf.mul(tf.div(correctedM, tf.add(tf.sqrt(correctedV), epsilon)), -learningRate), value);
    return [newValue, newM, newV];
  });
}
