/**
 * DP-FedAvg (McMahan et al. 2018): every update is clipped to L2 norm C, the clipped updates are averaged with
 * equal weights, and Gaussian noise is added to each coordinate of the mean. The noise comes from the operating
 * system's cryptographic random source, never from a seeded generator.
 *
 * - Central noise (no secure aggregation): clients clip before sending; the coordinator clips again, so a client
 *   that does not cannot raise the sensitivity, and adds noise of standard deviation z·C/m to the mean of m updates.
 * - Distributed noise (with secure aggregation): the coordinator never sees an update; each client adds its share of
 *   the noise before masking (see coordinator/secure-aggregation.ts) and this strategy only applies the mean.
 *
 * Adaptive clipping (Andrew et al. 2021) moves C towards the `targetQuantile` of the update norms: with b_k = 1 when
 * ‖Δ_k‖ ≤ C, b̄ = (Σ (b_k − ½) + N(0, σ_b²)) / m + ½ and C ← C · exp(−η (b̄ − γ)). The count's noise costs privacy
 * too: the update noise multiplier becomes z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2), so that the two Gaussian mechanisms
 * together are exactly as private as one with multiplier z, which is what the accountant composes.
 */
import { clipToNorm, l2Norm, makeAdapter, type AdapterWeights } from '../../shared/adapter.js';
import { secureGaussian } from '../../shared/secure-gaussian.js';
import type { DistributedNoise } from '../secure-aggregation.js';
import type { ClientTrainingSettings, RoundAggregation, SecureMean, Strategy, StrategyState } from '../strategy.js';

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

  sampleClients: Strategy['sampleClients'] = (available, sampling, random) => this.inner.sampleClients(available, sampling, random);

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const inner = this.inner.beginAggregation(global);
    const clipNorm = this.clipNorm;
    const { adaptiveClipping: adaptive, distributedNoise } = this.settings;
    let clipped = 0;
    let secure: SecureMean | undefined;
    return {
      add: (clientId, update, _numExamples) => {
        if (distributedNoise) throw new Error('with secure aggregation, DP-FedAvg takes only the secure mean');
        if (l2Norm(update) > clipNorm) clipped += 1;
        // Equal weights: example counts would let one client's influence exceed the clipping bound.
        inner.add(clientId, clipToNorm(update, clipNorm), 1);
      },
      addSecureMean: (mean) => {
        if (!distributedNoise) throw new Error('DP-FedAvg without secure aggregation adds the noise itself');
        secure = mean;
        inner.add('secure-aggregate', mean.mean, 1);
      },
      get updateCount() {
        return secure ? secure.count : inner.updateCount;
      },
      dispose: () => inner.dispose?.(),
      finish: () => {
        const result = inner.finish();
        const count = secure ? secure.count : inner.updateCount;
        let adapter = result.adapter;
        let std: number;
        let unclippedFraction: number | undefined;
        if (secure) {
          std = secure.noiseStd ?? 0;
          unclippedFraction = secure.unclippedFraction;
        } else {
          std = (this.updateMultiplier * clipNorm) / count;
          adapter = withNoise(adapter, std);
          if (adaptive) unclippedFraction = (count - clipped - count / 2 + adaptive.countNoiseStd * secureGaussian(1)[0]) / count + 0.5;
        }
        const metrics = { ...result.metrics, dp_noise_std: std, dp_clip_norm: clipNorm };
        if (!secure) Object.assign(metrics, { dp_clipped_updates: clipped });
        if (adaptive && unclippedFraction !== undefined) {
          this.clipNorm = nextClipNorm(clipNorm, unclippedFraction, adaptive);
          Object.assign(metrics, { dp_unclipped_fraction: unclippedFraction, dp_next_clip_norm: this.clipNorm });
        }
        return { adapter, metrics };
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

function withNoise(adapter: AdapterWeights, std: number): AdapterWeights {
  return makeAdapter(
    [...adapter].map(([name, t]) => {
      const noise = secureGaussian(t.data.length);
      return [name, { shape: [...t.shape], data: t.data.map((v, i) => v + std * noise[i]) }];
    }),
  );
}
