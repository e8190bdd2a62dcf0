/**
 * NF4 quantisation against an independent reference written here from bitsandbytes' CUDA kernels
 * (csrc/kernels.cu: `kQuantizeBlockwise`, `dQuantizeNF4`'s decision tree, `dQuantize`, `kDequantizeBlockwise`) and
 * `functional.py` (`quantize_4bit` with `compress_statistics`, `create_dynamic_map`): codes, scales and dequantised
 * values must agree to the bit.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../shared/infra/random.js';
import { NF4_CODE, quantizeNf4, signedDynamicMap, type NestedAbsmax } from '../../shared/model/nf4.js';

const f32 = Math.fround;

/** bitsandbytes' `dQuantizeNF4`, its decision tree as written there. */
function referenceNf4Code(x: number): number {
  if (x > f32(0.03979014977812767)) {
    if (x > f32(0.3893125355243683)) {
      if (x > f32(0.6427869200706482)) return x > f32(0.8614784181118011) ? 0b1111 : 0b1110;
      return x > f32(0.5016634166240692) ? 0b1101 : 0b1100;
    }
    if (x > f32(0.2035212516784668)) return x > f32(0.2920137718319893) ? 0b1011 : 0b1010;
    return x > f32(0.1202552504837513) ? 0b1001 : 0b1000;
  }
  if (x > f32(-0.33967943489551544)) {
    if (x > f32(-0.13791173323988914)) return x > f32(-0.045525018125772476) ? 0b0111 : 0b0110;
    return x > f32(-0.23460740596055984) ? 0b0101 : 0b0100;
  }
  if (x > f32(-0.6106329262256622)) return x > f32(-0.4599952697753906) ? 0b0011 : 0b0010;
  return x > f32(-0.8480964004993439) ? 0b0001 : 0b0000;
}

/** Blockwise: per block the max |x|, its float32 reciprocal, and each scaled value's code (zeros pad the tail). */
function referenceQuantize(values: Float32Array, blockSize: number, quantize: (x: number) => number): { codes: number[]; absmax: Float32Array } {
  const blocks = Math.ceil(values.length / blockSize);
  const absmax = new Float32Array(blocks);
  const codes: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const block = Array.from({ length: blockSize }, (_, j) => values[b * blockSize + j] ?? 0);
    absmax[b] = block.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
    const reciprocal = f32(1 / absmax[b]);
    for (const x of block) codes.push(quantize(f32(x * reciprocal)));
  }
  return { codes: codes.slice(0, values.length + (values.length % 2)), absmax };
}

function referencePack(codes: readonly number[]): Uint8Array {
  return Uint8Array.from({ length: codes.length / 2 }, (_, i) => (codes[2 * i] << 4) | codes[2 * i + 1]);
}

/** `create_dynamic_map(signed=True)` from its definition, with torch.linspace's float32 arithmetic. */
function referenceDynamicMap(): number[] {
  const data = [0, 1];
  for (let i = 0; i < 7; i++) {
    const n = 2 ** i + 1;
    const step = f32((f32(1) - f32(0.1)) / (n - 1));
    const points = [];
    for (let j = 0; j < n; j++) points.push(j < Math.floor(n / 2) ? f32(f32(0.1) + f32(step * j)) : f32(f32(1) - f32(step * (n - 1 - j))));
    for (let j = 0; j < n - 1; j++) {
      const value = f32(f32(10 ** (-6 + i)) * f32(f32(points[j] + points[j + 1]) / 2));
      data.push(value, -value);
    }
  }
  return data.sort((a, b) => a - b);
}

/** The nearest code value, ties to the lower one, by float32 midpoints between neighbours. */
function nearestIndex(code: readonly number[], x: number): number {
  let index = 0;
  while (index < code.length - 1 && x > f32(f32(code[index] + code[index + 1]) * 0.5)) index++;
  return index;
}

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

function weights(count: number, seed: number): Float32Array {
  const values = new SeededRandom(seed).fillNormal(new Float32Array(count), 0.02);
  // Blocks of very different scales, and one of zeros, as real weights have.
  for (let i = 0; i < count; i++) values[i] *= 1 + 50 * ((Math.floor(i / 64) * 7) % 5 === 0 ? 1 : 0);
  values.fill(0, 128, Math.min(count, 192));
  return values;
}

describe('NF4 quantisation', () => {
  it('codes, absmax and dequantised values equal the bitsandbytes reference to the bit', () => {
    for (const [shape, seed] of [
      [[48, 96], 1],
      [[7, 75], 2], // 525 values: a partial last block and an odd count
      [[1, 3], 3],
    ] as [number[], number][]) {
      const values = weights(shape[0] * shape[1], seed);
      const quantized = quantizeNf4(values, shape);
      const reference = referenceQuantize(values, 64, referenceNf4Code);
      expect(quantized.shape).toEqual(shape);
      expect(Array.from(quantized.codes)).toEqual(Array.from(referencePack(reference.codes)));
      expect(bits(quantized.blockScales())).toEqual(bits(reference.absmax));
      const dequantized = Float32Array.from(values, (_, i) => f32(NF4_CODE[reference.codes[i]] * reference.absmax[Math.floor(i / 64)]));
      expect(bits(quantized.dequantize())).toEqual(bits(dequantized));
    }
  });

  it('packs the first value of a pair in the high nibble, with the code values of bitsandbytes', () => {
    // Scaled by absmax 2: 1, −1, 0, 0.25 (just above the 0.2035 midpoint: code 10), −0.5 (between −0.46 and −0.61: code 2).
    const quantized = quantizeNf4(Float32Array.of(2, -2, 0, 0.5, -1, 0), [6]);
    expect(Array.from(quantized.codes)).toEqual([0xf0, 0x7a, 0x27]);
    expect(Array.from(quantized.dequantize())).toEqual([2, -2, 0, f32(0.24611230194568634) * 2, f32(-0.5250730514526367) * 2, 0]);
    expect(NF4_CODE).toHaveLength(16);
  });

  it('the signed dynamic map has 256 sorted values, symmetric about 0 at index 127, up to 1', () => {
    const code = signedDynamicMap();
    expect(Array.from(code)).toEqual(referenceDynamicMap());
    expect(code).toHaveLength(256);
    expect(code[127]).toBe(0);
    expect(code[255]).toBe(1);
    for (let k = 1; k <= 127; k++) expect(code[127 + k]).toBe(-code[127 - k]);
    expect(code[128]).toBe(f32(f32(1e-6) * f32(f32(f32(0.1) + f32(1)) / 2)));
  });

  it('double quantisation: absmax less its mean, 8-bit in blocks of 256, dequantised to the bit', () => {
    // 640 blocks of 64: two full blocks of 256 absmax values and a partial one.
    const values = weights(640 * 64, 4);
    const quantized = quantizeNf4(values, [640, 64], true);
    const nested = quantized.absmax as NestedAbsmax;
    const { codes, absmax } = referenceQuantize(values, 64, referenceNf4Code);
    expect(Array.from(quantized.codes)).toEqual(Array.from(referencePack(codes)));

    const offset = f32(absmax.reduce((sum, x) => sum + x, 0) / absmax.length);
    const centred = absmax.map((x) => f32(x - offset));
    const map = referenceDynamicMap();
    const second = referenceQuantize(centred, 256, (x) => nearestIndex(map, x));
    expect(nested.offset).toBe(offset);
    expect(bits(nested.absmax)).toEqual(bits(second.absmax));
    expect(Array.from(nested.quantized)).toEqual(second.codes);

    const scales = Float32Array.from(second.codes, (q, b) => f32(f32(map[q] * second.absmax[Math.floor(b / 256)]) + offset));
    expect(bits(quantized.blockScales())).toEqual(bits(scales));
    const dequantized = Float32Array.from(values, (_, i) => f32(NF4_CODE[codes[i]] * scales[Math.floor(i / 64)]));
    expect(bits(quantized.dequantize())).toEqual(bits(dequantized));
    // Double quantisation saves 3.5 bytes of every 4 per block scale.
    expect(quantized.byteLength).toBe(values.length / 2 + 640 + 3 * 4);
  });
});
