/**
 * Conversions between float32 and the two 16-bit float formats of checkpoints and compact updates: IEEE binary16
 * (`F16`) and bfloat16 (`BF16`), rounding to nearest even, NaN kept NaN.
 */

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** float32 → IEEE binary16 bits, rounding to nearest even; overflow gives ±Inf, NaN stays NaN. */
export function float32ToFloat16Bits(value: number): number {
  scratchFloat[0] = value;
  return float16FromFloat32Bits(scratchBits[0]);
}

/** IEEE binary16 bits → float32 value (exact: every half, subnormals included, is a float32). */
export function float16BitsToFloat32(bits: number): number {
  scratchBits[0] = float32BitsFromFloat16(bits);
  return scratchFloat[0];
}

/** float32 → bfloat16 bits, rounding to nearest even; NaN stays NaN. */
export function float32ToBfloat16Bits(value: number): number {
  scratchFloat[0] = value;
  return bfloat16FromFloat32Bits(scratchBits[0]);
}

/** bfloat16 bits → float32 value (exact: the upper half of a float32). */
export function bfloat16BitsToFloat32(bits: number): number {
  scratchBits[0] = (bits & 0xffff) << 16;
  return scratchFloat[0];
}

export function float32ToFloat16Array(values: Float32Array): Uint16Array {
  const input = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const output = new Uint16Array(values.length);
  for (let i = 0; i < input.length; i++) output[i] = float16FromFloat32Bits(input[i]);
  return output;
}

export function float16ToFloat32Array(bits: Uint16Array): Float32Array {
  const output = new Float32Array(bits.length);
  const outputBits = new Uint32Array(output.buffer);
  for (let i = 0; i < bits.length; i++) outputBits[i] = float32BitsFromFloat16(bits[i]);
  return output;
}

export function float32ToBfloat16Array(values: Float32Array): Uint16Array {
  const input = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const output = new Uint16Array(values.length);
  for (let i = 0; i < input.length; i++) output[i] = bfloat16FromFloat32Bits(input[i]);
  return output;
}

export function bfloat16ToFloat32Array(bits: Uint16Array): Float32Array {
  const output = new Float32Array(bits.length);
  const outputBits = new Uint32Array(output.buffer);
  for (let i = 0; i < bits.length; i++) outputBits[i] = bits[i] << 16;
  return output;
}

/** Drops the low `shift` bits of a non-negative integer, rounding half to even. */
function shiftRightRoundingToEven(value: number, shift: number): number {
  const truncated = value >>> shift;
  const remainder = value & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return remainder > halfway || (remainder === halfway && (truncated & 1) === 1) ? truncated + 1 : truncated;
}

function float16FromFloat32Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) {
    // Inf stays Inf; NaN keeps its top payload bits and gets the quiet bit, so that it cannot become Inf.
    return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  }
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent >= 1) {
    // A carry out of the mantissa correctly bumps the exponent (and reaches 0x7c00 = Inf at the top).
    return sign | shiftRightRoundingToEven((halfExponent << 23) | mantissa, 13);
  }
  // Below 2^-25 everything rounds to zero (exactly 2^-25 is a tie that rounds to the even zero).
  if (halfExponent < -10) return sign;
  // Half subnormal: the value is significand · 2^(halfExponent - 38), i.e. (significand >> (14 - halfExponent)) · 2^-24.
  return sign | shiftRightRoundingToEven(mantissa | 0x800000, 14 - halfExponent);
}

function float32BitsFromFloat16(bits: number): number {
  const sign = (bits & 0x8000) << 16;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return sign | 0x7f800000 | (mantissa << 13);
  if (exponent !== 0) return sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  if (mantissa === 0) return sign;
  // Half subnormal mantissa · 2^-24: normalise it, since it is a normal float32.
  let normalised = mantissa;
  let shift = 0;
  while ((normalised & 0x400) === 0) {
    normalised <<= 1;
    shift++;
  }
  return sign | ((127 - 14 - shift) << 23) | ((normalised & 0x3ff) << 13);
}

function bfloat16FromFloat32Bits(bits: number): number {
  // NaN: keep the top payload bits and set the quiet bit, since rounding could otherwise turn it into Inf.
  if ((bits & 0x7fffffff) > 0x7f800000) return (bits >>> 16) | 0x40;
  return shiftRightRoundingToEven(bits, 16);
}
