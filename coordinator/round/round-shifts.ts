/**
 * What a round changed, for operators who want to see it: ‖ΔW‖_F of the round's change per module and layer, relative
 * to the base weight where the coordinator has it, and how each client's update lines up with the round's.
 *
 * The round's change is the change of the product between the previous and the new global adapter, computed from
 * the factors (shared/lora/shifts.ts), as `fedlora inspect` computes an adapter's. A client's alignment is the
 * cosine between its update and the aggregate update, both flattened over the trained adapter tensors (lora_A and
 * lora_B, only lora_B when A is frozen): the aggregate is the change of the global adapter's tensors, so that
 * whatever the strategy does (server momentum, a robust median, DP noise) is what each client is compared with.
 * Clients' updates are read back one at a time from the run store, whose files outlive the round's commit until
 * it is measured.
 */
import { setImmediate } from 'node:timers/promises';
import { type AdapterWeights, l2Norm, rawByteSize } from '../../shared/lora/adapter.js';
import { COLLECTABLE_BYTES, collectGarbage } from '../../shared/infra/collect-garbage.js';
import type { Logger } from '../../shared/infra/log.js';
import { median } from '../../shared/infra/median.js';
import { isBaseDeltaName, loraScaling, type LoraConfig, trainedPart } from '../../shared/lora/lora.js';
import { alignedDot, moduleShiftReport, roundShifts, type ModuleShiftReport } from '../../shared/lora/shifts.js';
import { readBaseWeightNorms } from '../../shared/model/base-weight-norms.js';
import type { ModelDescriptor } from '../../shared/model/model-config.js';

export interface ClientShift {
  id: string;
  /** ‖u‖ of the client's update, flattened over its trained adapter tensors. */
  update_norm: number;
  /** cos(u, U) with the round's aggregate update U; null when either is zero. */
  cosine: number | null;
  /** Whether the cosine is an outlier among the round's clients (see driftOutliers). */
  outlier: boolean;
}

export interface RoundShifts {
  round: number;
  /** One entry per adapted module, in the adapter's order. */
  modules: ModuleShiftReport[];
  /** ‖ΔW‖_F over every module (0 when `modules_missing`). */
  total_delta_norm: number;
  /** Why `modules` is empty: their exact norms would cost more than the coordinator spends on them; null otherwise. */
  modules_missing: string | null;
  /** Why the modules carry no base_norm and relative_change; null when they do. */
  base_norms_missing: string | null;
  /** One entry per client whose update was accepted, by id. */
  clients: ClientShift[];
  /** Why `clients` is empty although clients took part (secure or exact aggregation); null otherwise. */
  clients_missing: string | null;
  /** Milliseconds the coordinator spent computing these figures. */
  compute_ms: number;
}

/** ‖W‖_F of each adapted base weight, or why the coordinator has none. */
export type BaseNorms = { readonly norms: ReadonlyMap<string, number> } | { readonly missing: string };

/** An accepted update as the run store keeps it (persistence.ts's StoredUpdate), read when loaded. */
interface KeptUpdate {
  readonly clientId: string;
  load(): Promise<{ readonly adapter: AdapterWeights } | undefined>;
}

/** Where the per-client figures come from: the round's accepted updates, or why there are none. */
export type ClientUpdates = { readonly updates: readonly KeptUpdate[] } | { readonly missing: string };

export const SECURE_AGGREGATION_HIDES_CLIENTS =
  'secure aggregation: the coordinator learns only the sum of the updates, never one client’s update, so it cannot compare them';

const EXACT_AGGREGATION_HIDES_CLIENTS =
  'exact LoRA aggregation trains a fresh adapter every round, so a client’s adapter tensors and the global adapter’s change are not comparable';

/**
 * A cosine below median − OUTLIER_MADS · σ̂ is an outlier, σ̂ = max(1.4826 · MAD, OUTLIER_MIN_SPREAD): the MAD's
 * normal-consistent scale, but never below the floor, so that clients who all agree closely are not told apart by
 * a few hundredths of cosine.
 */
export const OUTLIER_MADS = 3;
export const OUTLIER_MIN_SPREAD = 0.05;
/** Fewer cosines than this flag no outlier: a median and a spread of two numbers say nothing. */
export const OUTLIER_MIN_CLIENTS = 3;

/**
 * The rule that flags a client whose update pulls away from the round's: its cosine lies more than OUTLIER_MADS
 * robust standard deviations (at least OUTLIER_MIN_SPREAD each) below the median cosine. Returns the flagged ids.
 */
export function driftOutliers(cosines: ReadonlyMap<string, number>): Set<string> {
  if (cosines.size < OUTLIER_MIN_CLIENTS) return new Set();
  const sorted = [...cosines.values()].sort((a, b) => a - b);
  const middle = median(sorted);
  const mad = median(sorted.map((c) => Math.abs(c - middle)).sort((a, b) => a - b));
  const threshold = middle - OUTLIER_MADS * Math.max(1.4826 * mad, OUTLIER_MIN_SPREAD);
  return new Set([...cosines].filter(([, cosine]) => cosine < threshold).map(([id]) => id));
}

/** Reads the norms of the base weights `adapter` modifies; never throws: a model without weights gives the reason. */
export async function readBaseNorms(model: ModelDescriptor, lora: LoraConfig, adapter: AdapterWeights, logger: Logger): Promise<BaseNorms> {
  try {
    return { norms: await readBaseWeightNorms(model, lora.targetModules, adapter) };
  } catch (error) {
    const missing = `no base weights: ${(error as Error).message}`;
    logger.info({ event: 'base_norms_missing', reason: missing }, 'update shifts are reported without the change relative to the base weights');
    return { missing };
  }
}

/** ‖next − previous‖ over the tensors of `trained`, the trained part of `next`. */
function changeNorm(trained: AdapterWeights, previous: AdapterWeights): number {
  let sum = 0;
  for (const [name, tensor] of trained) {
    const before = previous.get(name)!.data;
    for (let i = 0; i < tensor.data.length; i++) sum += (tensor.data[i] - before[i]) ** 2;
  }
  return Math.sqrt(sum);
}

/** Each client's norm and cosine to the aggregate update U = next − previous (trained tensors), or why there are none. */
async function clientShifts(
  previous: AdapterWeights,
  next: AdapterWeights,
  lora: LoraConfig,
  source: ClientUpdates,
): Promise<Pick<RoundShifts, 'clients' | 'clients_missing'>> {
  if ('missing' in source) return { clients: [], clients_missing: source.missing };
  if ([...next.keys()].some(isBaseDeltaName)) return { clients: [], clients_missing: EXACT_AGGREGATION_HIDES_CLIENTS };
  const trained = trainedPart(next, lora);
  const aggregateNorm = changeNorm(trained, previous);
  const figures = new Map<string, { norm: number; cosine: number | null }>();
  // One update in memory at a time; u·U = u·next − u·previous, so U itself is never allocated.
  const measure = async (stored: KeptUpdate): Promise<number> => {
    const update = (await stored.load())?.adapter;
    if (update === undefined) return 0;
    const norm = l2Norm(update);
    const dot = alignedDot(update, trained) - alignedDot(update, previous);
    figures.set(stored.clientId, { norm, cosine: norm > 0 && aggregateNorm > 0 ? dot / (norm * aggregateNorm) : null });
    return rawByteSize(update);
  };
  for (const stored of source.updates) {
    // The update read is garbage now: a large one is collected before the next is read, so that two never coexist.
    if ((await measure(stored)) >= COLLECTABLE_BYTES) collectGarbage();
  }
  const cosines = new Map([...figures].flatMap(([id, f]): [string, number][] => (f.cosine === null ? [] : [[id, f.cosine]])));
  const outliers = driftOutliers(cosines);
  const clients = [...figures]
    .map(([id, f]) => ({ id, update_norm: f.norm, cosine: f.cosine, outlier: outliers.has(id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { clients, clients_missing: null };
}

/**
 * What the module norms may cost a round, in multiply-adds: a few seconds of the coordinator's CPU. A round's
 * change stacks both adapters' factors, R = 2r per module, and its norm costs (in + out)·R² multiply-adds: about
 * 10⁹ for a Llama-7B-shaped adapter at r 16 on every attention module, 2.7·10¹¹ for 4 layers of 4096-wide q and v at
 * r 1024, which would take minutes.
 */
export const MAX_MODULE_NORM_MULTIPLY_ADDS = 2 ** 33;

/** (in + out) · R² summed over the modules of `next`, R being twice its factors' rank (previous and next stacked). */
function moduleNormCost(next: AdapterWeights): number {
  let cost = 0;
  for (const [name, tensor] of next) {
    if (!/\.(lora_A|base_delta_A)\.weight$/.test(name)) continue;
    const [rank, inFeatures] = tensor.shape;
    const outFeatures = next.get(name.replace(/A\.weight$/, 'B.weight'))?.shape[0] ?? 0;
    cost += (inFeatures + outFeatures) * (2 * rank) ** 2;
  }
  return cost;
}

/**
 * The shifts of a round that took the global adapter from `previous` to `next`. It runs beside the round's
 * evaluation, yielding to the event loop between modules and between clients.
 */
export async function computeRoundShifts(
  round: number,
  previous: AdapterWeights,
  next: AdapterWeights,
  lora: LoraConfig,
  baseNorms: BaseNorms,
  updates: ClientUpdates,
): Promise<RoundShifts> {
  const started = performance.now();
  const norms = 'norms' in baseNorms ? baseNorms.norms : undefined;
  const modules: ModuleShiftReport[] = [];
  const cost = moduleNormCost(next);
  const modulesMissing =
    cost > MAX_MODULE_NORM_MULTIPLY_ADDS
      ? `the exact norms of this adapter's factors cost ${cost.toExponential(1)} multiply-adds a round, over the ${MAX_MODULE_NORM_MULTIPLY_ADDS.toExponential(1)} the coordinator spends on them (their cost grows with the square of the rank)`
      : null;
  for (const shift of modulesMissing ? [] : roundShifts(previous, next, loraScaling(lora))) {
    modules.push(moduleShiftReport(shift, norms?.get(shift.modulePath)));
    // A large adapter takes a while: the coordinator keeps serving its clients between modules.
    await setImmediate();
  }
  const clients = await clientShifts(previous, next, lora, updates);
  return {
    round,
    modules,
    total_delta_norm: Math.sqrt(modules.reduce((sum, m) => sum + m.delta_norm ** 2, 0)),
    modules_missing: modulesMissing,
    base_norms_missing: 'missing' in baseNorms ? baseNorms.missing : null,
    ...clients,
    compute_ms: performance.now() - started,
  };
}

/** What explaining a committed round needs: its two global adapters, its accepted updates, where the result goes. */
export interface RoundToExplain {
  readonly round: number;
  readonly previous: AdapterWeights;
  readonly next: AdapterWeights;
  readonly updates: ClientUpdates;
  readonly lora: LoraConfig;
  /** ‖W‖ of the adapted base weights, read once at start-up; undefined without a checkpoint. */
  readonly baseWeightNorms: Promise<BaseNorms> | undefined;
  /** The run store's part that keeps shifts and the accepted updates (persistence.ts's RoundPersistence). */
  readonly persistence: { saveShifts(shifts: RoundShifts): void; releaseAcceptedUpdates(): Promise<void> };
  readonly logger: Logger;
}

/**
 * Measures what a committed round changed, beside its evaluation, saves it and lets go of the round's accepted
 * updates. Explaining a round never fails it: an error is logged and the round has no shifts (undefined).
 */
export async function explainRound(job: RoundToExplain): Promise<RoundShifts | undefined> {
  const { round, logger, persistence } = job;
  try {
    const baseNorms: BaseNorms = (await job.baseWeightNorms) ?? { missing: 'no base weights: the coordinator was given no checkpoint to read them from' };
    const shifts = await computeRoundShifts(round, job.previous, job.next, job.lora, baseNorms, job.updates);
    persistence.saveShifts(shifts);
    const outliers = shifts.clients.filter((c) => c.outlier).map((c) => c.id);
    logger.info(
      { event: 'round_shifts', round, total_delta_norm: shifts.total_delta_norm, outliers, compute_ms: Math.round(shifts.compute_ms) },
      `round ${round}: ‖ΔW‖_F ${shifts.total_delta_norm.toPrecision(4)}${outliers.length > 0 ? `; clients pulling away: ${outliers.join(', ')}` : ''}`,
    );
    return shifts;
  } catch (error) {
    logger.error({ event: 'round_shifts_failed', round, err: error }, `round ${round}: could not measure what the round changed: ${(error as Error).message}`);
    return undefined;
  } finally {
    await persistence
      .releaseAcceptedUpdates()
      .catch((error: unknown) => logger.warn({ event: 'accepted_updates_not_removed', err: error }, 'could not remove the round’s accepted updates'));
  }
}
