/**
 * Poisson sampling, the sampling that DP-FedAvg's accountant assumes (McMahan et al. 2018): every client of the
 * whole population takes part in a round independently with probability q, whoever is online. The draw comes from
 * the operating system's cryptographic random source: the amplification by sampling that q < 1 buys holds only for
 * someone who cannot predict it, and a seeded generator is predictable by whoever knows its seed.
 */
import { randomFillSync } from 'node:crypto';

/** Each member of `population` independently with probability `rate`, in the population's order. */
export function poissonSample(population: readonly string[], rate: number): string[] {
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`sampling rate must be in (0, 1], got ${rate}`);
  const words = new Uint32Array(2 * population.length);
  randomFillSync(words);
  // A uniform in [0, 1) from 53 random bits per member.
  const uniform = (i: number): number => ((words[2 * i] >>> 5) * 67108864 + (words[2 * i + 1] >>> 6)) / 9007199254740992;
  return population.filter((_, i) => uniform(i) < rate);
}

/**
 * Whether a round that gathered too few updates may be retried with a fresh draw: only when q = 1. With q < 1 a retry
 * gives the clients left out of the failed draw another chance, so taking part becomes likelier than q (a round that
 * must succeed takes a given client with certainty when the others' draw falls one short).
 */
export function mayRetryRounds(samplingRate: number): boolean {
  return samplingRate === 1;
}
