/**
 * The matrix product with a frozen weight held packed for the addon (shared/model/packed-weight.ts), as a tfjs op
 * with its gradient: one kernel of the native-cpu backend. A weight is packed only while that backend is active and
 * the fused kernels are on (weightStore), so the fallback, the weight unpacked for this product alone, runs only
 * when the backend was switched after loading.
 */
import * as tf from '@tensorflow/tfjs';
import type { PackedWeight } from './packed-weight.js';

/** The kernel's name, registered by the native-cpu backend. */
export const PACKED_MAT_MUL = 'PackedMatMul';

/** The kernel's attributes: the product x · op(W), or with `transposedProduct` dy · op(W)ᵀ (its gradient). */
export interface PackedMatMulAttrs {
  readonly weight: PackedWeight;
  readonly transposedProduct: boolean;
}

/**
 * x · op(W) (x · Wᵀ for nn.Linear's [out, in], x · W for Conv1D's [in, out]). x: [N, K] → [N, out]. The weight is
 * frozen: the gradient reaches x only, dy · op(W)ᵀ, the same kernel reading the panels transposed.
 */
export function packedMatMul(x: tf.Tensor2D, weight: PackedWeight): tf.Tensor2D {
  return packedProduct(x, weight, false);
}

function packedProduct(x: tf.Tensor2D, weight: PackedWeight, transposedProduct: boolean): tf.Tensor2D {
  const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor2D;
    const attrs: PackedMatMulAttrs = { weight, transposedProduct };
    const value = tf.getKernel(PACKED_MAT_MUL, tf.getBackend())
      ? (tf.engine().runKernel(PACKED_MAT_MUL, { x: input }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D)
      : tf.tidy(() => tf.matMul(input, tf.tensor2d(weight.unpack(), [...weight.shape]), false, weight.transposed !== transposedProduct));
    return { value, gradFunc: (dy: tf.Tensor) => packedProduct(dy as tf.Tensor2D, weight, !transposedProduct) };
  });
  return product(x) as tf.Tensor2D;
}
