import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { DpFedAvg, nextClipNorm, updateNoiseMultiplier } from '../../coordinator/strategies/dp-fedavg.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';

function vectorOfNorm(norm: number): AdapterWeights {
  return makeAdapter([['w', { shape: [2], data: Float32Array.of(norm * 0.6, norm * 0.8) }]]);
}

/** Runs `rounds` rounds of central DP-FedAvg on updates whose norms are uniform in [0, 1]; returns C after each. */
function clipNorms(targetQuantile: number, rounds: number): number[] {
  const perRound = 100;
  const strategy = new DpFedAvg(new FedAvg(), {
    clipNorm: 0.05,
    noiseMultiplier: 1,
    adaptiveClipping: { targetQuantile, learningRate: 0.2, countNoiseStd: perRound / 20 },
    ...everyClientOf(perRound),
  });
  const random = new SeededRandom(3);
  const history: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const aggregation = strategy.beginAggregation(vectorOfNorm(0));
    for (let k = 0; k < perRound; k++) aggregation.add(`c${k}`, vectorOfNorm(random.next()), 1);
    aggregation.finish();
    history.push(strategy.clientSettings.clipNorm!);
  }
  return history;
}

/** Sampling settings under which every one of `count` clients takes part in every round (q = 1). */
function everyClientOf(count: number): { samplingRate: number; population: string[] } {
  return { samplingRate: 1, population: Array.from({ length: count }, (_, k) => `c${k}`) };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('adaptive clipping (Andrew et al. 2021)', () => {
  it('moves C to the target quantile of the update norms', () => {
    // Norms are uniform in [0, 1]: the γ-quantile is γ.
    const median = clipNorms(0.5, 150);
    expect(Math.abs(mean(median.slice(-50)) - 0.5)).toBeLessThan(0.06);
    const high = clipNorms(0.9, 150);
    expect(Math.abs(mean(high.slice(-50)) - 0.9)).toBeLessThan(0.08);
    // From 0.05, C grows geometrically at first: exp(0.2 · (1 − 0.5)) per round when nothing is within the bound.
    expect(median[0] / 0.05).toBeCloseTo(Math.exp(0.1), 1);
  });

  it('takes the count noise out of the update noise so that the accountant keeps z', () => {
    // z_Δ = (z⁻² − (2σ_b)⁻²)^(−1/2)
    expect(updateNoiseMultiplier(1, 5)).toBeCloseTo((1 - 1 / 100) ** -0.5, 12);
    expect(updateNoiseMultiplier(1, 0.5)).toBeUndefined();
    const strategy = new DpFedAvg(new FedAvg(), {
      clipNorm: 0.1,
      noiseMultiplier: 1,
      adaptiveClipping: { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 5 },
      ...everyClientOf(4),
    });
    const aggregation = strategy.beginAggregation(vectorOfNorm(0));
    for (let k = 0; k < 4; k++) aggregation.add(`c${k}`, vectorOfNorm(0.05 + k * 0.04), 1);
    const { metrics } = aggregation.finish();
    expect(metrics.dp_noise_std).toBeCloseTo(((1 - 1 / 100) ** -0.5 * 0.1) / 4, 12);
    expect(metrics.dp_clip_norm).toBe(0.1);
    // Norms 0.05, 0.09, 0.13, 0.17 against C = 0.1: two were clipped. The count noise hides that: only b̄ is published.
    expect(metrics).not.toHaveProperty('dp_clipped_updates');
    expect(metrics.dp_next_clip_norm).toBe(
      nextClipNorm(0.1, metrics.dp_unclipped_fraction as number, { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 5 }),
    );
    expect(
      () =>
        new DpFedAvg(new FedAvg(), {
          clipNorm: 0.1,
          noiseMultiplier: 2,
          adaptiveClipping: { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 1 },
          ...everyClientOf(4),
        }),
    ).toThrow(/countNoiseStd/);
  });

  it('divides the noisy count by the expected number of participants q·N, like the update', () => {
    const adaptive = { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 0.01 };
    // Eight configured clients sampled with q = 0.5: four expected; two answered, both within C.
    const strategy = new DpFedAvg(new FedAvg(), {
      clipNorm: 0.1,
      noiseMultiplier: 0.01,
      adaptiveClipping: adaptive,
      samplingRate: 0.5,
      population: everyClientOf(8).population,
    });
    const aggregation = strategy.beginAggregation(vectorOfNorm(0));
    aggregation.add('c0', vectorOfNorm(0.05), 1);
    aggregation.add('c1', vectorOfNorm(0.05), 1);
    const { metrics } = aggregation.finish();
    // b̄ = (Σ(b_k − ½) + N(0, σ_b²)) / (qN) + ½ = (1 + noise) / 4 + ½.
    expect(Math.abs((metrics.dp_unclipped_fraction as number) - 0.75)).toBeLessThan((5 * 0.01) / 4);
  });

  it('keeps C in the strategy state, so that a resumed run continues with it', () => {
    const settings = { clipNorm: 0.1, noiseMultiplier: 1, adaptiveClipping: { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 5 }, ...everyClientOf(1) };
    const strategy = new DpFedAvg(new FedAvg(), settings);
    const aggregation = strategy.beginAggregation(vectorOfNorm(0));
    aggregation.add('a', vectorOfNorm(5), 1);
    aggregation.finish();
    const resumed = new DpFedAvg(new FedAvg(), settings);
    resumed.loadState(strategy.saveState());
    expect(resumed.clientSettings.clipNorm).toBe(strategy.clientSettings.clipNorm);
    expect(resumed.clientSettings.clipNorm).not.toBe(0.1);
  });
});
