import { describe, expect, it } from 'vitest';
import { clipToNorm, l2Norm, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { RdpAccountant } from '../../shared/privacy/rdp-accountant.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { DpFedAvg } from '../../coordinator/strategies/dp-fedavg.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import { poissonSample } from '../../coordinator/strategies/poisson-sampling.js';
import { MINIMAL_CONFIG, clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';
import { noiseShareStd } from '../../coordinator/round/secure-aggregation.js';
import { runCli } from '../helpers/processes.js';
import { roundsSchema } from '../helpers/api-schemas.js';
import type { ScriptedClient } from '../helpers/scripted-client.js';
import { randomUpdateLike, updateReply } from '../helpers/lora-runs.js';

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, k) => `client-${k + 1}`);
}

function moments(data: Float32Array): { mean: number; std: number } {
  let sum = 0;
  let squares = 0;
  for (const v of data) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / data.length;
  return { mean, std: Math.sqrt(squares / data.length - mean * mean) };
}

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

  it('divides the sum of the clipped updates by the expected count q·N and adds Gaussian noise of std z·C/(qN)', () => {
    const size = 20_000;
    const global = vector(new Float32Array(size));
    // Ten configured clients sampled with q = 0.3: three expected per round.
    const strategy = new DpFedAvg(new FedAvg(), { clipNorm: 0.5, noiseMultiplier: 2, samplingRate: 0.3, population: ids(10) });
    const aggregation = strategy.beginAggregation(global);
    // One zero update and one huge one (clipped to norm 0.5), with very different example counts: two updates of
    // the three expected, and still divided by three.
    aggregation.add('a', vector(new Float32Array(size)), 1000);
    const huge = new Float32Array(size);
    huge[0] = 1000;
    aggregation.add('c', vector(huge), 1);
    const { adapter, metrics } = aggregation.finish();
    const data = adapter.get('w')!.data;
    const expectedStd = (2 * 0.5) / 3;
    expect(metrics.dp_noise_std).toBeCloseTo(expectedStd, 12);
    expect(metrics.dp_clipped_updates).toBe(1);
    const { mean, std } = moments(data.subarray(1));
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean)).toBeLessThan((5 * expectedStd) / Math.sqrt(size));
    // Coordinate 0 holds the clipped huge update over the expected count, 0.5 / 3, plus noise.
    expect(Math.abs(data[0] - 0.5 / 3)).toBeLessThan(5 * expectedStd);
  });

  it('makes a round that no sampled client answered a step of noise only', () => {
    const size = 20_000;
    const global = vector(new Float32Array(size).fill(1));
    const strategy = new DpFedAvg(new FedAvg(), { clipNorm: 0.5, noiseMultiplier: 2, samplingRate: 0.5, population: ids(4) });
    const aggregation = strategy.beginAggregation(global);
    expect(aggregation.updateCount).toBe(0);
    const { adapter, metrics } = aggregation.finish();
    expect(metrics.dp_noise_std).toBeCloseTo((2 * 0.5) / 2, 12);
    const { mean, std } = moments(adapter.get('w')!.data);
    expect(Math.abs(std / 0.5 - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean - 1)).toBeLessThan((5 * 0.5) / Math.sqrt(size));
  });

  it('turns the secure mean of the survivors back into their sum over q·N', () => {
    const strategy = new DpFedAvg(new FedAvg(), {
      clipNorm: 0.5,
      noiseMultiplier: 2,
      adaptiveClipping: { targetQuantile: 0.5, learningRate: 0.2, countNoiseStd: 2 },
      distributedNoise: true,
      samplingRate: 1,
      population: ids(4),
    });
    const aggregation = strategy.beginAggregation(vector([0, 0]));
    // Two survivors of four configured clients: their mean 0.2, 0.4 is a sum of 0.4, 0.8.
    aggregation.addSecureMean!({ mean: vector([0.2, 0.4]), weight: 2, count: 2, noiseStd: 0.1, unclippedFraction: 0.9 });
    const { adapter, metrics } = aggregation.finish();
    expect([...adapter.get('w')!.data]).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(metrics.dp_noise_std).toBeCloseTo(0.05, 12);
    // b̄ − ½ = 0.4 over the two survivors is a noisy Σ(b_k − ½) of 0.8, over the four expected: 0.2.
    expect(metrics.dp_unclipped_fraction).toBeCloseTo(0.7, 12);
  });

  it('samples every configured client with probability q, online or not, from an unpredictable source', () => {
    const population = ids(20);
    const q = 0.25;
    const draws = 4000;
    const counts = new Map(population.map((id) => [id, 0]));
    const sizes = new Set<number>();
    for (let i = 0; i < draws; i++) {
      const sample = poissonSample(population, q);
      sizes.add(sample.length);
      for (const id of sample) counts.set(id, counts.get(id)! + 1);
    }
    const sigma = Math.sqrt(draws * q * (1 - q));
    for (const count of counts.values()) expect(Math.abs(count - draws * q)).toBeLessThan(5 * sigma);
    // The sample's size is Binomial(20, q), not fixed.
    expect(sizes.size).toBeGreaterThan(5);
    expect(poissonSample(population, 1)).toEqual(population);

    // Two of twenty configured clients online: each still takes part with probability q, never more.
    const strategy = new DpFedAvg(new FedAvg(), { clipNorm: 1, noiseMultiplier: 1, samplingRate: q, population });
    const online = ['client-3', 'client-7'];
    let taken = 0;
    const samples = new Set<string>();
    for (let i = 0; i < draws; i++) {
      // The same seed every time: the draw does not come from it.
      const sample = strategy.sampleClients(online, { fraction: q, minClients: 2 }, new SeededRandom(1));
      expect(sample.every((id) => online.includes(id))).toBe(true);
      taken += sample.length;
      samples.add(sample.join());
    }
    expect(Math.abs(taken - 2 * draws * q)).toBeLessThan(5 * Math.sqrt(2 * draws * q * (1 - q)));
    expect(samples.size).toBe(4);
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

  it('refuses what Poisson sampling cannot keep: retries under q < 1, and secure aggregation with q < 1', () => {
    const clients = ['a', 'b', 'c', 'd'].map((id) => ({ id, token: id.repeat(20) }));
    const dp = { clipNorm: 1, noiseMultiplier: 1 };
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, clients, minClients: 2, fraction: 0.5, minUpdates: 2, privacy: { dp } })).toThrow(
      /minUpdates: under DP with fraction 0\.5/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, clients, minClients: 2, fraction: 0.5, privacy: { dp, secureAggregation: {} } })).toThrow(
      /fraction: with secure aggregation and DP every ready client takes part/,
    );
    expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, clients, fraction: 0.5, privacy: { dp } }).fraction).toBe(0.5);
    expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, clients, minClients: 2, fraction: 0.5, minUpdates: 2 }).minUpdates).toBe(2);
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
          return updateReply(i, clipToNorm(randomUpdateLike(g, i.round * 10 + k), i.clipNorm), 10);
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

/** ε as `fedlora privacy-budget` reports it. */
async function privacyBudget(samplingRate: number, noiseMultiplier: number, rounds: number, delta: number): Promise<number> {
  const run = runCli([
    'privacy-budget',
    '--noise-multiplier',
    `${noiseMultiplier}`,
    '--sampling-rate',
    `${samplingRate}`,
    '--rounds',
    `${rounds}`,
    '--delta',
    `${delta}`,
  ]);
  const { code, stdout } = await run.done;
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { epsilon: number }).epsilon;
}

describe('ε with clients offline', () => {
  const run = coordinatorFixture();

  /** Connects the first `online` of `credentials`, each answering with a random update clipped as told; `trained` lists `round:client`. */
  function connectSome(credentials: { token: string }[], online: number): { trained: string[]; clients: ScriptedClient[] } {
    const trained: string[] = [];
    const clients = credentials.slice(0, online).map((c, k) =>
      run.connect({
        token: c.token,
        onTrain: (i: TrainMessage, g: AdapterWeights): Message => {
          trained.push(`${i.round}:${k}`);
          return updateReply(i, clipToNorm(randomUpdateLike(g, i.round * 10 + k), i.clipNorm), 10);
        },
      }),
    );
    return { trained, clients };
  }

  it('takes every online client with fraction 1 and reports the ε of q = 1, however many are configured', async () => {
    // Twenty configured, two online: every round uses both, so q is 1, not 2/20.
    const credentials = clientCredentials(20);
    const coordinator = await run.start({
      clients: credentials,
      minClients: 2,
      rounds: 2,
      privacy: { dp: { clipNorm: 0.05, noiseMultiplier: 1.1, delta: 1e-5 } },
    });
    connectSome(credentials, 2);
    await coordinator.finished;
    const rounds = coordinator.roundRecords();
    expect(rounds.map((r) => [r.participants, r.privacy!.sampling_rate])).toEqual([
      [2, 1],
      [2, 1],
    ]);
    expect(rounds[1].privacy!.epsilon).toBeCloseTo(await privacyBudget(1, 1.1, 2, 1e-5), 10);
    // Two updates of the twenty expected: the sum is divided by twenty, and so is the noise.
    expect(rounds[0].strategy_metrics.dp_noise_std).toBeCloseTo((1.1 * 0.05) / 20, 12);
  });

  it('samples each configured client with probability fraction, accounts that q and stops at the budget with it', async () => {
    const q = 0.5;
    const accountant = new RdpAccountant();
    accountant.compose(q, 0.9, 4);
    const afterFour = accountant.spent(1e-5).epsilon;
    const afterFive = accountant.spent(1e-5, { samplingRate: q, noiseMultiplier: 0.9 }).epsilon;
    // Six configured, two online: a round trains those of the two that its draw took, possibly none.
    const credentials = clientCredentials(6);
    const coordinator = await run.start({
      clients: credentials,
      minClients: 2,
      fraction: q,
      rounds: 10,
      privacy: { dp: { clipNorm: 0.05, noiseMultiplier: 0.9, delta: 1e-5, epsilonBudget: (afterFour + afterFive) / 2 } },
    });
    const { trained } = connectSome(credentials, 2);
    await coordinator.finished;
    const rounds = coordinator.roundRecords();
    expect(rounds).toHaveLength(4);
    expect(rounds.every((r) => r.privacy!.sampling_rate === q && r.attempts === 1)).toBe(true);
    expect(rounds.map((r) => r.participants)).toEqual(rounds.map((r) => trained.filter((t) => t.startsWith(`${r.round}:`)).length));
    expect(rounds.every((r) => r.strategy_metrics.dp_noise_std === (0.9 * 0.05) / (q * 6))).toBe(true);
    expect(rounds[3].privacy!.epsilon).toBeCloseTo(await privacyBudget(q, 0.9, 4, 1e-5), 10);
  });

  it('records a round that drew nobody online as a step of noise, and a resumed run composes each round at its recorded q', async () => {
    const credentials = clientCredentials(20);
    const dp = { clipNorm: 0.05, noiseMultiplier: 1.3, delta: 1e-5 };
    // Two of twenty online with q = 0.01: a round draws neither of them 98 % of the time.
    const first = await run.start({ clients: credentials, minClients: 2, fraction: 0.01, rounds: 3, privacy: { dp } });
    const { clients } = connectSome(credentials, 2);
    await first.finished;
    const published = roundsSchema.parse(await (await fetch(`${first.url}/api/v1/rounds`)).json());
    expect(published.some((r) => r.participants === 0 && r.train_loss === null)).toBe(true);
    expect(published.every((r) => r.privacy!.sampling_rate === 0.01)).toBe(true);
    expect(published[2].privacy!.epsilon).toBeCloseTo(await privacyBudget(0.01, 1.3, 3, 1e-5), 10);
    clients.forEach((c) => c.close());
    await first.close();

    // Resumed with every client sampled: the first three rounds keep their q.
    const second = await run.start({ clients: credentials, runDir: first.runDir, minClients: 2, rounds: 4, privacy: { dp } });
    connectSome(credentials, 2);
    await second.finished;
    const rounds = second.roundRecords();
    expect(rounds.map((r) => r.privacy!.sampling_rate)).toEqual([0.01, 0.01, 0.01, 1]);
    expect(rounds[3].participants).toBe(2);
    const accountant = new RdpAccountant();
    accountant.compose(0.01, 1.3, 3);
    accountant.compose(1, 1.3);
    expect(rounds[3].privacy!.epsilon).toBeCloseTo(accountant.spent(1e-5).epsilon, 10);
  });
});

describe('ε with secure aggregation and clients offline', () => {
  const run = coordinatorFixture();

  it("takes every ready client, accounts q = 1 and applies the survivors' noisy sum over all configured clients", async () => {
    // Four configured, three online: each round's secure sum covers the three, and q is 1, not 3/4.
    const credentials = clientCredentials(4);
    const dp = { clipNorm: 0.02, noiseMultiplier: 0.8, delta: 1e-5 };
    const coordinator = await run.start({ clients: credentials, minClients: 3, privacy: { dp, secureAggregation: { range: 0.5 } } });
    await trainWithRealClients(coordinator, credentials.slice(0, 3));
    const rounds = coordinator.roundRecords();
    expect(rounds.map((r) => [r.secure_aggregation?.survivors, r.privacy!.sampling_rate])).toEqual([[3, 1]]);
    expect(rounds[0].privacy!.epsilon).toBeCloseTo(await privacyBudget(1, 0.8, 1, 1e-5), 10);
    // Each of the three added a share of std zC/√(3 − D); their sum, over the four configured clients.
    const share = noiseShareStd(0.8 * 0.02, 3, 1);
    expect(rounds[0].strategy_metrics.dp_noise_std).toBeCloseTo((Math.sqrt(3) * share) / 4, 12);
  }, 60_000);
});

describe('privacy on the dashboard feed', () => {
  const run = coordinatorFixture();

  it('shows the ε spent beside the strategy metrics of each round', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials, privacy: { dp: { clipNorm: 0.05, noiseMultiplier: 1.2 } } });
    run.connect({
      token: credentials[0].token,
      onTrain: (i, g) => ({
        kind: 'update',
        updateId: 'u',
        round: i.round,
        globalDigest: i.globalDigest,
        update: clipToNorm(g, 0),
        numExamples: 1,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      }),
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
