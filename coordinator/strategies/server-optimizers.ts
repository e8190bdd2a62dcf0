/**
 * Server-side optimizers over the FedAvg pseudo-gradient Δ_t = Σ p_k Δ_k (the example-weighted mean update):
 *
 * - FedAvgM (Hsu et al. 2019): v ← μ·v + Δ;  x ← x + η·v
 * - FedAdam, FedYogi, FedAdagrad (Reddi et al. 2021, "Adaptive Federated Optimization"):
 *     m ← β1·m + (1 − β1)·Δ
 *     Adam:    v ← β2·v + (1 − β2)·Δ²
 *     Yogi:    v ← v − (1 − β2)·Δ²·sign(v − Δ²)
 *     Adagrad: v ← v + Δ²
 *     x ← x + η·m / (√v + τ)
 *   with m and v starting at zero, as in Flower.
 *
 * The state (v, or m and v) is saved with every committed round so that a resumed run continues exactly.
 */
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { sampleUniformly, type ClientTrainingSettings, type RoundAggregation, type Strategy, type StrategyState } from './strategy.js';
import { WeightedMean } from './weighted-mean.js';

const NO_CLIENT_SETTINGS: ClientTrainingSettings = { proximalMu: 0 };

/** Per-tensor buffers named `<buffer>/<tensor name>` in the saved state. */
class Buffers {
  private readonly buffers = new Map<string, Float32Array>();

  constructor(private readonly prefix: string) {}

  /** The buffer for `name`, created as zeros on first use. */
  get(name: string, length: number): Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.length !== length) {
      buffer = new Float32Array(length);
      this.buffers.set(name, buffer);
    }
    return buffer;
  }

  save(into: Map<string, TensorData>): void {
    for (const [name, data] of this.buffers) into.set(`${this.prefix}/${name}`, { shape: [data.length], data: new Float32Array(data) });
  }

  load(state: StrategyState): void {
    this.buffers.clear();
    for (const [key, tensor] of state) {
      if (key.startsWith(`${this.prefix}/`)) this.buffers.set(key.slice(this.prefix.length + 1), new Float32Array(tensor.data));
    }
  }
}

/** Runs `step(name, x, Δ, out)` per tensor over the weighted-mean pseudo-gradient. */
function optimizerAggregation(global: AdapterWeights, step: (name: string, x: Float32Array, delta: Float32Array, out: Float32Array) => void): RoundAggregation {
  const mean = new WeightedMean(global);
  return {
    add: (_clientId, update, numExamples) => mean.add(update, numExamples),
    get updateCount() {
      return mean.updateCount;
    },
    finish: () => {
      const delta = mean.mean();
      let deltaSquares = 0;
      const adapter = makeAdapter(
        [...global].map(([name, t]) => {
          const d = delta.get(name)!.data;
          for (let i = 0; i < d.length; i++) deltaSquares += d[i] * d[i];
          const out = new Float32Array(t.data.length);
          step(name, t.data, d, out);
          return [name, { shape: [...t.shape], data: out }];
        }),
      );
      return { adapter, metrics: { pseudo_gradient_norm: Math.sqrt(deltaSquares), total_weight: mean.weight } };
    },
  };
}

export interface FedAvgMOptions {
  readonly serverLearningRate: number;
  readonly momentum: number;
}

export class FedAvgM implements Strategy {
  readonly name = 'fedavgm';
  readonly clientSettings = NO_CLIENT_SETTINGS;
  private readonly velocity = new Buffers('velocity');

  constructor(private readonly options: FedAvgMOptions) {}

  sampleClients = sampleUniformly;

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const { serverLearningRate: eta, momentum } = this.options;
    return optimizerAggregation(global, (name, x, delta, out) => {
      const v = this.velocity.get(name, x.length);
      for (let i = 0; i < x.length; i++) {
        v[i] = momentum * v[i] + delta[i];
        out[i] = x[i] + eta * v[i];
      }
    });
  }

  saveState(): StrategyState {
    const state = new Map<string, TensorData>();
    this.velocity.save(state);
    return state;
  }

  loadState(state: StrategyState): void {
    this.velocity.load(state);
  }
}

export type AdaptiveMethod = 'adam' | 'yogi' | 'adagrad';

export interface AdaptiveOptions {
  readonly eta: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly tau: number;
}

export class FedAdaptive implements Strategy {
  readonly name: string;
  readonly clientSettings = NO_CLIENT_SETTINGS;
  private readonly firstMoment = new Buffers('m');
  private readonly secondMoment = new Buffers('v');

  constructor(
    private readonly method: AdaptiveMethod,
    private readonly options: AdaptiveOptions,
  ) {
    this.name = `fed${method}`;
  }

  sampleClients = sampleUniformly;

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const { eta, beta1, beta2, tau } = this.options;
    return optimizerAggregation(global, (name, x, delta, out) => {
      const m = this.firstMoment.get(name, x.length);
      const v = this.secondMoment.get(name, x.length);
      for (let i = 0; i < x.length; i++) {
        const d = delta[i];
        const d2 = d * d;
        m[i] = beta1 * m[i] + (1 - beta1) * d;
        if (this.method === 'adam') v[i] = beta2 * v[i] + (1 - beta2) * d2;
        else if (this.method === 'yogi') v[i] = v[i] - (1 - beta2) * d2 * Math.sign(v[i] - d2);
        else v[i] = v[i] + d2;
        out[i] = x[i] + (eta * m[i]) / (Math.sqrt(v[i]) + tau);
      }
    });
  }

  saveState(): StrategyState {
    const state = new Map<string, TensorData>();
    this.firstMoment.save(state);
    this.secondMoment.save(state);
    return state;
  }

  loadState(state: StrategyState): void {
    this.firstMoment.load(state);
    this.secondMoment.load(state);
  }
}
