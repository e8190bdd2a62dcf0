import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { TensorMismatchError } from '../../shared/infra/errors.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import {
  STRATEGY_CAPABILITIES,
  STRATEGY_NAMES,
  createStrategy,
  strategyConfigSchema,
  supportsDp,
  supportsExactLora,
  supportsSecureAggregation,
  type StrategyConfig,
} from '../../coordinator/strategies/registry.js';
import type { Strategy } from '../../coordinator/strategies/strategy.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import { MINIMAL_CONFIG } from '../helpers/coordinator.js';

// Expected values below are worked out by hand from each method's update rule (see the comments), not by
// calling the code under test.

function vector(values: number[]): AdapterWeights {
  return makeAdapter([['w', { shape: [values.length], data: Float32Array.from(values) }]]);
}

function randomAdapter(random: SeededRandom, scale: number): AdapterWeights {
  return makeAdapter([
    ['a', { shape: [3, 5], data: random.fillNormal(new Float32Array(15), scale) }],
    ['b', { shape: [7, 3], data: random.fillNormal(new Float32Array(21), scale) }],
  ]);
}

function strategy(config: Partial<StrategyConfig> & { name: StrategyConfig['name'] }): Strategy {
  return createStrategy(strategyConfigSchema.parse(config));
}

/** One round: the given updates (with weights) applied to `global`. */
function round(s: Strategy, global: AdapterWeights, updates: [number[], number][]) {
  const aggregation = s.beginAggregation(global);
  updates.forEach(([values, weight], k) => aggregation.add(`c${k}`, vector(values), weight));
  return aggregation.finish();
}

function values(adapter: AdapterWeights): number[] {
  return [...adapter.get('w')!.data];
}

function expectClose(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

// Two clients: Δ1 = [0.1, 0.2] with 1 example, Δ2 = [0.3, 0] with 3: weighted mean Δ = [0.25, 0.05].
const twoClients: [number[], number][] = [
  [[0.1, 0.2], 1],
  [[0.3, 0], 3],
];

describe('FedAvg', () => {
  it('adds the example-weighted mean of the updates to the global adapter', () => {
    const random = new SeededRandom(7);
    const global = randomAdapter(random, 1);
    const clients = [3, 50, 1, 17].map((n) => ({ n, update: randomAdapter(random, 1e-3) }));
    const aggregation = new FedAvg().beginAggregation(global);
    clients.forEach(({ n, update }, k) => aggregation.add(`c${k}`, update, n));
    const next = aggregation.finish().adapter;
    const total = clients.reduce((s, c) => s + c.n, 0);
    for (const [name, tensor] of global) {
      const got = next.get(name)!;
      expect(got.shape).toEqual(tensor.shape);
      for (let i = 0; i < tensor.data.length; i++) {
        const expected = tensor.data[i] + clients.reduce((s, c) => s + (c.n / total) * c.update.get(name)!.data[i], 0);
        expect(Math.abs(got.data[i] - expected)).toBeLessThan(1e-6);
      }
    }
  });

  it('does not depend on the order in which updates arrive', () => {
    const random = new SeededRandom(11);
    const global = randomAdapter(random, 1);
    const updates = [1, 2, 3, 4, 5].map((n) => ({ n, update: randomAdapter(random, 0.1) }));
    const forward = new FedAvg().beginAggregation(global);
    const backward = new FedAvg().beginAggregation(global);
    updates.forEach((u, k) => forward.add(`c${k}`, u.update, u.n));
    [...updates].reverse().forEach((u, k) => backward.add(`c${k}`, u.update, u.n));
    expect([...forward.finish().adapter.get('a')!.data]).toEqual([...backward.finish().adapter.get('a')!.data]);
  });

  it('refuses updates of another layout, bad weights and empty rounds', () => {
    const global = vector([1, 2]);
    const aggregation = new FedAvg().beginAggregation(global);
    expect(() => aggregation.add('x', vector([1, 2, 3]), 1)).toThrow(TensorMismatchError);
    expect(() => aggregation.add('x', vector([1, 2]), 0)).toThrow(RangeError);
    expect(() => aggregation.finish()).toThrow(/without updates/);
  });

  it('samples max(minClients, ceil(fraction·n)) distinct clients, reproducibly', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const a = new FedAvg().sampleClients(ids, { fraction: 0.3, minClients: 2 }, new SeededRandom(1));
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(new FedAvg().sampleClients(ids, { fraction: 0.3, minClients: 2 }, new SeededRandom(1))).toEqual(a);
    expect(new FedAvg().sampleClients(ids, { fraction: 0.1, minClients: 4 }, new SeededRandom(1))).toHaveLength(4);
  });

  it('FedProx aggregates like FedAvg and sends mu to the clients', () => {
    const fedprox = strategy({ name: 'fedprox', mu: 0.05 });
    expect(fedprox.clientSettings.proximalMu).toBe(0.05);
    expectClose(values(round(fedprox, vector([1, 2]), twoClients).adapter), [1.25, 2.05]);
  });
});

describe('server optimizers', () => {
  it('FedAvgM: v = μv + Δ, x += ηv', () => {
    const s = strategy({ name: 'fedavgm', serverLearningRate: 1, momentum: 0.9 });
    const first = round(s, vector([1, 2]), twoClients).adapter; // v = [0.25, 0.05]
    expectClose(values(first), [1.25, 2.05]);
    const second = round(s, first, twoClients).adapter; // v = 0.9·[0.25, 0.05] + [0.25, 0.05] = [0.475, 0.095]
    expectClose(values(second), [1.725, 2.145]);
  });

  it('FedAdam: m = 0.1Δ, v = 0.01Δ², x += η·m/(√v+τ) = η·sign(Δ) in the first round', () => {
    const s = strategy({ name: 'fedadam' }); // η 0.1, β1 0.9, β2 0.99, τ 1e-9
    expectClose(values(round(s, vector([1, 2]), twoClients).adapter), [1.1, 2.1]);
  });

  it('FedYogi: v = v − (1−β2)Δ²·sign(v − Δ²) starting from 0', () => {
    const s = strategy({ name: 'fedyogi' }); // η 0.01, τ 1e-3: step = 0.01·0.1Δ/(0.1|Δ| + 0.001)
    expectClose(values(round(s, vector([1, 2]), twoClients).adapter), [1 + 0.01 * (0.025 / 0.026), 2 + 0.01 * (0.005 / 0.006)]);
  });

  it('FedAdagrad: v = v + Δ², m = Δ', () => {
    const s = strategy({ name: 'fedadagrad' }); // η 0.1: step = 0.1·Δ/|Δ|, then 0.1·Δ/(√2|Δ|)
    const first = round(s, vector([1, 2]), twoClients).adapter;
    expectClose(values(first), [1.1, 2.1]);
    expectClose(values(round(s, first, twoClients).adapter), [1.1 + 0.1 / Math.SQRT2, 2.1 + 0.1 / Math.SQRT2]);
  });

  it('keeps its state across a save and restore exactly as without interruption', () => {
    const uninterrupted = strategy({ name: 'fedadam', eta: 0.01 });
    const first = round(uninterrupted, vector([1, 2]), twoClients).adapter;
    const state = uninterrupted.saveState();
    expect([...state.keys()].sort()).toEqual(['m/w', 'v/w']);
    const expected = values(round(uninterrupted, first, [[[0.5, -0.5], 2]]).adapter);
    const resumed = strategy({ name: 'fedadam', eta: 0.01 });
    resumed.loadState(state);
    expect(values(round(resumed, first, [[[0.5, -0.5], 2]]).adapter)).toEqual(expected);
  });
});

describe('robust aggregation', () => {
  // Four honest clients near 0.1 and one sending a 100× update.
  const planted: [number[], number][] = [
    [[0.1, 0.1], 10],
    [[0.11, 0.09], 10],
    [[0.09, 0.1], 10],
    [[0.1, 0.12], 10],
    [[10, -10], 10],
  ];

  it('FedMedian takes the coordinate-wise median', () => {
    expectClose(values(round(strategy({ name: 'fedmedian' }), vector([0, 0]), planted).adapter), [0.1, 0.1]);
    expectClose(
      values(
        round(strategy({ name: 'fedmedian' }), vector([0]), [
          [[1], 1],
          [[2], 1],
          [[3], 1],
          [[100], 1],
        ]).adapter,
      ),
      [2.5],
    );
  });

  it('trimmed mean drops ⌊βK⌋ values at each end', () => {
    // β = 0.2, K = 5: drop one value at each end. Sorted first coordinates 0.09 0.1 0.1 0.11 10 keep
    // 0.1 0.1 0.11; sorted second coordinates -10 0.09 0.1 0.1 0.12 keep 0.09 0.1 0.1.
    const result = round(strategy({ name: 'trimmedmean', beta: 0.2 }), vector([0, 0]), planted);
    expectClose(values(result.adapter), [(0.1 + 0.1 + 0.11) / 3, (0.09 + 0.1 + 0.1) / 3]);
    expect(result.metrics.trimmed_per_side).toBe(1);
  });

  it('Krum and Multi-Krum discard the planted outlier; FedAvg does not', () => {
    const krum = round(strategy({ name: 'krum', byzantine: 1 }), vector([0, 0]), planted);
    expect(krum.metrics.discarded).toContain('c4');
    expect(Math.abs(values(krum.adapter)[0] - 0.1)).toBeLessThan(0.011);
    const multi = round(strategy({ name: 'multikrum', byzantine: 1, keep: 3 }), vector([0, 0]), planted);
    expect((multi.metrics.selected as string[]).length).toBe(3);
    expect(multi.metrics.selected).not.toContain('c4');
    expect(Math.abs(values(multi.adapter)[1] - 0.1)).toBeLessThan(0.02);
    expect(values(round(strategy({ name: 'fedavg' }), vector([0, 0]), planted).adapter)[0]).toBeGreaterThan(2);
  });
});

describe('strategy configuration', () => {
  const base = MINIMAL_CONFIG;

  it('defaults to FedAvg and fills Flower defaults for the others', () => {
    expect(validateCoordinatorConfig(base).strategy).toEqual({ name: 'fedavg' });
    expect(validateCoordinatorConfig({ ...base, strategy: { name: 'fedyogi' } }).strategy).toEqual({
      name: 'fedyogi',
      eta: 0.01,
      beta1: 0.9,
      beta2: 0.99,
      tau: 1e-3,
    });
  });

  it('refuses an unknown name and a bad parameter, by name', () => {
    expect(() => validateCoordinatorConfig({ ...base, strategy: { name: 'fedsgd' } })).toThrow(/strategy.*must be one of fedavg, fedprox/s);
    expect(() => validateCoordinatorConfig({ ...base, strategy: { name: 'trimmedmean', beta: 0.7 } })).toThrow(/strategy\.beta/);
    expect(() => validateCoordinatorConfig({ ...base, strategy: { name: 'fedavg', mu: 1 } })).toThrow(/strategy.*mu/s);
  });
});

describe('strategy capabilities', () => {
  // Three clients: weighted mean Δ = (1·[1, -2] + 3·[3, 0.5] + 2·[-1, 4]) / 6 = [8/6, 7.5/6].
  const threeClients: [number[], number][] = [
    [[1, -2], 1],
    [[3, 0.5], 3],
    [[-1, 4], 2],
  ];
  const mean = [8 / 6, 7.5 / 6];
  const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-5);

  it.each(STRATEGY_NAMES)('%s: the registry says what its aggregation does', (name) => {
    // averaging: two rounds in a row each add exactly the example-weighted mean (a momentum shows in the second).
    const averaging = strategy({ name });
    let global = vector([0, 0]);
    let addsTheMean = true;
    for (let r = 0; r < 2; r++) {
      const next = round(averaging, global, threeClients).adapter;
      addsTheMean &&= close(
        values(next),
        values(global).map((v, i) => v + mean[i]),
      );
      global = next;
    }
    expect(STRATEGY_CAPABILITIES[name].averaging).toBe(addsTheMean);
    // needsEveryUpdate: the updates aggregate to something else than their weighted mean alone does.
    const fromUpdates = values(round(strategy({ name }), vector([0, 0]), threeClients).adapter);
    const fromMean = values(round(strategy({ name }), vector([0, 0]), [[mean, 6]]).adapter);
    expect(STRATEGY_CAPABILITIES[name].needsEveryUpdate).toBe(!close(fromUpdates, fromMean));
  });

  it.each(STRATEGY_NAMES)('%s: the config combines it with DP, secure aggregation and exact LoRA as its capabilities allow', (name) => {
    const accepted = (config: object) => {
      try {
        validateCoordinatorConfig({
          ...MINIMAL_CONFIG,
          minClients: 1,
          clients: [
            { id: 'a', token: 'a'.repeat(20) },
            { id: 'b', token: 'b'.repeat(20) },
          ],
          strategy: { name },
          ...config,
        });
        return true;
      } catch {
        return false;
      }
    };
    expect(accepted({})).toBe(true);
    expect(accepted({ privacy: { dp: { clipNorm: 1, noiseMultiplier: 1 } } })).toBe(supportsDp(name));
    expect(accepted({ minClients: 2, privacy: { secureAggregation: {} } })).toBe(supportsSecureAggregation(name));
    expect(accepted({ lora: { r: 4, alpha: 8, aggregation: 'exact' } })).toBe(supportsExactLora(name));
  });
});
