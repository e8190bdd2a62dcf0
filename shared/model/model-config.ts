/**
 * Which base model a silo trains on: its architecture, its configuration and a fingerprint that the coordinator
 * (which never loads weights) and every client compute identically, so that a client with a different base model
 * is refused before it sends an update.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../infra/errors.js';
import type { LoraTarget } from '../lora/lora.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, type PeftSpec } from '../lora/peft-method.js';
import { checkpointFingerprint, hasCheckpointWeights, isCheckpointDir } from './checkpoint.js';
import { readHfConfig } from './hf-config.js';

/** `rope_scaling` with `rope_type: "llama3"` (Llama 3.1/3.2): long wavelengths are stretched by `factor`. */
export interface Llama3RopeScaling {
  readonly factor: number;
  readonly lowFreqFactor: number;
  readonly highFreqFactor: number;
  readonly originalMaxPositionEmbeddings: number;
}

/** Field meanings follow Hugging Face's `LlamaConfig` (`hidden_size`, `num_key_value_heads`, ...). */
export interface LlamaConfig {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  /** Fewer than numHeads means grouped-query attention; numHeads must be a multiple of it. */
  readonly numKvHeads: number;
  readonly headDim: number;
  readonly rmsNormEps: number;
  readonly ropeTheta: number;
  readonly maxPositionEmbeddings: number;
  readonly tieWordEmbeddings: boolean;
  /** Biases on q_proj, k_proj and v_proj (Qwen2); absent means none. */
  readonly qkvBias?: boolean;
  readonly ropeScaling?: Llama3RopeScaling;
  /** Seed of the generated weights of a built-in model; absent for models whose weights are loaded from disk. */
  readonly initSeed?: number;
}

/** Field meanings follow Hugging Face's `GPT2Config` (`n_embd`, `n_head`, `n_positions`, `n_inner`). */
export interface Gpt2Config {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  /** `n_inner`, 4 · hiddenSize when the config leaves it null. */
  readonly intermediateSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly layerNormEps: number;
  readonly maxPositionEmbeddings: number;
}

interface DescriptorBase {
  readonly id: string;
  /** SHA-256 hex: of architecture and config for built-in models; of config and every stored tensor for checkpoints. */
  readonly fingerprint: string;
  /** The Hugging Face checkpoint directory the weights are read from; absent for built-in models. */
  readonly checkpointDir?: string;
}

/** `llama` covers LlamaForCausalLM (also Mistral without sliding window, SmolLM, TinyLlama); `qwen2` adds q/k/v biases. */
export interface LlamaDescriptor extends DescriptorBase {
  readonly architecture: 'llama' | 'qwen2';
  readonly config: LlamaConfig;
}

export interface Gpt2Descriptor extends DescriptorBase {
  readonly architecture: 'gpt2';
  readonly config: Gpt2Config;
}

export type ModelDescriptor = LlamaDescriptor | Gpt2Descriptor;
export type Architecture = ModelDescriptor['architecture'];

/**
 * A byte-level Llama small enough to train at interactive speed on one core with the wasm backend, yet with
 * every feature of the real architecture (GQA with 2 query heads per kv head, rotary, SwiGLU, tied embeddings).
 */
const BUILTIN_TINY: LlamaConfig = {
  vocabSize: 259,
  hiddenSize: 64,
  intermediateSize: 176,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 16,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
  maxPositionEmbeddings: 256,
  tieWordEmbeddings: true,
  initSeed: 20240917,
};

const BUILTIN_MODELS: ReadonlyMap<string, LlamaConfig> = new Map([['builtin:tiny', BUILTIN_TINY]]);

/**
 * The descriptor of a built-in model id or of a Hugging Face checkpoint directory (config.json plus safetensors
 * weights). Reading a directory hashes every stored tensor for the fingerprint (streamed, nothing kept).
 */
export function resolveModel(id: string): ModelDescriptor {
  const descriptor = describeModelId(id);
  if (descriptor.checkpointDir === undefined) return descriptor;
  // Validated first: hashing gigabytes only to refuse the config afterwards would waste minutes.
  return { ...descriptor, fingerprint: checkpointFingerprint(id, canonicalJson({ architecture: descriptor.architecture, config: descriptor.config })) };
}

/**
 * The descriptor of a checkpoint directory that may hold only its config.json — what a coordinator needs to
 * shape adapters — with the fingerprint the operator took where the weights are (`fedlora fingerprint`). When
 * the weights are there too, they are hashed and must match.
 */
export function resolveModelForCoordinator(id: string, expectedFingerprint: string | undefined): ModelDescriptor {
  const descriptor = describeModelId(id);
  if (descriptor.checkpointDir === undefined || hasCheckpointWeights(descriptor.checkpointDir)) {
    const model = resolveModel(id);
    if (expectedFingerprint !== undefined && expectedFingerprint !== model.fingerprint) {
      throw new ConfigError(
        `model ${id} has fingerprint ${model.fingerprint}, but the configuration expects ${expectedFingerprint}: ` +
          'point model at the checkpoint the fingerprint was taken from, or update modelFingerprint',
      );
    }
    return model;
  }
  if (expectedFingerprint === undefined) {
    throw new ConfigError(
      `model ${id} holds config.json but no weights: set modelFingerprint to the output of ` +
        '`fedlora fingerprint --model DIR` run where the weights are, so that clients can be checked against it',
    );
  }
  return { ...descriptor, fingerprint: expectedFingerprint };
}

/** The validated descriptor of a model id, with an empty fingerprint for checkpoint directories (not hashed yet). */
function describeModelId(id: string): ModelDescriptor {
  const config = BUILTIN_MODELS.get(id);
  if (config) return describeModel(id, config);
  if (!isCheckpointDir(id)) {
    throw new ConfigError(
      `model "${id}" is neither a built-in model (${[...BUILTIN_MODELS.keys()].join(', ')}) nor a directory holding a Hugging Face config.json`,
    );
  }
  const { architecture, config: parsed } = readHfConfig(id);
  const descriptor = { id, architecture, config: parsed, fingerprint: '', checkpointDir: id } as ModelDescriptor;
  validateDescriptor(descriptor);
  return descriptor;
}

/** Validates `config` and computes its fingerprint: for Llama configs not in the built-in list. */
export function describeModel(id: string, config: LlamaConfig): LlamaDescriptor {
  const descriptor: LlamaDescriptor = { id, architecture: 'llama', config, fingerprint: modelFingerprint('llama', config) };
  validateDescriptor(descriptor);
  return descriptor;
}

function validateDescriptor({ id, architecture, config }: ModelDescriptor): void {
  const positiveIntegers = ['vocabSize', 'hiddenSize', 'intermediateSize', 'numLayers', 'numHeads', 'headDim', 'maxPositionEmbeddings'];
  if (architecture !== 'gpt2') positiveIntegers.push('numKvHeads');
  for (const field of positiveIntegers) {
    const value = (config as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new ConfigError(`model ${id}: ${field} must be a positive integer, got ${String(value)}`);
    }
  }
  if (architecture === 'gpt2') {
    if (config.numHeads * config.headDim !== config.hiddenSize) {
      throw new ConfigError(`model ${id}: hidden size ${config.hiddenSize} is not divisible into ${config.numHeads} heads`);
    }
    if (!(config.layerNormEps > 0)) throw new ConfigError(`model ${id}: layerNormEps must be positive`);
    return;
  }
  if (config.numHeads % config.numKvHeads !== 0) {
    throw new ConfigError(`model ${id}: numHeads (${config.numHeads}) must be a multiple of numKvHeads (${config.numKvHeads})`);
  }
  if (config.headDim % 2 !== 0) {
    throw new ConfigError(`model ${id}: headDim (${config.headDim}) must be even for rotary embeddings`);
  }
  if (!(config.rmsNormEps > 0) || !(config.ropeTheta > 0)) {
    throw new ConfigError(`model ${id}: rmsNormEps and ropeTheta must be positive`);
  }
}

/** JSON with object keys sorted at every level, so that equal configs hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function modelFingerprint(architecture: Architecture, config: LlamaConfig | Gpt2Config): string {
  return createHash('sha256').update(canonicalJson({ architecture, config })).digest('hex');
}

export const LLAMA_LINEAR_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
export type LlamaLinearModule = (typeof LLAMA_LINEAR_MODULES)[number];

/** The linear modules of decoder layer `layer`, with Hugging Face module paths and features (weights are [out, in]). */
export function layerLinears(config: LlamaConfig, layer: number): Record<LlamaLinearModule, LoraTarget> {
  const queryWidth = config.numHeads * config.headDim;
  const kvWidth = config.numKvHeads * config.headDim;
  const { hiddenSize, intermediateSize } = config;
  const linear = (parent: string, module: LlamaLinearModule, inFeatures: number, outFeatures: number): LoraTarget => ({
    modulePath: `model.layers.${layer}.${parent}.${module}`,
    inFeatures,
    outFeatures,
  });
  return {
    q_proj: linear('self_attn', 'q_proj', hiddenSize, queryWidth),
    k_proj: linear('self_attn', 'k_proj', hiddenSize, kvWidth),
    v_proj: linear('self_attn', 'v_proj', hiddenSize, kvWidth),
    o_proj: linear('self_attn', 'o_proj', queryWidth, hiddenSize),
    gate_proj: linear('mlp', 'gate_proj', hiddenSize, intermediateSize),
    up_proj: linear('mlp', 'up_proj', hiddenSize, intermediateSize),
    down_proj: linear('mlp', 'down_proj', intermediateSize, hiddenSize),
  };
}

/** PEFT `target_modules` names of GPT-2's Conv1D layers; `c_proj` names both the attention and the MLP output. */
export const GPT2_LORA_MODULES = ['c_attn', 'c_proj', 'c_fc'] as const;
export type Gpt2Linear = 'attn.c_attn' | 'attn.c_proj' | 'mlp.c_fc' | 'mlp.c_proj';
const GPT2_LINEARS: readonly Gpt2Linear[] = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'];

/** GPT-2's Conv1D layers of block `layer` (module paths as in GPT2LMHeadModel; their weights are stored [in, out]). */
export function gpt2LayerLinears(config: Gpt2Config, layer: number): Record<Gpt2Linear, LoraTarget> {
  const { hiddenSize, intermediateSize } = config;
  const linear = (name: Gpt2Linear, inFeatures: number, outFeatures: number): LoraTarget => ({
    modulePath: `transformer.h.${layer}.${name}`,
    inFeatures,
    outFeatures,
  });
  return {
    'attn.c_attn': linear('attn.c_attn', hiddenSize, 3 * hiddenSize),
    'attn.c_proj': linear('attn.c_proj', hiddenSize, hiddenSize),
    'mlp.c_fc': linear('mlp.c_fc', hiddenSize, intermediateSize),
    'mlp.c_proj': linear('mlp.c_proj', intermediateSize, hiddenSize),
  };
}

/** The module names `target_modules` may list for `architecture`. */
export function loraModuleNames(architecture: Architecture): readonly string[] {
  return architecture === 'gpt2' ? GPT2_LORA_MODULES : LLAMA_LINEAR_MODULES;
}

/** The attention's query and value projections, the usual LoRA choice (GPT-2 fuses them into c_attn). */
export function defaultTargetModules(architecture: Architecture): string[] {
  return architecture === 'gpt2' ? ['c_attn'] : ['q_proj', 'v_proj'];
}

/** Conv1D layers store [in, out]: PEFT records that as `fan_in_fan_out` (the LoRA factors keep their shapes). */
export function storesWeightsFanInFanOut(model: ModelDescriptor): boolean {
  return model.architecture === 'gpt2';
}

/**
 * The LoRA targets of `targetModules` in every layer: by layer, then in the model's fixed module order whatever
 * the order given. A canonical order keeps the trainer's variable list stable.
 */
export function loraTargets(model: ModelDescriptor, targetModules: readonly string[]): LoraTarget[] {
  const valid = loraModuleNames(model.architecture);
  const unknown = targetModules.filter((m) => !valid.includes(m));
  if (unknown.length > 0 || targetModules.length === 0) {
    const problem = unknown.length > 0 ? `unknown LoRA target module(s) ${unknown.join(', ')}` : 'no LoRA target modules given';
    throw new ConfigError(`${problem} for model ${model.id}; valid modules: ${valid.join(', ')}`);
  }
  const targets: LoraTarget[] = [];
  for (let layer = 0; layer < model.config.numLayers; layer++) {
    if (model.architecture === 'gpt2') {
      const linears = gpt2LayerLinears(model.config, layer);
      for (const name of GPT2_LINEARS) {
        if (targetModules.includes(name.split('.')[1])) targets.push(linears[name]);
      }
    } else {
      const linears = layerLinears(model.config, layer);
      for (const module of LLAMA_LINEAR_MODULES) {
        if (targetModules.includes(module)) targets.push(linears[module]);
      }
    }
  }
  return targets;
}

/** Prefix-tuning's per-layer keys and values, as PEFT lays them out for `model`. */
export interface PrefixLayout {
  readonly numLayers: number;
  /** Heads of the prefix: num_key_value_heads where the config has it (PEFT's grouped-query layout), else the heads. */
  readonly heads: number;
  readonly headDim: number;
  /** PEFT's token_dim: heads · headDim. */
  readonly tokenDim: number;
}

export function prefixLayout(model: ModelDescriptor): PrefixLayout {
  const { numLayers, headDim } = model.config;
  const heads = model.architecture === 'gpt2' ? model.config.numHeads : model.config.numKvHeads;
  return { numLayers, heads, headDim, tokenDim: heads * headDim };
}

/** The tensors of a prefix adapter with their shapes: the embedding itself, or PEFT's PrefixEncoder with projection. */
export function prefixTensorShapes(spec: PeftSpec, layout: PrefixLayout): [string, number[]][] {
  const count = spec.numVirtualTokens;
  const width = layout.numLayers * 2 * layout.tokenDim;
  if (!spec.prefixProjection) return [[PROMPT_EMBEDDINGS, [count, width]]];
  const hidden = encoderHiddenSize(spec, layout);
  return [
    [PREFIX_ENCODER.embedding, [count, layout.tokenDim]],
    [PREFIX_ENCODER.firstWeight, [hidden, layout.tokenDim]],
    [PREFIX_ENCODER.firstBias, [hidden]],
    [PREFIX_ENCODER.secondWeight, [width, hidden]],
    [PREFIX_ENCODER.secondBias, [width]],
  ];
}

/** PEFT's encoder_hidden_size, token_dim when left at 0. */
export function encoderHiddenSize(spec: PeftSpec, layout: PrefixLayout): number {
  return spec.encoderHiddenSize || layout.tokenDim;
}
