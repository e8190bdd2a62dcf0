/**
 * LoRA adapters as Hugging Face PEFT directories (`adapter_config.json` + `adapter_model.safetensors`), so that an
 * exported global adapter loads in PEFT unchanged and adapters trained with PEFT can seed a run.
 *
 * Both files are written into a temporary sibling directory that is then renamed into place: a reader never sees
 * a config from one round beside the weights of another, which writing each file atomically would allow.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import { writeFilesAtomically } from '../infra/atomic-write.js';
import { CheckpointError } from '../infra/errors.js';
import {
  adapterConfig,
  isSavedWeight,
  LORA_A_SUFFIX,
  LORA_B_SUFFIX,
  PEFT_PREFIX,
  peftMethod,
  savedDifferenceName,
  savedWeightOf,
  type LoraConfig,
} from './lora.js';
import { DORA_MAGNITUDE_SUFFIX } from './dora.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, peftSpecSchema } from './peft-method.js';
import { holdsPromptOffsets, startsFromText } from './prompt-text-init.js';
import { LORA_BIASES } from './lora-spec.js';
import { readSafetensorsFile, safetensorsParts } from '../model/safetensors.js';
import { sha256Hex } from '../wire/chunking.js';

export const PEFT_CONFIG_FILE = 'adapter_config.json';
export const PEFT_WEIGHTS_FILE = 'adapter_model.safetensors';
/** Safetensors `__metadata__` key under which a run's adapters record the fingerprint of their base model. */
export const BASE_FINGERPRINT_METADATA = 'fedlora_model_fingerprint';

export interface WritePeftOptions {
  readonly lora: LoraConfig;
  /** `base_model_name_or_path`: the Hugging Face id or path of the model the adapter belongs to. */
  readonly baseModel: string;
  /** Extra safetensors `__metadata__` entries; `format` is always "pt", as PEFT and transformers expect. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Overwrite an existing directory with different content (default: refuse with an EEXIST error). */
  readonly replace?: boolean;
  /**
   * The base weights of the modules_to_save, by state-dict name: given, they are written as PEFT writes them, the
   * full trained weights (base + difference); absent, as the differences the adapter holds (a run's round
   * checkpoints, written by a coordinator that has no weights; `fedlora export --model` converts them).
   */
  readonly baseWeights?: ReadonlyMap<string, TensorData>;
}

export interface PeftAdapter {
  readonly adapter: AdapterWeights;
  readonly lora: LoraConfig;
  readonly baseModel: string;
  /** The safetensors `__metadata__`. */
  readonly metadata: Record<string, string>;
}

/** Writes the adapter directory; returns the SHA-256 (hex) of the adapter_model.safetensors it wrote. */
export async function writePeftAdapter(dir: string, adapter: AdapterWeights, options: WritePeftOptions): Promise<string> {
  const config = peftConfigJson(adapter, options);
  // Run the reader's checks on what is about to be written, so that nothing unreadable reaches the disk.
  const { lora } = parsePeftConfig(config, dir);
  const written = options.baseWeights ? inSavedLayout(differencesToSavedWeights(adapter, options.baseWeights), lora) : adapter;
  assertPeftShapes(written, lora, dir);
  // Written part by part from the tensors themselves: a large adapter is not copied into one buffer first.
  const weights = safetensorsParts(written, { ...options.metadata, format: 'pt' });
  await writeFilesAtomically(dir, { [PEFT_CONFIG_FILE]: `${JSON.stringify(config, null, 2)}\n`, [PEFT_WEIGHTS_FILE]: weights }, { replace: options.replace });
  return sha256Hex(weights);
}

/** adapter_config.json as PEFT writes it for the adapter's method. */
function peftConfigJson(adapter: AdapterWeights, options: WritePeftOptions): Record<string, unknown> {
  const { lora, baseModel } = options;
  const method = peftMethod(lora);
  if (method === 'prompt-tuning') {
    const text = lora.peft!.promptTuningInit === 'text';
    return {
      base_model_name_or_path: baseModel,
      inference_mode: true,
      num_attention_heads: null,
      num_layers: null,
      num_transformer_submodules: 1,
      num_virtual_tokens: lora.peft!.numVirtualTokens,
      peft_type: 'PROMPT_TUNING',
      prompt_tuning_init: text ? 'TEXT' : 'RANDOM',
      prompt_tuning_init_text: text ? lora.peft!.promptTuningInitText : null,
      revision: null,
      task_type: 'CAUSAL_LM',
      token_dim: adapter.get(PROMPT_EMBEDDINGS)?.shape[1] ?? null,
      // PEFT requires the tokenizer with TEXT, which is the base model's.
      tokenizer_name_or_path: text ? baseModel : null,
    };
  }
  if (method === 'bitfit') {
    // Not a PEFT type: the weights load into the base model with load_state_dict(strict=False).
    return { base_model_name_or_path: baseModel, peft_type: 'BITFIT', task_type: 'CAUSAL_LM' };
  }
  if (method === 'prefix-tuning') {
    const spec = lora.peft!;
    // The layout fields are left for PEFT to fill from the model's config, as it does when they are null.
    return {
      base_model_name_or_path: baseModel,
      encoder_hidden_size: spec.encoderHiddenSize || null,
      // A run's checkpoint with projection holds the PrefixEncoder's parameters, as PEFT trains them.
      inference_mode: !spec.prefixProjection,
      num_attention_heads: null,
      num_layers: null,
      num_transformer_submodules: 1,
      num_virtual_tokens: spec.numVirtualTokens,
      peft_type: 'PREFIX_TUNING',
      prefix_projection: spec.prefixProjection,
      revision: null,
      task_type: 'CAUSAL_LM',
      token_dim: null,
    };
  }
  return {
    base_model_name_or_path: baseModel,
    bias: lora.bias ?? 'none',
    fan_in_fan_out: lora.fanInFanOut ?? false,
    inference_mode: true,
    lora_alpha: lora.alpha,
    lora_dropout: lora.dropout ?? 0,
    modules_to_save: lora.modulesToSave?.length ? [...lora.modulesToSave] : null,
    peft_type: 'LORA',
    r: lora.r,
    target_modules: [...lora.targetModules],
    task_type: 'CAUSAL_LM',
    use_dora: method === 'dora',
    use_rslora: lora.useRslora ?? false,
  };
}

export async function readPeftAdapter(dir: string): Promise<PeftAdapter> {
  const configPath = join(dir, PEFT_CONFIG_FILE);
  const weightsPath = join(dir, PEFT_WEIGHTS_FILE);
  const configText = await readPeftFile(configPath, () => readFile(configPath, 'utf8'));
  let configJson: unknown;
  try {
    configJson = JSON.parse(configText);
  } catch (error) {
    throw new CheckpointError(`${configPath} is not valid JSON (${(error as Error).message})`);
  }
  const { lora, baseModel } = parsePeftConfig(configJson, configPath);
  const { tensors, metadata } = await readPeftFile(weightsPath, () => readSafetensorsFile(weightsPath));
  const read = makeAdapter([...tensors].map(([name, { shape, data }]) => [name, { shape, data }]));
  const adapter = peftMethod(lora) === 'bitfit' ? withModulePrefix(read) : read;
  assertPeftShapes(adapter, lora, weightsPath);
  if (holdsPromptOffsets(metadata) && !startsFromText(lora)) {
    throw new CheckpointError(`${weightsPath} holds offsets from a text's prompt embeddings, and ${configPath} names no prompt_tuning_init TEXT with its text`);
  }
  return { adapter, lora, baseModel, metadata };
}

/** The state-dict names of the full modules_to_save weights an adapter holds in PEFT's layout. */
export function fullSavedWeightNames(adapter: AdapterWeights): string[] {
  return [...adapter.keys()].filter((name) => kindOfTensor(name) === 'full').map((name) => name.slice(PEFT_PREFIX.length));
}

/** PEFT's layout to the run's: each full weight of a module to save becomes its difference from `base`. */
export function savedWeightsToDifferences(adapter: AdapterWeights, base: ReadonlyMap<string, TensorData>): AdapterWeights {
  return convertSavedWeights(
    adapter,
    base,
    'full',
    (name) => savedDifferenceName(name),
    (value, baseValue) => value - baseValue,
  );
}

/** The run's layout to PEFT's: each difference becomes the full trained weight, base + difference. */
export function differencesToSavedWeights(adapter: AdapterWeights, base: ReadonlyMap<string, TensorData>): AdapterWeights {
  return convertSavedWeights(
    adapter,
    base,
    'difference',
    (name) => `${PEFT_PREFIX}${name}`,
    (value, baseValue) => value + baseValue,
  );
}

/** BitFit saves its full biases under their transformers names, without PEFT's prefix (load_state_dict(strict=False)). */
function inSavedLayout(adapter: AdapterWeights, lora: LoraConfig): AdapterWeights {
  if (peftMethod(lora) !== 'bitfit') return adapter;
  return makeAdapter([...adapter].map(([name, t]) => [kindOfTensor(name) === 'full' ? name.slice(PEFT_PREFIX.length) : name, t]));
}

/** A BitFit file's full biases (transformers names) as the full saved weights they are, under PEFT's prefix. */
function withModulePrefix(adapter: AdapterWeights): AdapterWeights {
  return makeAdapter([...adapter].map(([name, t]) => [name.startsWith(PEFT_PREFIX) ? name : `${PEFT_PREFIX}${name}`, t]));
}

type TensorKind = 'lora' | 'difference' | 'full';

/**
 * The method's own tensors (LoRA factors, DoRA magnitudes, prompts and prefixes, which lack PEFT's module prefix),
 * differences of saved weights (the run's layout), or anything else: full weights (PEFT's).
 */
function kindOfTensor(name: string): TensorKind {
  if (name.endsWith(LORA_A_SUFFIX) || name.endsWith(LORA_B_SUFFIX) || name.endsWith(DORA_MAGNITUDE_SUFFIX) || !name.startsWith(PEFT_PREFIX)) return 'lora';
  return savedWeightOf(name) === undefined ? 'full' : 'difference';
}

function convertSavedWeights(
  adapter: AdapterWeights,
  base: ReadonlyMap<string, TensorData>,
  from: TensorKind,
  rename: (weight: string) => string,
  combine: (value: number, baseValue: number) => number,
): AdapterWeights {
  return makeAdapter(
    [...adapter].map(([name, tensor]): [string, TensorData] => {
      if (kindOfTensor(name) !== from) return [name, tensor];
      const weight = from === 'full' ? name.slice(PEFT_PREFIX.length) : savedWeightOf(name)!;
      const baseTensor = base.get(weight);
      if (!baseTensor || baseTensor.data.length !== tensor.data.length) {
        throw new CheckpointError(`tensor ${name}: the base model has no weight ${weight} of shape [${tensor.shape.join(', ')}]`);
      }
      return [rename(weight), { shape: [...tensor.shape], data: tensor.data.map((value, i) => combine(value, baseTensor.data[i])) }];
    }),
  );
}

/**
 * Why `peft` may not belong to the base model `model`, or undefined when nothing says so. A recorded fingerprint
 * decides; without one (an adapter trained elsewhere) base_model_name_or_path must name the same path, or end in the
 * same name, as a Hugging Face id and its downloaded directory do (`Qwen/Qwen2-0.5B`, `/models/Qwen2-0.5B`).
 */
export function adapterBaseMismatch(peft: PeftAdapter, model: { readonly id: string; readonly fingerprint: string }): string | undefined {
  const recorded = peft.metadata[BASE_FINGERPRINT_METADATA];
  if (recorded !== undefined) {
    return recorded === model.fingerprint ? undefined : `it was trained on a base model with fingerprint ${recorded}, and ${model.id} has ${model.fingerprint}`;
  }
  const named = peft.baseModel;
  if (named === model.id || resolve(named) === resolve(model.id) || basename(named) === basename(model.id)) return undefined;
  return `its base_model_name_or_path is ${named}, not ${model.id}`;
}

/** A missing file means the directory is no PEFT adapter: say so rather than surface a bare ENOENT. */
async function readPeftFile<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CheckpointError(`${path} is missing: a PEFT adapter directory holds ${PEFT_CONFIG_FILE} and ${PEFT_WEIGHTS_FILE}`);
    }
    throw error;
  }
}

function parsePeftConfig(json: unknown, source: string): { lora: LoraConfig; baseModel: string } {
  const fail = (detail: string) => new CheckpointError(`${source}: ${detail}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('the PEFT config must be a JSON object');
  const config = json as Record<string, unknown>;
  const { peft_type: peftType, base_model_name_or_path: baseModel } = config;
  if (typeof baseModel !== 'string') throw fail(`base_model_name_or_path must be a string, got ${JSON.stringify(baseModel)}`);
  if (peftType === 'PROMPT_TUNING' || peftType === 'PREFIX_TUNING') return { lora: parsePromptLearningConfig(config, fail), baseModel };
  if (peftType === 'BITFIT') return { lora: adapterConfig(peftSpecSchema.parse({ method: 'bitfit' }), undefined), baseModel };
  const { r, lora_alpha: alpha, target_modules: targetModules } = config;
  if (peftType !== 'LORA')
    throw fail(`peft_type is ${JSON.stringify(peftType)}; only "LORA", "PROMPT_TUNING", "PREFIX_TUNING" and fedlora's "BITFIT" adapters are supported`);
  if (!Number.isSafeInteger(r) || (r as number) < 1) throw fail(`r must be a positive integer, got ${JSON.stringify(r)}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw fail(`lora_alpha must be a number, got ${JSON.stringify(alpha)}`);
  if (!Array.isArray(targetModules) || !targetModules.every((m) => typeof m === 'string')) {
    throw fail(`target_modules must be a list of module names, got ${JSON.stringify(targetModules)}`);
  }
  const { use_rslora: useRslora = false, lora_dropout: dropout = 0, fan_in_fan_out: fanInFanOut = false, use_dora: useDora = false } = config;
  if (typeof useDora !== 'boolean') throw fail(`use_dora must be true or false, got ${JSON.stringify(useDora)}`);
  if (typeof useRslora !== 'boolean') throw fail(`use_rslora must be true or false, got ${JSON.stringify(useRslora)}`);
  if (typeof fanInFanOut !== 'boolean') throw fail(`fan_in_fan_out must be true or false, got ${JSON.stringify(fanInFanOut)}`);
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) throw fail(`lora_dropout must be in [0, 1), got ${JSON.stringify(dropout)}`);
  // Each of these would silently change the update's scaling if ignored.
  for (const key of ['rank_pattern', 'alpha_pattern']) {
    const pattern = config[key];
    if (pattern !== undefined && pattern !== null && Object.keys(pattern).length > 0) {
      throw fail(`per-module ${key} is not supported; every module must use r and lora_alpha`);
    }
  }
  const modulesToSave = config.modules_to_save ?? [];
  if (!Array.isArray(modulesToSave) || !modulesToSave.every((m) => typeof m === 'string' && m.length > 0)) {
    throw fail(`modules_to_save must be null or a list of module names, got ${JSON.stringify(modulesToSave)}`);
  }
  // Left out when empty, as a LoraConfig without modules_to_save leaves it out.
  const saved = modulesToSave.length > 0 ? { modulesToSave } : {};
  const { bias = 'none' } = config;
  if (!(LORA_BIASES as readonly unknown[]).includes(bias)) throw fail(`bias must be one of ${LORA_BIASES.join(', ')}, got ${JSON.stringify(bias)}`);
  const trainedBiases = bias === 'none' ? {} : { bias: bias as LoraConfig['bias'] };
  const lora: LoraConfig = { r: r as number, alpha, targetModules, dropout, useRslora, fanInFanOut, ...saved, ...trainedBiases };
  return { lora: useDora ? { ...lora, peft: peftSpecSchema.parse({ method: 'dora' }) } : lora, baseModel };
}

/** PROMPT_TUNING and PREFIX_TUNING configs: the method and its settings. */
function parsePromptLearningConfig(config: Record<string, unknown>, fail: (detail: string) => CheckpointError): LoraConfig {
  const { peft_type: peftType, num_virtual_tokens: count, num_transformer_submodules: submodules = 1 } = config;
  if (!Number.isSafeInteger(count) || (count as number) < 1) throw fail(`num_virtual_tokens must be a positive integer, got ${JSON.stringify(count)}`);
  if (submodules !== 1 && submodules !== null) throw fail(`num_transformer_submodules is ${JSON.stringify(submodules)}; a decoder-only model has 1`);
  if (peftType === 'PROMPT_TUNING') {
    // The init decides where training started; a run's checkpoint of a TEXT run holds offsets from the text's
    // embeddings (prompt-text-init.ts), PEFT's directories the embeddings themselves.
    const { prompt_tuning_init: init, prompt_tuning_init_text: text } = config;
    if (init !== 'TEXT') return adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: count }), undefined);
    if (typeof text !== 'string' || text.length === 0) throw fail(`prompt_tuning_init TEXT needs a prompt_tuning_init_text, got ${JSON.stringify(text)}`);
    const spec = peftSpecSchema.safeParse({ method: 'prompt-tuning', numVirtualTokens: count, promptTuningInit: 'text', promptTuningInitText: text });
    if (!spec.success) throw fail(`prompt_tuning_init_text: ${spec.error.issues[0].message}`);
    return adapterConfig(spec.data, undefined);
  }
  const { prefix_projection: projection = false, encoder_hidden_size: width = null, inference_mode: inference = true } = config;
  if (typeof projection !== 'boolean') throw fail(`prefix_projection must be true or false, got ${JSON.stringify(projection)}`);
  if (width !== null && (!Number.isSafeInteger(width) || (width as number) < 1)) {
    throw fail(`encoder_hidden_size must be a positive integer or null, got ${JSON.stringify(width)}`);
  }
  // In inference mode PEFT saves the projection's output, the prefixes themselves: the projection is then gone.
  const prefixProjection = projection && inference === false;
  return adapterConfig(
    peftSpecSchema.parse({ method: 'prefix-tuning', numVirtualTokens: count, prefixProjection, encoderHiddenSize: prefixProjection ? (width ?? 0) : 0 }),
    undefined,
  );
}

/**
 * Prompt- and prefix-tuning: `prompt_embeddings` [num_virtual_tokens, width] and nothing else (with prefix
 * projection in training form, PEFT's PrefixEncoder parameters instead). LoRA: every module needs
 * both factors, `lora_A.weight` [r, in] and `lora_B.weight` [out, r], with DoRA also `lora_magnitude_vector` [out],
 * and nothing else.
 */
function assertPeftShapes(adapter: AdapterWeights, lora: LoraConfig, source: string): void {
  const fail = (detail: string) => new CheckpointError(`${source}: ${detail}`);
  const method = peftMethod(lora);
  if (method === 'bitfit') {
    const unexpected = [...adapter.keys()].find((name) => !(savedWeightOf(name) ?? name).endsWith('.bias'));
    if (unexpected !== undefined) throw fail(`unexpected tensor ${unexpected}: a BitFit adapter holds only bias terms`);
    return;
  }
  if (method === 'prompt-tuning' || method === 'prefix-tuning') {
    const count = lora.peft!.numVirtualTokens;
    // The prefixes' widths follow the model, which its loader checks.
    const names: string[] = lora.peft!.prefixProjection ? Object.values(PREFIX_ENCODER) : [PROMPT_EMBEDDINGS];
    for (const name of names) {
      if (!adapter.has(name)) throw fail(`a ${method} adapter holds ${names.join(', ')}, and this one lacks ${name}`);
    }
    const unexpected = [...adapter.keys()].find((name) => !names.includes(name));
    if (unexpected !== undefined) throw fail(`unexpected tensor ${unexpected}: a ${method} adapter holds only ${names.join(', ')}`);
    const embedding = adapter.get(names[0])!;
    if (embedding.shape.length !== 2 || embedding.shape[0] !== count) {
      throw fail(`tensor ${names[0]} has shape [${embedding.shape.join(', ')}], expected [${count}, width] for num_virtual_tokens = ${count}`);
    }
    return;
  }
  const dora = peftMethod(lora) === 'dora';
  const r = lora.r;
  for (const [name, { shape }] of adapter) {
    const kind = kindOfTensor(name);
    if (kind !== 'lora') {
      const weight = kind === 'full' ? name.slice(PEFT_PREFIX.length) : savedWeightOf(name)!;
      const trainedBias = (lora.bias ?? 'none') !== 'none' && weight.endsWith('.bias');
      if (!name.startsWith(PEFT_PREFIX) || !(isSavedWeight(weight, lora.modulesToSave ?? []) || trainedBias)) {
        throw fail(
          `unexpected tensor ${name}: an adapter holds only <module>.lora_A.weight, <module>.lora_B.weight${dora ? ', <module>.lora_magnitude_vector' : ''} and the weights of its modules_to_save`,
        );
      }
      continue;
    }
    if (name.endsWith(DORA_MAGNITUDE_SUFFIX)) {
      if (!dora) throw fail(`unexpected tensor ${name}: DoRA magnitudes in an adapter without use_dora`);
      const partner = name.replace(/lora_magnitude_vector$/, 'lora_B.weight');
      const b = adapter.get(partner);
      if (!b) throw fail(`tensor ${name} has no matching ${partner}`);
      if (shape.length !== 1 || shape[0] !== b.shape[0]) throw fail(`tensor ${name} has shape [${shape.join(', ')}], expected [${b.shape[0]}] (out_features)`);
      continue;
    }
    const factorA = name.endsWith(LORA_A_SUFFIX);
    const partner = factorA ? name.replace(/lora_A\.weight$/, 'lora_B.weight') : name.replace(/lora_B\.weight$/, 'lora_A.weight');
    if (!adapter.has(partner)) throw fail(`tensor ${name} has no matching ${partner}`);
    if (dora && !factorA && !adapter.has(name.replace(/lora_B\.weight$/, 'lora_magnitude_vector'))) {
      throw fail(`tensor ${name} has no matching lora_magnitude_vector, which use_dora needs`);
    }
    const rankDim = factorA ? 0 : 1;
    if (shape.length !== 2 || shape[rankDim] !== r) {
      const expected = factorA ? `[${r}, in_features]` : `[out_features, ${r}]`;
      throw fail(`tensor ${name} has shape [${shape.join(', ')}], expected ${expected} for r = ${r}`);
    }
  }
}
