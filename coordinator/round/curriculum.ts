/**
 * The run's curriculum: which phase a round belongs to, what it trains on (named data sets and their weights) and
 * with which settings, and which clients hold the data to take part. Without phases every round is alike and
 * trains on every set. The phase follows from the round number alone, so a restart resumes inside the right phase.
 */
import type { LoraConfig } from '../../shared/lora/lora.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import type { DataShare, HelloMessage } from '../../shared/wire/messages.js';

/** A phase as the config gives it (coordinator-config.ts). */
export interface PhaseSettings {
  readonly name: string | null;
  readonly rounds: number;
  readonly data: readonly string[];
  readonly mix: Readonly<Record<string, number>>;
  readonly minClients?: number;
  readonly lora: Partial<Pick<LoraConfig, 'alpha' | 'dropout' | 'useRslora'>>;
  readonly train: Partial<RoundTraining>;
}

type RoundTraining = Omit<TrainHyperParams, 'seed' | 'proximalMu'>;

/** What one round trains on, and how. */
export interface RoundPlan {
  /** The phase's name; null in a run without phases. */
  readonly phase: string | null;
  /** The phase's first round. */
  readonly firstRound: number;
  /** The sets to train on with their weights (the phase's data at 1, then its mix); empty: every set. */
  readonly data: readonly DataShare[];
  readonly lora: LoraConfig;
  readonly train: RoundTraining;
  /** Clients holding the data to wait for before the round. */
  readonly minClients: number;
}

export class Curriculum {
  private readonly plans: readonly (RoundPlan & { readonly lastRound: number })[];

  constructor(
    phases: readonly PhaseSettings[] | undefined,
    run: { readonly rounds: number; readonly lora: LoraConfig; readonly train: RoundTraining; readonly minClients: number },
  ) {
    let firstRound = 1;
    const single = { name: null, rounds: run.rounds, data: [], mix: {}, minClients: run.minClients, lora: {}, train: {} };
    this.plans = (phases ?? [single]).map((phase) => {
      const plan = {
        phase: phase.name,
        firstRound,
        lastRound: firstRound + phase.rounds - 1,
        data: [...phase.data.map((name) => ({ name, weight: 1 })), ...Object.entries(phase.mix).map(([name, weight]) => ({ name, weight }))],
        lora: { ...run.lora, ...phase.lora },
        train: { ...run.train, ...phase.train },
        minClients: phase.minClients ?? run.minClients,
      };
      firstRound = plan.lastRound + 1;
      return plan;
    });
  }

  /** Whether the run has phases. */
  get phased(): boolean {
    return this.plans[0].phase !== null;
  }

  /** The plan of `round`; round 0 (the baseline evaluation) is the first phase's, a round past the end the last's. */
  plan(round: number): RoundPlan {
    return this.plans.find((plan) => round <= plan.lastRound) ?? this.plans[this.plans.length - 1];
  }

  /**
   * Why a client sits `plan` out: it holds none of the sets the round trains on (QA sets are never trained on);
   * undefined when it takes part.
   */
  sitsOut(plan: RoundPlan, hello: HelloMessage | undefined): string | undefined {
    if (plan.data.length === 0 || !hello) return undefined;
    const held = new Set((hello.dataSets ?? []).filter((set) => !set.qa && set.numTrainExamples > 0).map((set) => set.name));
    if (plan.data.some((share) => held.has(share.name))) return undefined;
    return `holds none of phase ${plan.phase}'s data (${plan.data.map((share) => share.name).join(', ')})`;
  }
}
