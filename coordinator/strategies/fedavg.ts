/**
 * FedAvg (McMahan et al. 2017): new global = global + Σ_k n_k Δ_k / Σ_k n_k, where Δ_k is client k's update
 * and n_k its number of training examples. Sums are kept in float64 so that the order in which updates
 * arrive does not change the result beyond float32 rounding.
 */
import { assertSameLayout, makeAdapter, type AdapterWeights } from '../../shared/adapter.js';
import { sampleUniformly, type RoundAggregation, type Strategy } from '../strategy.js';

class FedAvgAggregation implements RoundAggregation {
  private readonly weightedSums = new Map<string, Float64Array>();
  private totalWeight = 0;
  private count = 0;

  constructor(private readonly global: AdapterWeights) {
    for (const [name, t] of global) this.weightedSums.set(name, new Float64Array(t.data.length));
  }

  get updateCount(): number {
    return this.count;
  }

  add(update: AdapterWeights, numExamples: number): void {
    assertSameLayout(this.global, update);
    if (!(numExamples > 0) || !Number.isFinite(numExamples)) {
      throw new RangeError(`an update's weight must be a positive number of examples, got ${numExamples}`);
    }
    for (const [name, sum] of this.weightedSums) {
      const delta = update.get(name)!.data;
      for (let i = 0; i < sum.length; i++) sum[i] += numExamples * delta[i];
    }
    this.totalWeight += numExamples;
    this.count += 1;
  }

  finish(): AdapterWeights {
    if (this.count === 0) throw new Error('cannot aggregate a round without updates');
    return makeAdapter(
      [...this.global].map(([name, t]) => {
        const sum = this.weightedSums.get(name)!;
        const next = new Float32Array(t.data.length);
        for (let i = 0; i < next.length; i++) next[i] = t.data[i] + sum[i] / this.totalWeight;
        return [name, { shape: [...t.shape], data: next }];
      }),
    );
  }
}

export class FedAvg implements Strategy {
  readonly name = 'fedavg';

  sampleClients = sampleUniformly;

  beginAggregation(global: AdapterWeights): RoundAggregation {
    return new FedAvgAggregation(global);
  }
}
