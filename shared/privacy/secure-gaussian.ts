/**
 * Gaussian noise for differential privacy, drawn from the operating system's cryptographic random source and never
 * from a seeded generator (whoever knows a seed could subtract the noise).
 */
import { randomFillSync } from 'node:crypto';

/** Standard normal samples (Box–Muller on 53-bit uniforms). */
export function secureGaussian(count: number): Float64Array {
  const out = new Float64Array(count);
  const words = new Uint32Array(4);
  // In (0, 1]: never 0, which the logarithm below needs.
  const uniform = (hi: number, lo: number): number => ((hi >>> 5) * 2 ** 26 + (lo >>> 6) + 1) / 2 ** 53;
  for (let i = 0; i < count; i += 2) {
    randomFillSync(words);
    const u = uniform(words[0], words[1]);
    const v = uniform(words[2], words[3]);
    const radius = Math.sqrt(-2 * Math.log(u));
    out[i] = radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(2 * Math.PI * v);
  }
  return out;
}
