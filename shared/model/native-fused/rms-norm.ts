/** RMSNorm and its gradient on native-cpu: the addon's kernels (native/cpu-kernels/src/rms-norm.cc). */
import type * as tf from '@tensorflow/tfjs';
import { assertFloat32Shape, heapView, type NativeKernel } from '../cpu-kernels.js';
import { RMS_NORM, RMS_NORM_GRAD, type RmsNormAttrs } from '../fused/rms-norm.js';

export const nativeRmsNorm: NativeKernel = {
  kernelName: RMS_NORM,
  run(kernels, { inputs, backend, attrs }) {
    const { x, weight } = inputs as { x: tf.TensorInfo; weight: tf.TensorInfo };
    const [rows, cols] = x.shape;
    assertFloat32Shape(RMS_NORM, 'x', x, [rows, cols]);
    assertFloat32Shape(RMS_NORM, 'weight', weight, [cols]);
    const y = backend.makeOutput([rows, cols], 'float32');
    const size = rows * cols;
    if (size > 0) {
      const view = (tensor: tf.TensorInfo, length: number) => heapView(backend, tensor, length);
      kernels.rmsNorm(view(x, size), view(weight, cols), view(y, size), rows, cols, (attrs as unknown as RmsNormAttrs).eps);
    }
    return y;
  },
};

export const nativeRmsNormGrad: NativeKernel = {
  kernelName: RMS_NORM_GRAD,
  run(kernels, { inputs, backend, attrs }) {
    const { dy, x, weight } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; weight: tf.TensorInfo };
    const [rows, cols] = x.shape;
    assertFloat32Shape(RMS_NORM_GRAD, 'x', x, [rows, cols]);
    assertFloat32Shape(RMS_NORM_GRAD, 'dy', dy, [rows, cols]);
    assertFloat32Shape(RMS_NORM_GRAD, 'weight', weight, [cols]);
    const dx = backend.makeOutput([rows, cols], 'float32');
    const dweight = backend.makeOutput([cols], 'float32');
    const size = rows * cols;
    const view = (tensor: tf.TensorInfo, length: number) => heapView(backend, tensor, length);
    if (cols > 0) {
      kernels.rmsNormGrad(
        view(dy, size),
        view(x, size),
        view(weight, cols),
        view(dx, size),
        view(dweight, cols),
        rows,
        cols,
        (attrs as unknown as RmsNormAttrs).eps,
      );
    }
    return [dx, dweight];
  },
};
