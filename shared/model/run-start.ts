/**
 * What a run starts from: the base model (checked against the fingerprint the operator expects), the LoRA
 * configuration completed with what the model implies, and the initial global adapter — fresh from the seed, or
 * an existing PEFT adapter.
 */
import { assertSameLayout, type AdapterWeights } from '../lora/adapter.js';
import { ConfigError, type FedloraError } from '../infra/errors.js';
import { initialAdapter, type LoraConfig, type SavedWeight } from '../lora/lora.js';
import { fullSavedWeightNames, readPeftAdapter } from '../lora/peft.js';
import { loraTargets, resolveModelForCoordinator, storesWeightsFanInFanOut, type ModelDescriptor } from './model-config.js';
import { savedWeights } from './weight-shapes.js';

export interface RunStartOptions {
  /** `builtin:tiny` or a Hugging Face checkpoint directory. */
  readonly model: string;
  /** SHA-256 the operator expects the base model to have; a different checkpoint is refused at start-up. */
  readonly modelFingerprint?: string;
  readonly lora: LoraConfig;
  readonly seed: number;
  /** A PEFT adapter directory to start from instead of a fresh adapter. */
  readonly initialAdapter?: string;
}

export interface RunStart {
  readonly model: ModelDescriptor;
  readonly lora: LoraConfig;
  readonly initialAdapter: AdapterWeights;
}

export async function prepareRunStart(options: RunStartOptions): Promise<RunStart> {
  const model = resolveModelForCoordinator(options.model, options.modelFingerprint);
  const lora: LoraConfig = storesWeightsFanInFanOut(model) ? { ...options.lora, fanInFanOut: true } : options.lora;
  const targets = loraTargets(model, lora.targetModules);
  const fresh = initialAdapter(targets, lora.r, options.seed, await savedWeightsOf(model, lora.modulesToSave ?? []));
  if (options.initialAdapter === undefined) return { model, lora, initialAdapter: fresh };

  const peft = await readPeftAdapter(options.initialAdapter);
  const differences = (['r', 'alpha', 'useRslora'] as const).filter((key) => (peft.lora[key] ?? false) !== (lora[key] ?? false));
  const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => [...a].sort().join() === [...b].sort().join();
  if (differences.length > 0 || !sameSet(peft.lora.targetModules, lora.targetModules) || !sameSet(peft.lora.modulesToSave, lora.modulesToSave)) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} has r ${peft.lora.r}, lora_alpha ${peft.lora.alpha}, target_modules ` +
        `${peft.lora.targetModules.join(',')}, modules_to_save ${peft.lora.modulesToSave?.join(',') || 'none'}, use_rslora ${peft.lora.useRslora ?? false}; ` +
        'set lora to the same values to continue from it',
    );
  }
  const full = fullSavedWeightNames(peft.adapter);
  if (full.length > 0) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} holds the full weights ${full.join(', ')} of its modules_to_save (PEFT's layout), and the ` +
        "coordinator, which holds no base weights, cannot turn them into the differences a run averages: start from a run's round checkpoint " +
        '(rounds/N), which keeps the differences',
    );
  }
  try {
    assertSameLayout(fresh, peft.adapter);
  } catch (error) {
    throw new ConfigError(`initialAdapter ${options.initialAdapter} does not fit model ${options.model}: ${(error as FedloraError).message}`);
  }
  return { model, lora, initialAdapter: peft.adapter };
}

/**
 * The weights of `modulesToSave`, shaped from config.json. The shapes of every architecture live beside the models,
 * which load tfjs, so they are imported only when a run saves modules: a coordinator otherwise never loads it.
 */
async function savedWeightsOf(model: ModelDescriptor, modulesToSave: readonly string[]): Promise<SavedWeight[]> {
  if (modulesToSave.length === 0) return [];
  const { modelWeightShapes } = await import('./base-weights.js');
  return savedWeights(model, modelWeightShapes(model), modulesToSave);
}
