/**
 * Fixed-point encoding of weighted updates modulo 2^32. A client clips every coordinate to [−R, R], multiplies it
 * by its weight p = w / W (the weights of a round's participants sum to 1), scales by S = 2^30 / R and rounds to
 * the nearest integer. Because the weights sum to at most 1, the true sum of the encoded values is at most
 * 2^30 + n/2 in magnitude, so it never wraps modulo 2^32 (n < 2^31 clients); each client's rounding adds at most
 * 1/(2S), so the decoded weighted sum is within n/(2S) = n·R·2^−31 of the exact one (4.7e-10 per client for R = 1).
 */

/** S for a clipping range R: the sum of n weighted values stays inside (−2^31, 2^31). */
export function fixedPointScale(range: number): number {
  return 2 ** 30 / range;
}

/** The largest error of a decoded weighted sum of `clients` encoded values. */
export function fixedPointError(scale: number, clients: number): number {
  return clients / (2 * scale);
}

/** Adds round(clamp(x, −R, R) · factor · S) to `out` modulo 2^32, starting at `offset`; returns how many values were clamped. */
export function encodeFixedPoint(values: ArrayLike<number>, factor: number, range: number, scale: number, out: Uint32Array, offset: number): number {
  let clamped = 0;
  for (let i = 0; i < values.length; i++) {
    let x = values[i];
    if (x > range) [x, clamped] = [range, clamped + 1];
    else if (x < -range) [x, clamped] = [-range, clamped + 1];
    out[offset + i] = (out[offset + i] + Math.round(x * factor * scale)) >>> 0;
  }
  return clamped;
}

/** Reads a sum modulo 2^32 as the signed integer it stands for, divided by S. */
export function decodeFixedPoint(sum: Uint32Array, scale: number): Float64Array {
  const out = new Float64Array(sum.length);
  for (let i = 0; i < sum.length; i++) out[i] = (sum[i] | 0) / scale;
  return out;
}

/** target += sign · mask (mod 2^32), in place. */
export function addMask(target: Uint32Array, mask: Uint32Array, sign: 1 | -1): void {
  if (mask.length !== target.length) throw new RangeError(`a mask of ${mask.length} words cannot apply to ${target.length}`);
  if (sign === 1) for (let i = 0; i < target.length; i++) target[i] = (target[i] + mask[i]) >>> 0;
  else for (let i = 0; i < target.length; i++) target[i] = (target[i] - mask[i]) >>> 0;
}

/**
 * Adaptive clipping's indicator (b − ½ + noise) travels in the same vector as the update: it is divided by this
 * factor first so that it stays inside [−R, R] unless its noise exceeds six standard deviations.
 */
export function indicatorFactor(range: number, noiseStd: number): number {
  return (0.5 + 6 * noiseStd) / range;
}
