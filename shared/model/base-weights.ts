/**
 * The values of chosen base weights, read on the CPU without building the model: what converting the weights of
 * modules_to_save between PEFT's layout (full weights) and the run's (differences) needs.
 */
import type { AdapterWeights, TensorData } from '../lora/adapter.js';
import { fullSavedWeightNames, savedWeightsToDifferences, type PeftAdapter } from '../lora/peft.js';
import { ConfigError } from '../infra/errors.js';
import { readCheckpointTensors } from './checkpoint.js';
import { seededBaseValues } from './llama.js';
import { llavaWeightShapes, seededLlavaValues } from './llava.js';
import { gpt2WeightName, wantedWeightName, type ModelDescriptor } from './model-config.js';
import { baseWeightShapes, gpt2WeightShapes } from './weight-shapes.js';

/** Every base weight of `model` with its shape. */
export function modelWeightShapes(model: ModelDescriptor): [string, number[]][] {
  switch (model.architecture) {
    case 'llava':
      return llavaWeightShapes(model.config);
    case 'gpt2':
      return gpt2WeightShapes(model.config);
    default:
      return baseWeightShapes(model.config);
  }
}

/** The base weights `names` (state-dict names) of `model`, from its checkpoint or its seed. */
export async function readBaseWeights(model: ModelDescriptor, names: readonly string[]): Promise<Map<string, TensorData>> {
  const wanted = new Set(names);
  const dir = model.checkpointDir;
  if (dir === undefined) {
    if (model.architecture === 'gpt2' || model.config.initSeed === undefined)
      throw new ConfigError(`model ${model.id} has neither a checkpoint nor built-in weights`);
    if (model.architecture !== 'llava') return new Map([...seededBaseValues(model.config, model.config.initSeed)].filter(([name]) => wanted.has(name)));
    return new Map([...seededLlavaValues(model.config, model.config.initSeed)].filter(([name]) => wanted.has(name)));
  }
  const weights = new Map<string, TensorData>();
  await readCheckpointTensors(dir, wantedWeightName(model, wanted), (name, tensor) =>
    weights.set(name, { shape: tensor.shape, data: new Float32Array(tensor.data) }),
  );
  const missing = names.filter((name) => !weights.has(name));
  if (missing.length > 0) throw new ConfigError(`model ${model.id}: its checkpoint lacks weight(s) ${missing.join(', ')}`);
  return weights;
}

/** Maps a stored tensor name to its state-dict name (GPT-2's original files omit the `transformer.` prefix). */
export function stateDictNamer(model: ModelDescriptor): (stored: string) => string | undefined {
  if (model.architecture !== 'gpt2') return (stored) => stored;
  const expected = new Set(modelWeightShapes(model).map(([name]) => name));
  return (stored) => gpt2WeightName(stored, expected);
}

/** The adapter of `peft` in the run's layout: full modules_to_save weights (PEFT's layout) become differences from `model`'s. */
export async function adapterInRunLayout(peft: PeftAdapter, model: ModelDescriptor): Promise<AdapterWeights> {
  const full = fullSavedWeightNames(peft.adapter);
  return full.length === 0 ? peft.adapter : savedWeightsToDifferences(peft.adapter, await readBaseWeights(model, full));
}
