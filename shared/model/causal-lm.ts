/**
 * What every architecture offers the trainer, the evaluator and the generator, and the attention they share.
 *
 * Shapes in comments: B batch, T new positions, S = past + T positions attended, H query heads, K kv heads,
 * D head dim, R = H / K query heads per kv head, V vocabulary.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAdapter, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import { CheckpointError, ConfigError } from '../infra/errors.js';
import { peftMethod, type LoraConfig } from '../lora/lora.js';
import { storesWeightsFanInFanOut, textHiddenSize, type ModelDescriptor } from './model-config.js';
import { prefixLayout } from './prefix-layout.js';
import { LoraLayers } from './lora-layers.js';
import { Nf4Tensor } from './nf4.js';
import { nf4MatMul } from './nf4-matmul.js';
import { HEAD_CROSS_ENTROPY, headCrossEntropy, type LossTargets, weightedCrossEntropy } from './fused/cross-entropy.js';
import { hasFusedKernel } from './fused/seam.js';
import { packedMatMul } from './packed-matmul.js';
import { PackedWeight } from './packed-weight.js';

/**
 * A frozen base weight: a tfjs tensor, or a linear layer's weight held in NF4 (`--quantize nf4`) or packed for the
 * native addon's products (native-cpu).
 */
export type BaseWeight = tf.Tensor | Nf4Tensor | PackedWeight;
import { PrefixKeysValues } from './prefix.js';
import { loadTrainable, readTrainable, SavedWeights } from './saved-weights.js';
import { VirtualTokens } from './virtual-tokens.js';

/** Keys and values of the positions already processed, per layer: generation feeds only the new token. */
export class KvCache {
  private readonly layers: { k: tf.Tensor4D; v: tf.Tensor4D }[] = [];

  /** Positions cached so far. */
  get length(): number {
    return this.layers[0]?.k.shape[2] ?? 0;
  }

  /**
   * Appends the new positions' keys and values of `layer` and returns all of them. k, v: [B, K, T, D] →
   * [B, K, S, D]. The returned tensors survive the caller's tf.tidy; the cache owns them.
   */
  extend(layer: number, k: tf.Tensor4D, v: tf.Tensor4D): { k: tf.Tensor4D; v: tf.Tensor4D } {
    const past = this.layers[layer];
    const next = past ? { k: tf.keep(tf.concat([past.k, k], 2)), v: tf.keep(tf.concat([past.v, v], 2)) } : { k: tf.keep(k), v: tf.keep(v) };
    if (past) tf.dispose([past.k, past.v]);
    this.layers[layer] = next;
    return next;
  }

  dispose(): void {
    for (const { k, v } of this.layers) tf.dispose([k, v]);
    this.layers.length = 0;
  }
}

/**
 * The images of a vision-language model's forward pass, in the order their image tokens appear: pixels [N, 3, H, W]
 * (preprocessed, see image-processor.ts), or features [N, P, F] that encodeImages computed before, so that a frozen
 * tower runs once per image however often the image is seen.
 */
export type ImageInput = { readonly pixels: tf.Tensor4D } | { readonly features: tf.Tensor3D };

export interface ForwardOptions {
  /** Applies LoRA dropout. */
  readonly training?: boolean;
  /** Positions before inputIds: their keys and values are read from the cache, the new ones appended. */
  readonly cache?: KvCache;
  /** Vision-language models only: the images whose features replace the embeddings of the image tokens. */
  readonly images?: ImageInput;
}

export interface CausalLM {
  readonly descriptor: ModelDescriptor;
  /** Token ids [B, T] (int32) → next-token logits [B, T, V]. */
  forward(inputIds: tf.Tensor2D, options?: ForwardOptions): tf.Tensor3D;
  /**
   * The loss of training and evaluation: Σ over the B·T positions of lossWeight · −log p(targetId), for token ids
   * [B, T] (int32). Computed from the final hidden states with the fused cross-entropy where it applies (see
   * fusesLoss), else from forward's logits.
   */
  nll(inputIds: tf.Tensor2D, targets: LossTargets, options?: ForwardOptions): tf.Scalar;
  /**
   * Whether nll() runs the fused cross-entropy (shared/model/fused/cross-entropy.ts), which never holds the
   * logits [B, T, V] whole: the backend has it and the output head is frozen.
   */
  fusesLoss(): boolean;
  /** Puts `adapter` into the LoRA variables (see LoraLayers.load). */
  loadAdapter(lora: LoraConfig, adapter: AdapterWeights): void;
  /** The current LoRA variables as an adapter (copies), read back asynchronously (a GPU backend cannot block). */
  readAdapter(): Promise<AdapterWeights>;
  /**
   * The variables training changes, in a fixed order: the LoRA factors (only B when the LoRA config freezes A),
   * then the differences of the modules_to_save.
   */
  trainableVariables(): tf.Variable[];
  /** ‖W‖ by output row of each module the loaded DoRA adapter adapts (see shared/lora/dora.ts). */
  doraRowNorms(): Promise<Map<string, Float32Array>>;
  /** The word embeddings of `ids`, [ids.length, hidden size] (see shared/lora/prompt-text-init.ts). */
  wordEmbeddings(ids: readonly number[]): Promise<TensorData>;
  dispose(): void;
}

/** A causal LM that also reads images: each image occupies `imagePositions` consecutive `imageTokenId` tokens. */
export interface VisionLanguageModel extends CausalLM {
  readonly imageTokenId: number;
  /** Feature positions per image. */
  readonly imagePositions: number;
  /** Preprocessed pixels [N, 3, H, W] → the frozen tower's selected features [N, P, F], before the projector. */
  encodeImages(pixels: tf.Tensor4D): tf.Tensor3D;
}

export function isVisionLanguageModel(model: CausalLM): model is VisionLanguageModel {
  return 'encodeImages' in model;
}

/** [B·T, heads·D] → [B, heads, T, D]. */
export function splitHeads(x: tf.Tensor2D, batch: number, seqLen: number, heads: number, headDim: number): tf.Tensor4D {
  return tf.transpose(tf.reshape(x, [batch, seqLen, heads, headDim]), [0, 2, 1, 3]);
}

/** [B, H, T, D] → [B·T, H·D]. */
export function mergeHeads(x: tf.Tensor4D): tf.Tensor2D {
  const [batch, heads, seqLen, headDim] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [batch * seqLen, heads * headDim]);
}

/**
 * Refuses inputs that would run past the model's positions (rotary tables or learned position embeddings).
 * `prefix`: prefix-tuning's positions attended before the input, counted in past as a cache's are.
 */
export function positionsAfter(seqLen: number, cache: KvCache | undefined, maxPositions: number, prefix = 0): { past: number; seqLen: number } {
  const past = (cache?.length ?? 0) + prefix;
  if (past + seqLen > maxPositions) {
    throw new ConfigError(`sequence length ${past + seqLen} exceeds the model's ${maxPositions} positions`);
  }
  return { past, seqLen };
}

/** A model's output head. */
export interface OutputHead {
  /** Final hidden states [N, C] → logits [N, V], whether the head is frozen, trained (modules_to_save) or NF4. */
  logits(hidden: tf.Tensor2D): tf.Tensor2D;
  /** The head's weight [V, C] when the fused loss may read it as it is: a float tensor that no adapter trains. */
  readonly frozen: tf.Tensor2D | undefined;
}

/**
 * LoRA layers and saved weights owned by a larger model that holds this one as a part (a vision-language model's
 * language model): the part's adapters and weight differences are looked up by their full path in the whole model.
 */
export interface SharedLora {
  readonly layers: LoraLayers;
  readonly saved: SavedWeights;
  /** The part's own module path or weight name (`model.layers.0.self_attn.q_proj`) → the one in the whole model. */
  readonly modulePath: (path: string) => string;
}

/**
 * What every architecture shares: frozen base weights by state-dict name, checked against the expected shapes at
 * construction, and the LoRA layers. Subclasses write the two halves of the forward pass, so that a
 * vision-language model can put image features among the token embeddings between them. Linear layers' weights
 * may be NF4; the others are always tensors.
 */
export abstract class LoraCausalLM implements CausalLM {
  protected readonly lora: LoraLayers;
  protected readonly saved: SavedWeights;
  private readonly modulePath: (path: string) => string;
  /** The base weights; a packed one is replaced by its tensor once read whole (see weight()). */
  private readonly weights: Map<string, BaseWeight>;
  protected readonly virtualTokens = new VirtualTokens();
  protected readonly prefix = new PrefixKeysValues();

  /** Takes ownership of `weights`; dispose() frees them (and the LoRA layers unless shared). */
  constructor(
    readonly descriptor: ModelDescriptor,
    weights: ReadonlyMap<string, BaseWeight>,
    private readonly expectedShapes: readonly [string, number[]][],
    private readonly shared?: SharedLora,
  ) {
    assertWeightShapes(descriptor.id, expectedShapes, weights);
    this.weights = new Map(weights);
    this.lora = shared?.layers ?? new LoraLayers();
    this.saved = shared?.saved ?? new SavedWeights();
    this.modulePath = shared?.modulePath ?? ((path) => path);
  }

  /** Token ids [B, T] → token embeddings [B, T, C]. */
  abstract embedTokens(inputIds: tf.Tensor2D): tf.Tensor3D;

  /** Input embeddings [B, T, C] → the final hidden states [B, T, C], after the final norm: what the output head reads. */
  abstract hiddenStates(embeddings: tf.Tensor3D, options?: ForwardOptions): tf.Tensor3D;

  /** The output head that reads the final hidden states. */
  abstract outputHead(): OutputHead;

  forward(inputIds: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor3D {
    const [batch, seqLen] = inputIds.shape;
    return tf.tidy(() => tf.reshape(this.outputHead().logits(this.outputStates(inputIds, options)), [batch, seqLen, -1]));
  }

  nll(inputIds: tf.Tensor2D, targets: LossTargets, options: ForwardOptions = {}): tf.Scalar {
    return tf.tidy(() => {
      const hidden = this.outputStates(inputIds, options);
      const head = this.outputHead();
      return head.frozen ? headCrossEntropy(hidden, head.frozen, targets) : weightedCrossEntropy(head.logits(hidden), targets);
    });
  }

  fusesLoss(): boolean {
    return this.outputHead().frozen !== undefined && hasFusedKernel(HEAD_CROSS_ENTROPY);
  }

  /**
   * Token ids [B, T] → the final hidden states of their positions, [B·T, C]. Prompt-tuning's virtual tokens go
   * before the first pass's embeddings, and their states are dropped.
   */
  protected outputStates(inputIds: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D {
    if (options.images) throw new ConfigError(`model ${this.descriptor.id} is a text model: it reads no images`);
    const virtual = this.virtualTokens.count(options.cache?.length ?? 0);
    return tf.tidy(() => {
      const states = this.hiddenStates(this.virtualTokens.prepend(this.embedTokens(inputIds), virtual), options);
      return tf.reshape(this.virtualTokens.drop(states, virtual), [-1, states.shape[2]]);
    });
  }

  /** The output head of weight `name` [V, C], which this model holds. */
  protected headOf(name: string): OutputHead {
    const weight = this.weights.get(name);
    return {
      logits: (hidden) => this.linearProduct(hidden, name, true),
      frozen: weight instanceof Nf4Tensor || this.saved.has(this.modulePath(name)) ? undefined : (weight as tf.Tensor2D),
    };
  }

  /** The module's output with its adapter from its base output (see LoraLayers.adapt); `path` is the part's own. */
  protected adapted(x: tf.Tensor2D, base: tf.Tensor2D, path: string, options: ForwardOptions): tf.Tensor2D {
    return this.lora.adapt(x, base, this.modulePath(path), options.training ?? false);
  }

  /**
   * A base weight by state-dict name, with its saved difference; optional ones (biases) are undefined when absent.
   * A packed weight read whole (DoRA's norms, modules_to_save) is unpacked into a tensor that replaces it, so that
   * it still exists once; its products then run as any tensor's.
   */
  protected weight<R extends tf.Rank>(name: string): tf.Tensor<R> {
    let weight = this.weights.get(name);
    if (weight instanceof PackedWeight) {
      weight = tf.keep(tf.tensor2d(weight.unpack(), [...weight.shape]));
      this.weights.set(name, weight);
    }
    if (weight instanceof Nf4Tensor) {
      throw new ConfigError(
        `model ${this.descriptor.id}: ${name} is held in NF4 (--quantize), and DoRA or modules_to_save read it in float32: ` +
          'train plain LoRA on a quantised model, or load it without --quantize',
      );
    }
    return this.saved.applyTo(this.modulePath(name), weight as tf.Tensor<R>);
  }

  /**
   * x · Wᵀ (nn.Linear's [out, in]) when `transposeWeight`, else x · W (Conv1D's [in, out]), for the linear weight
   * `name`, whether it is held as a float tensor or in NF4. x: [N, in] → [N, out].
   */
  protected linearProduct(x: tf.Tensor2D, name: string, transposeWeight: boolean): tf.Tensor2D {
    const weight = this.weights.get(name)!;
    const frozen = !this.saved.has(this.modulePath(name));
    // A saved difference on an NF4 weight is refused by weight(), which the product then calls.
    if (weight instanceof Nf4Tensor && frozen) return nf4MatMul(x, weight, transposeWeight);
    if (weight instanceof PackedWeight && frozen && weight.transposed === transposeWeight) return packedMatMul(x, weight);
    return tf.matMul(x, this.weight<tf.Rank.R2>(name), false, transposeWeight);
  }

  protected hasWeight(name: string): boolean {
    return this.weights.has(name);
  }

  /** The weights an adapter may train in full (modules_to_save, BitFit), with their shapes: the model's own. */
  protected trainableShapes(): readonly [string, number[]][] {
    return this.expectedShapes;
  }

  /** Loads the trainables of the adapter's PEFT method, and lets go of those of any other. */
  loadAdapter(lora: LoraConfig, adapter: AdapterWeights): void {
    const method = peftMethod(lora);
    if ((method === 'prompt-tuning' || method === 'prefix-tuning' || method === 'dora') && this.descriptor.architecture === 'llava') {
      throw new ConfigError(`peft.method ${method} is for text models, and ${this.descriptor.id} is a vision-language model`);
    }
    const kept = method === 'prompt-tuning' ? this.virtualTokens : method === 'prefix-tuning' ? this.prefix : this.lora;
    if (method === 'prompt-tuning') {
      this.virtualTokens.load(adapter, lora.peft!.numVirtualTokens, textHiddenSize(this.descriptor));
    } else if (method === 'prefix-tuning') {
      this.prefix.load(adapter, lora.peft!, prefixLayout(this.descriptor));
    } else {
      const fanInFanOut = storesWeightsFanInFanOut(this.descriptor);
      const baseWeight = (modulePath: string) => ({ weight: this.weight<tf.Rank.R2>(`${modulePath}.weight`), fanInFanOut });
      loadTrainable(this.descriptor, this.trainableShapes(), lora, adapter, this.lora, this.saved, baseWeight);
    }
    for (const trainables of [this.lora, this.virtualTokens, this.prefix]) if (trainables !== kept) trainables.dispose();
    if (kept !== this.lora) this.saved.dispose();
  }

  async readAdapter(): Promise<AdapterWeights> {
    const parts = await Promise.all([readTrainable(this.lora, this.saved), this.virtualTokens.read(), this.prefix.read()]);
    return makeAdapter(parts.flatMap((part) => [...part]));
  }

  trainableVariables(): tf.Variable[] {
    return [...this.lora.variables(), ...this.saved.variables(), ...this.virtualTokens.variables(), ...this.prefix.variables()];
  }

  /** Prefix-tuning's prefixes as PEFT saves them (see PrefixKeysValues.savedPrefixes). */
  savedPrefixes(): Promise<AdapterWeights> {
    return this.prefix.savedPrefixes();
  }

  /** ‖W‖ by output row of each module the loaded DoRA adapter adapts (see shared/lora/dora.ts). */
  doraRowNorms(): Promise<Map<string, Float32Array>> {
    return this.lora.rowNorms();
  }

  async wordEmbeddings(ids: readonly number[]): Promise<TensorData> {
    const rows = tf.tidy(() => tf.squeeze(this.embedTokens(tf.tensor2d([...ids], [1, ids.length], 'int32')), [0])); // [N, C]
    try {
      return { shape: [...rows.shape], data: new Float32Array((await rows.data()) as Float32Array) };
    } finally {
      rows.dispose();
    }
  }

  dispose(): void {
    this.virtualTokens.dispose();
    this.prefix.dispose();
    if (!this.shared) {
      this.lora.dispose();
      this.saved.dispose();
    }
    for (const weight of this.weights.values()) if (!(weight instanceof PackedWeight)) weight.dispose();
  }
}

/** Refuses a model whose weights are missing or misshapen, naming the first such weight. */
export function assertWeightShapes(id: string, expected: readonly [string, number[]][], weights: ReadonlyMap<string, BaseWeight>): void {
  for (const [name, shape] of expected) {
    const weight = weights.get(name);
    if (!weight) throw new CheckpointError(`model ${id}: missing weight ${name}`);
    if (!tf.util.arraysEqual([...weight.shape], shape)) {
      throw new CheckpointError(`model ${id}: weight ${name} has shape [${weight.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
  }
}
