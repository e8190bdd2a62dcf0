/**
 * `fedlora export`: copies a round's global adapter out of a run directory as a PEFT directory and, on request,
 * writes the base model with the adapter merged into its weights (W + scaling · B A) as a Hugging Face checkpoint.
 *
 * The merged checkpoint keeps the base checkpoint's files, shards, dtypes and headers: each shard is copied and
 * only the adapted weights are rewritten in place, one tensor at a time, so memory stays at one tensor.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CheckpointError, ConfigError } from '../shared/infra/errors.js';
import { DORA_OFFSET_METADATA, holdsMagnitudeOffsets, rescaleRowsTo, shiftMagnitudes } from '../shared/lora/dora.js';
import { usesLoraFactors } from '../shared/lora/peft-method.js';
import { loadModel, loadTokenizer } from '../shared/model/load.js';
import { holdsPromptOffsets, PROMPT_OFFSET_METADATA, withTextEmbeddings } from '../shared/lora/prompt-text-init.js';
import { LoraCausalLM } from '../shared/model/causal-lm.js';
import type { TensorData } from '../shared/lora/adapter.js';
import { loraScaling, loraTensorNames, mergeLoraInto, peftMethod, savedDifferenceName, savedWeightOf } from '../shared/lora/lora.js';
import { checkpointFiles, SHARD_INDEX_FILE } from '../shared/model/checkpoint.js';
import { loraTargets, resolveModel, storesWeightsFanInFanOut, type ModelDescriptor } from '../shared/model/model-config.js';
import { readBaseWeights, stateDictNamer } from '../shared/model/base-weights.js';
import { HF_CONFIG_FILE } from '../shared/model/hf-config.js';
import { PREPROCESSOR_CONFIG_FILE } from '../shared/model/image-processor.js';
import { adapterBaseMismatch, readPeftAdapter, writePeftAdapter, type PeftAdapter } from '../shared/lora/peft.js';
import { encodeElements, readSafetensorsHeaderSync, streamSafetensorsFile, type SafetensorsTensor } from '../shared/model/safetensors.js';

export interface ExportOptions {
  readonly runDir: string;
  /** Default: the last round with a checkpoint. */
  readonly round?: number;
  readonly out: string;
  /** Also write the merged model into `out` (needs `model`). */
  readonly merged?: boolean;
  /** The base model: for --merged, and for an adapter with modules_to_save (PEFT's layout holds their full weights). */
  readonly model?: string;
}

/** Files copied beside merged weights so that the output directory loads as a model on its own. */
const MODEL_SIDE_FILES = [
  HF_CONFIG_FILE,
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  PREPROCESSOR_CONFIG_FILE,
  'processor_config.json',
  'chat_template.json',
];

export async function exportRun(options: ExportOptions): Promise<{ round: number; files: string[] }> {
  const last = await lastRound(options.runDir);
  const round = options.round ?? last;
  const source = join(options.runDir, 'rounds', String(round));
  if (!existsSync(source)) throw new ConfigError(`${options.runDir} has no round ${round}: the last finished round is ${last}`);
  const peft = await peftForm(await readPeftAdapter(source), options.model);
  const model = options.model === undefined ? undefined : resolveModel(options.model);
  const saved = [...peft.adapter.keys()].flatMap((name) => savedWeightOf(name) ?? []);
  if (saved.length > 0 && model === undefined) {
    throw new ConfigError(
      `round ${round} trains modules_to_save ${peft.lora.modulesToSave?.join(', ')}: a PEFT adapter holds their full weights, so export needs --model, the base model the run fine-tuned`,
    );
  }
  const mismatch = model && adapterBaseMismatch(peft, model);
  if (mismatch !== undefined) throw new ConfigError(`round ${round} does not belong to model ${model!.id}: ${mismatch}`);
  const baseWeights = saved.length > 0 ? await readBaseWeights(model!, saved) : undefined;
  await mkdir(dirname(options.out), { recursive: true });
  await writePeftAdapter(options.out, peft.adapter, { lora: peft.lora, baseModel: peft.baseModel, metadata: peft.metadata, replace: true, baseWeights });
  const files = ['adapter_config.json', 'adapter_model.safetensors'];
  if (options.merged) {
    if (model === undefined) throw new ConfigError('--merged needs --model: the base checkpoint directory the run fine-tuned');
    const method = peftMethod(peft.lora);
    if (!usesLoraFactors(method) && method !== 'bitfit') throw new ConfigError(`--merged: a ${method} adapter changes no base weight`);
    files.push(...(await writeMergedCheckpoint(model, peft, options.out)));
  }
  return { round, files };
}

/** Prefix-tuning with projection: PEFT saves the projection's output, which takes the model's layout to shape. */
async function savedPrefixes(checkpoint: PeftAdapter, modelId: string | undefined): Promise<PeftAdapter> {
  if (modelId === undefined)
    throw new ConfigError("a prefix-tuning run with prefixProjection needs --model: PEFT saves the projection's output, shaped by the model");
  const model = await loadModel(resolveModel(modelId));
  try {
    if (!(model instanceof LoraCausalLM)) throw new ConfigError(`model ${modelId} is a vision-language model: prefix-tuning is for text models`);
    model.loadAdapter(checkpoint.lora, checkpoint.adapter);
    const peft = { ...checkpoint.lora.peft!, prefixProjection: false, encoderHiddenSize: 0 };
    return { ...checkpoint, lora: { ...checkpoint.lora, peft }, adapter: await model.savedPrefixes() };
  } finally {
    model.dispose();
  }
}

/**
 * The run's checkpoint as PEFT reads it: a DoRA run's magnitude offsets become PEFT's magnitudes, which takes the
 * base weights' row norms, hence the model; a text-initialised run's prompt offsets become the embeddings, which
 * takes the model's word embeddings and tokenizer.
 */
async function peftForm(checkpoint: PeftAdapter, modelId: string | undefined): Promise<PeftAdapter> {
  if (checkpoint.lora.peft?.prefixProjection) return savedPrefixes(checkpoint, modelId);
  if (holdsPromptOffsets(checkpoint.metadata)) return wholePrompt(checkpoint, modelId);
  if (!holdsMagnitudeOffsets(checkpoint.metadata)) return checkpoint;
  if (modelId === undefined) throw new ConfigError("a DoRA run's adapter needs --model: PEFT's magnitudes are measured against the base weights");
  const model = await loadModel(resolveModel(modelId));
  try {
    model.loadAdapter(checkpoint.lora, checkpoint.adapter);
    const norms = await model.doraRowNorms();
    const { [DORA_OFFSET_METADATA]: _, ...metadata } = checkpoint.metadata;
    return { ...checkpoint, metadata, adapter: shiftMagnitudes(checkpoint.adapter, (path) => norms.get(path)!, 1) };
  } finally {
    model.dispose();
  }
}

async function wholePrompt(checkpoint: PeftAdapter, modelId: string | undefined): Promise<PeftAdapter> {
  if (modelId === undefined)
    throw new ConfigError("a text-initialised prompt-tuning run's adapter needs --model: its offsets are from the text's word embeddings");
  const descriptor = resolveModel(modelId);
  const tokenizer = await loadTokenizer(descriptor);
  const model = await loadModel(descriptor);
  try {
    const { [PROMPT_OFFSET_METADATA]: _, ...metadata } = checkpoint.metadata;
    return { ...checkpoint, metadata, adapter: await withTextEmbeddings(checkpoint.adapter, checkpoint.lora, model, tokenizer) };
  } finally {
    model.dispose();
  }
}

async function lastRound(runDir: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(join(runDir, 'rounds'));
  } catch {
    throw new ConfigError(`${runDir} holds no rounds/ directory: is it a run directory with at least one finished round?`);
  }
  const rounds = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  if (rounds.length === 0) throw new ConfigError(`${runDir}/rounds holds no round checkpoint yet`);
  return Math.max(...rounds);
}

/** Writes base + adapter into `out` with the base's layout; returns the files written. */
async function writeMergedCheckpoint(model: ModelDescriptor, peft: PeftAdapter, out: string): Promise<string[]> {
  const checkpointDir = model.checkpointDir;
  if (checkpointDir === undefined) throw new ConfigError(`--merged needs a checkpoint directory, not ${model.id}`);
  const scaling = loraScaling(peft.lora);
  // The base checkpoint's layout decides, whatever the adapter's config says.
  const fanInFanOut = storesWeightsFanInFanOut(model);
  // Module weight name (as stored in the checkpoint) → the module's LoRA factors.
  const stateDictName = stateDictNamer(model);
  const targets = usesLoraFactors(peftMethod(peft.lora)) ? loraTargets(model, peft.lora.targetModules) : [];
  const factors = new Map(targets.map((target) => [`${target.modulePath}.weight`, loraTensorNames(target.modulePath)]));
  // Weights of modules_to_save: their trained difference is added (before any LoRA product on the same module).
  const adapted = new Set([...factors.keys(), ...[...peft.adapter.keys()].flatMap((name) => savedWeightOf(name) ?? [])]);
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const file of [...MODEL_SIDE_FILES, SHARD_INDEX_FILE]) {
    if (existsSync(join(checkpointDir, file))) {
      await copyFile(join(checkpointDir, file), join(out, file));
      written.push(file);
    }
  }
  const merged = new Set<string>();
  for (const shard of checkpointFiles(checkpointDir)) {
    const target = join(out, basename(shard));
    await copyFile(shard, target);
    written.push(basename(shard));
    const offsets = new Map(readSafetensorsHeaderSync(shard).entries.map((entry) => [entry.name, entry]));
    const updates: [number, Uint8Array][] = [];
    const isAdapted = (stored: string) => adapted.has(stateDictName(stored) ?? '');
    await streamSafetensorsFile(shard, isAdapted, (stored, tensor) => {
      const name = stateDictName(stored)!;
      const entry = offsets.get(stored)!;
      updates.push([
        entry.begin,
        mergedBytes(
          stored,
          tensor,
          peft.adapter.get(savedDifferenceName(name)),
          factors.get(name) && { peft, names: factors.get(name)!, scaling, fanInFanOut },
        ),
      ]);
      merged.add(stored);
    });
    const handle = await open(target, 'r+');
    try {
      for (const [position, bytes] of updates.splice(0)) await handle.write(bytes, 0, bytes.length, position);
    } finally {
      await handle.close();
    }
  }
  if (merged.size !== adapted.size) {
    throw new CheckpointError(`${checkpointDir}: found ${merged.size} of the ${adapted.size} weights the adapter modifies`);
  }
  return written;
}

/** What LoRA adds to one module's weight. */
interface LoraMerge {
  readonly peft: PeftAdapter;
  readonly names: { a: string; b: string };
  readonly scaling: number;
  readonly fanInFanOut: boolean;
}

function mergedBytes(name: string, tensor: SafetensorsTensor, difference: TensorData | undefined, lora: LoraMerge | undefined): Uint8Array {
  if (tensor.dtype !== 'F32' && tensor.dtype !== 'F16' && tensor.dtype !== 'BF16') {
    throw new CheckpointError(`weight ${name} is stored as ${tensor.dtype}; merging supports F32, F16 and BF16`);
  }
  const weight = new Float32Array(tensor.data);
  if (difference) for (let i = 0; i < weight.length; i++) weight[i] += difference.data[i];
  if (lora) {
    mergeLoraInto(weight, lora.peft.adapter.get(lora.names.a)!, lora.peft.adapter.get(lora.names.b)!, lora.scaling, lora.fanInFanOut);
    const magnitude = lora.peft.adapter.get(lora.names.a.replace(/lora_A\.weight$/, 'lora_magnitude_vector'));
    if (magnitude) rescaleRowsTo(weight, magnitude, lora.fanInFanOut);
  }
  return encodeElements(weight, tensor.dtype);
}
