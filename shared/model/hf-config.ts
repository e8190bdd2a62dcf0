/**
 * Hugging Face `config.json` → our model configs. Every field that changes the computation is read or refused by
 * name: silently ignoring one (a bias, a sliding window, an unknown rope scaling) would train a different model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../infra/errors.js';
import type { Gpt2Config, Llama3RopeScaling, LlamaConfig, ModelDescriptor } from './model-config.js';

export const HF_CONFIG_FILE = 'config.json';

export type ParsedHfConfig =
  | { readonly architecture: 'llama' | 'qwen2'; readonly config: LlamaConfig }
  | { readonly architecture: 'gpt2'; readonly config: Gpt2Config };

const ARCHITECTURES: Readonly<Record<string, ModelDescriptor['architecture']>> = {
  LlamaForCausalLM: 'llama',
  MistralForCausalLM: 'llama',
  Qwen2ForCausalLM: 'qwen2',
  GPT2LMHeadModel: 'gpt2',
};

export function readHfConfig(dir: string): ParsedHfConfig {
  const path = join(dir, HF_CONFIG_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseHfConfig(json, path);
}

export function parseHfConfig(json: unknown, source: string): ParsedHfConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError(`${source}: must be a JSON object`);
  const fields = new ConfigFields(json as Record<string, unknown>, source);
  const declared = fields.raw.architectures;
  const name = Array.isArray(declared) && typeof declared[0] === 'string' ? declared[0] : undefined;
  const architecture = name === undefined ? undefined : ARCHITECTURES[name];
  if (architecture === undefined) {
    throw new ConfigError(`${source}: architecture ${JSON.stringify(name ?? declared)} is not supported; supported: ${Object.keys(ARCHITECTURES).join(', ')}`);
  }
  if (architecture === 'gpt2') return { architecture, config: gpt2Config(fields) };
  return { architecture, config: llamaConfig(fields, architecture, name!) };
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

  require(key: string, accepted: (value: unknown) => boolean, why: string): void {
    if (!accepted(this.raw[key])) throw new ConfigError(`${this.source}: ${key} = ${JSON.stringify(this.raw[key])}: ${why}`);
  }
}
