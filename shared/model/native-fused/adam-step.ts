/** One Adam step of one variable on native-cpu: the addon's kernel (native/cpu-kernels/src/adam.cc). */
import * as tf from '@tensorflow/tfjs';
import { assertFloat32Shape, heapView, type NativeKernel } from '../cpu-kernels.js';
import { ADAM_STEP, type AdamStepAttrs } from '../fused/adam-step.js';

export const nativeAdamStep: NativeKernel = {
  kernelName: ADAM_STEP,
  run(kernels, { inputs, backend, attrs }) {
    const { value, gradient, m, v } = inputs as { value: tf.TensorInfo; gradient: tf.TensorInfo; m: tf.TensorInfo; v: tf.TensorInfo };
    for (const [name, tensor] of Object.entries({ value, gradient, m, v })) assertFloat32Shape(ADAM_STEP, name, tensor, value.shape);
    const outputs = [value, m, v].map(() => backend.makeOutput(value.shape, 'float32'));
    const size = tf.util.sizeFromShape(value.shape);
    if (size > 0) {
      const { learningRate, beta1, beta2, epsilon, firstCorrection, secondCorrection } = attrs as unknown as AdamStepAttrs;
      const [newValue, newM, newV] = outputs.map((tensor) => heapView(backend, tensor, size));
      const view = (tensor: tf.TensorInfo) => heapView(backend, tensor, size);
      kernels.adamStep(
        view(value),
        view(gradient),
        view(m),
        view(v),
        newValue,
        newM,
        newV,
        size,
        learningRate,
        beta1,
        beta2,
        epsilon,
        firstCorrection,
        secondCorrection,
      );
    }
    return outputs;
  },
};
