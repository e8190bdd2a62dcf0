/**
 * `--quantize`: which base weights a client holds in NF4, and how each checkpoint tensor is stored as it is read.
 * QLoRA's choice (Dettmers et al. 2023): every linear projection of the decoder layers in 4-bit NF4, the
 * embeddings, norms, biases and the output head in float32; LoRA trains on top in float32, so the adapter is an
 * ordinary one and the coordinator cannot tell a quantised client from a full one.
 */
import type { BaseWeight } from './causal-lm.js';
import { hasFusedKernel } from './fused/seam.js';
import { llavaTextModulePath } from './llava-layout.js';
import { gpt2LayerLinears, layerLinears, storesWeightsFanInFanOut, textModelConfig, type ModelDescriptor } from './model-config.js';
import { quantizeNf4 } from './nf4.js';
import { PACKED_MAT_MUL } from './packed-matmul.js';
import { PackedWeight } from './packed-weight.js';
import { uploadWeight } from './webgpu-backend.js';

/** `nf4`: blocks of 64 with an fp32 absmax each; `nf4-dq`: the absmax values quantised again to 8 bits. */
export const QUANTIZATIONS = ['nf4', 'nf4-dq'] as const;
export type Quantization = (typeof QUANTIZATIONS)[number];

/** Stores one base weight, read from a checkpoint or generated, as the model will hold it. */
export type WeightStore = (name: string, values: Float32Array, shape: readonly number[]) => BaseWeight;

/**
 * The state-dict names of the weights that `--quantize` holds in NF4: every decoder layer's linear projections (of
 * a vision-language model's language model; its tower and projector stay float32).
 */
export function quantizedWeightNames(descriptor: ModelDescriptor): Set<string> {
  const text = textModelConfig(descriptor);
  const storedPath = descriptor.architecture === 'llava' ? llavaTextModulePath(descriptor.config) : (path: string) => path;
  const names = new Set<string>();
  for (let layer = 0; layer < text.config.numLayers; layer++) {
    const linears = text.architecture === 'gpt2' ? gpt2LayerLinears(text.config, layer) : layerLinears(text.config, layer);
    for (const linear of Object.values(linears)) names.add(`${storedPath(linear.modulePath)}.weight`);
  }
  return names;
}

/**
 * How the weights of `descriptor` are stored: all as backend tensors, or with the linear projections quantised
 * from the float values handed over, one tensor at a time (the float values are not kept). Without quantisation,
 * on a backend whose addon packs weights for its SGEMM (native-cpu, fused kernels on), the same projections are held
 * packed instead of as tensors (shared/model/packed-weight.ts). The output head stays a tensor there: the fused
 * cross-entropy (shared/model/fused/cross-entropy.ts) reads it whole.
 */
export function weightStore(descriptor: ModelDescriptor, quantize: Quantization | undefined): WeightStore {
  const linears = quantizedWeightNames(descriptor);
  if (quantize !== undefined) {
    return (name, values, shape) => (linears.has(name) ? quantizeNf4(values, shape, quantize === 'nf4-dq') : uploadWeight(name, values, shape));
  }
  if (!hasFusedKernel(PACKED_MAT_MUL)) return uploadWeight;
  const transposed = !storesWeightsFanInFanOut(descriptor);
  return (name, values, shape) => (linears.has(name) ? PackedWeight.pack(values, shape, transposed) : uploadWeight(name, values, shape));
}
