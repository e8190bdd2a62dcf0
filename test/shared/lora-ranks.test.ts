import { describe, expect, it } from 'vitest';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { layoutAtRank, truncateRank } from '../../shared/lora/lora-ranks.js';

const adapter = makeAdapter([
  ['m.lora_A.weight', { shape: [8, 5], data: new Float32Array(40) }],
  ['m.lora_B.weight', { shape: [6, 8], data: new Float32Array(48) }],
  ['m.bias', { shape: [6], data: new Float32Array(6) }],
]);

describe('layoutAtRank', () => {
  it('gives the shapes truncateRank produces, at lower, equal and higher ranks', () => {
    for (const rank of [1, 3, 8, 12]) {
      const shapes = (layout: ReadonlyMap<string, { readonly shape: readonly number[] }>) => [...layout].map(([name, t]) => [name, t.shape]);
      expect(shapes(layoutAtRank(adapter, rank))).toEqual(shapes(truncateRank(adapter, rank)));
    }
    expect(layoutAtRank(adapter, 3).get('m.lora_B.weight')!.shape).toEqual([6, 3]);
  });
});
