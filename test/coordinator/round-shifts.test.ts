/** What a round changed, computed from adapters and updates alone (no coordinator): the cases the runs do not reach. */
import { describe, expect, it } from 'vitest';
import { computeRoundShifts, MAX_MODULE_NORM_MULTIPLY_ADDS } from '../../coordinator/round/round-shifts.js';
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { baseDeltaTensorNames, loraTensorNames } from '../../shared/lora/lora.js';
import { truncateRank } from '../../shared/lora/lora-ranks.js';

const PATH = 'model.layers.0.self_attn.q_proj';
const names = loraTensorNames(PATH);
const lora = { r: 4, alpha: 8, targetModules: ['q_proj'] };

function randomAdapter(seed: number, extra: [string, TensorData][] = []): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([
    [names.a, { shape: [4, 6], data: random.fillNormal(new Float32Array(24), 0.1) }],
    [names.b, { shape: [5, 4], data: random.fillNormal(new Float32Array(20), 0.1) }],
    ...extra,
  ]);
}

const kept = (clientId: string, adapter: AdapterWeights) => ({ clientId, load: async () => ({ adapter }) });
const flatten = (adapter: AdapterWeights): number[] => [...adapter.values()].flatMap((t) => [...t.data]);

describe('computeRoundShifts', () => {
  it('compares a client of a lower rank on its leading components, as if its update were zero-padded', async () => {
    const previous = randomAdapter(1);
    const next = randomAdapter(2);
    const full = randomAdapter(3);
    const low = truncateRank(full, 2);
    const shifts = await computeRoundShifts(1, previous, next, lora, { missing: 'none here' }, { updates: [kept('low', low)] });
    // The zero-padded update: the truncated components, zeros elsewhere.
    const padded = flatten(
      makeAdapter(
        [...full].map(([name, t]) => [name, { shape: t.shape, data: t.data.map((v, i) => (name === names.a ? (i < 12 ? v : 0) : i % 4 < 2 ? v : 0)) }]),
      ),
    );
    const aggregate = flatten(next).map((v, i) => v - flatten(previous)[i]);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    const want = dot(padded, aggregate) / Math.sqrt(dot(padded, padded) * dot(aggregate, aggregate));
    expect(shifts.clients).toEqual([
      { id: 'low', update_norm: expect.closeTo(Math.sqrt(dot(padded, padded)), 6), cosine: expect.closeTo(want, 6), outlier: false },
    ]);
    expect(shifts.base_norms_missing).toBe('none here');
  });

  it('gives no per-client figures with exact aggregation, whose rounds each train a fresh adapter, but measures the weight change', async () => {
    const random = new SeededRandom(4);
    const delta = baseDeltaTensorNames(PATH);
    const deltas = (rank: number): [string, TensorData][] => [
      [delta.a, { shape: [rank, 6], data: random.fillNormal(new Float32Array(rank * 6), 0.1) }],
      [delta.b, { shape: [5, rank], data: random.fillNormal(new Float32Array(5 * rank), 0.1) }],
    ];
    const shifts = await computeRoundShifts(
      2,
      randomAdapter(5, deltas(4)),
      randomAdapter(6, deltas(8)),
      lora,
      { missing: '-' },
      { updates: [kept('c', randomAdapter(7))] },
    );
    expect(shifts.clients).toEqual([]);
    expect(shifts.clients_missing).toMatch(/exact LoRA aggregation/);
    expect(shifts.modules).toHaveLength(1);
    expect(shifts.modules[0].delta_norm).toBeGreaterThan(0);
    expect(shifts.total_delta_norm).toBeCloseTo(shifts.modules[0].delta_norm, 12);
  });

  it('skips an update that can no longer be read, and gives a null cosine for a zero update', async () => {
    const previous = randomAdapter(1);
    const zero = makeAdapter([...previous].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length) }]));
    const shifts = await computeRoundShifts(
      1,
      previous,
      randomAdapter(2),
      lora,
      { norms: new Map([[PATH, 2]]) },
      {
        updates: [{ clientId: 'lost', load: async () => undefined }, kept('zero', zero)],
      },
    );
    expect(shifts.clients).toEqual([{ id: 'zero', update_norm: 0, cosine: null, outlier: false }]);
    expect(shifts.modules[0].relative_change).toBeCloseTo(shifts.modules[0].delta_norm / 2, 12);
  });

  it('skips the module norms of a rank whose exact norms would cost minutes, saying why, and still compares the clients', async () => {
    // (in + out)·(2r)² = 4096 · 2048² = 1.7·10¹⁰ multiply-adds, twice the budget.
    const [r, width] = [1024, 2048];
    const wide = (value: number): AdapterWeights =>
      makeAdapter([
        [names.a, { shape: [r, width], data: new Float32Array(r * width).fill(value) }],
        [names.b, { shape: [width, r], data: new Float32Array(width * r).fill(value) }],
      ]);
    expect(2 * width * (2 * r) ** 2).toBeGreaterThan(MAX_MODULE_NORM_MULTIPLY_ADDS);
    const wideLora = { ...lora, r };
    const shifts = await computeRoundShifts(1, wide(0), wide(0.001), wideLora, { missing: 'none here' }, { updates: [kept('one', wide(0.002))] });
    expect(shifts.modules).toEqual([]);
    expect(shifts.modules_missing).toMatch(/cost 1\.7e\+10 multiply-adds a round, over the 8\.6e\+9/);
    expect(shifts.clients).toEqual([
      { id: 'one', update_norm: expect.closeTo(0.002 * Math.sqrt(2 * r * width), 6), cosine: expect.closeTo(1, 6), outlier: false },
    ]);
  });
});
