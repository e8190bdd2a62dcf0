/**
 * A decoder-only Llama in tfjs (LlamaForCausalLM, also Mistral, SmolLM, TinyLlama; Qwen2ForCausalLM when q, k and v
 * carry biases), with LoRA adapters on chosen linear layers. One file, read top to bottom: building blocks
 * (rotary tables; RMSNorm, the rotary embedding and SwiGLU are in fused/), then the model.
 *
 * Shapes in comments: B batch, T new positions, S positions attended (past + T), C hidden size, H query heads,
 * K kv heads, D head dim, V vocabulary.
 *
 * Base weights are frozen tensors named as in Hugging Face checkpoints (linear weights [out, in]); only the
 * LoRA matrices are variables. Every matrix product is 2-D or has equal batch dimensions on both sides, because
 * tfjs's BatchMatMul gradient does not reduce broadcast batch dimensions.
 */
import * as tf from '@tensorflow/tfjs';
import { elementCount, type TensorData } from '../lora/adapter.js';
import { ConfigError } from '../infra/errors.js';
import { SeededRandom } from '../infra/random.js';
import { uploadWeight } from './webgpu-backend.js';
import type { WeightStore } from './quantize.js';
import { type BaseWeight, LoraCausalLM, mergeHeads, positionsAfter, splitHeads, type ForwardOptions, type OutputHead, type SharedLora } from './causal-lm.js';
import { groupedCausalAttention } from './fused/attention.js';
import { layerLinears, type Llama3RopeScaling, type LlamaConfig, type LlamaDescriptor, type LlamaLinearModule } from './model-config.js';
import { baseWeightShapes } from './weight-shapes.js';
import { rmsNorm } from './fused/rms-norm.js';
import { rotaryHeads } from './fused/rotary.js';
import { swiGlu } from './fused/swiglu.js';

export { baseWeightShapes };

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/**
 * The D/2 rotary frequencies inv_freq_i = theta^(-2i/D). With llama3 scaling, wavelengths longer than
 * original_max / low_freq_factor are stretched by `factor`, those shorter than original_max / high_freq_factor
 * kept, and those in between interpolated (transformers' `_compute_llama3_parameters`).
 */
export function rotaryFrequencies(headDim: number, theta: number, scaling?: Llama3RopeScaling): number[] {
  return Array.from({ length: headDim / 2 }, (_, i) => {
    const frequency = 1 / theta ** ((2 * i) / headDim);
    if (!scaling) return frequency;
    const { factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings: original } = scaling;
    const wavelength = (2 * Math.PI) / frequency;
    if (wavelength < original / highFreqFactor) return frequency;
    if (wavelength > original / lowFreqFactor) return frequency / factor;
    const smooth = (original / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
    return (1 - smooth) * (frequency / factor) + smooth * frequency;
  });
}

/**
 * cos and sin of the rotary angles, [maxPositions, D] each, in Hugging Face's layout: the D/2 frequencies
 * repeated twice, `emb = cat(freqs, freqs)`.
 */
export function rotaryTables(headDim: number, theta: number, maxPositions: number, scaling?: Llama3RopeScaling): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = headDim / 2;
  const frequencies = rotaryFrequencies(headDim, theta, scaling);
  const cos = new Float32Array(maxPositions * headDim);
  const sin = new Float32Array(maxPositions * headDim);
  for (let position = 0; position < maxPositions; position++) {
    for (let i = 0; i < half; i++) {
      const angle = position * frequencies[i];
      for (const column of [i, i + half]) {
        cos[position * headDim + column] = Math.cos(angle);
        sin[position * headDim + column] = Math.sin(angle);
      }
    }
  }
  return { cos: tf.tensor2d(cos, [maxPositions, headDim]), sin: tf.tensor2d(sin, [maxPositions, headDim]) };
}

// ---------------------------------------------------------------------------------------------------------
// Base weights

/** Positions the rotary tables cover at first (see LlamaModel.rotaryRows): 256 KiB at D = 64. */
const MIN_ROTARY_POSITIONS = 512;

/** Hugging Face's default `initializer_range`, used for every linear layer. */
const LINEAR_INIT_STD = 0.02;
/**
 * Larger for the (tied) embeddings: after the final RMSNorm |h| = √C, so a logit h·e is at most C·σ. At σ = 0.02
 * and C = 64 that ceiling is 1.3, too flat for an adapter to express a useful distribution; σ = 0.1 allows 6.4.
 */
const EMBEDDING_INIT_STD = 0.1;

/** Reproducible weights for a built-in model: norms 1, everything else normal, drawn in JS (same on every backend). */
export function seededBaseValues(config: LlamaConfig, seed: number): Map<string, TensorData> {
  const random = new SeededRandom(seed);
  const weights = new Map<string, TensorData>();
  for (const [name, shape] of baseWeightShapes(config)) {
    const values = new Float32Array(elementCount(shape));
    if (name.endsWith('norm.weight')) values.fill(1);
    else if (name.endsWith('.bias')) random.fillNormal(values, LINEAR_INIT_STD);
    else random.fillNormal(values, name === 'model.embed_tokens.weight' ? EMBEDDING_INIT_STD : LINEAR_INIT_STD);
    weights.set(name, { shape, data: values });
  }
  return weights;
}

/** seededBaseValues, each weight kept as `store` keeps it (a backend tensor by default). */
export function seededBaseWeights<W extends BaseWeight = tf.Tensor>(
  config: LlamaConfig,
  seed: number,
  store: (...args: Parameters<WeightStore>) => W = uploadWeight as () => W,
): Map<string, W> {
  return new Map([...seededBaseValues(config, seed)].map(([name, { shape, data }]) => [name, store(name, data, shape)]));
}

// ---------------------------------------------------------------------------------------------------------
// The model

export class LlamaModel extends LoraCausalLM {
  readonly config: LlamaConfig;
  private readonly linears: readonly Record<LlamaLinearModule, { modulePath: string }>[];
  /** cos and sin for the positions read so far (see rotaryRows). */
  private rotary?: { cos: tf.Tensor2D; sin: tf.Tensor2D };

  /**
   * Takes ownership of `weights` (Hugging Face names and shapes, see baseWeightShapes); dispose() frees them.
   * `shared`: the LoRA layers of a model this one is part of.
   */
  constructor(descriptor: LlamaDescriptor, weights: ReadonlyMap<string, BaseWeight>, shared?: SharedLora) {
    super(descriptor, weights, baseWeightShapes(descriptor.config), shared);
    this.config = descriptor.config;
    this.linears = Array.from({ length: this.config.numLayers }, (_, layer) => layerLinears(this.config, layer));
  }

  /**
   * cos and sin of positions past … past + T − 1, [T, D] each. The tables grow on demand, at least doubling, rather
   * than covering every position the model allows: Llama 3's 131,072 positions make 67 MB that a run at a few
   * hundred positions never reads.
   */
  private rotaryRows(past: number, seqLen: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
    const held = this.rotary?.cos.shape[0] ?? 0;
    if (held < past + seqLen) {
      const { headDim, ropeTheta, maxPositionEmbeddings, ropeScaling } = this.config;
      const positions = Math.min(maxPositionEmbeddings, Math.max(past + seqLen, 2 * held, MIN_ROTARY_POSITIONS));
      tf.dispose([this.rotary?.cos, this.rotary?.sin].filter((table) => table !== undefined));
      const tables = rotaryTables(headDim, ropeTheta, positions, ropeScaling);
      // Kept across the callers' tidy scopes: the model owns them until it grows them again or is disposed.
      this.rotary = { cos: tf.keep(tables.cos), sin: tf.keep(tables.sin) };
    }
    const { cos, sin } = this.rotary!;
    return { cos: tf.slice(cos, [past, 0], [seqLen, -1]), sin: tf.slice(sin, [past, 0], [seqLen, -1]) };
  }

  embedTokens(inputIds: tf.Tensor2D): tf.Tensor3D {
    const [batch, seqLen] = inputIds.shape;
    return tf.tidy(() => tf.reshape(tf.gather(this.weight('model.embed_tokens.weight'), tf.reshape(inputIds, [-1])), [batch, seqLen, this.config.hiddenSize]));
  }

  hiddenStates(embeddings: tf.Tensor3D, options: ForwardOptions = {}): tf.Tensor3D {
    const batch = embeddings.shape[0];
    const prefix = this.prefix.count(options.cache?.length ?? 0);
    const { past, seqLen } = positionsAfter(embeddings.shape[1], options.cache, this.config.maxPositionEmbeddings, prefix);
    return tf.tidy(() => {
      const { cos, sin } = this.rotaryRows(past, seqLen); // [T, D] each
      const prefixes = prefix > 0 ? this.prefix.keysValues() : undefined;
      const step: LayerStep = { batch, seqLen, cos, sin, prefixes, options };
      // The residual stream stays 2-D, [B·T, C], so that every linear layer is a plain 2-D product.
      let hidden = tf.reshape<tf.Rank.R2>(embeddings, [batch * seqLen, this.config.hiddenSize]);
      for (let layer = 0; layer < this.config.numLayers; layer++) {
        const prefix = `model.layers.${layer}`;
        const attentionInput = rmsNorm(hidden, this.weight(`${prefix}.input_layernorm.weight`), this.config.rmsNormEps);
        hidden = tf.add(hidden, this.attention(attentionInput, layer, step));
        const mlpInput = rmsNorm(hidden, this.weight(`${prefix}.post_attention_layernorm.weight`), this.config.rmsNormEps);
        hidden = tf.add(hidden, this.mlp(mlpInput, layer, step));
      }
      hidden = rmsNorm(hidden, this.weight('model.norm.weight'), this.config.rmsNormEps);
      return tf.reshape(hidden, [batch, seqLen, this.config.hiddenSize]);
    });
  }

  outputHead(): OutputHead {
    return this.headOf(this.config.tieWordEmbeddings ? 'model.embed_tokens.weight' : 'lm_head.weight');
  }

  /** x: [B·T, C] → [B·T, C]. */
  private attention(x: tf.Tensor2D, layer: number, step: LayerStep): tf.Tensor2D {
    const { numHeads, numKvHeads, headDim } = this.config;
    const { batch, seqLen, cos, sin, options } = step;
    const rotated = (module: LlamaLinearModule, count: number) => rotaryHeads(this.linear(x, layer, module, step), batch, count, cos, sin);
    const q = rotated('q_proj', numHeads); // [B, H, T, D]
    let k = rotated('k_proj', numKvHeads); // [B, K, T, D]
    let v = splitHeads(this.linear(x, layer, 'v_proj', step), batch, seqLen, numKvHeads, headDim); // [B, K, T, D]
    if (step.prefixes) {
      // Prefix keys enter as a cache's would: already in place, not rotated.
      const prefix = this.prefix.layer(step.prefixes, layer, batch); // [B, K, P, D] each
      k = tf.concat([prefix.k, k], 2);
      v = tf.concat([prefix.v, v], 2);
    }
    if (options.cache) ({ k, v } = options.cache.extend(layer, k, v)); // [B, K, S, D]
    const attended = groupedCausalAttention(q, k, v); // [B, H, T, D]
    return this.linear(mergeHeads(attended), layer, 'o_proj', step);
  }

  /** SwiGLU: down(silu(gate(x)) · up(x)). x: [B·T, C] → [B·T, C]. */
  private mlp(x: tf.Tensor2D, layer: number, step: LayerStep): tf.Tensor2D {
    const gate = this.linear(x, layer, 'gate_proj', step); // [B·T, intermediate]
    return this.linear(swiGlu(gate, this.linear(x, layer, 'up_proj', step)), layer, 'down_proj', step);
  }

  /** x Wᵀ (+ bias), plus the LoRA term when the module carries an adapter. x: [N, in] → [N, out]. */
  private linear(x: tf.Tensor2D, layer: number, module: LlamaLinearModule, step: LayerStep): tf.Tensor2D {
    const { modulePath } = this.linears[layer][module];
    const base = this.linearProduct(x, `${modulePath}.weight`, true);
    const out = this.adapted(x, base, modulePath, step.options);
    return this.hasWeight(`${modulePath}.bias`) ? tf.add(out, this.weight(`${modulePath}.bias`)) : out;
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([this.rotary?.cos, this.rotary?.sin].filter((table) => table !== undefined));
  }
}

/** What every layer of one forward pass shares. */
interface LayerStep {
  readonly batch: number;
  readonly seqLen: number;
  readonly cos: tf.Tensor2D; // [T, D]
  readonly sin: tf.Tensor2D; // [T, D]
  /** Prefix-tuning's keys and values of this pass, [P, layers · 2, K, D]; absent when none are attended anew. */
  readonly prefixes?: tf.Tensor4D;
  readonly options: ForwardOptions;
}

/** The built-in model of `descriptor` with its weights generated from the seed, each kept as `store` keeps it. */
export function createModel(descriptor: LlamaDescriptor, store?: WeightStore): LlamaModel {
  const seed = descriptor.config.initSeed;
  if (seed === undefined) throw new ConfigError(`model ${descriptor.id} has no built-in weights; load it with loadModel`);
  return new LlamaModel(descriptor, seededBaseWeights(descriptor.config, seed, store));
}
