/**
 * LoRA layout shared by both sides: which linear modules carry an adapter, their PEFT tensor names and the
 * initial adapter (A ~ PEFT's kaiming-uniform bound 1/sqrt(in), B = 0, so the initial adapter changes nothing).
 */
import type { z } from 'zod';
import { elementCount, makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import type { loraSpecSchema } from './lora-spec.js';
import { usesLoraFactors, type PeftSpec } from './peft-method.js';
import { TensorMismatchError } from '../infra/errors.js';
import { SeededRandom } from '../infra/random.js';

type LoraSpec = z.output<typeof loraSpecSchema>;

/** A LoRA spec (lora-spec.ts, where each field is described); the settings with defaults may be left out. */
export type LoraConfig = Readonly<Pick<LoraSpec, 'r' | 'alpha'> & Partial<Pick<LoraSpec, 'dropout' | 'useRslora' | 'freezeA' | 'bias'>>> & {
  readonly targetModules: readonly string[];
  /** PEFT's modules_to_save (absent: none). */
  readonly modulesToSave?: readonly string[];
  /**
   * PEFT's `fan_in_fan_out`: the base layer stores its weight [in, out] (GPT-2's Conv1D). A property of the model,
   * recorded in the adapter's config; the LoRA factors keep their shapes either way.
   */
  readonly fanInFanOut?: boolean;
  /** The PEFT method the run trains; absent means LoRA. The LoRA settings above apply to the LoRA-factor methods only. */
  readonly peft?: PeftSpec;
};

/**
 * The adapter config of a run: the LoRA settings with the PEFT method. LoRA itself leaves `peft` out, as runs did
 * before there were other methods; a method without LoRA factors carries the smallest LoRA settings, which
 * nothing reads.
 */
export function adapterConfig(peft: PeftSpec, lora: Omit<LoraConfig, 'peft'> | undefined): LoraConfig {
  if (peft.method === 'lora') return lora ?? NO_LORA_FACTORS;
  return { ...(usesLoraFactors(peft.method) && lora ? lora : NO_LORA_FACTORS), peft };
}

const NO_LORA_FACTORS: LoraConfig = { r: 1, alpha: 1, targetModules: [] };

/** The run's PEFT method. */
export function peftMethod(lora: LoraConfig): PeftSpec['method'] {
  return lora.peft?.method ?? 'lora';
}

export const LORA_A_SUFFIX = '.lora_A.weight';
export const LORA_B_SUFFIX = '.lora_B.weight';

/**
 * The part of an adapter that training changes: every tensor (LoRA factors, DoRA magnitudes, the differences of
 * the modules_to_save, prompts and prefixes) but the lora_A factors when A is frozen and the frozen base deltas
 * of exact aggregation.
 */
export function trainedPart(adapter: AdapterWeights, lora: LoraConfig): AdapterWeights {
  const trained = (name: string): boolean => !isBaseDeltaName(name) && !(lora.freezeA && name.endsWith(LORA_A_SUFFIX));
  return [...adapter.keys()].every(trained) ? adapter : makeAdapter([...adapter].filter(([name]) => trained(name)));
}

/** The module paths of an adapter's LoRA pairs, from its lora_A names. */
export function loraModulePaths(adapter: AdapterWeights): string[] {
  return [...adapter.keys()].filter((name) => name.endsWith(LORA_A_SUFFIX)).map((name) => name.slice(PEFT_PREFIX.length, -LORA_A_SUFFIX.length));
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

/**
 * Exact LoRA aggregation keeps the accumulated weight change of a module as two frozen factors beside its adapter,
 * ΔW = base_delta_B [out, R] · base_delta_A [R, in] (scaling included), which clients fold into the base weight.
 */
export function baseDeltaTensorNames(modulePath: string): { a: string; b: string } {
  return {
    a: `${PEFT_PREFIX}${modulePath}.base_delta_A.weight`,
    b: `${PEFT_PREFIX}${modulePath}.base_delta_B.weight`,
  };
}

/** Whether a tensor is one of the base-delta factors named by baseDeltaTensorNames. */
export function isBaseDeltaName(name: string): boolean {
  return /\.base_delta_[AB]\.weight$/.test(name);
}

/**
 * A base weight of a module named in modules_to_save trains in full. Adapters carry it as its difference from the
 * base weight (zero at first, shaped by config.json alone), so that the coordinator, which never holds weights,
 * can initialise, average, clip and mask it like any other tensor. PEFT's own layout holds the full weight
 * instead, `base_model.model.<weight name>`; converting needs the base weights (savedWeightsToDifferences).
 */
export const SAVED_DIFFERENCE_SUFFIX = '.modules_to_save_difference';

/** The adapter tensor holding the difference of base weight `weightName` (a state-dict name, `lm_head.weight`). */
export function savedDifferenceName(weightName: string): string {
  return `${PEFT_PREFIX}${weightName}${SAVED_DIFFERENCE_SUFFIX}`;
}

/** The base weight whose difference an adapter tensor holds, or undefined for any other tensor. */
export function savedWeightOf(tensorName: string): string | undefined {
  return tensorName.startsWith(PEFT_PREFIX) && tensorName.endsWith(SAVED_DIFFERENCE_SUFFIX)
    ? tensorName.slice(PEFT_PREFIX.length, -SAVED_DIFFERENCE_SUFFIX.length)
    : undefined;
}

/**
 * Whether base weight `weightName` belongs to a module of `modulesToSave`: a module path containing it equals an
 * entry or ends in `.<entry>` (PEFT's rule), so `norm` names Llama's `model.norm` but not `input_layernorm`.
 */
export function isSavedWeight(weightName: string, modulesToSave: readonly string[]): boolean {
  const parts = weightName.split('.');
  for (let end = 1; end < parts.length; end++) {
    const modulePath = parts.slice(0, end).join('.');
    if (modulesToSave.some((entry) => modulePath === entry || modulePath.endsWith(`.${entry}`))) return true;
  }
  return false;
}

export function loraScaling(lora: LoraConfig): number {
  return lora.useRslora ? lora.alpha / Math.sqrt(lora.r) : lora.alpha / lora.r;
}

/**
 * Adds scaling · B A to a base weight in place: `weight` is [out, in] row-major, or [in, out] when `fanInFanOut`.
 * a: [r, in], b: [out, r].
 */
export function mergeLoraInto(weight: Float32Array, a: TensorData, b: TensorData, scaling: number, fanInFanOut: boolean): void {
  const [rank, inFeatures] = a.shape;
  const outFeatures = b.shape[0];
  if (weight.length !== inFeatures * outFeatures || b.shape[1] !== rank) {
    throw new TensorMismatchError(`cannot merge LoRA factors [${a.shape.join(', ')}] and [${b.shape.join(', ')}] into a weight of ${weight.length} values`);
  }
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++) {
      let delta = 0;
      for (let k = 0; k < rank; k++) delta += b.data[o * rank + k] * a.data[k * inFeatures + i];
      weight[fanInFanOut ? i * outFeatures + o : o * inFeatures + i] += scaling * delta;
    }
  }
}

/** A base weight that trains in full (modules_to_save): its state-dict name and shape. */
export interface SavedWeight {
  readonly name: string;
  readonly shape: readonly number[];
}

/**
 * Initial global adapter for the given targets, reproducible from `seed`, with a zero difference for each saved
 * weight (training starts from the base weights).
 */
export function initialAdapter(targets: readonly LoraTarget[], r: number, seed: number, savedWeights: readonly SavedWeight[] = []): AdapterWeights {
  const random = new SeededRandom(seed);
  const entries: [string, TensorData][] = [];
  for (const target of targets) {
    const names = loraTensorNames(target.modulePath);
    const bound = 1 / Math.sqrt(target.inFeatures);
    entries.push([names.a, { shape: [r, target.inFeatures], data: random.fillUniform(new Float32Array(r * target.inFeatures), -bound, bound) }]);
    entries.push([names.b, { shape: [target.outFeatures, r], data: new Float32Array(target.outFeatures * r) }]);
  }
  for (const { name, shape } of savedWeights) entries.push([savedDifferenceName(name), { shape: [...shape], data: new Float32Array(elementCount(shape)) }]);
  return makeAdapter(entries);
}
