/**
 * SwiGLU's activation, silu(gate) · up = gate · sigmoid(gate) · up, as one kernel where the backend has it
 * (native-cpu: native/cpu-kernels/src/swiglu.cc) and as its tfjs composition everywhere else. The fused kernel's
 * gradient is a second kernel that computes both inputs' gradients in one pass.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedOrComposed } from './seam.js';

export const SWIGLU = 'SwiGlu';
/** Inputs dy, gate, up; outputs [dgate, dup]. */
export const SWIGLU_GRAD = 'SwiGluGrad';

/** silu(gate) · up, elementwise; gate and up of one shape. */
export function swiGlu<T extends tf.Tensor>(gate: T, up: T): T {
  return fusedOrComposed(SWIGLU, { gate, up }, {}, () => tf.mul<T>(tf.mul(gate, tf.sigmoid(gate)), up));
}

/**
 * With s = sigmoid(gate): dgate = dy · up · s · (1 + gate · (1 − s)), dup = dy · gate · s. The kernel where the
 * backend has it; the same formula in tfjs ops where it has only the forward kernel (or fused kernels were turned
 * off between the forward and the backward pass).
 */
tf.registerGradient({
  kernelName: SWIGLU,
  inputsToSave: ['gate', 'up'],
  gradFunc: (dyOrDys, saved) => {
    const dy = dyOrDys as tf.Tensor;
    const [gate, up] = saved;
    const [dgate, dup] = fusedOrComposed(SWIGLU_GRAD, { dy, gate, up }, {}, () => swiGluGradComposition(dy, gate, up));
    return { gate: () => dgate, up: () => dup };
  },
});

function swiGluGradComposition(dy: tf.Tensor, gate: tf.Tensor, up: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const s = tf.sigmoid(gate);
  const slope = tf.add(1, tf.mul(gate, tf.sub(1, s)));
  return [tf.mul(tf.mul(tf.mul(dy, up), s), slope), tf.mul(dy, tf.mul(gate, s))];
}
