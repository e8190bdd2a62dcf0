/**
 * Byzantine-robust aggregation. These need every update of the round at once: an UpdateSpool holds them in memory
 * up to a byte budget and in a spill file beyond it, and they are combined block by block (a range of coordinates of
 * every update at a time), so that the coordinator's memory stays O(budget + adapter) however many clients take
 * part. Each treats clients equally (no example weighting), except Multi-Krum, which averages the kept updates by
 * their examples as Flower does.
 *
 * - FedMedian (Yin et al. 2018): coordinate-wise median of the updates.
 * - Trimmed mean (Yin et al. 2018): per coordinate, drop the ⌊β·K⌋ largest and smallest values, average the rest.
 * - Krum (Blanchard et al. 2017): score_k = Σ of the squared distances from Δ_k to its K − f − 2 nearest
 *   updates (at least 1); apply the update with the lowest score.
 * - Multi-Krum: average the `keep` updates with the lowest scores.
 */
import { zerosLike, type AdapterWeights } from '../../shared/lora/adapter.js';
import { sampleUniformly, type AggregationResult, type ClientTrainingSettings, type RoundAggregation, type Strategy, type StrategyState } from './strategy.js';
import { UpdateSpool } from './update-spool.js';
import { applyDelta, assertUpdateWeight, foldIntoMean } from './weighted-mean.js';

export interface SpillSettings {
  /** Raw float32 bytes of a round's updates held in memory; the updates beyond go to a spill file. */
  readonly memoryBudgetBytes: number;
  /** Where the spill files go (created when first needed). */
  readonly directory: string;
  /** Coordinates of each update combined at a time (by default, from the number of updates). */
  readonly blockCoordinates?: number;
}

/**
 * About 1 MiB of the updates' coordinates at a time, so that gathering each coordinate's values stays in cache, but
 * at least 4096 coordinates, so that reads from the spill file take 16 KiB or more however many updates there are.
 */
function defaultBlockCoordinates(updateCount: number): number {
  return Math.max(4096, Math.floor((1 << 20) / (updateCount * Float32Array.BYTES_PER_ELEMENT)));
}

interface Contributor {
  readonly clientId: string;
  readonly weight: number;
}

/** A round's updates as the combine functions see them: update k is contributors[k]'s. */
class HeldUpdates {
  /** Every update's index. */
  readonly all: readonly number[];

  constructor(
    readonly global: AdapterWeights,
    readonly contributors: readonly Contributor[],
    private readonly spool: UpdateSpool,
    private readonly blockCoordinates: number | undefined,
  ) {
    this.all = contributors.map((_, k) => k);
  }

  /** Passes blocks of the given updates to `visit`, as UpdateSpool.forEachBlock. */
  forEachBlock(updates: readonly number[], visit: (block: Float32Array, length: number, name: string, from: number) => void): void {
    this.spool.forEachBlock(updates, this.blockCoordinates ?? defaultBlockCoordinates(updates.length), visit);
  }

  /** Δ, block by block: `reduce` writes Δ's coordinates of the block into `out` from the given updates' (as in `block`). */
  deltaByBlock(updates: readonly number[], reduce: (block: Float32Array, length: number, out: Float32Array) => void): AdapterWeights {
    const delta = zerosLike(this.global);
    this.forEachBlock(updates, (block, length, name, from) => reduce(block, length, delta.get(name)!.data.subarray(from, from + length)));
    return delta;
  }
}

type Combine = (held: HeldUpdates) => AggregationResult;

abstract class BufferingStrategy implements Strategy {
  abstract readonly name: string;
  readonly clientSettings: ClientTrainingSettings = { proximalMu: 0 };

  sampleClients = sampleUniformly;

  protected abstract combine: Combine;

  constructor(private readonly spill: SpillSettings) {}

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const spool = new UpdateSpool(global, this.spill.memoryBudgetBytes, this.spill.directory);
    const contributors: Contributor[] = [];
    return {
      add: (clientId, update, weight) => {
        spool.add(update);
        contributors.push({ clientId, weight });
      },
      get updateCount() {
        return contributors.length;
      },
      finish: () => {
        try {
          if (contributors.length === 0) throw new Error('cannot aggregate a round without updates');
          return this.combine(new HeldUpdates(global, contributors, spool, this.spill.blockCoordinates));
        } finally {
          spool.close();
        }
      },
      dispose: () => spool.close(),
    };
  }

  saveState(): StrategyState {
    return new Map();
  }

  loadState(): void {}
}

/**
 * Builds Δ coordinate by coordinate from the sorted values of all updates at that coordinate; each update's norm is
 * summed in the same pass.
 */
function coordinateWise(held: HeldUpdates, reduce: (sorted: Float64Array) => number): { delta: AdapterWeights; norms: Record<string, number> } {
  const count = held.contributors.length;
  const values = new Float64Array(count);
  const squares = new Float64Array(count);
  const delta = held.deltaByBlock(held.all, (block, length, out) => {
    for (let k = 0; k < count; k++) {
      let sum = squares[k];
      for (let i = k * length; i < (k + 1) * length; i++) sum += block[i] * block[i];
      squares[k] = sum;
    }
    for (let i = 0; i < length; i++) {
      for (let k = 0; k < count; k++) values[k] = block[k * length + i];
      values.sort();
      out[i] = reduce(values);
    }
  });
  return { delta, norms: Object.fromEntries(held.contributors.map(({ clientId }, k) => [clientId, Math.sqrt(squares[k])])) };
}

export class FedMedian extends BufferingStrategy {
  readonly name = 'fedmedian';

  protected combine: Combine = (held) => {
    const { delta, norms } = coordinateWise(held, (sorted) => {
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    });
    return { adapter: applyDelta(held.global, delta), metrics: { update_norms: norms } };
  };
}

export class TrimmedMean extends BufferingStrategy {
  readonly name = 'trimmedmean';

  constructor(
    private readonly beta: number,
    spill: SpillSettings,
  ) {
    super(spill);
  }

  protected combine: Combine = (held) => {
    const trimmed = Math.floor(this.beta * held.contributors.length);
    const { delta, norms } = coordinateWise(held, (sorted) => {
      let sum = 0;
      for (let k = trimmed; k < sorted.length - trimmed; k++) sum += sorted[k];
      return sum / (sorted.length - 2 * trimmed);
    });
    return { adapter: applyDelta(held.global, delta), metrics: { trimmed_per_side: trimmed, update_norms: norms } };
  };
}

/** The squared distance between every two updates, row-major K × K, each summed over the blocks in order. */
function squaredDistances(held: HeldUpdates): Float64Array {
  const count = held.contributors.length;
  const distances = new Float64Array(count * count);
  held.forEachBlock(held.all, (block, length) => {
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        let sum = distances[a * count + b];
        for (let i = 0; i < length; i++) {
          const d = block[a * length + i] - block[b * length + i];
          sum += d * d;
        }
        distances[a * count + b] = sum;
      }
    }
  });
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) distances[b * count + a] = distances[a * count + b];
  return distances;
}

/** Krum scores: for each update, the sum of squared distances to its K − f − 2 nearest others (at least 1). */
function krumScores(distances: Float64Array, count: number, byzantine: number): number[] {
  const neighbours = Math.max(1, count - byzantine - 2);
  return Array.from({ length: count }, (_, a) => {
    const others = [...distances.subarray(a * count, (a + 1) * count)].filter((_, b) => b !== a).sort((x, y) => x - y);
    return others.slice(0, neighbours).reduce((s, d) => s + d, 0);
  });
}

export class Krum extends BufferingStrategy {
  readonly name: string;

  /** `keep` = 1 is Krum; more is Multi-Krum. */
  constructor(
    private readonly byzantine: number,
    private readonly keep: number | undefined,
    spill: SpillSettings,
  ) {
    super(spill);
    this.name = keep === undefined ? 'krum' : 'multikrum';
  }

  protected combine: Combine = (held) => {
    const { contributors } = held;
    const scores = krumScores(squaredDistances(held), contributors.length, this.byzantine);
    const order = held.all.slice().sort((a, b) => scores[a] - scores[b] || (contributors[a].clientId < contributors[b].clientId ? -1 : 1));
    const keep = Math.min(contributors.length, this.keep ?? 1);
    const kept = order.slice(0, keep);
    // The running weighted mean of WeightedMean, block by block.
    let totalWeight = 0;
    const shares = kept.map((k) => {
      const weight = this.keep === undefined ? 1 : contributors[k].weight;
      assertUpdateWeight(weight);
      totalWeight += weight;
      return weight / totalWeight;
    });
    const delta = held.deltaByBlock(kept, (block, length, out) =>
      shares.forEach((share, i) => foldIntoMean(out, block.subarray(i * length, (i + 1) * length), share)),
    );
    return {
      adapter: applyDelta(held.global, delta),
      metrics: {
        selected: kept.map((k) => contributors[k].clientId),
        discarded: order.slice(keep).map((k) => contributors[k].clientId),
        scores: Object.fromEntries(contributors.map((c, k) => [c.clientId, scores[k]])),
      },
    };
  };
}
