/**
 * Hugging Face `config.json` → our model configs. Every field that changes the computation is read or refused by
 * name: silently ignoring one (a bias, a sliding window, an unknown rope scaling) would train a different model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../infra/errors.js';
import type {
  Activation,
  Gpt2Config,
  Llama3RopeScaling,
  LlamaConfig,
  LlavaConfig,
  LlavaLayout,
  TextArchitecture,
  TextModelConfig,
  VisionConfig,
} from './model-config.js';

export const HF_CONFIG_FILE = 'config.json';

/** The activations a vision tower or a projector may name, as in transformers' ACT2FN. */
export const ACTIVATIONS = ['gelu', 'gelu_pytorch_tanh', 'gelu_new', 'quick_gelu', 'relu', 'silu'] as const;

export type ParsedHfConfig = TextModelConfig | { readonly architecture: 'llava'; readonly config: LlavaConfig };

const TEXT_ARCHITECTURES: Readonly<Record<string, TextArchitecture>> = {
  LlamaForCausalLM: 'llama',
  MistralForCausalLM: 'llama',
  Qwen2ForCausalLM: 'qwen2',
  GPT2LMHeadModel: 'gpt2',
};
const LLAVA = 'LlavaForConditionalGeneration';
const SUPPORTED = [...Object.keys(TEXT_ARCHITECTURES), LLAVA];

/**
 * Reads `dir`/config.json. `storedLayout` tells a LLaVA checkpoint's weight-name layout from its tensor names when
 * it holds weights (see parseHfConfig).
 */
export function readHfConfig(dir: string, storedLayout: () => LlavaLayout | undefined = () => undefined): ParsedHfConfig {
  const path = join(dir, HF_CONFIG_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseHfConfig(json, path, storedLayout);
}

export function parseHfConfig(json: unknown, source: string, storedLayout: () => LlavaLayout | undefined = () => undefined): ParsedHfConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError(`${source}: must be a JSON object`);
  const fields = new ConfigFields(json as Record<string, unknown>, source);
  const declared = fields.raw.architectures;
  const name = Array.isArray(declared) && typeof declared[0] === 'string' ? declared[0] : undefined;
  if (name === LLAVA) return { architecture: 'llava', config: llavaConfig(fields, storedLayout) };
  const architecture = name === undefined ? undefined : TEXT_ARCHITECTURES[name];
  if (architecture === undefined) {
    throw new ConfigError(`${source}: architecture ${JSON.stringify(name ?? declared)} is not supported; supported: ${SUPPORTED.join(', ')}`);
  }
  return textConfig(fields, architecture, name!);
}

function textConfig(fields: ConfigFields, architecture: TextArchitecture, name: string): TextModelConfig {
  if (architecture === 'gpt2') return { architecture, config: gpt2Config(fields) };
  return { architecture, config: llamaConfig(fields, architecture, name) };
}

// ---------------------------------------------------------------------------------------------------------
// LLaVA: text_config and vision_config name their class by model_type and, as in transformers, leave out fields
// at their class defaults (llava-1.5's text_config omits hidden_size), so those defaults are filled in here.

const TEXT_MODEL_TYPES: Readonly<Record<string, { name: string; defaults: Record<string, unknown> }>> = {
  llama: {
    name: 'LlamaForCausalLM',
    defaults: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32 },
  },
  mistral: {
    name: 'MistralForCausalLM',
    defaults: {
      vocab_size: 32000,
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      max_position_embeddings: 131072,
      sliding_window: 4096,
    },
  },
  qwen2: {
    name: 'Qwen2ForCausalLM',
    defaults: {
      vocab_size: 151936,
      hidden_size: 4096,
      intermediate_size: 22016,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      max_position_embeddings: 32768,
    },
  },
  gpt2: { name: 'GPT2LMHeadModel', defaults: { vocab_size: 50257, n_positions: 1024, n_embd: 768, n_layer: 12, n_head: 12 } },
};

const VISION_MODEL_TYPES: Readonly<Record<string, { architecture: VisionConfig['architecture']; defaults: Record<string, unknown> }>> = {
  clip_vision_model: {
    architecture: 'clip',
    defaults: {
      hidden_size: 768,
      intermediate_size: 3072,
      num_hidden_layers: 12,
      num_attention_heads: 12,
      image_size: 224,
      patch_size: 32,
      hidden_act: 'quick_gelu',
      layer_norm_eps: 1e-5,
    },
  },
  siglip_vision_model: {
    architecture: 'siglip',
    defaults: {
      hidden_size: 768,
      intermediate_size: 3072,
      num_hidden_layers: 12,
      num_attention_heads: 12,
      image_size: 224,
      patch_size: 16,
      hidden_act: 'gelu_pytorch_tanh',
      layer_norm_eps: 1e-6,
    },
  },
};

/** The first transformers release that writes the `model.language_model.*` layout. */
const CURRENT_LAYOUT_SINCE = [4, 52];

function llavaConfig(fields: ConfigFields, storedLayout: () => LlavaLayout | undefined): LlavaConfig {
  const textFields = fields.nested('text_config');
  const textType = TEXT_MODEL_TYPES[String(textFields.raw.model_type)];
  if (textType === undefined) {
    throw new ConfigError(
      `${textFields.source}: model_type ${JSON.stringify(textFields.raw.model_type)} is not supported; supported: ${Object.keys(TEXT_MODEL_TYPES).join(', ')}`,
    );
  }
  const text = textConfig(new ConfigFields({ ...textType.defaults, ...textFields.raw }, textFields.source), TEXT_ARCHITECTURES[textType.name], textType.name);
  const vision = visionConfig(fields.nested('vision_config'));
  const featureLayer = fields.raw.vision_feature_layer ?? -2;
  const featureLayers = Array.isArray(featureLayer) ? featureLayer : [featureLayer];
  if (!featureLayers.every((layer) => Number.isInteger(layer))) {
    throw new ConfigError(`${fields.source}: vision_feature_layer must be an integer or a list of integers, got ${JSON.stringify(featureLayer)}`);
  }
  const strategy = fields.raw.vision_feature_select_strategy ?? 'default';
  if (strategy !== 'default' && strategy !== 'full') {
    throw new ConfigError(`${fields.source}: vision_feature_select_strategy ${JSON.stringify(strategy)} is not supported (only "default" or "full")`);
  }
  const imageTokenKey = fields.raw.image_token_index !== undefined ? 'image_token_index' : 'image_token_id';
  const positions = (vision.imageSize / vision.patchSize) ** 2 + (vision.architecture === 'clip' ? 1 : 0) - (strategy === 'default' ? 1 : 0);
  return {
    text,
    vision,
    projectorHiddenAct: activation(fields, 'projector_hidden_act', 'gelu'),
    projectorBias: fields.boolean('multimodal_projector_bias', true),
    imageTokenId: fields.integer(imageTokenKey, 32000),
    // Negative indices count from the end of hidden_states, which holds the embeddings and every layer's output.
    visionFeatureLayers: (featureLayers as number[]).map((layer) => (layer < 0 ? vision.numLayers + 1 + layer : layer)),
    visionFeatureSelectStrategy: strategy,
    imageSeqLength: fields.integer('image_seq_length', positions),
    layout: storedLayout() ?? layoutOfVersion(fields.raw.transformers_version),
  };
}

function visionConfig(fields: ConfigFields): VisionConfig {
  const type = VISION_MODEL_TYPES[String(fields.raw.model_type)];
  if (type === undefined) {
    throw new ConfigError(
      `${fields.source}: model_type ${JSON.stringify(fields.raw.model_type)} is not supported; supported: ${Object.keys(VISION_MODEL_TYPES).join(', ')}`,
    );
  }
  const withDefaults = new ConfigFields({ ...type.defaults, ...fields.raw }, fields.source);
  withDefaults.require('num_channels', (channels) => channels === undefined || channels === 3, 'only RGB images (3 channels) are supported');
  const hiddenSize = withDefaults.integer('hidden_size');
  const numHeads = withDefaults.integer('num_attention_heads');
  return {
    architecture: type.architecture,
    hiddenSize,
    intermediateSize: withDefaults.integer('intermediate_size'),
    numLayers: withDefaults.integer('num_hidden_layers'),
    numHeads,
    headDim: hiddenSize / numHeads,
    imageSize: withDefaults.integer('image_size'),
    patchSize: withDefaults.integer('patch_size'),
    layerNormEps: withDefaults.number('layer_norm_eps'),
    hiddenAct: activation(withDefaults, 'hidden_act'),
  };
}

function activation(fields: ConfigFields, key: string, fallback?: Activation): Activation {
  const value = fields.raw[key] ?? fallback;
  if (!ACTIVATIONS.includes(value as Activation)) {
    throw new ConfigError(`${fields.source}: ${key} ${JSON.stringify(value)} is not supported; supported: ${ACTIVATIONS.join(', ')}`);
  }
  return value as Activation;
}

/** A checkpoint without weights (a coordinator's copy of config.json) tells its layout only by the transformers that wrote it. */
function layoutOfVersion(version: unknown): LlavaLayout {
  const [major, minor] = String(version ?? '0')
    .split('.')
    .map(Number);
  const [sinceMajor, sinceMinor] = CURRENT_LAYOUT_SINCE;
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor) ? 'current' : 'legacy';
}

function llamaConfig(fields: ConfigFields, architecture: 'llama' | 'qwen2', name: string): LlamaConfig {
  fields.require('hidden_act', (act) => act === undefined || act === 'silu', 'only "silu" (SwiGLU) is supported');
  fields.require('mlp_bias', (bias) => bias === undefined || bias === false, 'MLP biases are not supported');
  fields.require('attention_bias', (bias) => bias === undefined || bias === false, 'attention biases on every projection are not supported');
  fields.require('use_sliding_window', (v) => v === undefined || v === false, 'sliding-window attention is not supported');
  const hiddenSize = fields.integer('hidden_size');
  const numHeads = fields.integer('num_attention_heads');
  let maxPositionEmbeddings = fields.integer('max_position_embeddings', 2048);
  // Mistral attends within a sliding window; sequences no longer than the window attend fully, as computed here.
  const slidingWindow = name === 'MistralForCausalLM' ? fields.raw.sliding_window : undefined;
  if (typeof slidingWindow === 'number') maxPositionEmbeddings = Math.min(maxPositionEmbeddings, slidingWindow);
  return {
    vocabSize: fields.integer('vocab_size'),
    hiddenSize,
    intermediateSize: fields.integer('intermediate_size'),
    numLayers: fields.integer('num_hidden_layers'),
    numHeads,
    numKvHeads: fields.integer('num_key_value_heads', numHeads),
    headDim: fields.integer('head_dim', hiddenSize / numHeads),
    rmsNormEps: fields.number('rms_norm_eps', 1e-6),
    ropeTheta: fields.number('rope_theta', 10000),
    maxPositionEmbeddings,
    tieWordEmbeddings: fields.boolean('tie_word_embeddings', false),
    ...(architecture === 'qwen2' ? { qkvBias: true } : {}),
    ...ropeScaling(fields),
  };
}

function ropeScaling(fields: ConfigFields): { ropeScaling?: Llama3RopeScaling } {
  const scaling = fields.raw.rope_scaling;
  if (scaling === undefined || scaling === null) return {};
  const nested = new ConfigFields(scaling as Record<string, unknown>, `${fields.source}: rope_scaling`);
  const type = nested.raw.rope_type ?? nested.raw.type;
  if (type === 'default') return {};
  if (type !== 'llama3') throw new ConfigError(`${fields.source}: rope_scaling type ${JSON.stringify(type)} is not supported (only "llama3")`);
  return {
    ropeScaling: {
      factor: nested.number('factor'),
      lowFreqFactor: nested.number('low_freq_factor'),
      highFreqFactor: nested.number('high_freq_factor'),
      originalMaxPositionEmbeddings: nested.integer('original_max_position_embeddings'),
    },
  };
}

function gpt2Config(fields: ConfigFields): Gpt2Config {
  fields.require('activation_function', (act) => act === undefined || act === 'gelu_new', 'only "gelu_new" is supported');
  fields.require('scale_attn_weights', (v) => v === undefined || v === true, 'unscaled attention is not supported');
  fields.require('scale_attn_by_inverse_layer_idx', (v) => v === undefined || v === false, 'per-layer attention scaling is not supported');
  const hiddenSize = fields.integer('n_embd');
  const numHeads = fields.integer('n_head');
  const inner = fields.raw.n_inner;
  return {
    vocabSize: fields.integer('vocab_size'),
    hiddenSize,
    intermediateSize: inner === null || inner === undefined ? 4 * hiddenSize : fields.integer('n_inner'),
    numLayers: fields.integer('n_layer'),
    numHeads,
    headDim: hiddenSize / numHeads,
    layerNormEps: fields.number('layer_norm_epsilon', 1e-5),
    maxPositionEmbeddings: fields.integer('n_positions'),
  };
}

/** Typed access to config.json fields, with errors that name the file and the field. */
class ConfigFields {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly source: string,
  ) {}

  number(key: string, fallback?: number): number {
    const value = this.raw[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError(`${this.source}: ${key} must be a number, got ${JSON.stringify(this.raw[key])}`);
    }
    return value;
  }

  integer(key: string, fallback?: number): number {
    const value = this.number(key, fallback);
    if (!Number.isInteger(value)) throw new ConfigError(`${this.source}: ${key} must be an integer, got ${value}`);
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw[key] ?? fallback;
    if (typeof value !== 'boolean') throw new ConfigError(`${this.source}: ${key} must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  /** The object under `key`, with errors naming it. */
  nested(key: string): ConfigFields {
    const value = this.raw[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(`${this.source}: ${key} must be an object, got ${JSON.stringify(value)}`);
    }
    return new ConfigFields(value as Record<string, unknown>, `${this.source}: ${key}`);
  }

  require(key: string, accepted: (value: unknown) => boolean, why: string): void {
    if (!accepted(this.raw[key])) throw new ConfigError(`${this.source}: ${key} = ${JSON.stringify(this.raw[key])}: ${why}`);
  }
}
