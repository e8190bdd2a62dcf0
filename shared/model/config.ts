/**
 * Which base model a silo trains on: its architecture, its configuration and a fingerprint that the coordinator
 * (which never loads weights) and every client compute identically, so that a client with a different base model
 * is refused before it sends an update.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { LoraTarget } from '../lora.js';

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
  /** Seed of the generated weights of a built-in model; absent for models whose weights are loaded from disk. */
  readonly initSeed?: number;
}

export interface ModelDescriptor {
  readonly id: string;
  readonly architecture: 'llama';
  readonly config: LlamaConfig;
  /** SHA-256 hex of the canonical JSON of architecture and config (which includes a built-in's seed). */
  readonly fingerprint: string;
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

const BUILTIN_MODELS: ReadonlyMap<string, LlamaConfig> = new Map([['builtin:tiny', BUILTIN_TINY]]);

/** The descriptor of a supported model id; a ConfigError names the supported ids otherwise. */
export function resolveModel(id: string): ModelDescriptor {
  const config = BUILTIN_MODELS.get(id);
  if (!config) {
    throw new ConfigError(`unknown model "${id}"; supported models: ${[...BUILTIN_MODELS.keys()].join(', ')}`);
  }
  return describeModel(id, config);
}

/** Validates `config` and computes its fingerprint: for configs not in the built-in list. */
export function describeModel(id: string, config: LlamaConfig): ModelDescriptor {
  validateConfig(id, config);
  return { id, architecture: 'llama', config, fingerprint: modelFingerprint('llama', config) };
}

function validateConfig(id: string, config: LlamaConfig): void {
  const positiveIntegers: (keyof LlamaConfig)[] = [
    'vocabSize',
    'hiddenSize',
    'intermediateSize',
    'numLayers',
    'numHeads',
    'numKvHeads',
    'headDim',
    'maxPositionEmbeddings',
  ];
  for (const field of positiveIntegers) {
    const value = config[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new ConfigError(`model ${id}: ${field} must be a positive integer, got ${String(value)}`);
    }
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

export function modelFingerprint(architecture: ModelDescriptor['architecture'], config: LlamaConfig): string {
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

/**
 * The LoRA targets of `targetModules` in every layer: by layer, then in the fixed module order of
 * LLAMA_LINEAR_MODULES whatever the order given. A canonical order keeps the trainer's variable list stable.
 */
export function loraTargets(model: ModelDescriptor, targetModules: readonly string[]): LoraTarget[] {
  const valid: readonly string[] = LLAMA_LINEAR_MODULES;
  const unknown = targetModules.filter((m) => !valid.includes(m));
  if (unknown.length > 0 || targetModules.length === 0) {
    const problem = unknown.length > 0 ? `unknown LoRA target module(s) ${unknown.join(', ')}` : 'no LoRA target modules given';
    throw new ConfigError(`${problem} for model ${model.id}; valid modules: ${valid.join(', ')}`);
  }
  const targets: LoraTarget[] = [];
  for (let layer = 0; layer < model.config.numLayers; layer++) {
    const linears = layerLinears(model.config, layer);
    for (const module of LLAMA_LINEAR_MODULES) {
      if (targetModules.includes(module)) targets.push(linears[module]);
    }
  }
  return targets;
}
