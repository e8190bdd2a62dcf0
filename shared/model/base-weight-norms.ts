/**
 * ‖W‖_F of the base weights an adapter modifies: what a weight change is measured against. Read from the
 * checkpoint one tensor at a time, keeping only the norms.
 */
import { CheckpointError, ConfigError } from '../infra/errors.js';
import { elementCount, type AdapterWeights } from '../lora/adapter.js';
import { loraModulePaths, loraTensorNames } from '../lora/lora.js';
import { frobeniusNorm } from '../lora/shifts.js';
import { readCheckpointTensors } from './checkpoint.js';
import { loraTargets, wantedWeightName, type ModelDescriptor } from './model-config.js';

/**
 * Module path → ‖W‖_F for each module `adapter` (of `targetModules`) modifies; its LoRA factors fix the weight's
 * size. Throws when the model has no checkpoint, or when it lacks one of the weights or stores it in another size.
 */
export async function readBaseWeightNorms(model: ModelDescriptor, targetModules: readonly string[], adapter: AdapterWeights): Promise<Map<string, number>> {
  const modulePaths = loraModulePaths(adapter);
  const dir = model.checkpointDir;
  if (dir === undefined) throw new ConfigError(`${model.id} is a built-in model, not a checkpoint directory to read the base weights from`);
  const wanted = new Set(modulePaths);
  // State-dict weight name → module path, for the model's LoRA targets that the adapter modifies.
  const adapted = new Map(
    loraTargets(model, targetModules)
      .filter((target) => wanted.has(target.modulePath))
      .map((target) => [`${target.modulePath}.weight`, target.modulePath]),
  );
  const names = new Set(adapted.keys());
  const rename = wantedWeightName(model, names);
  const norms = new Map<string, number>();
  await readCheckpointTensors(dir, rename, (name, tensor) => {
    const modulePath = adapted.get(name)!;
    const factors = loraTensorNames(modulePath);
    if (elementCount(tensor.shape) !== adapter.get(factors.a)!.shape[1] * adapter.get(factors.b)!.shape[0]) {
      throw new CheckpointError(`${dir}: weight ${name} has shape [${tensor.shape.join(', ')}], which the adapter's factors do not fit`);
    }
    norms.set(modulePath, frobeniusNorm(tensor.data));
  });
  const missing = modulePaths.filter((path) => !norms.has(path));
  if (missing.length > 0)
    throw new CheckpointError(`${dir} holds no weight for ${missing.join(', ')}, which the adapter modifies: is it the adapter's base model?`);
  return norms;
}
