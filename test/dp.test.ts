import { describe, expect, it } from 'vitest';
import { clipToNorm, l2Norm, makeAdapter, type AdapterWeights } from '../shared/adapter.js';
import { RdpAccountant } from '../shared/rdp-accountant.js';
import { SeededRandom } from '../shared/random.js';
import type { Message, TrainMessage } from '../shared/protocol.js';
import { validateCoordinatorConfig } from '../coordinator/config.js';
import { DpFedAvg } from '../coordinator/strategies/dp-fedavg.js';
import { FedAvg } from '../coordinator/strategies/fedavg.js';
import { MINIMAL_CONFIG, clientCredentials, coordinatorFixture } from './helpers/coordinator.js';

function vector(values: Float32Array | number[]): AdapterWeights {
  return makeAdapter([['w', { shape: [values.length], data: Float32Array.from(values) }]]);
}

describe('DP-FedAvg', () => {
  it('clips an update above C to exactly C and leaves one below C alone', () => {
    const big = vector([3, 4]); // norm 5
    expect(l2Norm(clipToNorm(big, 1))).toBeCloseTo(1, 6);
    expect([...clipToNorm(big, 1).get('w')!.data]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(clipToNorm(big, 10)).toBe(big);
  });

  it('averages clipped updates with equal weights and adds Gaussian noise of std z·C/m', () => {
    const size = 20_000;
    const global = vector(new Float32Array(size));
    const strategy = new DpFedAvg(new FedAvg(), { clipNorm: 0.5, noiseMultiplier: 2 });
    const aggregation = strategy.beginAggregation(global);
    // Two zero updates and one huge one (clipped to norm 0.5), with very different example counts.
    aggregation.add('a', vector(new Float32Array(size)), 1000);
    aggregation.add('b', vector(new Float32Array(size)), 1);
    const huge = new Float32Array(size);
    huge[0] = 1000;
    aggregation.add('c', vector(huge), 1);
    const { adapter, metrics } = aggregation.finish();
    const data = adapter.get('w')!.data;
    const expectedStd = (2 * 0.5) / 3;
    expect(metrics.dp_noise_std).toBeCloseTo(expectedStd, 12);
    expect(metrics.dp_clipped_updates).toBe(1);
    let sum = 0;
    let squares = 0;
    for (let i = 1; i < size; i++) {
      sum += data[i];
      squares += data[i] * data[i];
    }
    const mean = sum / (size - 1);
    const std = Math.sqrt(squares / (size - 1) - mean * mean);
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean)).toBeLessThan((5 * expectedStd) / Math.sqrt(size));
    // Coordinate 0 holds the clipped huge update's share, 0.5 / 3, plus noise.
    expect(Math.abs(data[0] - 0.5 / 3)).toBeLessThan(5 * expectedStd);
  });

  it('is refused with a strategy that is not an average', () => {
    expect(() =>
      validateCoordinatorConfig({
        ...MINIMAL_CONFIG,
        strategy: { name: 'fedadam' },
        privacy: { dp: { clipNorm: 1, noiseMultiplier: 1 } },
      }),
    ).toThrow(/privacy\.dp: DP-FedAvg works with strategy fedavg or fedprox/);
  });
});

describe('a DP-FedAvg run', () => {
  const run = coordinatorFixture();

  it('tells clients to clip, reports ε after every round and stops before exceeding the budget', async () => {
    const credentials = clientCredentials(2);
    const accountant = new RdpAccountant();
    accountant.compose(1, 1.2, 2);
    const afterTwo = accountant.spent(1e-5).epsilon;
    const afterThree = accountant.spent(1e-5, { samplingRate: 1, noiseMultiplier: 1.2 }).epsilon;
    const coordinator = await run.start({
      clients: credentials,
      rounds: 5,
      privacy: { dp: { clipNorm: 0.05, noiseMultiplier: 1.2, delta: 1e-5, epsilonBudget: (afterTwo + afterThree) / 2 } },
    });
    const clips: number[] = [];
    credentials.forEach((c, k) =>
      run.connect({
        token: c.token,
        onTrain: (i: TrainMessage, g: AdapterWeights): Message => {
          clips.push(i.clipNorm);
          const random = new SeededRandom(i.round * 10 + k);
          const update = makeAdapter([...g].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 1e-3) }]));
          return { kind: 'update', updateId: `${i.round}-${k}`, round: i.round, globalDigest: i.globalDigest, update: clipToNorm(update, i.clipNorm), numExamples: 10, trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 1 };
        },
      }),
    );
    await coordinator.finished;
    const rounds = coordinator.roundRecords();
    expect(rounds).toHaveLength(2);
    expect(coordinator.status().state).toBe('finished');
    expect(clips.every((c) => c === 0.05)).toBe(true);
    expect(rounds.map((r) => r.privacy?.epsilon)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(rounds[1].privacy!.epsilon).toBeGreaterThan(rounds[0].privacy!.epsilon);
    expect(rounds[1].privacy!.epsilon).toBeCloseTo(afterTwo, 10);
    expect(rounds[1].privacy!.sampling_rate).toBe(1);
    expect(coordinator.status().strategy).toBe('dp-fedavg');
  });
});

describe('privacy on the dashboard feed', () => {
  const run = coordinatorFixture();

  it('shows the ε spent beside the strategy metrics of each round', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials, privacy: { dp: { clipNorm: 0.05, noiseMultiplier: 1.2 } } });
    run.connect({
      token: credentials[0].token,
      onTrain: (i, g) => ({ kind: 'update', updateId: 'u', round: i.round, globalDigest: i.globalDigest, update: clipToNorm(g, 0), numExamples: 1, trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 1 }),
    });
    await coordinator.finished;
    const response = await fetch(`${coordinator.url}/api/v1/live`);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('epsilon_spent')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/"epsilon_spent":\d/);
  });
});
