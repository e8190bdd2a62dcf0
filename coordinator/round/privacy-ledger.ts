/**
 * The run's privacy spending under DP-FedAvg: each committed round composes one subsampled Gaussian mechanism
 * (sampling rate q, noise multiplier σ) into the RDP accountant, and the run ends before a round that would spend
 * more than the ε budget.
 */
import type { Logger } from '../../shared/infra/log.js';
import { plural } from '../../shared/infra/plural.js';
import { RdpAccountant } from '../../shared/privacy/rdp-accountant.js';
import type { RoundPrivacy, RoundRecord } from './records.js';

export interface PrivacySettings {
  readonly clipNorm: number;
  readonly noiseMultiplier: number;
  readonly delta: number;
  readonly epsilonBudget?: number;
  /** q, the probability that the strategy samples each configured client in a round (Poisson sampling). */
  readonly samplingRate: number;
}

export class PrivacyLedger {
  private readonly accountant = new RdpAccountant();

  /** `settings` undefined: no DP, nothing is accounted and the budget is never reached. */
  constructor(
    private readonly settings: PrivacySettings | undefined,
    private readonly logger: Logger,
  ) {}

  /** Composes the rounds an interrupted run committed. */
  restore(rounds: readonly RoundRecord[]): void {
    for (const record of rounds) if (record.privacy) this.accountant.compose(record.privacy.sampling_rate, record.privacy.noise_multiplier);
  }

  /** Adds a committed round; its record's privacy entry (null without DP). */
  accountRound(clipNorm: number): RoundPrivacy | null {
    const dp = this.settings;
    if (!dp) return null;
    this.accountant.compose(dp.samplingRate, dp.noiseMultiplier);
    const { epsilon, order } = this.accountant.spent(dp.delta);
    return { epsilon, delta: dp.delta, order, clip_norm: clipNorm, noise_multiplier: dp.noiseMultiplier, sampling_rate: dp.samplingRate };
  }

  /** True when one more round would spend more than the ε budget (then the run ends here, logged). */
  budgetReached(roundsCommitted: number): boolean {
    const dp = this.settings;
    if (dp?.epsilonBudget === undefined) return false;
    const next = this.accountant.spent(dp.delta, { samplingRate: dp.samplingRate, noiseMultiplier: dp.noiseMultiplier });
    if (next.epsilon <= dp.epsilonBudget) return false;
    this.logger.warn(
      { event: 'privacy_budget_reached', rounds: roundsCommitted, epsilon_next: next.epsilon, budget: dp.epsilonBudget },
      `stopping after ${plural(roundsCommitted, 'round')}: one more would spend ε ${next.epsilon.toFixed(3)} > budget ${dp.epsilonBudget}`,
    );
    return true;
  }
}
