/**
 * A strategy is pure maths over adapter tensors and client weights: it chooses who trains in a round and
 * folds the round's updates into the next global adapter. It never sees a socket or a clock; the scheduler
 * owns time, membership and transport.
 */
import type { AdapterWeights } from '../shared/adapter.js';
import type { SeededRandom } from '../shared/random.js';

export interface RoundSampling {
  /** Fraction of available clients to sample. */
  readonly fraction: number;
  /** Never sample fewer than this many (when available). */
  readonly minClients: number;
}

/** Accumulates one round's accepted updates; memory stays O(adapter size) whatever the number of clients. */
export interface RoundAggregation {
  /** Folds in one client's update (local − global) with its weight (number of training examples). */
  add(update: AdapterWeights, numExamples: number): void;
  readonly updateCount: number;
  /** The next global adapter. Throws if no update was added. */
  finish(): AdapterWeights;
}

export interface Strategy {
  readonly name: string;
  /** Chooses the clients that train in this round, from those available (sorted, for reproducibility). */
  sampleClients(available: readonly string[], sampling: RoundSampling, random: SeededRandom): string[];
  /** Starts aggregating a round whose clients trained from `global`. */
  beginAggregation(global: AdapterWeights): RoundAggregation;
}

/** Uniform sampling without replacement of max(minClients, ceil(fraction · n)) clients, capped at n. */
export function sampleUniformly(available: readonly string[], sampling: RoundSampling, random: SeededRandom): string[] {
  const wanted = Math.min(available.length, Math.max(sampling.minClients, Math.ceil(sampling.fraction * available.length)));
  return random.shuffle([...available].sort()).slice(0, wanted).sort();
}
