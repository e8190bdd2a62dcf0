import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../shared/adapter.js';
import { TensorMismatchError } from '../shared/errors.js';
import { SeededRandom } from '../shared/random.js';
import { FedAvg } from '../coordinator/strategies/fedavg.js';

function randomAdapter(random: SeededRandom, scale: number): AdapterWeights {
  return makeAdapter([
    ['a', { shape: [3, 5], data: random.fillNormal(new Float32Array(15), scale) }],
    ['b', { shape: [7, 3], data: random.fillNormal(new Float32Array(21), scale) }],
  ]);
}

describe('FedAvg', () => {
  it('adds the example-weighted mean of the updates to the global adapter', () => {
    const random = new SeededRandom(7);
    const global = randomAdapter(random, 1);
    const clients = [3, 50, 1, 17].map((n) => ({ n, update: randomAdapter(random, 1e-3) }));
    const aggregation = new FedAvg().beginAggregation(global);
    for (const { n, update } of clients) aggregation.add(update, n);
    const next = aggregation.finish();

    // Independent computation: explicit probabilities p_k = n_k / N, element by element.
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
    updates.forEach((u) => forward.add(u.update, u.n));
    [...updates].reverse().forEach((u) => backward.add(u.update, u.n));
    expect([...forward.finish().get('a')!.data]).toEqual([...backward.finish().get('a')!.data]);
  });

  it('with a single client applies its whole update', () => {
    const random = new SeededRandom(3);
    const global = randomAdapter(random, 1);
    const update = randomAdapter(random, 0.5);
    const aggregation = new FedAvg().beginAggregation(global);
    aggregation.add(update, 42);
    const next = aggregation.finish();
    const a = next.get('a')!.data;
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(global.get('a')!.data[i] + update.get('a')!.data[i], 6);
  });

  it('refuses updates of another layout, bad weights and empty rounds', () => {
    const random = new SeededRandom(5);
    const global = randomAdapter(random, 1);
    const aggregation = new FedAvg().beginAggregation(global);
    const wrong = makeAdapter([['a', { shape: [5, 3], data: new Float32Array(15) }], ['b', { shape: [7, 3], data: new Float32Array(21) }]]);
    expect(() => aggregation.add(wrong, 1)).toThrow(TensorMismatchError);
    expect(() => aggregation.add(randomAdapter(random, 1), 0)).toThrow(RangeError);
    expect(() => aggregation.finish()).toThrow(/without updates/);
  });

  it('samples max(minClients, ceil(fraction·n)) distinct clients, reproducibly', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const a = new FedAvg().sampleClients(ids, { fraction: 0.3, minClients: 2 }, new SeededRandom(1));
    const b = new FedAvg().sampleClients(ids, { fraction: 0.3, minClients: 2 }, new SeededRandom(1));
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(a).toEqual(b);
    expect(new FedAvg().sampleClients(ids, { fraction: 0.1, minClients: 4 }, new SeededRandom(1))).toHaveLength(4);
    expect(new FedAvg().sampleClients(ids.slice(0, 2), { fraction: 1, minClients: 5 }, new SeededRandom(1))).toHaveLength(2);
  });
});
