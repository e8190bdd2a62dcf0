/**
 * A decoder-only Llama in tfjs, with LoRA adapters on chosen linear layers. One file, read top to bottom:
 * building blocks (RMSNorm, rotary embeddings, grouped-query causal attention), then the model.
 *
 * Shapes in comments: B batch, T sequence length, C hidden size, H query heads, K kv heads, D head dim,
 * R = H / K query heads per kv head, V vocabulary, r LoRA rank.
 *
 * Base weights are frozen tensors named as in Hugging Face checkpoints (linear weights [out, in]); only the
 * LoRA matrices are variables. Every matrix product is 2-D or has equal batch dimensions on both sides, because
 * tfjs's BatchMatMul gradient does not reduce broadcast batch dimensions.
 */
import * as tf from '@tensorflow/tfjs';
import { elementCount, makeAdapter, type AdapterWeights, type TensorData } from '../adapter.js';
import { CheckpointError, ConfigError, TensorMismatchError } from '../errors.js';
import { loraScaling, loraTensorNames, type LoraConfig, type LoraTarget } from '../lora.js';
import { SeededRandom } from '../random.js';
import {
  layerLinears,
  loraTargets,
  type LlamaConfig,
  type LlamaLinearModule,
  type ModelDescriptor,
} from './config.js';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** x · rsqrt(mean(x²) + eps) · weight over the last axis. x: [N, C], weight: [C]. */
export function rmsNorm(x: tf.Tensor2D, weight: tf.Tensor1D, eps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const meanSquare = tf.mean(tf.square(x), -1, true); // [N, 1]
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), weight);
  });
}

/**
 * cos and sin of the rotary angles, [maxPositions, D] each, in Hugging Face's layout: the D/2 frequencies
 * inv_freq_i = theta^(-2i/D) repeated twice, `emb = cat(freqs, freqs)`.
 */
export function rotaryTables(headDim: number, theta: number, maxPositions: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = headDim / 2;
  const cos = new Float32Array(maxPositions * headDim);
  const sin = new Float32Array(maxPositions * headDim);
  for (let position = 0; position < maxPositions; position++) {
    for (let i = 0; i < half; i++) {
      const angle = position / Math.pow(theta, (2 * i) / headDim);
      for (const column of [i, i + half]) {
        cos[position * headDim + column] = Math.cos(angle);
        sin[position * headDim + column] = Math.sin(angle);
      }
    }
  }
  return { cos: tf.tensor2d(cos, [maxPositions, headDim]), sin: tf.tensor2d(sin, [maxPositions, headDim]) };
}

/**
 * x·cos + rotate_half(x)·sin with rotate_half(x) = cat(−x₂, x₁) over the two halves of the head dimension
 * (Hugging Face's convention; its checkpoints are permuted for it). x: [B, heads, T, D]; cos, sin: [T, D].
 */
export function applyRotary(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [firstHalf, secondHalf] = tf.split(x, 2, -1);
    const rotated = tf.concat([tf.neg(secondHalf), firstHalf], -1);
    return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
  });
}

/** Additive causal mask for R stacked query groups: [R·T, T], 0 where key s ≤ query t, else a large negative. */
function groupedCausalMask(seqLen: number, groups: number): tf.Tensor2D {
  const mask = new Float32Array(groups * seqLen * seqLen);
  for (let row = 0; row < groups * seqLen; row++) {
    const query = row % seqLen;
    for (let key = query + 1; key < seqLen; key++) mask[row * seqLen + key] = -1e9;
  }
  return tf.tensor2d(mask, [groups * seqLen, seqLen]);
}

/**
 * Causal grouped-query attention: kv head j serves query heads j·R … (j+1)·R − 1. Those query heads are
 * adjacent, so viewing q as [B·K, R·T, D] lets each kv head serve its whole group in one product, without
 * copying k and v R times. q: [B, H, T, D]; k, v: [B, K, T, D] → [B, H, T, D].
 */
export function groupedCausalAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, numHeads, seqLen, headDim] = q.shape;
    const numKvHeads = k.shape[1];
    const groups = numHeads / numKvHeads;
    const queries = tf.reshape(q, [batch * numKvHeads, groups * seqLen, headDim]); // [B·K, R·T, D]
    const keys = tf.reshape(k, [batch * numKvHeads, seqLen, headDim]); // [B·K, T, D]
    const values = tf.reshape(v, [batch * numKvHeads, seqLen, headDim]); // [B·K, T, D]
    const scores = tf.mul(tf.matMul(queries, keys, false, true), 1 / Math.sqrt(headDim)); // [B·K, R·T, T]
    const weights = tf.softmax(tf.add(scores, groupedCausalMask(seqLen, groups))); // [B·K, R·T, T]
    const out = tf.matMul(weights, values); // [B·K, R·T, D]
    return tf.reshape(out, [batch, numHeads, seqLen, headDim]);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Base weights

/** Every base weight by Hugging Face name with its shape, in a fixed order (the order of seeded initialisation). */
export function baseWeightShapes(config: LlamaConfig): [string, number[]][] {
  const { vocabSize, hiddenSize } = config;
  const shapes: [string, number[]][] = [['model.embed_tokens.weight', [vocabSize, hiddenSize]]];
  for (let layer = 0; layer < config.numLayers; layer++) {
    shapes.push([`model.layers.${layer}.input_layernorm.weight`, [hiddenSize]]);
    shapes.push([`model.layers.${layer}.post_attention_layernorm.weight`, [hiddenSize]]);
    for (const linear of Object.values(layerLinears(config, layer))) {
      shapes.push([`${linear.modulePath}.weight`, [linear.outFeatures, linear.inFeatures]]);
    }
  }
  shapes.push(['model.norm.weight', [hiddenSize]]);
  if (!config.tieWordEmbeddings) shapes.push(['lm_head.weight', [vocabSize, hiddenSize]]);
  return shapes;
}

/** Hugging Face's default `initializer_range`, used for every linear layer. */
const LINEAR_INIT_STD = 0.02;
/**
 * Larger for the (tied) embeddings: after the final RMSNorm |h| = √C, so a logit h·e is at most C·σ. At σ = 0.02
 * and C = 64 that ceiling is 1.3, too flat for an adapter to express a useful distribution; σ = 0.1 allows 6.4.
 */
const EMBEDDING_INIT_STD = 0.1;

/** Reproducible weights for a built-in model: norms 1, everything else normal, drawn in JS (same on every backend). */
export function seededBaseWeights(config: LlamaConfig, seed: number): Map<string, tf.Tensor> {
  const random = new SeededRandom(seed);
  const weights = new Map<string, tf.Tensor>();
  for (const [name, shape] of baseWeightShapes(config)) {
    const values = new Float32Array(elementCount(shape));
    if (name.endsWith('norm.weight')) values.fill(1);
    else random.fillNormal(values, name === 'model.embed_tokens.weight' ? EMBEDDING_INIT_STD : LINEAR_INIT_STD);
    weights.set(name, tf.tensor(values, shape));
  }
  return weights;
}

// ---------------------------------------------------------------------------------------------------------
// The model

interface LoraModule {
  readonly target: LoraTarget;
  readonly a: tf.Variable; // [r, in]
  readonly b: tf.Variable; // [out, r]
}

interface LoraState {
  readonly rank: number;
  readonly scaling: number;
  /** By module path, in the order of `loraTargets`: this order is the optimizer's variable order. */
  readonly modules: ReadonlyMap<string, LoraModule>;
}

export class LlamaModel {
  readonly config: LlamaConfig;
  private readonly weights: ReadonlyMap<string, tf.Tensor>;
  private readonly linears: readonly Record<LlamaLinearModule, LoraTarget>[];
  private readonly rotary: { cos: tf.Tensor2D; sin: tf.Tensor2D };
  private lora: LoraState | undefined;

  /** Takes ownership of `weights` (Hugging Face names and shapes, see baseWeightShapes); dispose() frees them. */
  constructor(
    readonly descriptor: ModelDescriptor,
    weights: ReadonlyMap<string, tf.Tensor>,
  ) {
    this.config = descriptor.config;
    for (const [name, shape] of baseWeightShapes(this.config)) {
      const weight = weights.get(name);
      if (!weight) throw new CheckpointError(`model ${descriptor.id}: missing weight ${name}`);
      if (!tf.util.arraysEqual(weight.shape, shape)) {
        throw new CheckpointError(
          `model ${descriptor.id}: weight ${name} has shape [${weight.shape.join(', ')}], expected [${shape.join(', ')}]`,
        );
      }
    }
    this.weights = weights;
    this.linears = Array.from({ length: this.config.numLayers }, (_, layer) => layerLinears(this.config, layer));
    this.rotary = rotaryTables(this.config.headDim, this.config.ropeTheta, this.config.maxPositionEmbeddings);
  }

  /** Token ids [B, T] (int32) → next-token logits [B, T, V]. */
  forward(inputIds: tf.Tensor2D): tf.Tensor3D {
    const [batch, seqLen] = inputIds.shape;
    if (seqLen > this.config.maxPositionEmbeddings) {
      throw new ConfigError(`sequence length ${seqLen} exceeds the model's ${this.config.maxPositionEmbeddings} positions`);
    }
    return tf.tidy(() => {
      const cos = tf.slice(this.rotary.cos, [0, 0], [seqLen, -1]); // [T, D]
      const sin = tf.slice(this.rotary.sin, [0, 0], [seqLen, -1]); // [T, D]
      // The residual stream stays 2-D, [B·T, C], so that every linear layer is a plain 2-D product.
      let hidden = tf.gather(this.weight('model.embed_tokens.weight'), tf.reshape(inputIds, [-1])) as tf.Tensor2D;
      for (let layer = 0; layer < this.config.numLayers; layer++) {
        const prefix = `model.layers.${layer}`;
        const attentionInput = rmsNorm(hidden, this.weight(`${prefix}.input_layernorm.weight`), this.config.rmsNormEps);
        hidden = tf.add(hidden, this.attention(attentionInput, layer, batch, seqLen, cos, sin));
        const mlpInput = rmsNorm(hidden, this.weight(`${prefix}.post_attention_layernorm.weight`), this.config.rmsNormEps);
        hidden = tf.add(hidden, this.mlp(mlpInput, layer));
      }
      hidden = rmsNorm(hidden, this.weight('model.norm.weight'), this.config.rmsNormEps);
      const head = this.config.tieWordEmbeddings ? 'model.embed_tokens.weight' : 'lm_head.weight';
      const logits = tf.matMul(hidden, this.weight(head), false, true); // [B·T, V]
      return tf.reshape(logits, [batch, seqLen, this.config.vocabSize]);
    });
  }

  /** x: [B·T, C] → [B·T, C]. */
  private attention(
    x: tf.Tensor2D,
    layer: number,
    batch: number,
    seqLen: number,
    cos: tf.Tensor2D,
    sin: tf.Tensor2D,
  ): tf.Tensor2D {
    const { numHeads, numKvHeads, headDim } = this.config;
    // [B·T, heads·D] → [B, heads, T, D]
    const toHeads = (projected: tf.Tensor2D, heads: number): tf.Tensor4D =>
      tf.transpose(tf.reshape(projected, [batch, seqLen, heads, headDim]), [0, 2, 1, 3]);
    const q = applyRotary(toHeads(this.linear(x, layer, 'q_proj'), numHeads), cos, sin); // [B, H, T, D]
    const k = applyRotary(toHeads(this.linear(x, layer, 'k_proj'), numKvHeads), cos, sin); // [B, K, T, D]
    const v = toHeads(this.linear(x, layer, 'v_proj'), numKvHeads); // [B, K, T, D]
    const attended = groupedCausalAttention(q, k, v); // [B, H, T, D]
    // [B, H, T, D] → [B·T, H·D]
    const merged = tf.reshape<tf.Rank.R2>(tf.transpose(attended, [0, 2, 1, 3]), [batch * seqLen, numHeads * headDim]);
    return this.linear(merged, layer, 'o_proj');
  }

  /** SwiGLU: down(silu(gate(x)) · up(x)). x: [B·T, C] → [B·T, C]. */
  private mlp(x: tf.Tensor2D, layer: number): tf.Tensor2D {
    const gate = this.linear(x, layer, 'gate_proj'); // [B·T, intermediate]
    const activated = tf.mul<tf.Tensor2D>(tf.mul(gate, tf.sigmoid(gate)), this.linear(x, layer, 'up_proj'));
    return this.linear(activated, layer, 'down_proj');
  }

  /** x Wᵀ, plus (alpha/r)·(x Aᵀ) Bᵀ when the module carries an adapter. x: [N, in] → [N, out]. */
  private linear(x: tf.Tensor2D, layer: number, module: LlamaLinearModule): tf.Tensor2D {
    const { modulePath } = this.linears[layer][module];
    const base: tf.Tensor2D = tf.matMul(x, this.weight<tf.Rank.R2>(`${modulePath}.weight`), false, true);
    const lora = this.lora;
    const adapter = lora?.modules.get(modulePath);
    if (!lora || !adapter) return base;
    const lowRank = tf.matMul(x, adapter.a, false, true); // [N, r]
    return tf.add(base, tf.mul(tf.matMul(lowRank, adapter.b, false, true), lora.scaling));
  }

  private weight<R extends tf.Rank>(name: string): tf.Tensor<R> {
    return this.weights.get(name) as tf.Tensor<R>;
  }

  /**
   * Puts `adapter` into the LoRA variables. The variables are created on the first call and re-created only
   * when the rank or the target modules change; otherwise they are reused with `assign`, so that their order
   * (which Adam's state follows) and identity stay fixed.
   */
  loadAdapter(lora: LoraConfig, adapter: AdapterWeights): void {
    const targets = loraTargets(this.descriptor, lora.targetModules);
    assertAdapterMatches(targets, lora.r, adapter);
    const current = this.lora;
    const modulePaths = targets.map((target) => target.modulePath);
    const layoutUnchanged =
      current !== undefined &&
      current.rank === lora.r &&
      current.modules.size === modulePaths.length &&
      modulePaths.every((path) => current.modules.has(path));

    if (layoutUnchanged) {
      tf.tidy(() => {
        for (const { target, a, b } of current.modules.values()) {
          const names = loraTensorNames(target.modulePath);
          a.assign(toTensor(adapter, names.a));
          b.assign(toTensor(adapter, names.b));
        }
      });
      this.lora = { ...current, scaling: loraScaling(lora) };
      return;
    }
    this.disposeLora();
    const modules = new Map<string, LoraModule>();
    for (const target of targets) {
      const names = loraTensorNames(target.modulePath);
      modules.set(target.modulePath, {
        target,
        a: tf.tidy(() => tf.variable(toTensor(adapter, names.a))),
        b: tf.tidy(() => tf.variable(toTensor(adapter, names.b))),
      });
    }
    this.lora = { rank: lora.r, scaling: loraScaling(lora), modules };
  }

  /** The current LoRA variables as an adapter (copies). */
  readAdapter(): AdapterWeights {
    const entries: [string, TensorData][] = [];
    for (const { target, a, b } of this.lora?.modules.values() ?? []) {
      const names = loraTensorNames(target.modulePath);
      entries.push([names.a, { shape: [...a.shape], data: new Float32Array(a.dataSync()) }]);
      entries.push([names.b, { shape: [...b.shape], data: new Float32Array(b.dataSync()) }]);
    }
    return makeAdapter(entries);
  }

  /** The LoRA variables in a fixed order (layer, module, A before B); empty before the first loadAdapter. */
  trainableVariables(): tf.Variable[] {
    return [...(this.lora?.modules.values() ?? [])].flatMap(({ a, b }) => [a, b]);
  }

  private disposeLora(): void {
    for (const variable of this.trainableVariables()) variable.dispose();
    this.lora = undefined;
  }

  dispose(): void {
    this.disposeLora();
    for (const weight of this.weights.values()) weight.dispose();
    this.rotary.cos.dispose();
    this.rotary.sin.dispose();
  }
}

function toTensor(adapter: AdapterWeights, name: string): tf.Tensor {
  const tensor = adapter.get(name)!;
  return tf.tensor(tensor.data, [...tensor.shape]);
}

/** Validates the whole adapter before any variable changes, so that a bad adapter never half-loads. */
function assertAdapterMatches(targets: readonly LoraTarget[], rank: number, adapter: AdapterWeights): void {
  const expected = new Map<string, number[]>();
  for (const target of targets) {
    const names = loraTensorNames(target.modulePath);
    expected.set(names.a, [rank, target.inFeatures]);
    expected.set(names.b, [target.outFeatures, rank]);
  }
  for (const [name, shape] of expected) {
    const tensor = adapter.get(name);
    if (!tensor) throw new TensorMismatchError(`adapter lacks tensor ${name}`);
    if (!tf.util.arraysEqual([...tensor.shape], shape)) {
      throw new TensorMismatchError(
        `adapter tensor ${name} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`,
      );
    }
  }
  const unexpected = [...adapter.keys()].filter((name) => !expected.has(name));
  if (unexpected.length > 0) throw new TensorMismatchError(`adapter has unexpected tensors: ${unexpected.join(', ')}`);
}

/** The base model of `descriptor` with its weights: generated from the seed for built-in models. */
export function createModel(descriptor: ModelDescriptor): LlamaModel {
  const seed = descriptor.config.initSeed;
  if (seed === undefined) {
    throw new ConfigError(`model ${descriptor.id} has no built-in weights and loading weights from disk is not supported yet`);
  }
  return new LlamaModel(descriptor, seededBaseWeights(descriptor.config, seed));
}
