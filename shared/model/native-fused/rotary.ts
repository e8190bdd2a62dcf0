/** The rotary embedding fused with the split into heads, and its gradient, on native-cpu (native/cpu-kernels/src/rotary.cc). */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { assertFloat32Shape, type CpuKernels, heapView, type NativeKernel } from '../cpu-kernels.js';
import { ROTARY_HEADS, ROTARY_HEADS_GRAD, type RotaryHeadsAttrs } from '../fused/rotary.js';

/** Rotates `input` (x forward, dy backward) into a new tensor of the other layout. */
function rotate(kernels: CpuKernels, backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: RotaryHeadsAttrs, backward: boolean): tf.TensorInfo {
  const kernelName = backward ? ROTARY_HEADS_GRAD : ROTARY_HEADS;
  const { cos, sin, [backward ? 'dy' : 'x']: input } = inputs as Record<string, tf.TensorInfo>;
  const { batch, heads } = attrs;
  const [seqLen, headDim] = cos.shape;
  const flat = [batch * seqLen, heads * headDim];
  const split = [batch, heads, seqLen, headDim];
  assertFloat32Shape(kernelName, 'cos', cos, [seqLen, headDim]);
  assertFloat32Shape(kernelName, 'sin', sin, [seqLen, headDim]);
  assertFloat32Shape(kernelName, backward ? 'dy' : 'x', input, backward ? split : flat);
  if (headDim % 2 !== 0) throw new Error(`${kernelName}: the head dimension must be even, got ${headDim}`);
  const out = backend.makeOutput(backward ? flat : split, 'float32');
  const size = batch * seqLen * heads * headDim;
  if (size > 0) {
    const view = (tensor: tf.TensorInfo, length: number) => heapView(backend, tensor, length);
    const table = seqLen * headDim;
    kernels.rotaryHeads(view(input, size), view(cos, table), view(sin, table), view(out, size), batch, seqLen, heads, headDim, backward);
  }
  return out;
}

export const nativeRotaryHeads: NativeKernel = {
  kernelName: ROTARY_HEADS,
  run: (kernels, { inputs, backend, attrs }) => rotate(kernels, backend, inputs, attrs as unknown as RotaryHeadsAttrs, false),
};

export const nativeRotaryHeadsGrad: NativeKernel = {
  kernelName: ROTARY_HEADS_GRAD,
  run: (kernels, { inputs, backend, attrs }) => rotate(kernels, backend, inputs, attrs as unknown as RotaryHeadsAttrs, true),
};
