/**
 * What a run starts from: the base model (checked against the fingerprint the operator expects), the LoRA
 * configuration completed with what the model implies, and the initial global adapter — fresh from the seed, or
 * an existing PEFT adapter.
 */
import { assertSameLayout, type AdapterWeights } from '../lora/adapter.js';
import { ConfigError, type FedloraError } from '../infra/errors.js';
import { initialAdapter, type LoraConfig } from '../lora/lora.js';
import { readPeftAdapter } from '../lora/peft.js';
import { loraTargets, resolveModelForCoordinator, storesWeightsFanInFanOut, type ModelDescriptor } from './model-config.js';

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
  const fresh = initialAdapter(targets, lora.r, options.seed);
  if (options.initialAdapter === undefined) return { model, lora, initialAdapter: fresh };

  const peft = await readPeftAdapter(options.initialAdapter);
  const differences = (['r', 'alpha', 'useRslora'] as const).filter((key) => (peft.lora[key] ?? false) !== (lora[key] ?? false));
  const sameModules = [...peft.lora.targetModules].sort().join() === [...lora.targetModules].sort().join();
  if (differences.length > 0 || !sameModules) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} has r ${peft.lora.r}, lora_alpha ${peft.lora.alpha}, target_modules ` +
        `${peft.lora.targetModules.join(',')}, use_rslora ${peft.lora.useRslora ?? false}; set lora to the same values to continue from it`,
    );
  }
  try {
    assertSameLayout(fresh, peft.adapter);
  } catch (error) {
    throw new ConfigError(`initialAdapter ${options.initialAdapter} does not fit model ${options.model}: ${(error as FedloraError).message}`);
  }
  return { model, lora, initialAdapter: peft.adapter };
}
