/**
 * DP-FedAvg with fixed clipping (McMahan et al. 2018): every update is clipped to L2 norm C (clients clip before
 * sending; the coordinator clips again, so a client that does not cannot raise the sensitivity), the clipped
 * updates are averaged with equal weights, and Gaussian noise of standard deviation z·C/m is added to each
 * coordinate of the mean, m being the number of updates aggregated. The noise comes from the operating system's
 * cryptographic random source, never from a seeded generator.
 */
import { clipToNorm, l2Norm, makeAdapter, type AdapterWeights } from '../../shared/adapter.js';
import { secureGaussian } from '../../shared/secure-gaussian.js';
import type { ClientTrainingSettings, RoundAggregation, Strategy, StrategyState } from '../strategy.js';

export interface FixedClipping {
  readonly clipNorm: number;
  readonly noiseMultiplier: number;
}

/** Wraps an averaging strategy (FedAvg or FedProx) into DP-FedAvg. */
export class DpFedAvg implements Strategy {
  readonly name: string;
  readonly clientSettings: ClientTrainingSettings;

  constructor(
    private readonly inner: Strategy,
    private readonly clipping: FixedClipping,
  ) {
    this.name = `dp-${inner.name}`;
    this.clientSettings = inner.clientSettings;
  }

  sampleClients: Strategy['sampleClients'] = (available, sampling, random) => this.inner.sampleClients(available, sampling, random);

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const inner = this.inner.beginAggregation(global);
    const { clipNorm, noiseMultiplier } = this.clipping;
    let clipped = 0;
    return {
      add: (clientId, update, _numExamples) => {
        if (l2Norm(update) > clipNorm) clipped += 1;
        // Equal weights: example counts would let one client's influence exceed the clipping bound.
        inner.add(clientId, clipToNorm(update, clipNorm), 1);
      },
      get updateCount() {
        return inner.updateCount;
      },
      finish: () => {
        const result = inner.finish();
        const std = (noiseMultiplier * clipNorm) / inner.updateCount;
        const noisy = makeAdapter(
          [...result.adapter].map(([name, t]) => {
            const noise = secureGaussian(t.data.length);
            return [name, { shape: [...t.shape], data: t.data.map((v, i) => v + std * noise[i]) }];
          }),
        );
        return { adapter: noisy, metrics: { ...result.metrics, dp_noise_std: std, dp_clipped_updates: clipped } };
      },
    };
  }

  saveState(): StrategyState {
    return this.inner.saveState();
  }

  loadState(state: StrategyState): void {
    this.inner.loadState(state);
  }
}
