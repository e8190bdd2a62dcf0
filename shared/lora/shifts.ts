/**
 * How much an adapter changes the model, module by module: the numbers that explain an update.
 *
 * A module's weight change is ΔW = scaling · B A (A: lora_A [r, in], B: lora_B [out, r]). Its Frobenius norm comes
 * from r × r products, ‖B A‖²_F = trace((BᵀB)(A Aᵀ)), so the out × in matrix is never formed. The norm is the same
 * for either storage of the base weight (PEFT's `fan_in_fan_out` transposes W and ΔW alike), so the layout needs no
 * case of its own.
 */
import type { AdapterWeights, TensorData } from './adapter.js';
import { LORA_A_SUFFIX, LORA_B_SUFFIX, PEFT_PREFIX } from './lora.js';
import { TensorMismatchError } from '../infra/errors.js';

/** ‖B A‖_F for a: [r, in], b: [out, r], in float64. */
export function loraProductNorm(a: TensorData, b: TensorData): number {
  const [rank, inFeatures] = a.shape;
  const [outFeatures, bRank] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || bRank !== rank) {
    throw new TensorMismatchError(`LoRA factors [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not multiply`);
  }
  const gramA = gram(a.data, rank, inFeatures, (k, i) => k * inFeatures + i);
  const gramB = gram(b.data, rank, outFeatures, (k, o) => o * rank + k);
  // Both Gram matrices are symmetric, so trace(G_B G_A) = Σ_jk G_B[j,k] G_A[j,k].
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += gramB[i] * gramA[i];
  // Rounding can leave a tiny negative for a product that is (almost) zero.
  return Math.sqrt(Math.max(trace, 0));
}

/** G[j,k] = Σ_n x(j, n) x(k, n) over `length` values n, for r × r indices. */
function gram(data: Float32Array, rank: number, length: number, index: (k: number, n: number) => number): Float64Array {
  const result = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    for (let k = j; k < rank; k++) {
      let sum = 0;
      for (let n = 0; n < length; n++) sum += data[index(j, n)] * data[index(k, n)];
      result[j * rank + k] = sum;
      result[k * rank + j] = sum;
    }
  }
  return result;
}

/** Frobenius (L2) norm of a tensor's values, in float64. */
export function frobeniusNorm(data: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
  return Math.sqrt(sum);
}

export interface ModuleShift {
  /** Module path in the model, e.g. `model.layers.3.self_attn.q_proj`. */
  readonly modulePath: string;
  /** The first numeric segment of the path (the transformer block), or undefined for a module outside the blocks. */
  readonly layer: number | undefined;
  /** The last segment of the path, e.g. `q_proj`. */
  readonly module: string;
  /** ‖ΔW‖_F = scaling · ‖B A‖_F. */
  readonly deltaNorm: number;
}

/** ‖ΔW‖_F of every module that carries lora_A/lora_B factors in `adapter`, in the adapter's (sorted) order. */
export function moduleShifts(adapter: AdapterWeights, scaling: number): ModuleShift[] {
  const shifts: ModuleShift[] = [];
  for (const [name, a] of adapter) {
    if (!name.endsWith(LORA_A_SUFFIX)) continue;
    const stem = name.slice(0, -LORA_A_SUFFIX.length);
    const b = adapter.get(`${stem}${LORA_B_SUFFIX}`);
    if (b === undefined) throw new TensorMismatchError(`tensor ${name} has no matching ${stem}${LORA_B_SUFFIX}`);
    const modulePath = stem.startsWith(PEFT_PREFIX) ? stem.slice(PEFT_PREFIX.length) : stem;
    const segments = modulePath.split('.');
    const layerSegment = segments.find((s) => /^\d+$/.test(s));
    shifts.push({
      modulePath,
      layer: layerSegment === undefined ? undefined : Number(layerSegment),
      module: segments[segments.length - 1],
      deltaNorm: Math.abs(scaling) * loraProductNorm(a, b),
    });
  }
  return shifts;
}

/**
 * ‖ΔW‖_F / ‖W‖_F: the weight change relative to the base weight. Infinity when W is zero and ΔW is not; 0 when both
 * are zero (nothing changes).
 */
export function relativeShift(deltaNorm: number, baseNorm: number): number {
  if (baseNorm > 0) return deltaNorm / baseNorm;
  return deltaNorm > 0 ? Number.POSITIVE_INFINITY : 0;
}
