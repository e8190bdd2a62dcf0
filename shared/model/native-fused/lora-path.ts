/** LoRA's low-rank path added into the frozen product (shared/model/fused/lora-path.ts) in the addon. */
import * as tf from '@tensorflow/tfjs';
import { heapView, type NativeKernel } from '../cpu-kernels.js';
import { LORA_PATH, type LoraPathAttrs } from '../fused/lora-path.js';

export const nativeLoraPath: NativeKernel = {
  kernelName: LORA_PATH,
  run(kernels, { inputs, backend, attrs }) {
    const { x, base, a, b } = inputs as { x: tf.TensorInfo; base: tf.TensorInfo; a: tf.TensorInfo; b: tf.TensorInfo };
    const { scaling } = attrs as unknown as LoraPathAttrs;
    const [rows, inFeatures] = x.shape;
    const [rank, outFeatures] = [a.shape[0], b.shape[0]];
    const shapesMatch =
      [x, base, a, b].every((tensor) => tensor.dtype === 'float32' && tensor.shape.length === 2) &&
      a.shape[1] === inFeatures &&
      b.shape[1] === rank &&
      base.shape[0] === rows &&
      base.shape[1] === outFeatures;
    if (!shapesMatch) {
      throw new Error(
        `${LORA_PATH}: float32 x [N, in], base [N, out], A [r, in], B [out, r] are needed, got ` +
          [x, base, a, b].map((tensor) => `[${tensor.shape.join(', ')}]`).join(', '),
      );
    }
    const out = backend.makeOutput([rows, outFeatures], 'float32');
    const lowRank = backend.makeOutput([rows, rank], 'float32');
    const view = (tensor: tf.TensorInfo) => heapView(backend, tensor, tf.util.sizeFromShape(tensor.shape));
    kernels.loraPath(view(x), view(base), view(a), view(b), view(out), view(lowRank), rows, inFeatures, outFeatures, rank, scaling);
    return [out, lowRank];
  },
};
