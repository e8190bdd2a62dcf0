import { describe, expect, it } from 'vitest';
import { makeAdapter, type TensorData } from '../../shared/lora/adapter.js';
import { TensorMismatchError } from '../../shared/infra/errors.js';
import { loraScaling, loraTensorNames } from '../../shared/lora/lora.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { frobeniusNorm, loraProductNorm, moduleShifts, relativeShift } from '../../shared/lora/shifts.js';

function randomTensor(random: SeededRandom, shape: [number, number]): TensorData {
  return { shape, data: random.fillNormal(new Float32Array(shape[0] * shape[1]), 1) };
}

/** ‖scaling · B A‖_F with B A formed densely: the reference the factored computation must match. */
function denseDeltaNorm(a: TensorData, b: TensorData, scaling: number): number {
  const [rank, inFeatures] = a.shape;
  const outFeatures = b.shape[0];
  let sum = 0;
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++) {
      let entry = 0;
      for (let k = 0; k < rank; k++) entry += b.data[o * rank + k] * a.data[k * inFeatures + i];
      sum += (scaling * entry) ** 2;
    }
  }
  return Math.sqrt(sum);
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

describe('relativeShift', () => {
  it('divides by the base norm, and defines a zero base weight', () => {
    expect(relativeShift(frobeniusNorm(Float32Array.from([3, 4])), 10)).toBeCloseTo(0.5, 12);
    expect(relativeShift(1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeShift(0, 0)).toBe(0);
  });
});
