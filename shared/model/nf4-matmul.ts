/**
 * The matrix product with a frozen NF4 weight, as a tfjs op with its gradient. On native-cpu it is one kernel of
 * fedlora's addon that dequantises the weight panel by panel inside the SGEMM (native/cpu-kernels/src/nf4.cc), on
 * webgpu a WGSL kernel that dequantises each tile of the weight as it reads it (shared/model/nf4-webgpu.ts), so no
 * float32 copy of the layer exists; every other backend dequantises the whole weight into a float32 tensor for that
 * one product and frees it as soon as the product is computed (the copy lives for one layer's product, never across
 * layers or steps).
 */
import * as tf from '@tensorflow/tfjs';
import type { Nf4Tensor } from './nf4.js';

/** The kernel's name, registered for the backends that have their own implementation (native-cpu, webgpu). */
export const NF4_MAT_MUL = 'Nf4MatMul';

/** The kernel's attributes. */
export interface Nf4MatMulAttrs {
  readonly weight: Nf4Tensor;
  readonly transposeWeight: boolean;
}

/**
 * x · Wᵀ when `transposeWeight` (nn.Linear's [out, in] weights), else x · W (GPT-2 Conv1D's [in, out]), computed in
 * float32 from the dequantised weight. x: [N, K] → [N, out]. The weight is frozen: the gradient reaches x only,
 * dy · op(W)ᵀ, which is this same product with `transposeWeight` flipped.
 */
export function nf4MatMul(x: tf.Tensor2D, weight: Nf4Tensor, transposeWeight: boolean): tf.Tensor2D {
  const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor2D;
    const attrs: Nf4MatMulAttrs = { weight, transposeWeight };
    const value = tf.getKernel(NF4_MAT_MUL, tf.getBackend())
      ? (tf.engine().runKernel(NF4_MAT_MUL, { x: input }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D)
      : dequantizedMatMul(input, weight, transposeWeight);
    return { value, gradFunc: (dy: tf.Tensor) => nf4MatMul(dy as tf.Tensor2D, weight, !transposeWeight) };
  });
  return product(x) as tf.Tensor2D;
}

/**
 * The product's dimensions, x [m, k] · op(W) → [m, n], for a backend's kernel; throws when x is not a float32
 * matrix whose rows match the weight.
 */
export function nf4ProductShape(x: tf.TensorInfo, { weight, transposeWeight }: Nf4MatMulAttrs): { m: number; k: number; n: number } {
  const [rows, cols] = weight.shape;
  const [k, n] = transposeWeight ? [cols, rows] : [rows, cols];
  if (x.dtype !== 'float32' || x.shape.length !== 2 || x.shape[1] !== k) {
    throw new Error(`${NF4_MAT_MUL}: a float32 [N, ${k}] input is needed, got ${x.dtype} [${x.shape.join(', ')}]`);
  }
  return { m: x.shape[0], k, n };
}

/** The portable path: the weight dequantised for this product only. */
export function dequantizedMatMul(x: tf.Tensor2D, weight: Nf4Tensor, transposeWeight: boolean): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(x, tf.tensor2d(weight.dequantize(), weight.shape as [number, number]), false, transposeWeight));
}
