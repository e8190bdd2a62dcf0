/**
 * How an update's values travel: fp32 (exact), fp16 or bf16 (round to nearest even), or int8 — symmetric, one
 * scale per rank component of each LoRA factor (rows of A [r, in], columns of B [out, r]), with stochastic
 * rounding so that the quantization error is zero on average. Error bounds per value x (scale s = max|x|/127
 * over its rank component): fp16 |x|·2⁻¹¹ + 2⁻²⁵ (values below 2⁻¹⁴ ≈ 6.1e-5 are subnormal, so fp16 loses
 * relative precision on the tiny values LoRA updates often hold: prefer bf16), bf16 |x|·2⁻⁸, int8 s (one step).
 * The client quantizes, and with error feedback adds what quantization dropped to its next update.
 */
import { add, elementCount, makeAdapter, subtract, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import type { SeededRandom } from '../infra/random.js';
import { bfloat16ToFloat32Array, float16ToFloat32Array, float32ToBfloat16Array, float32ToFloat16Array } from '../infra/half-floats.js';

export const UPDATE_ENCODINGS = ['fp32', 'fp16', 'bf16', 'int8'] as const;
export type UpdateEncoding = (typeof UPDATE_ENCODINGS)[number];

/** One tensor in its wire form. */
export interface WireTensor {
  readonly encoding: UpdateEncoding;
  readonly shape: readonly number[];
  /** Little-endian values of the encoding's type. */
  readonly bytes: Uint8Array;
  /** int8: one scale per index along `scaleAxis`, or a single scale for the whole tensor. */
  readonly scales?: Float32Array;
  readonly scaleAxis?: number;
}

export type WireAdapter = ReadonlyMap<string, WireTensor>;

export const BYTES_PER_VALUE: Record<UpdateEncoding, number> = { fp32: 4, fp16: 2, bf16: 2, int8: 1 };

function byteView(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** The rank dimension of a LoRA factor; undefined for any other tensor (one scale for all of it). */
export function rankAxis(name: string, shape: readonly number[]): number | undefined {
  if (shape.length !== 2) return undefined;
  if (name.endsWith('lora_A.weight')) return 0;
  if (name.endsWith('lora_B.weight')) return 1;
  return undefined;
}

function quantizeInt8(name: string, tensor: TensorData, random: SeededRandom): WireTensor {
  const axis = rankAxis(name, tensor.shape);
  const columns = tensor.shape.length === 2 ? tensor.shape[1] : tensor.data.length;
  const groups = axis === undefined ? 1 : tensor.shape[axis];
  const groupOf = (i: number): number => (axis === undefined ? 0 : axis === 0 ? Math.floor(i / columns) : i % columns);
  const maxAbs = new Float32Array(groups);
  tensor.data.forEach((v, i) => {
    const g = groupOf(i);
    maxAbs[g] = Math.max(maxAbs[g], Math.abs(v));
  });
  const scales = maxAbs.map((m) => (m > 0 ? m / 127 : 1));
  const quantized = new Int8Array(tensor.data.length);
  for (let i = 0; i < quantized.length; i++) {
    const x = tensor.data[i] / scales[groupOf(i)];
    const floor = Math.floor(x);
    // Stochastic rounding: up with probability equal to the fractional part, so E[q] = x.
    quantized[i] = Math.max(-127, Math.min(127, floor + (random.next() < x - floor ? 1 : 0)));
  }
  return { encoding: 'int8', shape: tensor.shape, bytes: byteView(quantized), scales, scaleAxis: axis };
}

export function encodeTensor(name: string, tensor: TensorData, encoding: UpdateEncoding, random: SeededRandom): WireTensor {
  switch (encoding) {
    case 'fp32':
      return { encoding, shape: tensor.shape, bytes: byteView(tensor.data) };
    case 'fp16':
      return { encoding, shape: tensor.shape, bytes: byteView(float32ToFloat16Array(tensor.data)) };
    case 'bf16':
      return { encoding, shape: tensor.shape, bytes: byteView(float32ToBfloat16Array(tensor.data)) };
    case 'int8':
      return quantizeInt8(name, tensor, random);
  }
}

/** `random` drives int8's stochastic rounding; the other encodings are deterministic and need none. */
export function encodeAdapterAs(adapter: AdapterWeights, encoding: UpdateEncoding, random?: SeededRandom): WireAdapter {
  if (encoding === 'int8' && !random) throw new Error('int8 encoding needs a random source for stochastic rounding');
  return new Map([...adapter].map(([name, t]) => [name, encodeTensor(name, t, encoding, random!)]));
}

/** `bytes` as a typed array of `Type`, in place when aligned, else copied once. */
function typedView<T extends Uint16Array | Int8Array | Float32Array>(
  Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  bytes: Uint8Array,
): T {
  const length = bytes.byteLength / Type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, bytes.byteOffset, length);
  return new Type(new Uint8Array(bytes).buffer, 0, length);
}

/** The float32 values a wire tensor stands for (a view for fp32 when aligned). */
export function decodeTensor(tensor: WireTensor): Float32Array {
  switch (tensor.encoding) {
    case 'fp32':
      return typedView(Float32Array, tensor.bytes);
    case 'fp16':
      return float16ToFloat32Array(typedView(Uint16Array, tensor.bytes));
    case 'bf16':
      return bfloat16ToFloat32Array(typedView(Uint16Array, tensor.bytes));
    case 'int8': {
      const quantized = typedView(Int8Array, tensor.bytes);
      const scales = tensor.scales!;
      const columns = tensor.shape.length === 2 ? tensor.shape[1] : quantized.length;
      const out = new Float32Array(quantized.length);
      for (let i = 0; i < out.length; i++) {
        const g = tensor.scaleAxis === undefined ? 0 : tensor.scaleAxis === 0 ? Math.floor(i / columns) : i % columns;
        out[i] = quantized[i] * scales[g];
      }
      return out;
    }
  }
}

export function decodeWireAdapter(adapter: WireAdapter): AdapterWeights {
  return makeAdapter([...adapter].map(([name, t]) => [name, { shape: [...t.shape], data: decodeTensor(t) }]));
}

/** Number of scales an int8 tensor must carry. */
export function expectedScaleCount(shape: readonly number[], scaleAxis: number | undefined): number {
  return scaleAxis === undefined ? 1 : shape[scaleAxis];
}

export function wireByteLength(shape: readonly number[], encoding: UpdateEncoding): number {
  return elementCount(shape) * BYTES_PER_VALUE[encoding];
}

/**
 * The client side of update encodings: quantizes each round's update and, with error feedback, adds what the
 * previous round's quantization dropped before quantizing (Seide et al. 2014; Karimireddy et al. 2019), so that
 * the sum of what was sent tracks the sum of the true updates.
 */
export class UpdateEncoder {
  private residual: AdapterWeights | undefined;

  /** The values the coordinator will see and, unless fp32, their wire form. */
  encode(
    update: AdapterWeights,
    encoding: UpdateEncoding,
    errorFeedback: boolean,
    random: SeededRandom,
  ): { readonly values: AdapterWeights; readonly wire: WireAdapter | undefined } {
    if (encoding === 'fp32') {
      this.residual = undefined;
      return { values: update, wire: undefined };
    }
    const carried = errorFeedback && this.residual !== undefined && sameNamesAndShapes(this.residual, update);
    const corrected = carried ? add(update, this.residual!) : update;
    const wire = encodeAdapterAs(corrected, encoding, random);
    const values = decodeWireAdapter(wire);
    this.residual = errorFeedback ? subtract(corrected, values) : undefined;
    return { values, wire };
  }
}

function sameNamesAndShapes(a: AdapterWeights, b: AdapterWeights): boolean {
  return a.size === b.size && [...a].every(([name, t]) => b.get(name)?.shape.join() === t.shape.join());
}
