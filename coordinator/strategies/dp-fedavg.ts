/**
 * DP-FedAvg (McMahan et al. 2018): each round samples every configured client independently with probability q
 * (Poisson sampling, poisson-sampling.ts; a sampled client that is offline contributes nothing), clips each update to
 * L2 norm C, and adds Gaussian noise of standard deviation z·C to the sum of the clipped updates; the round's update
 * is that noisy sum divided by the expected number of participants q·N (N configured clients), not by the realised
 * count, which depends on whether a given client took part: the fixed denominator keeps each client's influence at
 * C/(qN) against noise of z·C/(qN), as the accountant's Poisson-sampled Gaussian mechanism assumes. Updates are
 * weighted equally: example counts would let one client's influence exceed the clipping bound. The noise comes from
 * the operating system's cryptographic random source, never from a seeded generator.
 *
 * - Central noise (no secure aggregation): clients clip before sending; the coordinator clips again, so a client
 *   that does not cannot raise the sensitivity, and adds the noise.
 * - Distributed noise (with secure aggregation): the coordinator never sees an update; each client adds its share of
 *   the noise before masking (see coordinator/round/secure-aggregation.ts), and this strategy turns the secure mean of the
 *   survivors back into their sum over q·N.
 *
 * Adaptive clipping (Andrew et al. 2021) moves C towards the `targetQuantile` of the update norms: with b_k = 1 when
 * ‖Δ_k‖ ≤ C, b̄ = (Σ (b_k − ½) + N(0, σ_b²)) / (qN) + ½ and C ← C · exp(−η (b̄ − γ)). The count's noise costs privacy
 * too: the update noise multiplier becomes z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2), so that the two Gaussian mechanisms
 * together are exactly as private as one with multiplier z, which is what the accountant composes. Only the noisy b̄
 * is published, never how many updates were clipped.
 */
import { clipToNorm, l2Norm, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { secureGaussian } from '../../shared/privacy/secure-gaussian.js';
import type { ClientTrainingSettings, RoundAggregation, SecureMean, Strategy, StrategyState } from './strategy.js';
import { poissonSample } from './poisson-sampling.js';
import { WeightedMean } from './weighted-mean.js';

/**
 * Distributed differential privacy: what secure aggregation needs for each client to add its share of the noise
 * (see `noiseShareStd` in coordinator/round/secure-aggregation.ts).
 */
export interface DistributedNoise {
  readonly clipNorm: number;
  /** Noise multiplier of the update sum (z, or z_Δ with adaptive clipping). */
  readonly noiseMultiplier: number;
  /** Adaptive clipping: standard deviation σ_b of the noise on the count of unclipped updates. */
  readonly countNoiseStd?: number;
}

export interface AdaptiveClipping {
  /** γ: the fraction of updates that should be within the bound. */
  readonly targetQuantile: number;
  /** η_C: the geometric step of C per round. */
  readonly learningRate: number;
  /** σ_b: standard deviation of the noise on the count of unclipped updates. */
  readonly countNoiseStd: number;
}

export interface DpSettings {
  /** C, or its initial value with adaptive clipping. */
  readonly clipNorm: number;
  /** z: the noise multiplier the accountant composes. */
  readonly noiseMultiplier: number;
  readonly adaptiveClipping?: AdaptiveClipping;
  /** Secure aggregation is on: the clients add the noise (the coordinator never holds a single update). */
  readonly distributedNoise?: boolean;
  /** q: the probability that a client of `population` is sampled in a round. */
  readonly samplingRate: number;
  /** Every configured client (N of them): the population that Poisson sampling draws from. */
  readonly population: readonly string[];
}

/** z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2); undefined when σ_b is too small for z (σ_b ≤ z/2). */
export function updateNoiseMultiplier(noiseMultiplier: number, countNoiseStd: number): number | undefined {
  const remaining = noiseMultiplier ** -2 - (2 * countNoiseStd) ** -2;
  return remaining > 0 ? remaining ** -0.5 : undefined;
}

/** The next clipping bound: C · exp(−η (b̄ − γ)), rounded to float32 so that the stored state resumes it exactly. */
export function nextClipNorm(clipNorm: number, unclippedFraction: number, adaptive: AdaptiveClipping): number {
  return Math.fround(clipNorm * Math.exp(-adaptive.learningRate * (unclippedFraction - adaptive.targetQuantile)));
}

const CLIP_NORM_STATE = 'dp.clip_norm';

/** Wraps an averaging strategy (FedAvg, FedProx, or a server optimizer on the mean) into DP-FedAvg. */
export class DpFedAvg implements Strategy {
  readonly name: string;
  private clipNorm: number;
  private readonly updateMultiplier: number;

  constructor(
    private readonly inner: Strategy,
    private readonly settings: DpSettings,
  ) {
    this.name = `dp-${inner.name}`;
    this.clipNorm = settings.clipNorm;
    const adaptive = settings.adaptiveClipping;
    const multiplier = adaptive ? updateNoiseMultiplier(settings.noiseMultiplier, adaptive.countNoiseStd) : settings.noiseMultiplier;
    if (multiplier === undefined) {
      throw new RangeError(
        `adaptive clipping needs countNoiseStd > noiseMultiplier / 2 = ${settings.noiseMultiplier / 2}, got ${adaptive!.countNoiseStd}: raise countNoiseStd or lower noiseMultiplier`,
      );
    }
    this.updateMultiplier = multiplier;
  }

  get clientSettings(): ClientTrainingSettings {
    return { ...this.inner.clientSettings, clipNorm: this.clipNorm };
  }

  /** What each client needs to add its share of the noise under secure aggregation. */
  distributedNoise(): DistributedNoise {
    return { clipNorm: this.clipNorm, noiseMultiplier: this.updateMultiplier, countNoiseStd: this.settings.adaptiveClipping?.countNoiseStd };
  }

  /** A Poisson sample of the whole population; of it, the clients available now train (the others contribute nothing). */
  sampleClients: Strategy['sampleClients'] = (available) => {
    const online = new Set(available);
    return poissonSample(this.settings.population, this.settings.samplingRate)
      .filter((id) => online.has(id))
      .sort();
  };

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const inner = this.inner.beginAggregation(global);
    const clipNorm = this.clipNorm;
    const { adaptiveClipping: adaptive, distributedNoise, samplingRate, population } = this.settings;
    const expectedCount = samplingRate * population.length;
    // The clipped updates' running mean (equal weights); it becomes their sum over q·N at the end.
    const clippedMean = new WeightedMean(global);
    let clipped = 0;
    let secure: SecureMean | undefined;
    return {
      add: (_clientId, update, _numExamples) => {
        if (distributedNoise) throw new Error('with secure aggregation, DP-FedAvg takes only the secure mean');
        if (l2Norm(update) > clipNorm) clipped += 1;
        clippedMean.add(clipToNorm(update, clipNorm), 1);
      },
      addSecureMean: (mean) => {
        if (!distributedNoise) throw new Error('DP-FedAvg without secure aggregation adds the noise itself');
        secure = mean;
      },
      get updateCount() {
        return secure ? secure.count : clippedMean.updateCount;
      },
      dispose: () => inner.dispose?.(),
      finish: () => {
        let update: AdapterWeights;
        let std: number;
        let unclippedFraction: number | undefined;
        if (secure) {
          // The survivors' mean (noise included) times their count is their sum.
          const toExpected = secure.count / expectedCount;
          update = scaledWithNoise(global, secure.mean, toExpected, 0);
          std = (secure.noiseStd ?? 0) * toExpected;
          if (secure.unclippedFraction !== undefined) unclippedFraction = (secure.unclippedFraction - 0.5) * toExpected + 0.5;
        } else {
          const count = clippedMean.updateCount;
          std = (this.updateMultiplier * clipNorm) / expectedCount;
          // A round that no sampled client answered is a step of noise only: it is accounted all the same.
          update = scaledWithNoise(global, count > 0 ? clippedMean.mean() : undefined, count / expectedCount, std);
          if (adaptive) unclippedFraction = (count - clipped - count / 2 + adaptive.countNoiseStd * secureGaussian(1)[0]) / expectedCount + 0.5;
        }
        inner.add(secure ? 'secure-aggregate' : 'dp-fedavg', update, 1);
        const result = inner.finish();
        const metrics = { ...result.metrics, dp_noise_std: std, dp_clip_norm: clipNorm };
        // The exact count of clipped updates is what adaptive clipping's count noise hides: only b̄ is published.
        if (!secure && !adaptive) Object.assign(metrics, { dp_clipped_updates: clipped });
        if (adaptive && unclippedFraction !== undefined) {
          this.clipNorm = nextClipNorm(clipNorm, unclippedFraction, adaptive);
          Object.assign(metrics, { dp_unclipped_fraction: unclippedFraction, dp_next_clip_norm: this.clipNorm });
        }
        return { adapter: result.adapter, metrics };
      },
    };
  }

  saveState(): StrategyState {
    const state = new Map(this.inner.saveState());
    if (this.settings.adaptiveClipping) state.set(CLIP_NORM_STATE, { shape: [1], data: Float32Array.of(this.clipNorm) });
    return state;
  }

  loadState(state: StrategyState): void {
    const saved = state.get(CLIP_NORM_STATE);
    if (saved && this.settings.adaptiveClipping) this.clipNorm = saved.data[0];
    this.inner.loadState(new Map([...state].filter(([name]) => name !== CLIP_NORM_STATE)));
  }
}

/**
 * scale · mean + N(0, std²) per coordinate, in the layout of `layout` (zeros for an absent mean). Written over
 * `mean`'s buffers when there is one: the mean is not needed afterwards.
 */
function scaledWithNoise(layout: AdapterWeights, mean: AdapterWeights | undefined, scale: number, std: number): AdapterWeights {
  return makeAdapter(
    [...layout].map(([name, t]) => {
      const data = mean ? mean.get(name)!.data : new Float32Array(t.data.length);
      const noise = std > 0 ? secureGaussian(data.length) : undefined;
      for (let i = 0; i < data.length; i++) data[i] = data[i] * scale + (noise ? std * noise[i] : 0);
      return [name, { shape: [...t.shape], data }];
    }),
  );
}
