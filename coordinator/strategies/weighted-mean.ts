/**
 * The example-weighted mean of the round's updates, Σ_k n_k Δ_k / Σ_k n_k, folded in as updates arrive
 * (float64 running sums, so memory is O(adapter size) and arrival order does not matter beyond rounding).
 * FedAvg applies it as is; the server optimizers treat it as their pseudo-gradient.
 */
import { assertSameLayout, makeAdapter, type AdapterWeights } from '../../shared/adapter.js';

export class WeightedMean {
  private readonly weightedSums = new Map<string, Float64Array>();
  private totalWeight = 0;
  private count = 0;

  constructor(private readonly layout: AdapterWeights) {
    for (const [name, t] of layout) this.weightedSums.set(name, new Float64Array(t.data.length));
  }

  get updateCount(): number {
    return this.count;
  }

  get weight(): number {
    return this.totalWeight;
  }

  add(update: AdapterWeights, weight: number): void {
    assertSameLayout(this.layout, update);
    if (!(weight > 0) || !Number.isFinite(weight)) {
      throw new RangeError(`an update's weight must be a positive number of examples, got ${weight}`);
    }
    for (const [name, sum] of this.weightedSums) {
      const delta = update.get(name)!.data;
      for (let i = 0; i < sum.length; i++) sum[i] += weight * delta[i];
    }
    this.totalWeight += weight;
    this.count += 1;
  }

  /** The weighted mean update Δ (float32). */
  mean(): AdapterWeights {
    if (this.count === 0) throw new Error('cannot aggregate a round without updates');
    return makeAdapter(
      [...this.layout].map(([name, t]) => {
        const sum = this.weightedSums.get(name)!;
        const mean = new Float32Array(sum.length);
        for (let i = 0; i < mean.length; i++) mean[i] = sum[i] / this.totalWeight;
        return [name, { shape: [...t.shape], data: mean }];
      }),
    );
  }
}

/** global + delta, element-wise. */
export function applyDelta(global: AdapterWeights, delta: AdapterWeights): AdapterWeights {
  return makeAdapter(
    [...global].map(([name, t]) => {
      const d = delta.get(name)!.data;
      const next = new Float32Array(t.data.length);
      for (let i = 0; i < next.length; i++) next[i] = t.data[i] + d[i];
      return [name, { shape: [...t.shape], data: next }];
    }),
  );
}
