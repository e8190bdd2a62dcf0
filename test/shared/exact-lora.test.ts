import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adapterDigest, makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { selectBackend } from '../../shared/model/backend.js';
import { TensorMismatchError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { baseDeltaTensorNames, initialAdapter, loraTensorNames, trainedPart, type LoraConfig, type LoraTarget } from '../../shared/lora/lora.js';
import { atRank, effectiveRank, truncateRank, zeroPadRank } from '../../shared/lora/lora-ranks.js';
import { LoraLayers } from '../../shared/model/lora-layers.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import { loraAwareStrategy } from '../../coordinator/strategies/lora-aggregation.js';
import { factoredSvd, matrix, smallSvd, thinQr, truncateSvd, type Matrix } from '../../coordinator/strategies/low-rank.js';

// Dense reference maths, written out here independently of the code under test.
type Dense = number[][];

function dense(rows: number, cols: number, data: ArrayLike<number>): Dense {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => data[i * cols + j]));
}
const ofMatrix = (m: Matrix): Dense => dense(m.rows, m.cols, m.data);
const ofTensor = (t: TensorData): Dense => dense(t.shape[0], t.shape[1], t.data);
const zeros = (rows: number, cols: number): Dense => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

function mul(a: Dense, b: Dense): Dense {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, x, k) => sum + x * b[k][j], 0)));
}
const plus = (a: Dense, b: Dense, scale = 1): Dense => a.map((row, i) => row.map((x, j) => x + scale * b[i][j]));
const frobenius = (a: Dense): number => Math.sqrt(a.flat().reduce((sum, x) => sum + x * x, 0));
const maxAbsDifference = (a: Dense, b: Dense): number => Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - b[i][j]))));
const transposed = (a: Dense): Dense => a[0].map((_, j) => a.map((row) => row[j]));

function randomMatrix(random: SeededRandom, rows: number, cols: number): Matrix {
  return matrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => random.normal()),
  );
}

/** Columns made orthonormal by classical Gram–Schmidt. */
function orthonormalColumns(random: SeededRandom, rows: number, cols: number): Dense {
  const columns: number[][] = [];
  for (let j = 0; j < cols; j++) {
    let v = Array.from({ length: rows }, () => random.normal());
    for (const u of columns) {
      const dot = v.reduce((sum, x, i) => sum + x * u[i], 0);
      v = v.map((x, i) => x - dot * u[i]);
    }
    const norm = Math.hypot(...v);
    columns.push(v.map((x) => x / norm));
  }
  return transposed(columns);
}

describe('low-rank maths', () => {
  const random = new SeededRandom(7);

  it('thin QR: orthonormal q, upper-triangular r, q·r = a (tall and wide)', () => {
    for (const [rows, cols] of [
      [9, 4],
      [4, 9],
    ]) {
      const a = randomMatrix(random, rows, cols);
      const { q, r } = thinQr(a);
      expect([q.rows, q.cols, r.rows, r.cols]).toEqual([rows, Math.min(rows, cols), Math.min(rows, cols), cols]);
      expect(maxAbsDifference(mul(ofMatrix(q), ofMatrix(r)), ofMatrix(a))).toBeLessThan(1e-12);
      const gram = mul(transposed(ofMatrix(q)), ofMatrix(q));
      gram.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (i === j ? 1 : 0))).toBeLessThan(1e-12)));
      ofMatrix(r).forEach((row, i) => row.forEach((x, j) => j < i && expect(x).toBe(0)));
    }
  });

  it('small SVD: u·diag(s)·vᵀ = a with decreasing singular values', () => {
    for (const [rows, cols] of [
      [6, 4],
      [3, 7],
    ]) {
      const a = randomMatrix(random, rows, cols);
      const { u, s, v } = smallSvd(a);
      const us = ofMatrix(u).map((row) => row.map((x, j) => x * s[j]));
      expect(maxAbsDifference(mul(us, transposed(ofMatrix(v))), ofMatrix(a))).toBeLessThan(1e-12);
      for (let j = 1; j < s.length; j++) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
    }
  });

  it('SVD of a product of thin factors: reproduces b·a, rank capped at min(m, n)', () => {
    const b = randomMatrix(random, 7, 12);
    const a = randomMatrix(random, 12, 5);
    const svd = factoredSvd(b, a);
    expect(svd.sigma.length).toBe(5);
    const product = mul(
      ofMatrix(svd.left).map((row) => row.map((x, j) => x * svd.sigma[j])),
      ofMatrix(svd.right),
    );
    expect(maxAbsDifference(product, mul(ofMatrix(b), ofMatrix(a)))).toBeLessThan(1e-10);
  });

  it('truncation to rank r keeps the r largest singular directions and reports the relative Frobenius error', () => {
    const sigma = [5, 3, 1, 0.5];
    const u = orthonormalColumns(random, 10, 4);
    const v = orthonormalColumns(random, 8, 4);
    const target = mul(
      u.map((row) => row.map((x, j) => x * sigma[j])),
      transposed(v),
    );
    // Mix the factors with an invertible 4×4 so that they are not already an SVD.
    const mix = [
      [2, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 3],
      [0, 0, 0, 1],
    ];
    const mixInverse = [
      [0.5, -0.5, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, -3],
      [0, 0, 0, 1],
    ];
    const b = mul(
      u.map((row) => row.map((x, j) => x * sigma[j])),
      mix,
    );
    const a = mul(mixInverse, transposed(v));
    const { b: tb, a: ta, relativeError } = truncateSvd(factoredSvd(matrix(10, 4, b.flat()), matrix(4, 8, a.flat())), 2, 2);
    const best = mul(
      u.map((row) => row.slice(0, 2).map((x, j) => x * sigma[j])),
      transposed(v).slice(0, 2),
    );
    expect(
      maxAbsDifference(
        mul(ofMatrix(tb), ofMatrix(ta)).map((row) => row.map((x) => 2 * x)),
        best,
      ),
    ).toBeLessThan(1e-10);
    expect(relativeError).toBeCloseTo(Math.sqrt(1 + 0.25) / Math.sqrt(25 + 9 + 1 + 0.25), 12);
    expect(frobenius(plus(target, best, -1)) / frobenius(target)).toBeCloseTo(relativeError, 12);
  });
});

// Two modules; the run's rank 16; three clients of ranks 4, 8 and 16 with 10, 30 and 60 examples.
const targets: LoraTarget[] = [
  { modulePath: 'model.layers.0.self_attn.q_proj', inFeatures: 24, outFeatures: 20 },
  { modulePath: 'model.layers.0.self_attn.v_proj', inFeatures: 24, outFeatures: 12 },
];
const lora: LoraConfig = { r: 16, alpha: 32, targetModules: ['q_proj', 'v_proj'] };
const scaling = 2;
const ranks = [4, 8, 16];
const weights = [10, 30, 60];

/** A random update (ΔA, ΔB) of a client of `rank` from the global adapter. */
function randomUpdate(random: SeededRandom, global: AdapterWeights, rank: number): AdapterWeights {
  return makeAdapter(
    [...truncateRank(trainedPart(global, lora), rank)].map(([name, t]) => [
      name,
      { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.3) },
    ]),
  );
}

/** Client k's trained factors (global truncated to its rank, plus its update). */
function clientFactors(global: AdapterWeights, update: AdapterWeights, modulePath: string): { b: Dense; a: Dense } {
  const names = loraTensorNames(modulePath);
  const start = truncateRank(global, update.get(names.a)!.shape[0]);
  return { b: plus(ofTensor(start.get(names.b)!), ofTensor(update.get(names.b)!)), a: plus(ofTensor(start.get(names.a)!), ofTensor(update.get(names.a)!)) };
}

/** Σ_k p_k · s · B_k A_k for one module, densely. */
function exactAggregate(global: AdapterWeights, updates: readonly AdapterWeights[], modulePath: string, target: LoraTarget): Dense {
  const total = weights.reduce((x, y) => x + y, 0);
  return updates.reduce(
    (sum, update, k) => {
      const { b, a } = clientFactors(global, update, modulePath);
      return plus(sum, mul(b, a), (weights[k] / total) * scaling);
    },
    zeros(target.outFeatures, target.inFeatures),
  );
}

function baseDelta(adapter: AdapterWeights, modulePath: string): Dense {
  const names = baseDeltaTensorNames(modulePath);
  return mul(ofTensor(adapter.get(names.b)!), ofTensor(adapter.get(names.a)!));
}

describe('exact LoRA aggregation', () => {
  const initial = initialAdapter(targets, lora.r, 3);

  function round(strategy: ReturnType<typeof loraAwareStrategy>, global: AdapterWeights, updates: readonly AdapterWeights[]) {
    const aggregation = strategy.beginAggregation(trainedPart(global, lora));
    updates.forEach((update, k) => aggregation.add(`client-${k + 1}`, update, weights[k]));
    return aggregation.finish();
  }

  it('after a round the weight change equals the dense Σ p_k·(alpha/r)·B_k·A_k, at mixed ranks, and keeps adding up', () => {
    const random = new SeededRandom(11);
    const strategy = loraAwareStrategy(new FedAvg(), 'exact', lora, initial);
    const first = strategy.currentGlobal!();
    const updates1 = ranks.map((rank) => randomUpdate(random, first, rank));
    const result1 = round(strategy, first, updates1);
    const second = strategy.currentGlobal!();
    expect(result1.adapter).toBe(second);
    expect(result1.metrics.update_ranks).toEqual({ 'client-1': 4, 'client-2': 8, 'client-3': 16 });
    const expected1 = targets.map((t) => exactAggregate(first, updates1, t.modulePath, t));
    targets.forEach((t, m) => expect(maxAbsDifference(baseDelta(second, t.modulePath), expected1[m])).toBeLessThan(1e-5));

    // The next round starts from a fresh adapter: a new A, B = 0.
    for (const t of targets) {
      const names = loraTensorNames(t.modulePath);
      expect(second.get(names.b)!.data.every((x) => x === 0)).toBe(true);
      expect([...second.get(names.a)!.data]).not.toEqual([...first.get(names.a)!.data]);
    }
    const updates2 = ranks.map((rank) => randomUpdate(random, second, rank));
    round(strategy, second, updates2);
    const third = strategy.currentGlobal!();
    targets.forEach((t, m) => {
      const expected = plus(expected1[m], exactAggregate(second, updates2, t.modulePath, t));
      expect(maxAbsDifference(baseDelta(third, t.modulePath), expected)).toBeLessThan(1e-5);
      // Accumulated factors never exceed min(in, out) components.
      expect(third.get(baseDeltaTensorNames(t.modulePath).a)!.shape[0]).toBeLessThanOrEqual(Math.min(t.inFeatures, t.outFeatures));
    });
  });

  it('gives the same global adapter, bit for bit, whatever order the updates arrive in', () => {
    const random = new SeededRandom(17);
    const updates = ranks.map((rank) => randomUpdate(random, initial, rank));
    const digests = [
      [0, 1, 2],
      [2, 0, 1],
    ].map((order) => {
      const strategy = loraAwareStrategy(new FedAvg(), 'exact', lora, initial);
      const aggregation = strategy.beginAggregation(trainedPart(initial, lora));
      for (const k of order) aggregation.add(`client-${k + 1}`, updates[k], weights[k]);
      return adapterDigest(aggregation.finish().adapter);
    });
    expect(digests[1]).toBe(digests[0]);
  });

  it('refuses an update of another layout, a bad weight and an empty round, and keeps its global adapter', () => {
    const strategy = loraAwareStrategy(new FedAvg(), 'exact', lora, initial);
    const before = adapterDigest(strategy.currentGlobal!());
    const aggregation = strategy.beginAggregation(trainedPart(initial, lora));
    const update = randomUpdate(new SeededRandom(18), initial, 4);
    const names = loraTensorNames(targets[0].modulePath);
    expect(() => aggregation.add('client-1', makeAdapter([...update].filter(([name]) => name !== names.b)), 10)).toThrow(TensorMismatchError);
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => aggregation.add('client-1', update, weight)).toThrow(/positive number of examples/);
    }
    expect(aggregation.updateCount).toBe(0);
    expect(() => aggregation.finish()).toThrow(/without updates/);
    expect(adapterDigest(strategy.currentGlobal!())).toBe(before);
  });

  it('checkpoints ΔW re-factorised to rank r, with the truncation error it reports', () => {
    const random = new SeededRandom(12);
    const strategy = loraAwareStrategy(new FedAvg(), 'exact', lora, initial);
    const global = strategy.currentGlobal!();
    const updates = ranks.map((rank) => randomUpdate(random, global, rank));
    const { checkpoint, metrics } = round(strategy, global, updates);
    let error2 = 0;
    let norm2 = 0;
    for (const t of targets) {
      const names = loraTensorNames(t.modulePath);
      expect(checkpoint!.get(names.a)!.shape).toEqual([16, t.inFeatures]);
      expect(checkpoint!.get(names.b)!.shape).toEqual([t.outFeatures, 16]);
      const exact = exactAggregate(global, updates, t.modulePath, t);
      const exported = mul(ofTensor(checkpoint!.get(names.b)!), ofTensor(checkpoint!.get(names.a)!)).map((row) => row.map((x) => scaling * x));
      error2 += frobenius(plus(exact, exported, -1)) ** 2;
      norm2 += frobenius(exact) ** 2;
    }
    // q_proj's ΔW has rank 20 > 16: something is cut, and the reported error is what the export really misses.
    expect(metrics.truncation_error as number).toBeGreaterThan(0.01);
    expect(Math.abs(Math.sqrt(error2 / norm2) - (metrics.truncation_error as number))).toBeLessThan(1e-5);
    expect(metrics.base_delta_rank).toBe(20);
  });

  it('fedavg on the same input misses by ½ Σ p_k p_l s (B_k − B_l)(A_k − A_l)', () => {
    const random = new SeededRandom(13);
    const strategy = loraAwareStrategy(new FedAvg(), 'fedavg', lora, initial);
    const updates = ranks.map((rank) => randomUpdate(random, initial, rank));
    const next = round(strategy, initial, updates).adapter;
    const total = weights.reduce((x, y) => x + y, 0);
    const p = weights.map((w) => w / total);
    for (const t of targets) {
      const names = loraTensorNames(t.modulePath);
      const applied = mul(ofTensor(next.get(names.b)!), ofTensor(next.get(names.a)!)).map((row) => row.map((x) => scaling * x));
      const exact = exactAggregate(initial, updates, t.modulePath, t);
      // Zero-padded factors: B_k has zero columns beyond its rank, A_k keeps the global rows there.
      const padded = updates.map((update) => {
        const full = zeroPadRank(update, trainedPart(initial, lora));
        return { b: ofTensor(full.get(names.b)!), a: plus(ofTensor(initial.get(names.a)!), ofTensor(full.get(names.a)!)) };
      });
      let predicted = zeros(t.outFeatures, t.inFeatures);
      for (let k = 0; k < 3; k++) {
        for (let l = 0; l < 3; l++) {
          const term = mul(plus(padded[k].b, padded[l].b, -1), plus(padded[k].a, padded[l].a, -1));
          predicted = plus(predicted, term, 0.5 * p[k] * p[l] * scaling);
        }
      }
      const error = plus(exact, applied, -1);
      expect(frobenius(error) / frobenius(exact)).toBeGreaterThan(0.05);
      expect(maxAbsDifference(error, predicted)).toBeLessThan(1e-5);
    }
  });

  it('a client of lower rank trains the leading components with the run scaling', () => {
    const { adapter, lora: local } = atRank(initial, lora, 4);
    const names = loraTensorNames(targets[0].modulePath);
    expect(adapter.get(names.a)!.shape).toEqual([4, 24]);
    expect([...adapter.get(names.a)!.data]).toEqual([...initial.get(names.a)!.data.slice(0, 4 * 24)]);
    expect(local.alpha / local.r).toBe(scaling);
    expect(atRank(initial, { ...lora, useRslora: true }, 4).lora.alpha / Math.sqrt(4)).toBeCloseTo(32 / Math.sqrt(16), 12);
    // No rank announced, or one above the run's: the run's.
    expect([effectiveRank(0, 16), effectiveRank(32, 16), effectiveRank(4, 16)]).toEqual([16, 16, 4]);
  });

  it('zero-pads a lower-rank update to the run rank and refuses one that does not fit', () => {
    const update = randomUpdate(new SeededRandom(16), initial, 4);
    const layout = trainedPart(initial, lora);
    const padded = zeroPadRank(update, layout);
    const names = loraTensorNames(targets[0].modulePath);
    const a = ofTensor(padded.get(names.a)!);
    const b = ofTensor(padded.get(names.b)!);
    expect(a.slice(0, 4)).toEqual(ofTensor(update.get(names.a)!));
    expect(
      a
        .slice(4)
        .flat()
        .every((x) => x === 0),
    ).toBe(true);
    expect(b.map((row) => row.slice(0, 4))).toEqual(ofTensor(update.get(names.b)!));
    expect(b.flatMap((row) => row.slice(4)).every((x) => x === 0)).toBe(true);
    const tooWide = makeAdapter([[names.a, { shape: [20, 24], data: new Float32Array(480) }]]);
    expect(() => zeroPadRank(tooWide, layout)).toThrow(/does not pad to \[16, 24\]/);
  });

  it('an initial adapter with a non-zero B is folded into the base deltas', () => {
    const random = new SeededRandom(14);
    const start = makeAdapter([...initial].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.1) }]));
    const global = loraAwareStrategy(new FedAvg(), 'exact', lora, start).currentGlobal!();
    for (const t of targets) {
      const names = loraTensorNames(t.modulePath);
      const expected = mul(ofTensor(start.get(names.b)!), ofTensor(start.get(names.a)!)).map((row) => row.map((x) => scaling * x));
      expect(maxAbsDifference(baseDelta(global, t.modulePath), expected)).toBeLessThan(1e-5);
      expect(global.get(names.b)!.data.every((x) => x === 0)).toBe(true);
    }
  });
});

describe('clients fold the base deltas into the layer', () => {
  beforeAll(async () => {
    await selectBackend('cpu', silentLogger());
  });

  it('the layer adds x·(ΔW + s·B·A)ᵀ', async () => {
    const random = new SeededRandom(15);
    const target: LoraTarget = { modulePath: 'm', inFeatures: 6, outFeatures: 5 };
    const small: LoraConfig = { r: 2, alpha: 4, targetModules: ['m'] };
    const names = loraTensorNames('m');
    const deltaNames = baseDeltaTensorNames('m');
    const tensor = (rows: number, cols: number): TensorData => ({ shape: [rows, cols], data: random.fillNormal(new Float32Array(rows * cols), 1) });
    const adapter = makeAdapter([
      [names.a, tensor(2, 6)],
      [names.b, tensor(5, 2)],
      [deltaNames.a, tensor(3, 6)],
      [deltaNames.b, tensor(5, 3)],
    ]);
    const layers = new LoraLayers();
    layers.load([target], small, adapter);
    const x = tensor(4, 6);
    const got = tf.tidy(() => layers.adapt(tf.tensor2d(x.data, [4, 6]), tf.zeros([4, 5]), 'm', false).arraySync());
    const weightChange = plus(
      mul(ofTensor(adapter.get(deltaNames.b)!), ofTensor(adapter.get(deltaNames.a)!)),
      mul(ofTensor(adapter.get(names.b)!), ofTensor(adapter.get(names.a)!)),
      2,
    );
    expect(maxAbsDifference(got, mul(ofTensor(x), transposed(weightChange)))).toBeLessThan(1e-4);
    // Only the adapter is trained and read back.
    expect([...(await layers.read()).keys()]).toEqual([names.a, names.b]);
    expect(layers.variables()).toHaveLength(2);
    layers.dispose();
  });
});
