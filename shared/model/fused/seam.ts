/**
 * The seam between the model code and fused kernels. A fused op (RMSNorm, rotary embedding, SwiGLU, attention,
 * cross-entropy, the LoRA path) is a tfjs kernel under its own name, registered only by the backends that implement
 * it (native-cpu, in the addon), with its gradient registered once for all. The model calls the op's function in
 * this folder, which runs the kernel where the active backend has it and the tfjs composition everywhere else.
 *
 * FEDLORA_FUSED_KERNELS=0 turns the fused kernels off (the compositions run on every backend): the reference that
 * tests compare the kernels with, and the "before" of `npm run bench:train`.
 */
import * as tf from '@tensorflow/tfjs';

let enabled = process.env.FEDLORA_FUSED_KERNELS !== '0';

/** Whether the active backend computes `kernelName` itself, with fused kernels turned on. */
export function hasFusedKernel(kernelName: string): boolean {
  return enabled && tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** Turns the fused kernels on or off for this process (tests compare the two). */
export function useFusedKernels(on: boolean): void {
  enabled = on;
}

/** The active backend's `kernelName` where hasFusedKernel says it has it, else the tfjs `composition` (in a tidy). */
export function fusedOrComposed<T extends tf.Tensor | tf.Tensor[]>(kernelName: string, inputs: tf.NamedTensorMap, attrs: object, composition: () => T): T {
  if (!hasFusedKernel(kernelName)) return tf.tidy(composition);
  return tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as unknown as T;
}
