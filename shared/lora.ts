/**
 * LoRA layout shared by both sides: which linear modules carry an adapter, their PEFT tensor names and the
 * initial adapter (A ~ PEFT's kaiming-uniform bound 1/sqrt(in), B = 0, so the initial adapter changes nothing).
 */
import { makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import { SeededRandom } from './random.js';

export interface LoraConfig {
  /** Rank r of A [r, in] and B [out, r]. */
  readonly r: number;
  /** Scaling numerator: the update is (alpha / r) · B A x. */
  readonly alpha: number;
  /** Module names as in Hugging Face PEFT's `target_modules`, e.g. ["q_proj", "v_proj"]. */
  readonly targetModules: readonly string[];
}

/** One linear layer that carries an adapter. */
export interface LoraTarget {
  /** Module path in the Hugging Face model, e.g. `model.layers.0.self_attn.q_proj`. */
  readonly modulePath: string;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

export const PEFT_PREFIX = 'base_model.model.';

export function loraTensorNames(modulePath: string): { a: string; b: string } {
  return {
    a: `${PEFT_PREFIX}${modulePath}.lora_A.weight`,
    b: `${PEFT_PREFIX}${modulePath}.lora_B.weight`,
  };
}

export function loraScaling(lora: LoraConfig): number {
  return lora.alpha / lora.r;
}

/** Initial global adapter for the given targets, reproducible from `seed`. */
export function initialAdapter(targets: readonly LoraTarget[], r: number, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  const entries: [string, TensorData][] = [];
  for (const target of targets) {
    const names = loraTensorNames(target.modulePath);
    const bound = 1 / Math.sqrt(target.inFeatures);
    entries.push([
      names.a,
      { shape: [r, target.inFeatures], data: random.fillUniform(new Float32Array(r * target.inFeatures), -bound, bound) },
    ]);
    entries.push([names.b, { shape: [target.outFeatures, r], data: new Float32Array(target.outFeatures * r) }]);
  }
  return makeAdapter(entries);
}
