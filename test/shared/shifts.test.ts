import { describe, expect, it } from 'vitest';
import { makeAdapter, type TensorData } from '../../shared/lora/adapter.js';
import { TensorMismatchError } from '../../shared/infra/errors.js';
import { baseDeltaTensorNames, loraScaling, loraTensorNames } from '../../shared/lora/lora.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { alignedDot, frobeniusNorm, loraProductNorm, moduleShifts, relativeShift, roundShifts } from '../../shared/lora/shifts.js';

function randomTensor(random: SeededRandom, shape: [number, number]): TensorData {
  return { shape, data: random.fillNormal(new Float32Array(shape[0] * shape[1]), 1) };
}

/** scaling · B A formed densely, [out, in] row-major in float64. */
function denseProduct(a: TensorData, b: TensorData, scaling: number): Float64Array {
  const [rank, inFeatures] = a.shape;
  const outFeatures = b.shape[0];
  const product = new Float64Array(outFeatures * inFeatures);
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++) {
      let entry = 0;
      for (let k = 0; k < rank; k++) entry += b.data[o * rank + k] * a.data[k * inFeatures + i];
      product[o * inFeatures + i] = scaling * entry;
    }
  }
  return product;
}

/** ‖scaling · B A‖_F with B A formed densely: the reference the factored computation must match. */
function denseDeltaNorm(a: TensorData, b: TensorData, scaling: number): number {
  return Math.hypot(...denseProduct(a, b, scaling));
}

const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('moduleShifts', () => {
  const cases = [
    { r: 1, inFeatures: 7, outFeatures: 5, alpha: 2, useRslora: false },
    { r: 4, inFeatures: 16, outFeatures: 24, alpha: 8, useRslora: false },
    { r: 4, inFeatures: 16, outFeatures: 24, alpha: 8, useRslora: true },
    { r: 8, inFeatures: 33, outFeatures: 9, alpha: 16, useRslora: true },
  ];
  for (const { r, inFeatures, outFeatures, alpha, useRslora } of cases) {
    it(`matches the dense ‖scaling · B A‖_F for r = ${r}, ${outFeatures}×${inFeatures}${useRslora ? ', rsLoRA' : ''}`, () => {
      const random = new SeededRandom(r * 100 + inFeatures);
      const scaling = loraScaling({ r, alpha, useRslora, targetModules: ['q_proj', 'v_proj'] });
      const entries: [string, TensorData][] = [];
      for (const path of ['model.layers.0.self_attn.q_proj', 'model.layers.1.self_attn.v_proj']) {
        const names = loraTensorNames(path);
        entries.push([names.a, randomTensor(random, [r, inFeatures])], [names.b, randomTensor(random, [outFeatures, r])]);
      }
      const adapter = makeAdapter(entries);
      const shifts = moduleShifts(adapter, scaling);
      expect(shifts.map((s) => [s.layer, s.module])).toEqual([
        [0, 'q_proj'],
        [1, 'v_proj'],
      ]);
      for (const shift of shifts) {
        const names = loraTensorNames(shift.modulePath);
        const want = denseDeltaNorm(adapter.get(names.a)!, adapter.get(names.b)!, scaling);
        expect(relativeError(shift.deltaNorm, want)).toBeLessThan(1e-5);
      }
    });
  }

  it('is zero for a fresh adapter (B = 0) and names modules outside the blocks without a layer', () => {
    const names = loraTensorNames('lm_head');
    const adapter = makeAdapter([
      [names.a, randomTensor(new SeededRandom(1), [2, 3])],
      [names.b, { shape: [4, 2], data: new Float32Array(8) }],
    ]);
    expect(moduleShifts(adapter, 2)).toEqual([{ modulePath: 'lm_head', layer: undefined, module: 'lm_head', deltaNorm: 0 }]);
  });

  it('refuses factors that do not multiply', () => {
    const random = new SeededRandom(2);
    expect(() => loraProductNorm(randomTensor(random, [2, 3]), randomTensor(random, [4, 3]))).toThrow(TensorMismatchError);
  });
});

describe('roundShifts', () => {
  const path = 'model.layers.2.mlp.down_proj';
  const names = loraTensorNames(path);
  const deltaNames = baseDeltaTensorNames(path);

  it('is the norm of the dense change of the product, B₁A₁ − B₀A₀, not of the factors’ changes', () => {
    const random = new SeededRandom(7);
    const [r, inFeatures, outFeatures, scaling] = [3, 11, 6, 2.5];
    const previous = makeAdapter([
      [names.a, randomTensor(random, [r, inFeatures])],
      [names.b, randomTensor(random, [outFeatures, r])],
    ]);
    const next = makeAdapter([
      [names.a, randomTensor(random, [r, inFeatures])],
      [names.b, randomTensor(random, [outFeatures, r])],
    ]);
    const before = denseProduct(previous.get(names.a)!, previous.get(names.b)!, scaling);
    const after = denseProduct(next.get(names.a)!, next.get(names.b)!, scaling);
    const want = Math.hypot(...after.map((v, i) => v - before[i]));
    const [shift] = [...roundShifts(previous, next, scaling)];
    expect(shift).toMatchObject({ modulePath: path, layer: 2, module: 'down_proj' });
    expect(relativeError(shift.deltaNorm, want)).toBeLessThan(1e-5);
    // The product of the factors' changes is another number: the round's change must not be computed that way.
    const naive = denseDeltaNorm(
      { shape: [r, inFeatures], data: next.get(names.a)!.data.map((v, i) => v - previous.get(names.a)!.data[i]) },
      { shape: [outFeatures, r], data: next.get(names.b)!.data.map((v, i) => v - previous.get(names.b)!.data[i]) },
      scaling,
    );
    expect(relativeError(naive, want)).toBeGreaterThan(0.01);
  });

  it('counts exact aggregation’s base deltas, whatever their rank, and is zero between equal adapters', () => {
    const random = new SeededRandom(8);
    const [r, inFeatures, outFeatures, scaling] = [2, 9, 7, 4];
    const adapter = (deltaRank: number) =>
      makeAdapter([
        [names.a, randomTensor(random, [r, inFeatures])],
        [names.b, randomTensor(random, [outFeatures, r])],
        [deltaNames.a, randomTensor(random, [deltaRank, inFeatures])],
        [deltaNames.b, randomTensor(random, [outFeatures, deltaRank])],
      ]);
    const previous = adapter(2);
    const next = adapter(5);
    const weight = (x: typeof next) => {
      const lora = denseProduct(x.get(names.a)!, x.get(names.b)!, scaling);
      const delta = denseProduct(x.get(deltaNames.a)!, x.get(deltaNames.b)!, 1);
      return lora.map((v, i) => v + delta[i]);
    };
    const [before, after] = [weight(previous), weight(next)];
    const want = Math.hypot(...after.map((v, i) => v - before[i]));
    expect(relativeError([...roundShifts(previous, next, scaling)][0].deltaNorm, want)).toBeLessThan(1e-5);
    expect(moduleShifts(next, scaling)[0].deltaNorm).toBeCloseTo(Math.hypot(...after), 3);
    expect([...roundShifts(next, next, scaling)][0].deltaNorm).toBeLessThan(1e-3 * want);
  });

  it('refuses a next adapter with a module the previous one lacks', () => {
    const random = new SeededRandom(9);
    const next = makeAdapter([
      [names.a, randomTensor(random, [2, 3])],
      [names.b, randomTensor(random, [4, 2])],
    ]);
    expect(() => [...roundShifts(makeAdapter([]), next, 1)]).toThrow(TensorMismatchError);
  });
});

describe('alignedDot', () => {
  it('equals the dot product with a lower-rank update zero-padded to the reference’s rank', () => {
    const random = new SeededRandom(10);
    const names = loraTensorNames('model.layers.0.self_attn.q_proj');
    const [rank, low, inFeatures, outFeatures] = [4, 2, 5, 3];
    const reference = makeAdapter([
      [names.a, randomTensor(random, [rank, inFeatures])],
      [names.b, randomTensor(random, [outFeatures, rank])],
    ]);
    const update = makeAdapter([
      [names.a, randomTensor(random, [low, inFeatures])],
      [names.b, randomTensor(random, [outFeatures, low])],
    ]);
    const paddedA = new Float32Array(rank * inFeatures);
    paddedA.set(update.get(names.a)!.data);
    const paddedB = new Float32Array(outFeatures * rank);
    for (let o = 0; o < outFeatures; o++) for (let k = 0; k < low; k++) paddedB[o * rank + k] = update.get(names.b)!.data[o * low + k];
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((sum, v, i) => sum + v * y[i], 0);
    const want = dot(paddedA, reference.get(names.a)!.data) + dot(paddedB, reference.get(names.b)!.data);
    expect(alignedDot(update, reference)).toBeCloseTo(want, 5);
    expect(() => alignedDot(reference, update)).toThrow(TensorMismatchError);
  });
});

describe('relativeShift', () => {
  it('divides by the base norm, and defines a zero base weight', () => {
    expect(relativeShift(frobeniusNorm(Float32Array.from([3, 4])), 10)).toBeCloseTo(0.5, 12);
    expect(relativeShift(1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeShift(0, 0)).toBe(0);
  });
});
