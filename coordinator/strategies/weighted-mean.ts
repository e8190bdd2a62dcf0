/**
 * The example-weighted mean of the round's updates, Σ_k n_k Δ_k / Σ_k n_k, folded in as updates arrive.
 * It is kept as a float32 running mean (West 1979: m ← m + (n_k / Σn)·(Δ_k − m), each step computed in float64
 * and rounded once), so that a round costs one adapter-sized buffer however many clients take part: float64
 * running sums would cost two. The running mean stays on the scale of the updates, so its rounding error does
 * not grow with the total weight; one update, or identical updates, come out exactly.
 * FedAvg applies it as is; the server optimizers treat it as their pseudo-gradient.
 */
import { assertSameLayout, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';

/** An update's weight is its client's number of training examples: positive and finite. */
export function assertUpdateWeight(weight: number): void {
  if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`an update's weight must be a positive number of examples, got ${weight}`);
}

/** One step of the running mean, element by element: m ← m + share·(Δ − m), with share = n_k / Σn so far. */
export function foldIntoMean(mean: Float32Array, delta: Float32Array, share: number): void {
  for (let i = 0; i < mean.length; i++) mean[i] += share * (delta[i] - mean[i]);
}

export class WeightedMean {
  /** Allocated with the first update, so that a round without updates costs nothing. */
  private means: Map<string, Float32Array> | undefined;
  private totalWeight = 0;
  private count = 0;

  constructor(private readonly layout: AdapterWeights) {}

  get updateCount(): number {
    return this.count;
  }

  get weight(): number {
    return this.totalWeight;
  }

  add(update: AdapterWeights, weight: number): void {
    assertSameLayout(this.layout, update);
    assertUpdateWeight(weight);
    this.means ??= new Map([...this.layout].map(([name, t]) => [name, new Float32Array(t.data.length)]));
    this.totalWeight += weight;
    const share = weight / this.totalWeight;
    for (const [name, mean] of this.means) foldIntoMean(mean, update.get(name)!.data, share);
    this.count += 1;
  }

  /** The weighted mean update Δ (float32). Its tensors are this object's own buffers: take it once, at the end. */
  mean(): AdapterWeights {
    if (this.count === 0 || !this.means) throw new Error('cannot aggregate a round without updates');
    return makeAdapter([...this.layout].map(([name, t]) => [name, { shape: [...t.shape], data: this.means!.get(name)! }]));
  }
}

/** global + delta, element-wise, written over `delta` (which is not needed afterwards): no second buffer. */
export function applyDelta(global: AdapterWeights, delta: AdapterWeights): AdapterWeights {
  return makeAdapter(
    [...global].map(([name, t]) => {
      const next = delta.get(name)!.data;
      for (let i = 0; i < next.length; i++) next[i] += t.data[i];
      return [name, { shape: [...t.shape], data: next }];
    }),
  );
}
