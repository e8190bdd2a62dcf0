/** SwiGLU's activation and its gradient on native-cpu: the addon's kernels (native/cpu-kernels/src/swiglu.cc). */
import * as tf from '@tensorflow/tfjs';
import { assertFloat32Shape, heapView, type NativeKernel } from '../cpu-kernels.js';
import { SWIGLU, SWIGLU_GRAD } from '../fused/swiglu.js';

export const nativeSwiGlu: NativeKernel = {
  kernelName: SWIGLU,
  run(kernels, { inputs, backend }) {
    const { gate, up } = inputs as { gate: tf.TensorInfo; up: tf.TensorInfo };
    assertFloat32Shape(SWIGLU, 'gate', gate, gate.shape);
    assertFloat32Shape(SWIGLU, 'up', up, gate.shape);
    const out = backend.makeOutput(gate.shape, 'float32');
    const size = tf.util.sizeFromShape(gate.shape);
    if (size > 0) {
      const view = (tensor: tf.TensorInfo) => heapView(backend, tensor, size);
      kernels.swiGlu(view(gate), view(up), view(out), size);
    }
    return out;
  },
};

export const nativeSwiGluGrad: NativeKernel = {
  kernelName: SWIGLU_GRAD,
  run(kernels, { inputs, backend }) {
    const { dy, gate, up } = inputs as { dy: tf.TensorInfo; gate: tf.TensorInfo; up: tf.TensorInfo };
    for (const [name, tensor] of Object.entries({ dy, gate, up })) assertFloat32Shape(SWIGLU_GRAD, name, tensor, gate.shape);
    const dgate = backend.makeOutput(gate.shape, 'float32');
    const dup = backend.makeOutput(gate.shape, 'float32');
    const size = tf.util.sizeFromShape(gate.shape);
    if (size > 0) {
      const view = (tensor: tf.TensorInfo) => heapView(backend, tensor, size);
      kernels.swiGluGrad(view(dy), view(gate), view(up), view(dgate), view(dup), size);
    }
    return [dgate, dup];
  },
};
