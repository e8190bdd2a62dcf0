/**
 * How much an adapter changes the model, module by module: the numbers that explain an update.
 *
 * A module's weight change is ΔW = scaling · B A (A: lora_A [r, in], B: lora_B [out, r]). Its Frobenius norm comes
 * from r × r products, ‖B A‖²_F = trace((BᵀB)(A Aᵀ)), so the out × in matrix is never formed. The norm is the same
 * for either storage of the base weight (PEFT's `fan_in_fan_out` transposes W and ΔW alike), so the layout needs no
 * case of its own.
 */
import type { AdapterWeights, TensorData } from './adapter.js';
import { LORA_A_SUFFIX, LORA_B_SUFFIX, PEFT_PREFIX, baseDeltaTensorNames } from './lora.js';
import { TensorMismatchError } from '../infra/errors.js';

/** One term c · B A of a weight change: a: [r, in], b: [out, r]. */
export interface FactorTerm {
  readonly a: TensorData;
  readonly b: TensorData;
  readonly scale: number;
}

/** ‖B A‖_F for a: [r, in], b: [out, r], in float64. */
export function loraProductNorm(a: TensorData, b: TensorData): number {
  return factoredNorm([{ a, b, scale: 1 }]);
}

/**
 * ‖Σ_k c_k B_k A_k‖_F, in float64, from the stacked factors B = [c_1 B_1, …] and A = [A_1; …]: a sum of low-rank
 * terms (the change between two adapters, an adapter beside exact aggregation's base deltas) is one product.
 */
export function factoredNorm(terms: readonly FactorTerm[]): number {
  if (terms.length === 0) return 0;
  const [inFeatures, outFeatures] = [terms[0].a.shape[1], terms[0].b.shape[0]];
  for (const { a, b } of terms) {
    if (a.shape.length !== 2 || b.shape.length !== 2 || b.shape[1] !== a.shape[0] || a.shape[1] !== inFeatures || b.shape[0] !== outFeatures) {
      throw new TensorMismatchError(`LoRA factors [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not multiply to [${outFeatures}, ${inFeatures}]`);
    }
  }
  const rank = terms.reduce((n, t) => n + t.a.shape[0], 0);
  const gramA = new Float64Array(rank * rank);
  const gramB = new Float64Array(rank * rank);
  // G_A = A Aᵀ over the stacked rows of the A factors, read in place.
  const rows = terms.flatMap(({ a }) => Array.from({ length: a.shape[0] }, (_, k) => a.data.subarray(k * inFeatures, (k + 1) * inFeatures)));
  for (let j = 0; j < rank; j++) {
    for (let k = j; k < rank; k++) {
      gramA[j * rank + k] = dot(rows[j], rows[k]);
    }
  }
  // G_B = Bᵀ B, one stacked row of B [c_1 B_1[o, :], …] at a time: contiguous reads, no transposed copy.
  const row = new Float64Array(rank);
  for (let o = 0; o < outFeatures; o++) {
    let offset = 0;
    for (const { b, scale } of terms) {
      const r = b.shape[1];
      for (let k = 0; k < r; k++) row[offset + k] = scale * b.data[o * r + k];
      offset += r;
    }
    for (let j = 0; j < rank; j++) {
      const x = row[j];
      for (let k = j; k < rank; k++) gramB[j * rank + k] += x * row[k];
    }
  }
  // Both Gram matrices are symmetric, so trace(G_B G_A) = Σ_jk G_B[j,k] G_A[j,k]: the diagonal once, the rest twice.
  let trace = 0;
  for (let j = 0; j < rank; j++) {
    trace += gramB[j * rank + j] * gramA[j * rank + j];
    for (let k = j + 1; k < rank; k++) trace += 2 * gramB[j * rank + k] * gramA[j * rank + k];
  }
  // Rounding can leave a tiny negative for a product that is (almost) zero.
  return Math.sqrt(Math.max(trace, 0));
}

/** x · y in float64, four running sums at a time (what lets V8 keep several multiplications in flight). */
function dot(x: Float32Array, y: Float32Array): number {
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  let n = 0;
  for (; n + 3 < x.length; n += 4) {
    s0 += x[n] * y[n];
    s1 += x[n + 1] * y[n + 1];
    s2 += x[n + 2] * y[n + 2];
    s3 += x[n + 3] * y[n + 3];
  }
  for (; n < x.length; n++) s0 += x[n] * y[n];
  return s0 + s1 + s2 + s3;
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

/**
 * Each module's weight change as factor terms: scaling · B A, and exact aggregation's frozen base deltas
 * (scaling included) where the adapter carries them. Keyed by module path, in the adapter's (sorted) order.
 */
function moduleTerms(adapter: AdapterWeights, scaling: number): Map<string, FactorTerm[]> {
  const modules = new Map<string, FactorTerm[]>();
  for (const [name, a] of adapter) {
    if (!name.endsWith(LORA_A_SUFFIX)) continue;
    const stem = name.slice(0, -LORA_A_SUFFIX.length);
    const b = adapter.get(`${stem}${LORA_B_SUFFIX}`);
    if (b === undefined) throw new TensorMismatchError(`tensor ${name} has no matching ${stem}${LORA_B_SUFFIX}`);
    const modulePath = stem.startsWith(PEFT_PREFIX) ? stem.slice(PEFT_PREFIX.length) : stem;
    const terms: FactorTerm[] = [{ a, b, scale: scaling }];
    const delta = baseDeltaTensorNames(modulePath);
    const [deltaA, deltaB] = [adapter.get(delta.a), adapter.get(delta.b)];
    if (deltaA !== undefined && deltaB !== undefined) terms.push({ a: deltaA, b: deltaB, scale: 1 });
    modules.set(modulePath, terms);
  }
  return modules;
}

/** Each module's shift, computed as it is asked for. */
function* shiftsOf(modules: ReadonlyMap<string, readonly FactorTerm[]>): Generator<ModuleShift> {
  for (const [modulePath, terms] of modules) {
    const segments = modulePath.split('.');
    const layerSegment = segments.find((s) => /^\d+$/.test(s));
    yield {
      modulePath,
      layer: layerSegment === undefined ? undefined : Number(layerSegment),
      module: segments[segments.length - 1],
      deltaNorm: factoredNorm(terms),
    };
  }
}

/** ‖ΔW‖_F of every module that carries lora_A/lora_B factors in `adapter`, in the adapter's (sorted) order. */
export function moduleShifts(adapter: AdapterWeights, scaling: number): ModuleShift[] {
  return [...shiftsOf(moduleTerms(adapter, scaling))];
}

/**
 * What a round changed, module by module: ‖ΔW_next − ΔW_previous‖_F between two global adapters of the same
 * modules. LoRA's weight change is a product, so the change is not the product of the factors' changes; it is
 * the stacked product [B_next, −B_previous] · [A_next; A_previous], whose norm comes from the factors alone.
 * Computed module by module as the caller iterates, so that a long computation can yield between modules.
 */
export function roundShifts(previous: AdapterWeights, next: AdapterWeights, scaling: number): Iterable<ModuleShift> {
  const before = moduleTerms(previous, scaling);
  const modules = new Map(
    [...moduleTerms(next, scaling)].map(([modulePath, terms]): [string, FactorTerm[]] => {
      const old = before.get(modulePath);
      if (old === undefined) throw new TensorMismatchError(`module ${modulePath} has no factors in the previous adapter`);
      return [modulePath, [...terms, ...old.map((term) => ({ ...term, scale: -term.scale }))]];
    }),
  );
  return shiftsOf(modules);
}

/**
 * Σ x·y over the tensors of `update`, each against the same tensor of `reference` read at the update's shape: a
 * client of a lower rank sends the leading rows of A and columns of B, so this is the dot product with its update
 * zero-padded to the reference's rank.
 */
export function alignedDot(update: AdapterWeights, reference: AdapterWeights): number {
  let sum = 0;
  for (const [name, tensor] of update) {
    const other = reference.get(name);
    const [rows, cols = 1] = tensor.shape;
    const [otherRows, otherCols = 1] = other?.shape ?? [];
    if (other === undefined || tensor.shape.length > 2 || other.shape.length !== tensor.shape.length || rows > otherRows || cols > otherCols) {
      throw new TensorMismatchError(`tensor ${name} [${tensor.shape.join(', ')}] does not fit the reference's [${other?.shape.join(', ') ?? 'none'}]`);
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) sum += tensor.data[i * cols + j] * other.data[i * otherCols + j];
    }
  }
  return sum;
}

/**
 * ‖ΔW‖_F / ‖W‖_F: the weight change relative to the base weight. Infinity when W is zero and ΔW is not; 0 when both
 * are zero (nothing changes).
 */
export function relativeShift(deltaNorm: number, baseNorm: number): number {
  if (baseNorm > 0) return deltaNorm / baseNorm;
  return deltaNorm > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** A module's shift as the coordinator's API and `fedlora inspect --json` report it. */
export interface ModuleShiftReport {
  readonly module_path: string;
  readonly layer: number | null;
  readonly module: string;
  /** ‖ΔW‖_F. */
  readonly delta_norm: number;
  /** ‖W‖_F of the base weight, where it is known. */
  readonly base_norm?: number;
  /** ‖ΔW‖_F / ‖W‖_F, where ‖W‖_F is known (null when W is zero and ΔW is not: JSON has no Infinity). */
  readonly relative_change?: number | null;
}

/** The report of `shift`, relative to its base weight when `baseNorm` is given. */
export function moduleShiftReport(shift: ModuleShift, baseNorm: number | undefined): ModuleShiftReport {
  const report = { module_path: shift.modulePath, layer: shift.layer ?? null, module: shift.module, delta_norm: shift.deltaNorm };
  if (baseNorm === undefined) return report;
  const relative = relativeShift(shift.deltaNorm, baseNorm);
  return { ...report, base_norm: baseNorm, relative_change: Number.isFinite(relative) ? relative : null };
}
