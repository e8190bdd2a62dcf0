/** The activation functions that configs name (transformers' ACT2FN), for the vision tower and the projector. x: [N, C]. */
import * as tf from '@tensorflow/tfjs';
import { geluNew } from './gpt2.js';
import type { Activation } from './model-config.js';

export function activate(x: tf.Tensor2D, name: Activation): tf.Tensor2D {
  return tf.tidy(() => {
    switch (name) {
      case 'gelu': // exact: 0.5 x (1 + erf(x / √2))
        return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
      case 'gelu_pytorch_tanh':
      case 'gelu_new':
        return geluNew(x);
      case 'quick_gelu': // CLIP's: x · sigmoid(1.702 x)
        return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
      case 'relu':
        return tf.relu(x);
      case 'silu':
        return tf.mul(x, tf.sigmoid(x));
    }
  });
}
