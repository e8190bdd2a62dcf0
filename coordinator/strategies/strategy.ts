/**
 * A strategy is pure maths over adapter tensors and client weights: it chooses who trains in a round and
 * folds the round's updates into the next global adapter. It never sees a socket or a clock; the scheduler
 * owns time, membership and transport. Server optimizers keep state across rounds (momentum, second
 * moments); it is saved with every committed round and restored when a run resumes.
 */
import type { AdapterWeights, TensorData } from '../../shared/lora/adapter.js';
import type { SeededRandom } from '../../shared/infra/random.js';
import type { ClientPolicy } from '../../shared/lora/training.js';

export interface RoundSampling {
  /** Fraction of available clients to sample. */
  readonly fraction: number;
  /** Never sample fewer than this many (when available). */
  readonly minClients: number;
}

/** What a strategy reports about a round (JSON-serialisable), shown in `/api/v1/rounds`. */
export type StrategyMetrics = Record<string, number | string | string[] | Record<string, number>>;

export interface AggregationResult {
  /** The next global adapter, or the part of it the round trained (the other tensors stay as they were). */
  readonly adapter: AdapterWeights;
  readonly metrics: StrategyMetrics;
  /**
   * What the round's PEFT checkpoint holds, when the global adapter is not itself one (exact LoRA aggregation:
   * a fresh adapter beside base deltas; the checkpoint is their rank-r re-factorisation). The adapter is then whole.
   */
  readonly checkpoint?: AdapterWeights;
}

/** Collects one round's accepted updates and turns them into the next global adapter. */
export interface RoundAggregation {
  /** Folds in one client's update (local − global) with its weight (number of training examples). */
  add(clientId: string, update: AdapterWeights, numExamples: number): void;
  readonly updateCount: number;
  /** Secure aggregation: the unmasked mean of `count` updates, folded in instead of each update (default: add()). */
  addSecureMean?(secure: SecureMean): void;
  /** The next global adapter. Throws if no update was added. */
  finish(): AggregationResult;
  /** Releases what the round holds (a spill file), whether it finished or was dropped (retried, stopped). */
  dispose?(): void;
}

/** What secure aggregation hands a strategy: the mean only, never a single client's update. */
export interface SecureMean {
  readonly mean: AdapterWeights;
  /** Σ of the clients' weights (examples). */
  readonly weight: number;
  readonly count: number;
  /** Adaptive clipping: the noisy fraction of updates that were within the clipping bound. */
  readonly unclippedFraction?: number;
  /** Distributed DP: the standard deviation of the noise the clients put into `mean`. */
  readonly noiseStd?: number;
}

/** Named tensors a strategy carries from round to round. */
export type StrategyState = ReadonlyMap<string, TensorData>;

/**
 * The part of the client policy (shared/lora/training.ts) a strategy sends to every client with its training
 * instruction; DP-FedAvg's clipNorm changes with adaptive clipping.
 */
export type ClientTrainingSettings = Readonly<Pick<ClientPolicy, 'proximalMu'> & Partial<Pick<ClientPolicy, 'clipNorm'>>>;

export interface Strategy {
  readonly name: string;
  readonly clientSettings: ClientTrainingSettings;
  /** Chooses the clients that train in this round, from those available (sorted, for reproducibility). */
  sampleClients(available: readonly string[], sampling: RoundSampling, random: SeededRandom): string[];
  /** Starts aggregating a round whose clients trained from `global`. */
  beginAggregation(global: AdapterWeights): RoundAggregation;
  /** State to persist with the round just aggregated (empty for stateless strategies). */
  saveState(): StrategyState;
  /** Continues from a persisted state (a resumed run). */
  loadState(state: StrategyState): void;
  /**
   * The whole global adapter, for a strategy that keeps it in its own state rather than in the round's checkpoint
   * (exact LoRA aggregation); read at the start of a run and after loadState.
   */
  currentGlobal?(): AdapterWeights;
}

/** Uniform sampling without replacement of max(minClients, ceil(fraction · n)) clients, capped at n. */
export function sampleUniformly(available: readonly string[], sampling: RoundSampling, random: SeededRandom): string[] {
  const wanted = Math.min(available.length, Math.max(sampling.minClients, Math.ceil(sampling.fraction * available.length)));
  return random
    .shuffle([...available].sort())
    .slice(0, wanted)
    .sort();
}
