/**
 * Rényi-DP accountant for the Poisson-sampled Gaussian mechanism (Mironov, Talwar, Zhang 2019), at integer orders
 * α = 2..256, with the (ε, δ) conversion of Balle et al. 2020, "Hypothesis testing interpretations and Rényi DP":
 *
 *   log A_α = logsumexp_{i=0..α} [ log C(α, i) + i·log q + (α − i)·log(1 − q) + (i² − i) / (2z²) ]
 *   RDP(α)  = T · log A_α / (α − 1)           (q = 1: T · α / (2z²))
 *   ε       = min_α [ RDP(α) + log((α − 1)/α) − (log δ + log α) / (α − 1) ]
 */

export const RDP_ORDERS: readonly number[] = Array.from({ length: 255 }, (_, i) => i + 2);

export interface PrivacySpent {
  readonly epsilon: number;
  /** The RDP order at which ε is smallest. */
  readonly order: number;
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
}

/** RDP of one step of the sampled Gaussian mechanism at integer order `alpha`. */
export function sampledGaussianRdp(samplingRate: number, noiseMultiplier: number, alpha: number): number {
  if (samplingRate === 0) return 0;
  if (samplingRate === 1) return alpha / (2 * noiseMultiplier ** 2);
  const terms: number[] = [];
  let logBinomial = 0; // log C(α, 0)
  for (let i = 0; i <= alpha; i++) {
    terms.push(logBinomial + i * Math.log(samplingRate) + (alpha - i) * Math.log1p(-samplingRate) + (i * i - i) / (2 * noiseMultiplier ** 2));
    logBinomial += Math.log(alpha - i) - Math.log(i + 1);
  }
  return logSumExp(terms) / (alpha - 1);
}

/** Accumulates RDP over rounds and converts it to (ε, δ). */
export class RdpAccountant {
  private readonly rdp = new Float64Array(RDP_ORDERS.length);

  /** Adds `steps` rounds of the sampled Gaussian mechanism. */
  compose(samplingRate: number, noiseMultiplier: number, steps = 1): void {
    if (!(samplingRate >= 0 && samplingRate <= 1)) throw new RangeError(`sampling rate must be in [0, 1], got ${samplingRate}`);
    if (!(noiseMultiplier > 0)) throw new RangeError(`noise multiplier must be positive, got ${noiseMultiplier}`);
    RDP_ORDERS.forEach((alpha, k) => (this.rdp[k] += steps * sampledGaussianRdp(samplingRate, noiseMultiplier, alpha)));
  }

  /** (ε, δ) spent so far; with `next`, what it would be after one more such round. */
  spent(delta: number, next?: { samplingRate: number; noiseMultiplier: number }): PrivacySpent {
    if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
    let best: PrivacySpent = { epsilon: Infinity, order: RDP_ORDERS[0] };
    RDP_ORDERS.forEach((alpha, k) => {
      const rdp = this.rdp[k] + (next ? sampledGaussianRdp(next.samplingRate, next.noiseMultiplier, alpha) : 0);
      const epsilon = rdp + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
      if (epsilon < best.epsilon) best = { epsilon: Math.max(0, epsilon), order: alpha };
    });
    return best;
  }
}
