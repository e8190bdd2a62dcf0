/** LoRA's low-rank path added into the frozen product (shared/model/fused/lora-path.ts) in the addon. */
import * as tf from '@tensorflow/tfjs';
import { assertFloat32Shape, heapView, type NativeKernel, type NativeKernelArgs } from '../cpu-kernels.js';
import { LORA_PATH, LORA_PATH_GRAD, type LoraPathAttrs } from '../fused/lora-path.js';

/** The path's sizes from x [N, in], A [r, in] and B [out, r], each tensor checked against them. */
function pathShape(kernelName: string, x: tf.TensorInfo, a: tf.TensorInfo, b: tf.TensorInfo) {
  const [rows, inFeatures] = x.shape;
  const [rank, outFeatures] = [a.shape[0], b.shape[0]];
  const check = (name: string, tensor: tf.TensorInfo, shape: number[]) => assertFloat32Shape(kernelName, name, tensor, shape);
  check('x', x, [rows, inFeatures]);
  check('a', a, [rank, inFeatures]);
  check('b', b, [outFeatures, rank]);
  return { rows, inFeatures, outFeatures, rank, check };
}

const viewOf = (backend: NativeKernelArgs['backend']) => (tensor: tf.TensorInfo) => heapView(backend, tensor, tf.util.sizeFromShape(tensor.shape));

export const nativeLoraPath: NativeKernel = {
  kernelName: LORA_PATH,
  run(kernels, { inputs, backend, attrs }) {
    const { x, base, a, b } = inputs as Record<'x' | 'base' | 'a' | 'b', tf.TensorInfo>;
    const { rows, inFeatures, outFeatures, rank, check } = pathShape(LORA_PATH, x, a, b);
    check('base', base, [rows, outFeatures]);
    const out = backend.makeOutput([rows, outFeatures], 'float32');
    const lowRank = backend.makeOutput([rows, rank], 'float32');
    const view = viewOf(backend);
    const { scaling } = attrs as unknown as LoraPathAttrs;
    kernels.loraPath(view(x), view(base), view(a), view(b), view(out), view(lowRank), rows, inFeatures, outFeatures, rank, scaling);
    return [out, lowRank];
  },
};

export const nativeLoraPathGrad: NativeKernel = {
  kernelName: LORA_PATH_GRAD,
  run(kernels, { inputs, backend, attrs }) {
    const { dy, x, a, b, lowRank } = inputs as Record<'dy' | 'x' | 'a' | 'b' | 'lowRank', tf.TensorInfo>;
    const { rows, inFeatures, outFeatures, rank, check } = pathShape(LORA_PATH_GRAD, x, a, b);
    check('dy', dy, [rows, outFeatures]);
    check('lowRank', lowRank, [rows, rank]);
    const dx = backend.makeOutput([rows, inFeatures], 'float32');
    const da = backend.makeOutput([rank, inFeatures], 'float32');
    const db = backend.makeOutput([outFeatures, rank], 'float32');
    const view = viewOf(backend);
    const { scaling } = attrs as unknown as LoraPathAttrs;
    kernels.loraPathGrad(view(dy), view(x), view(a), view(b), view(lowRank), view(dx), view(da), view(db), rows, inFeatures, outFeatures, rank, scaling);
    return [dx, da, db];
  },
};
