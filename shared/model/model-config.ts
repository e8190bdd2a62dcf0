/**
 * Which base model a silo trains on: its architecture, its configuration and a fingerprint that the coordinator
 * (which never loads weights) and every client compute identically, so that a client with a different base model
 * is refused before it sends an update.
 */
import { createHash } from 'node:crypto';
import { CheckpointError, ConfigError } from '../infra/errors.js';
import type { LoraTarget } from '../lora/lora.js';
import { checkpointFingerprint, hasCheckpointWeights, isCheckpointDir, storedTensorNames } from './checkpoint.js';
import { readHfConfig, type ACTIVATIONS } from './hf-config.js';
import { llavaTextModulePath, llavaVisionLinears } from './llava-layout.js';

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

/** A text-only model: what a vision-language model's language part may be. */
export type TextModelDescriptor = LlamaDescriptor | Gpt2Descriptor;
export type TextArchitecture = TextModelDescriptor['architecture'];
/** The architecture and configuration of a language model, without the identity of a checkpoint. */
export type TextModelConfig = Pick<LlamaDescriptor, 'architecture' | 'config'> | Pick<Gpt2Descriptor, 'architecture' | 'config'>;

/** Activations named as in transformers' ACT2FN. */
export type Activation = (typeof ACTIVATIONS)[number];

/** A ViT image encoder: Hugging Face's `CLIPVisionConfig` (class token, pre-LayerNorm) or `SiglipVisionConfig` (neither). */
export interface VisionConfig {
  readonly architecture: 'clip' | 'siglip';
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  readonly headDim: number;
  /** Square input images of imageSize × imageSize pixels, cut into (imageSize / patchSize)² patches. */
  readonly imageSize: number;
  readonly patchSize: number;
  readonly layerNormEps: number;
  readonly hiddenAct: Activation;
}

/**
 * Where LlavaForConditionalGeneration's weights sit: `legacy` (transformers < 4.52: `vision_tower.*`,
 * `multi_modal_projector.*`, `language_model.model.*`, `language_model.lm_head.*`) or `current` (`model.vision_tower.*`,
 * `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head.*`). PEFT names adapters after the same paths.
 */
export type LlavaLayout = 'legacy' | 'current';

/** Field meanings follow Hugging Face's `LlavaConfig`. */
export interface LlavaConfig {
  readonly text: TextModelConfig;
  readonly vision: VisionConfig;
  /** The projector: linear_1 (vision features → text width), this activation, linear_2 (text width → text width). */
  readonly projectorHiddenAct: Activation;
  readonly projectorBias: boolean;
  /** The token id whose positions the image features replace (`image_token_index` or `image_token_id`). */
  readonly imageTokenId: number;
  /**
   * The encoder hidden states the features are read from, as non-negative indices into hidden_states (0: the
   * embeddings, i: after layer i); several are concatenated along the feature axis.
   */
  readonly visionFeatureLayers: readonly number[];
  /** `default` drops the first position (CLIP's class token), `full` keeps every position. */
  readonly visionFeatureSelectStrategy: 'default' | 'full';
  /** Feature positions per image: the number of image tokens each image occupies in the prompt. */
  readonly imageSeqLength: number;
  readonly layout: LlavaLayout;
  /** Seed of the generated weights of a built-in model; absent for models whose weights are loaded from disk. */
  readonly initSeed?: number;
}

/** `llava` covers LlavaForConditionalGeneration: a frozen vision tower, a projector and any text model above. */
export interface LlavaDescriptor extends DescriptorBase {
  readonly architecture: 'llava';
  readonly config: LlavaConfig;
}

export type ModelDescriptor = TextModelDescriptor | LlavaDescriptor;
export type Architecture = ModelDescriptor['architecture'];

/** The language model's configuration: the model's own, or a vision-language model's text part. */
export function textModelConfig(model: ModelDescriptor): TextModelConfig {
  return model.architecture === 'llava' ? model.config.text : model;
}

/** Hidden size of the vision features one image position carries (several feature layers are concatenated). */
export function visionFeatureSize(config: LlavaConfig): number {
  return config.vision.hiddenSize * config.visionFeatureLayers.length;
}

/** Patches per image side. */
export function patchesPerSide(vision: VisionConfig): number {
  return vision.imageSize / vision.patchSize;
}

/** Positions the tower computes per image: one per patch, plus CLIP's class token. */
export function visionPositions(vision: VisionConfig): number {
  return patchesPerSide(vision) ** 2 + (vision.architecture === 'clip' ? 1 : 0);
}

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

/**
 * A LLaVA-style vision-language model on top of a byte-level Llama like builtin:tiny: a CLIP tower of two layers
 * reads 32 × 32 pixel images in 8 × 8 patches (16 patches and a class token); the 16 patch features of its last
 * layer, projected to the text width, stand in for 16 image tokens (id 259, after the byte tokenizer's ids).
 */
const BUILTIN_TINY_VLM: LlavaConfig = {
  text: { architecture: 'llama', config: { ...BUILTIN_TINY, vocabSize: 260, initSeed: undefined } },
  vision: {
    architecture: 'clip',
    hiddenSize: 32,
    intermediateSize: 64,
    numLayers: 2,
    numHeads: 2,
    headDim: 16,
    imageSize: 32,
    patchSize: 8,
    layerNormEps: 1e-5,
    hiddenAct: 'quick_gelu',
  },
  projectorHiddenAct: 'gelu',
  projectorBias: true,
  imageTokenId: 259,
  visionFeatureLayers: [2],
  visionFeatureSelectStrategy: 'default',
  imageSeqLength: 16,
  layout: 'legacy',
  initSeed: 20261203,
};

type BuiltinModel = Pick<LlamaDescriptor, 'architecture' | 'config'> | Pick<LlavaDescriptor, 'architecture' | 'config'>;

const BUILTIN_MODELS: ReadonlyMap<string, BuiltinModel> = new Map<string, BuiltinModel>([
  ['builtin:tiny', { architecture: 'llama', config: BUILTIN_TINY }],
  ['builtin:tiny-vlm', { architecture: 'llava', config: BUILTIN_TINY_VLM }],
]);

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
  const builtin = BUILTIN_MODELS.get(id);
  if (builtin) {
    const descriptor = { id, ...builtin, fingerprint: modelFingerprint(builtin.architecture, builtin.config) } as ModelDescriptor;
    validateDescriptor(descriptor);
    return descriptor;
  }
  if (!isCheckpointDir(id)) {
    throw new ConfigError(
      `model "${id}" is neither a built-in model (${[...BUILTIN_MODELS.keys()].join(', ')}) nor a directory holding a Hugging Face config.json`,
    );
  }
  const { architecture, config: parsed } = readHfConfig(id, () => storedLlavaLayout(id));
  const descriptor = { id, architecture, config: parsed, fingerprint: '', checkpointDir: id } as ModelDescriptor;
  validateDescriptor(descriptor);
  return descriptor;
}

/**
 * The LLaVA weight-name layout the stored tensor names follow, when the directory holds weights: `current` when
 * they sit under `model.language_model.`, `legacy` when under `language_model.`; undefined without weights or
 * names of either kind.
 */
function storedLlavaLayout(dir: string): LlavaLayout | undefined {
  if (!hasCheckpointWeights(dir)) return undefined;
  const names = storedTensorNames(dir);
  const current = names.some((name) => name.startsWith('model.language_model.'));
  const legacy = names.some((name) => name.startsWith('language_model.'));
  if (current && legacy) throw new CheckpointError(`${dir} mixes both LLaVA weight layouts (model.language_model.* and language_model.*)`);
  return current ? 'current' : legacy ? 'legacy' : undefined;
}

/** Validates `config` and computes its fingerprint: for Llama configs not in the built-in list. */
export function describeModel(id: string, config: LlamaConfig): LlamaDescriptor {
  const descriptor: LlamaDescriptor = { id, architecture: 'llama', config, fingerprint: modelFingerprint('llama', config) };
  validateDescriptor(descriptor);
  return descriptor;
}

function validateDescriptor(descriptor: ModelDescriptor): void {
  if (descriptor.architecture === 'llava') {
    validateLlava(descriptor);
    return;
  }
  const { id, architecture, config } = descriptor;
  requirePositiveIntegers(id, config, ['vocabSize', 'hiddenSize', 'intermediateSize', 'numLayers', 'numHeads', 'headDim', 'maxPositionEmbeddings']);
  if (architecture === 'gpt2') {
    if (config.numHeads * config.headDim !== config.hiddenSize) {
      throw new ConfigError(`model ${id}: hidden size ${config.hiddenSize} is not divisible into ${config.numHeads} heads`);
    }
    if (!(config.layerNormEps > 0)) throw new ConfigError(`model ${id}: layerNormEps must be positive`);
    return;
  }
  requirePositiveIntegers(id, config, ['numKvHeads']);
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

function requirePositiveIntegers(id: string, config: object, fields: readonly string[]): void {
  for (const field of fields) {
    const value = (config as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new ConfigError(`model ${id}: ${field} must be a positive integer, got ${String(value)}`);
    }
  }
}

function validateLlava({ id, config }: LlavaDescriptor): void {
  validateDescriptor({ id, ...config.text, fingerprint: '' } as TextModelDescriptor);
  const { vision } = config;
  requirePositiveIntegers(`${id} (vision tower)`, vision, ['hiddenSize', 'intermediateSize', 'numLayers', 'numHeads', 'headDim', 'imageSize', 'patchSize']);
  if (vision.numHeads * vision.headDim !== vision.hiddenSize) {
    throw new ConfigError(`model ${id}: vision hidden size ${vision.hiddenSize} is not divisible into ${vision.numHeads} heads`);
  }
  if (vision.imageSize % vision.patchSize !== 0) {
    throw new ConfigError(`model ${id}: vision image_size ${vision.imageSize} is not a multiple of patch_size ${vision.patchSize}`);
  }
  if (!(vision.layerNormEps > 0)) throw new ConfigError(`model ${id}: vision layer_norm_eps must be positive`);
  const badLayer = config.visionFeatureLayers.find((layer) => !Number.isInteger(layer) || layer < 0 || layer > vision.numLayers);
  if (badLayer !== undefined || config.visionFeatureLayers.length === 0) {
    throw new ConfigError(
      `model ${id}: vision_feature_layer must name hidden states of the ${vision.numLayers}-layer tower (-${vision.numLayers + 1} … ${vision.numLayers}), got ${badLayer ?? 'none'}`,
    );
  }
  const positions = visionPositions(vision) - (config.visionFeatureSelectStrategy === 'default' ? 1 : 0);
  if (config.imageSeqLength !== positions) {
    throw new ConfigError(
      `model ${id}: image_seq_length is ${config.imageSeqLength}, but the tower gives ${positions} feature positions per image ` +
        `(${visionPositions(vision)} positions, vision_feature_select_strategy "${config.visionFeatureSelectStrategy}")`,
    );
  }
  if (!Number.isInteger(config.imageTokenId) || config.imageTokenId < 0) {
    throw new ConfigError(`model ${id}: image_token_index must be a non-negative integer, got ${config.imageTokenId}`);
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

export function modelFingerprint(architecture: Architecture, config: ModelDescriptor['config']): string {
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

/**
 * The state-dict name of a stored GPT-2 tensor, or undefined for tensors the model does not use (the causal-mask
 * buffers `attn.bias`/`attn.masked_bias` of older files, a duplicated tied `lm_head.weight`). The original OpenAI
 * checkpoints store names without the `transformer.` prefix.
 */
export function gpt2WeightName(storedName: string, expected: ReadonlySet<string>): string | undefined {
  const name = storedName.startsWith('transformer.') ? storedName : `transformer.${storedName}`;
  return expected.has(name) ? name : undefined;
}

/**
 * A checkpoint's stored tensor name → the state-dict name of one of `wanted`, or undefined for any other tensor
 * (GPT-2's original files omit the `transformer.` prefix): which tensors a reader keeps, and under which name.
 */
export function wantedWeightName(model: ModelDescriptor, wanted: ReadonlySet<string>): (stored: string) => string | undefined {
  return model.architecture === 'gpt2' ? (stored) => gpt2WeightName(stored, wanted) : (stored) => (wanted.has(stored) ? stored : undefined);
}

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

/** The module names `target_modules` may list for a text architecture. */
function loraModuleNames(architecture: TextArchitecture): readonly string[] {
  return architecture === 'gpt2' ? GPT2_LORA_MODULES : LLAMA_LINEAR_MODULES;
}

/** The attention's query and value projections of the language model, the usual LoRA choice (GPT-2 fuses them into c_attn). */
export function defaultTargetModules(model: ModelDescriptor): string[] {
  return textModelConfig(model).architecture === 'gpt2' ? ['c_attn'] : ['q_proj', 'v_proj'];
}

/** Conv1D layers store [in, out]: PEFT records that as `fan_in_fan_out` (the LoRA factors keep their shapes). */
export function storesWeightsFanInFanOut(model: ModelDescriptor): boolean {
  return textModelConfig(model).architecture === 'gpt2';
}

/**
 * The LoRA targets of `targetModules`: module names (`q_proj`) select the language model's modules in every layer,
 * by layer and then in the model's fixed module order whatever the order given — a canonical order keeps the
 * trainer's variable list stable. A vision-language model's tower carries adapters only on modules named by their
 * full path (`vision_tower.vision_model.encoder.layers.0.self_attn.q_proj` in the legacy layout), listed first in
 * tower order.
 */
export function loraTargets(model: ModelDescriptor, targetModules: readonly string[]): LoraTarget[] {
  const text = textModelConfig(model);
  const valid = loraModuleNames(text.architecture);
  const visionTargets = model.architecture === 'llava' ? llavaVisionLinears(model.config).filter((t) => targetModules.includes(t.modulePath)) : [];
  const unknown = targetModules.filter((m) => !valid.includes(m) && !visionTargets.some((t) => t.modulePath === m));
  if (unknown.length > 0 || targetModules.length === 0) {
    const problem = unknown.length > 0 ? `unknown LoRA target module(s) ${unknown.join(', ')}` : 'no LoRA target modules given';
    const vision = model.architecture === 'llava' ? `, or a vision module's full path such as ${llavaVisionLinears(model.config)[0].modulePath}` : '';
    throw new ConfigError(`${problem} for model ${model.id}; valid modules: ${valid.join(', ')}${vision}`);
  }
  const modulePath = model.architecture === 'llava' ? llavaTextModulePath(model.config) : (path: string) => path;
  const targets: LoraTarget[] = [...visionTargets];
  for (let layer = 0; layer < text.config.numLayers; layer++) {
    const linears: LoraTarget[] = [];
    if (text.architecture === 'gpt2') {
      const byName = gpt2LayerLinears(text.config, layer);
      for (const name of GPT2_LINEARS) if (targetModules.includes(name.split('.')[1])) linears.push(byName[name]);
    } else {
      const byName = layerLinears(text.config, layer);
      for (const module of LLAMA_LINEAR_MODULES) if (targetModules.includes(module)) linears.push(byName[module]);
    }
    targets.push(...linears.map((target) => ({ ...target, modulePath: modulePath(target.modulePath) })));
  }
  return targets;
}

/** The hidden size of the model's text part: prompt-tuning's embedding width. */
export function textHiddenSize(model: ModelDescriptor): number {
  return model.architecture === 'llava' ? model.config.text.config.hiddenSize : model.config.hiddenSize;
}
