/** The head's cross-entropy (shared/model/fused/cross-entropy.ts) in the addon, chunked over rows. */
import type * as tf from '@tensorflow/tfjs';
import { heapView, type NativeKernel } from '../cpu-kernels.js';
import { HEAD_CROSS_ENTROPY, type HeadCrossEntropyAttrs } from '../fused/cross-entropy.js';

const NO_GRADIENT = new Float32Array(0);

export const nativeHeadCrossEntropy: NativeKernel = {
  kernelName: HEAD_CROSS_ENTROPY,
  run(kernels, { inputs, backend, attrs }) {
    const { hidden, head } = inputs as { hidden: tf.TensorInfo; head: tf.TensorInfo };
    const { targetIds, lossWeights, withGradient } = attrs as unknown as HeadCrossEntropyAttrs;
    const [rows, width] = hidden.shape;
    const vocab = head.shape[0];
    if (hidden.dtype !== 'float32' || head.dtype !== 'float32' || hidden.shape.length !== 2 || head.shape.length !== 2 || head.shape[1] !== width) {
      throw new Error(
        `${HEAD_CROSS_ENTROPY}: float32 hidden [N, C] and head [V, C] are needed, got [${hidden.shape.join(', ')}] and [${head.shape.join(', ')}]`,
      );
    }
    const loss = backend.makeOutput([], 'float32');
    const gradient = backend.makeOutput(withGradient ? [rows, width] : [0, width], 'float32');
    const value = kernels.headCrossEntropy(
      heapView(backend, hidden, rows * width),
      heapView(backend, head, vocab * width),
      targetIds,
      lossWeights,
      rows,
      width,
      vocab,
      withGradient ? heapView(backend, gradient, rows * width) : NO_GRADIENT,
    );
    heapView(backend, loss, 1)[0] = value;
    return [loss, gradient];
  },
};
