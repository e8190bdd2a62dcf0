/**
 * A zero-copy Identity kernel for the wasm backend (and native-cpu, which copies its kernels). tfjs runs Identity
 * for every tensor that a kernel saves for backprop; the wasm backend's own Identity copies the data, which
 * doubles the activations kept during a training step (and their copying time). Tensors are immutable and the
 * wasm backend reference-counts shared data (its Reshape already shares), so the output can share the input's data,
 * as the cpu backend's Identity does.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const sharedIdentity: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

let replaced = false;

/** Replaces the wasm backend's Identity (once; the wasm backend module must have been imported). */
export function shareWasmIdentityData(): void {
  if (replaced) return;
  const original = tf.getKernel(tf.Identity, 'wasm');
  if (!original) throw new Error('the wasm backend must be imported before its Identity kernel is replaced');
  tf.unregisterKernel(tf.Identity, 'wasm');
  // String tensors live outside the heap: the original kernel handles them.
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => ((args.inputs.x as tf.TensorInfo).dtype === 'string' ? original.kernelFunc(args) : sharedIdentity(args)),
  });
  replaced = true;
}
