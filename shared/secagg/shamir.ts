/**
 * Shamir secret sharing over the prime field GF(2^521 − 1) (a Mersenne prime), with BigInt. A 32-byte secret
 * (an X25519 private key or a self-mask seed) is one field element; a share is the value of a random polynomial
 * of degree t − 1 with the secret as constant term at a non-zero point x, and any t shares give the secret back
 * by Lagrange interpolation at 0. Fewer than t shares say nothing about it.
 */
import { randomBytes } from 'node:crypto';

export const FIELD_PRIME = (1n << 521n) - 1n;
/** Bytes of one share value (big-endian, 521 bits). */
export const SHARE_BYTES = 66;

export interface Share {
  /** Evaluation point, 1 ≤ x < p. */
  readonly x: number;
  readonly y: bigint;
}

function mod(a: bigint): bigint {
  const r = a % FIELD_PRIME;
  return r < 0n ? r + FIELD_PRIME : r;
}

/** Inverse modulo the field prime (extended Euclid). */
function inverse(a: bigint): bigint {
  let [oldR, r] = [mod(a), FIELD_PRIME];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('no inverse: the evaluation points must be distinct');
  return mod(oldS);
}

/** A uniformly random field element (rejection sampling on 521 random bits). */
function randomElement(): bigint {
  for (;;) {
    const bytes = randomBytes(SHARE_BYTES);
    bytes[0] &= 0x01;
    const value = bytesToBigInt(bytes);
    if (value < FIELD_PRIME) return value;
  }
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError(`${value} does not fit in ${length} bytes`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Splits `secret` (at most 65 bytes) into one share per point in `xs`; any `threshold` of them recover it. */
export function splitSecret(secret: Uint8Array, xs: readonly number[], threshold: number): Share[] {
  if (secret.length >= SHARE_BYTES) throw new RangeError(`a secret must be shorter than ${SHARE_BYTES} bytes`);
  if (!(threshold >= 1 && threshold <= xs.length)) throw new RangeError(`threshold ${threshold} must be between 1 and ${xs.length} shares`);
  if (new Set(xs).size !== xs.length || xs.some((x) => !(Number.isInteger(x) && x >= 1))) {
    throw new RangeError('share points must be distinct positive integers');
  }
  const coefficients = [bytesToBigInt(secret), ...Array.from({ length: threshold - 1 }, randomElement)];
  return xs.map((x) => {
    const point = BigInt(x);
    let y = 0n;
    for (let i = coefficients.length - 1; i >= 0; i--) y = mod(y * point + coefficients[i]);
    return { x, y };
  });
}

/** The constant term of the polynomial through `shares` (exactly `threshold` of them are used: the first ones). */
export function combineShares(shares: readonly Share[], threshold: number, secretBytes: number): Uint8Array {
  if (shares.length < threshold) throw new RangeError(`${shares.length} share(s) cannot recover a secret that needs ${threshold}`);
  const secret = interpolator(shares.slice(0, threshold))(0);
  // A value that does not fit the secret's size cannot be the secret (wrong shares).
  if (secret >= 1n << BigInt(8 * secretBytes)) return new Uint8Array(0);
  return bigIntToBytes(secret, secretBytes);
}

/**
 * Recovers a secret that `verify` accepts, tolerating wrong shares: the first `threshold` shares are tried,
 * then other subsets (at most `maxSubsets`). Returns the secret and the points whose shares disagree with it,
 * or undefined when no subset gives a verified secret.
 */
export function recoverVerified(
  shares: readonly Share[],
  threshold: number,
  secretBytes: number,
  verify: (secret: Uint8Array) => boolean,
  maxSubsets = 2000,
): { secret: Uint8Array; wrong: number[] } | undefined {
  if (shares.length < threshold) return undefined;
  let tried = 0;
  for (const subset of combinations(shares.length, threshold)) {
    if (tried++ >= maxSubsets) return undefined;
    const chosen = subset.map((i) => shares[i]);
    const secret = combineShares(chosen, threshold, secretBytes);
    if (secret.length !== secretBytes || !verify(secret)) continue;
    // Every share on the verified polynomial agrees with it; the others are wrong.
    const polynomial = interpolator(chosen);
    const wrong = shares.filter((share, i) => !subset.includes(i) && polynomial(share.x) !== share.y).map((s) => s.x);
    return { secret, wrong };
  }
  return undefined;
}

/**
 * The polynomial of degree points.length − 1 through `points` (Lagrange interpolation), to evaluate at any x. The
 * basis polynomials' denominators depend on the points only: their inverses, the costly part, are computed once.
 */
function interpolator(points: readonly Share[]): (x: number) => bigint {
  const inverseDenominators = points.map((point, i) =>
    inverse(points.reduce((denominator, other, j) => (i === j ? denominator : mod(denominator * BigInt(point.x - other.x))), 1n)),
  );
  return (x) => {
    let value = 0n;
    for (let i = 0; i < points.length; i++) {
      let numerator = 1n;
      for (let j = 0; j < points.length; j++) if (i !== j) numerator = mod(numerator * BigInt(x - points[j].x));
      value = mod(value + points[i].y * numerator * inverseDenominators[i]);
    }
    return value;
  };
}

/** Index subsets of size k of 0..n−1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const indices = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield [...indices];
    let i = k - 1;
    while (i >= 0 && indices[i] === n - k + i) i--;
    if (i < 0) return;
    indices[i] += 1;
    for (let j = i + 1; j < k; j++) indices[j] = indices[j - 1] + 1;
  }
}

export function encodeShareValue(y: bigint): Uint8Array {
  return bigIntToBytes(y, SHARE_BYTES);
}

/** A share value from the wire; undefined when it is not a field element. */
export function decodeShareValue(bytes: Uint8Array): bigint | undefined {
  if (bytes.length !== SHARE_BYTES) return undefined;
  const y = bytesToBigInt(bytes);
  return y < FIELD_PRIME ? y : undefined;
}
