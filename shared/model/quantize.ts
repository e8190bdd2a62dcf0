/**
 * `--quantize`: which base weights a client holds in NF4, and how each checkpoint tensor is stored as it is read.
 * QLoRA's choice (Dettmers et al. 2023): every linear projection of the decoder layers in 4-bit NF4, the
 * embeddings, norms, biases and the output head in float32; LoRA trains on top in float32, so the adapter is an
 * ordinary one and the coordinator cannot tell a quantised client from a full one.
 */
import * as tf from '@tensorflow/tfjs';
import type { BaseWeight } from './causal-lm.js';
import { heapTensorSlot } from './cpu-kernels.js';
import { hasFusedKernel } from './fused/seam.js';
import { llavaTextModulePath } from './llava-layout.js';
import { gpt2LayerLinears, layerLinears, storesWeightsFanInFanOut, textModelConfig, type ModelDescriptor } from './model-config.js';
import { quantizeNf4 } from './nf4.js';
import { PACKED_MAT_MUL } from './packed-matmul.js';
import { NATIVE_CPU_BACKEND } from './native-cpu-backend.js';
import { PackedWeight } from './packed-weight.js';
import type { TensorPlacement } from './safetensors.js';
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
  const holding = weightHolding(descriptor, quantize);
  const transposed = !storesWeightsFanInFanOut(descriptor);
  return (name, values, shape) => {
    const held = holding(name);
    if (held === 'nf4') return quantizeNf4(values, shape, quantize === 'nf4-dq');
    return held === 'packed' ? PackedWeight.pack(values, shape, transposed) : uploadWeight(name, values, shape);
  };
}

/** How weightStore holds each weight: in NF4, packed for the addon, or as a backend tensor. */
function weightHolding(descriptor: ModelDescriptor, quantize: Quantization | undefined): (name: string) => 'nf4' | 'packed' | 'tensor' {
  const linears = quantizedWeightNames(descriptor);
  const linearHolding = quantize !== undefined ? 'nf4' : hasFusedKernel(PACKED_MAT_MUL) ? 'packed' : 'tensor';
  return (name) => (linears.has(name) ? linearHolding : 'tensor');
}

/**
 * Where a checkpoint reader may write the weights that weightStore would upload as tensors straight into the
 * backend, chunk by chunk, on the backends that keep tensors on a wasm heap (wasm, native-cpu): read whole first,
 * a weight would exist twice at once (a 1B model's tied embeddings are 1 GB). `keep` receives each weight's tensor
 * as its slot is made. Undefined on the other backends.
 */
export function weightPlacement(
  descriptor: ModelDescriptor,
  quantize: Quantization | undefined,
  keep: (name: string, weight: tf.Tensor) => void,
): TensorPlacement | undefined {
  if (!WASM_HEAP_BACKENDS.has(tf.getBackend())) return undefined;
  const holding = weightHolding(descriptor, quantize);
  return (name, shape) => (holding(name) === 'tensor' ? heapTensorSlot(shape, (tensor) => keep(name, tensor)) : undefined);
}

const WASM_HEAP_BACKENDS: ReadonlySet<string> = new Set(['wasm', NATIVE_CPU_BACKEND]);
