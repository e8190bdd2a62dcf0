/**
 * Byzantine-robust aggregation. These need every update of the round at once, so they keep them in memory
 * (O(clients × adapter)); each treats clients equally (no example weighting), except Multi-Krum, which
 * averages the kept updates by their examples as Flower does.
 *
 * - FedMedian (Yin et al. 2018): coordinate-wise median of the updates.
 * - Trimmed mean (Yin et al. 2018): per coordinate, drop the ⌊β·K⌋ largest and smallest values, average the rest.
 * - Krum (Blanchard et al. 2017): score_k = Σ of the squared distances from Δ_k to its K − f − 2 nearest
 *   updates (at least 1); apply the update with the lowest score.
 * - Multi-Krum: average the `keep` updates with the lowest scores.
 */
import { assertSameLayout, makeAdapter, type AdapterWeights } from '../../shared/adapter.js';
import {
  sampleUniformly,
  type AggregationResult,
  type ClientTrainingSettings,
  type RoundAggregation,
  type Strategy,
  type StrategyState,
} from '../strategy.js';
import { WeightedMean, applyDelta } from './weighted-mean.js';

interface HeldUpdate {
  readonly clientId: string;
  readonly update: AdapterWeights;
  readonly weight: number;
}

type Combine = (global: AdapterWeights, updates: readonly HeldUpdate[]) => AggregationResult;

abstract class BufferingStrategy implements Strategy {
  abstract readonly name: string;
  readonly clientSettings: ClientTrainingSettings = { proximalMu: 0 };

  sampleClients = sampleUniformly;

  protected abstract combine: Combine;

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const held: HeldUpdate[] = [];
    return {
      add: (clientId, update, weight) => {
        assertSameLayout(global, update);
        held.push({ clientId, update, weight });
      },
      get updateCount() {
        return held.length;
      },
      finish: () => {
        if (held.length === 0) throw new Error('cannot aggregate a round without updates');
        return this.combine(global, held);
      },
    };
  }

  saveState(): StrategyState {
    return new Map();
  }

  loadState(): void {}
}

/** Builds Δ coordinate by coordinate from the sorted values of all updates at that coordinate. */
function coordinateWise(global: AdapterWeights, updates: readonly HeldUpdate[], reduce: (sorted: Float64Array) => number): AdapterWeights {
  const values = new Float64Array(updates.length);
  return makeAdapter(
    [...global].map(([name, t]) => {
      const columns = updates.map((u) => u.update.get(name)!.data);
      const delta = new Float32Array(t.data.length);
      for (let i = 0; i < delta.length; i++) {
        for (let k = 0; k < columns.length; k++) values[k] = columns[k][i];
        values.sort();
        delta[i] = reduce(values);
      }
      return [name, { shape: [...t.shape], data: delta }];
    }),
  );
}

function updateNorms(updates: readonly HeldUpdate[]): Record<string, number> {
  const norms: Record<string, number> = {};
  for (const { clientId, update } of updates) {
    let sum = 0;
    for (const t of update.values()) for (let i = 0; i < t.data.length; i++) sum += t.data[i] * t.data[i];
    norms[clientId] = Math.sqrt(sum);
  }
  return norms;
}

export class FedMedian extends BufferingStrategy {
  readonly name = 'fedmedian';

  protected combine: Combine = (global, updates) => {
    const delta = coordinateWise(global, updates, (sorted) => {
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    });
    return { adapter: applyDelta(global, delta), metrics: { update_norms: updateNorms(updates) } };
  };
}

export class TrimmedMean extends BufferingStrategy {
  readonly name = 'trimmedmean';

  constructor(private readonly beta: number) {
    super();
  }

  protected combine: Combine = (global, updates) => {
    const trimmed = Math.floor(this.beta * updates.length);
    const delta = coordinateWise(global, updates, (sorted) => {
      let sum = 0;
      for (let k = trimmed; k < sorted.length - trimmed; k++) sum += sorted[k];
      return sum / (sorted.length - 2 * trimmed);
    });
    return { adapter: applyDelta(global, delta), metrics: { trimmed_per_side: trimmed, update_norms: updateNorms(updates) } };
  };
}

function squaredDistance(a: AdapterWeights, b: AdapterWeights): number {
  let sum = 0;
  for (const [name, t] of a) {
    const other = b.get(name)!.data;
    for (let i = 0; i < t.data.length; i++) {
      const d = t.data[i] - other[i];
      sum += d * d;
    }
  }
  return sum;
}

/** Krum scores: for each update, the sum of squared distances to its K − f − 2 nearest others (at least 1). */
export function krumScores(updates: readonly AdapterWeights[], byzantine: number): number[] {
  const count = updates.length;
  const distances = updates.map(() => new Float64Array(count));
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      const d = squaredDistance(updates[a], updates[b]);
      distances[a][b] = d;
      distances[b][a] = d;
    }
  }
  const neighbours = Math.max(1, count - byzantine - 2);
  return distances.map((row, a) => {
    const others = [...row].filter((_, b) => b !== a).sort((x, y) => x - y);
    return others.slice(0, neighbours).reduce((s, d) => s + d, 0);
  });
}

export class Krum extends BufferingStrategy {
  readonly name: string;

  /** `keep` = 1 is Krum; more is Multi-Krum. */
  constructor(
    private readonly byzantine: number,
    private readonly keep: number | undefined,
  ) {
    super();
    this.name = keep === undefined ? 'krum' : 'multikrum';
  }

  protected combine: Combine = (global, updates) => {
    const scores = krumScores(
      updates.map((u) => u.update),
      this.byzantine,
    );
    const order = updates.map((_, k) => k).sort((a, b) => scores[a] - scores[b] || (updates[a].clientId < updates[b].clientId ? -1 : 1));
    const keep = Math.min(updates.length, this.keep ?? 1);
    const kept = order.slice(0, keep).map((k) => updates[k]);
    const mean = new WeightedMean(global);
    for (const u of kept) mean.add(u.update, this.keep === undefined ? 1 : u.weight);
    return {
      adapter: applyDelta(global, mean.mean()),
      metrics: {
        selected: kept.map((u) => u.clientId),
        discarded: order.slice(keep).map((k) => updates[k].clientId),
        scores: Object.fromEntries(updates.map((u, k) => [u.clientId, scores[k]])),
      },
    };
  };
}
