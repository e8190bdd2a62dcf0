/**
 * 4-bit NormalFloat (NF4) quantisation as bitsandbytes does it (Dettmers et al., "QLoRA", 2023; bitsandbytes'
 * `quantize_4bit` with `quant_type="nf4"` and its CUDA kernels `kQuantizeBlockwise` / `kDequantizeBlockwise`):
 *
 * - values are quantised in blocks of 64 consecutive elements (row-major), each with its fp32 absmax;
 * - a value is multiplied by the float32 reciprocal of its block's absmax and mapped to one of 16 code values by
 *   bitsandbytes' decision tree, whose thresholds are the midpoints between neighbouring codes;
 * - two 4-bit codes per byte, the first value of each pair in the high nibble;
 * - optionally ("double quantisation", `compress_statistics=True`) the absmax values less their mean are themselves
 *   quantised in blocks of 256 to 8 bits with bitsandbytes' signed dynamic map, and that mean kept as `offset`;
 * - dequantised, a value is code · absmax in float32 (absmax = dynamicMap[q] · absmax₂ + offset when nested).
 *
 * Free of tfjs: the model loader quantises each checkpoint tensor as it is read, and the matrix products
 * dequantise (shared/model/nf4-matmul.ts; inside the product in native/cpu-kernels/src/nf4.cc and
 * shared/model/nf4-webgpu.ts).
 */
import { elementCount } from '../lora/adapter.js';

export const NF4_BLOCK_SIZE = 64;
/** Block size of the nested 8-bit quantisation of the absmax values. */
export const ABSMAX_BLOCK_SIZE = 256;

/** bitsandbytes' NF4 code book (`get_4bit_type("nf4")`, `dDequantizeNF4`): float32 values, index = 4-bit code. */
export const NF4_CODE = Float32Array.of(
  -1.0,
  -0.6961928009986877,
  -0.5250730514526367,
  -0.39491748809814453,
  -0.28444138169288635,
  -0.18477343022823334,
  -0.09105003625154495,
  0.0,
  0.07958029955625534,
  0.16093020141124725,
  0.24611230194568634,
  0.33791524171829224,
  0.44070982933044434,
  0.5626170039176941,
  0.7229568362236023,
  1.0,
);

/**
 * The thresholds of bitsandbytes' `dQuantizeNF4` (float literals there, so float32 here), ascending: a value's
 * code is the number of thresholds it exceeds, which is what the decision tree returns (NaN exceeds none).
 */
const NF4_THRESHOLDS = Float32Array.of(
  -0.8480964004993439,
  -0.6106329262256622,
  -0.4599952697753906,
  -0.33967943489551544,
  -0.23460740596055984,
  -0.13791173323988914,
  -0.045525018125772476,
  0.03979014977812767,
  0.1202552504837513,
  0.2035212516784668,
  0.2920137718319893,
  0.3893125355243683,
  0.5016634166240692,
  0.6427869200706482,
  0.8614784181118011,
);

/** The absmax values quantised to 8 bits (double quantisation). */
export interface NestedAbsmax {
  /** One 8-bit index into `code` per NF4 block. */
  readonly quantized: Uint8Array;
  /** The fp32 absmax of each block of ABSMAX_BLOCK_SIZE quantised absmax values. */
  readonly absmax: Float32Array;
  /** The mean of the absmax values, subtracted before quantising them. */
  readonly offset: number;
  /** The 256-value signed dynamic map the indices refer to. */
  readonly code: Float32Array;
}

/** What a backend keeps of an Nf4Tensor on its own device (a GPU's buffers), freed with the tensor. */
export interface DeviceCopy {
  dispose(): void;
}

/** A tensor held as NF4: `shape` as stored, `codes` two per byte, and the scale of each block of 64. */
export class Nf4Tensor {
  /** By the backend that made it: uploaded once, reused by every product on that backend until dispose(). */
  private readonly deviceCopies = new Map<object, DeviceCopy>();

  constructor(
    readonly shape: readonly number[],
    readonly codes: Uint8Array,
    readonly absmax: Float32Array | NestedAbsmax,
  ) {}

  get size(): number {
    return elementCount(this.shape);
  }

  /** Bytes held: the codes and the block scales (nested ones included). */
  get byteLength(): number {
    const scales = this.absmax instanceof Float32Array ? this.absmax.byteLength : this.absmax.quantized.byteLength + this.absmax.absmax.byteLength;
    return this.codes.byteLength + scales;
  }

  /** The fp32 absmax of every block of 64, dequantised when nested. */
  blockScales(): Float32Array {
    return this.absmax instanceof Float32Array ? this.absmax : dequantizeBlockwise8bit(this.absmax);
  }

  /** The copy of this tensor that `backend` keeps, made by `upload` on first use. */
  deviceCopy<T extends DeviceCopy>(backend: object, upload: () => T): T {
    let copy = this.deviceCopies.get(backend);
    if (!copy) {
      copy = upload();
      this.deviceCopies.set(backend, copy);
    }
    return copy as T;
  }

  /** Frees the backends' copies (the codes themselves are host memory, collected with the tensor). */
  dispose(): void {
    for (const copy of this.deviceCopies.values()) copy.dispose();
    this.deviceCopies.clear();
  }

  /** Every value as float32, code · absmax as bitsandbytes computes it. */
  dequantize(): Float32Array {
    const scales = this.blockScales();
    const out = new Float32Array(this.size);
    for (let i = 0; i < out.length; i++) {
      const byte = this.codes[i >> 1];
      out[i] = NF4_CODE[i & 1 ? byte & 0x0f : byte >> 4] * scales[Math.floor(i / NF4_BLOCK_SIZE)];
    }
    return out;
  }
}

/** Blockwise absmax of `values`: fp32 maximum of |x| per block (0 for a block of zeros). */
function blockAbsmax(values: Float32Array, blockSize: number): Float32Array {
  const absmax = new Float32Array(Math.ceil(values.length / blockSize));
  for (let block = 0; block < absmax.length; block++) {
    let max = 0;
    const end = Math.min(values.length, (block + 1) * blockSize);
    for (let i = block * blockSize; i < end; i++) {
      const magnitude = Math.abs(values[i]);
      // As bitsandbytes' fmaxf: a NaN value does not become the maximum.
      if (magnitude > max) max = magnitude;
    }
    absmax[block] = max;
  }
  return absmax;
}

/** The NF4 code of a value already scaled into [−1, 1]: the number of thresholds it exceeds, by bisection. */
function nf4Code(scaled: number): number {
  let low = 0;
  let high = NF4_THRESHOLDS.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (scaled > NF4_THRESHOLDS[middle]) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Quantises `values` (row-major, of `shape`) to NF4 in blocks of 64, with the absmax values quantised again when
 * `doubleQuant` is set. A trailing partial block is padded with zeros, as bitsandbytes pads it.
 */
export function quantizeNf4(values: Float32Array, shape: readonly number[], doubleQuant = false): Nf4Tensor {
  if (values.length !== elementCount(shape)) throw new RangeError(`shape [${shape.join(', ')}] does not hold ${values.length} values`);
  const absmax = blockAbsmax(values, NF4_BLOCK_SIZE);
  const codes = new Uint8Array(Math.ceil(values.length / 2));
  for (let block = 0; block < absmax.length; block++) {
    // 1 / absmax in float32, then a float32 product: the kernel's `vals[j] * (1.0f / local_abs_max)`.
    const reciprocal = Math.fround(1 / absmax[block]);
    const end = Math.min(2 * codes.length, (block + 1) * NF4_BLOCK_SIZE);
    // Blocks start at even indices: whole bytes, the first value of each pair in the high nibble.
    for (let i = block * NF4_BLOCK_SIZE; i < end; i += 2) {
      const first = nf4Code(Math.fround(values[i] * reciprocal));
      const second = i + 1 < values.length ? nf4Code(Math.fround(values[i + 1] * reciprocal)) : nf4Code(0);
      codes[i >> 1] = (first << 4) | second;
    }
  }
  return new Nf4Tensor([...shape], codes, doubleQuant ? quantizeAbsmax(absmax) : absmax);
}

// ---------------------------------------------------------------------------------------------------------------
// Double quantisation: bitsandbytes' 8-bit blockwise quantisation with its signed dynamic map

/**
 * `torch.linspace(start, end, steps)` in float32 as its scalar CPU kernel computes it: the first half counts up
 * from start, the second half down from end. (torch's vectorised loop, used for runs of 16 or more, computes some
 * points as base + i·step and may differ from this in the last bit.)
 */
function linspace32(start: number, end: number, steps: number): Float32Array {
  const [from, to] = [Math.fround(start), Math.fround(end)];
  const step = Math.fround((to - from) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  return Float32Array.from({ length: steps }, (_, i) =>
    i < halfway ? Math.fround(from + Math.fround(step * i)) : Math.fround(to - Math.fround(step * (steps - i - 1))),
  );
}

/**
 * bitsandbytes' `create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8)`: for each exponent
 * 10^(i−6), i = 0…6, the midpoints of 2^i + 1 points spaced evenly over [0.1, 1], with both signs; then 0 and 1;
 * sorted. 256 float32 values.
 */
export function signedDynamicMap(): Float32Array {
  const values: number[] = [0, 1];
  for (let i = 0; i < 7; i++) {
    const boundaries = linspace32(0.1, 1, 2 ** i + 1);
    const scale = Math.fround(10 ** (i - 6));
    for (let j = 0; j + 1 < boundaries.length; j++) {
      const mean = Math.fround(Math.fround(boundaries[j] + boundaries[j + 1]) / 2);
      const value = Math.fround(scale * mean);
      values.push(value, -value);
    }
  }
  return Float32Array.from(values).sort();
}

let dynamicMap: Float32Array | undefined;

/**
 * bitsandbytes' `dQuantize` (non-stochastic): a binary search over the 256 sorted code values from index 127, then
 * the nearer of the two neighbours by their float32 midpoint.
 */
function quantize8bit(code: Float32Array, x: number): number {
  let pivot = 127;
  let upperPivot = 255;
  let lowerPivot = 0;
  let lower = -1;
  let upper = 1;
  let value = code[pivot];
  for (let step = 64; step > 0; step >>= 1) {
    if (x > value) {
      lowerPivot = pivot;
      lower = value;
      pivot += step;
    } else {
      upperPivot = pivot;
      upper = value;
      pivot -= step;
    }
    value = code[pivot];
  }
  if (upperPivot === 255) upper = code[upperPivot];
  if (lowerPivot === 0) lower = code[lowerPivot];
  if (x > value) return x > Math.fround(Math.fround(upper + value) * 0.5) ? upperPivot : pivot;
  return x < Math.fround(Math.fround(lower + value) * 0.5) ? lowerPivot : pivot;
}

/**
 * `quantize_4bit`'s `compress_statistics`: offset = mean(absmax); the rest quantised blockwise to 8 bits. The mean
 * is summed in float64 and rounded once to float32 (torch's float32 reduction may round it an ulp apart; the
 * offset is stored, so dequantisation does not depend on how it was computed).
 */
function quantizeAbsmax(absmax: Float32Array): NestedAbsmax {
  dynamicMap ??= signedDynamicMap();
  let sum = 0;
  for (const value of absmax) sum += value;
  const offset = Math.fround(sum / absmax.length);
  const centred = absmax.map((value) => Math.fround(value - offset));
  const scales = blockAbsmax(centred, ABSMAX_BLOCK_SIZE);
  const quantized = new Uint8Array(centred.length);
  for (let i = 0; i < centred.length; i++) {
    quantized[i] = quantize8bit(dynamicMap, Math.fround(centred[i] * Math.fround(1 / scales[Math.floor(i / ABSMAX_BLOCK_SIZE)])));
  }
  return { quantized, absmax: scales, offset, code: dynamicMap };
}

/** `dequantize_blockwise(absmax, state2) + offset`, in float32. */
function dequantizeBlockwise8bit({ quantized, absmax, offset, code }: NestedAbsmax): Float32Array {
  return Float32Array.from(quantized, (q, i) => Math.fround(Math.fround(code[q] * absmax[Math.floor(i / ABSMAX_BLOCK_SIZE)]) + offset));
}
