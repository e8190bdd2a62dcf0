/** What a round scheduler is given: the run's settings and the pieces it works with. */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import type { Logger } from '../../shared/infra/log.js';
import type { LoraConfig } from '../../shared/lora/lora.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import type { UpdateEncoding } from '../../shared/wire/update-encoding.js';
import type { RunEvent } from './events.js';
import type { ResumeState, RoundPersistence } from './persistence.js';
import type { SecureAggregation } from './secure-aggregation.js';
import type { RoundSampling, Strategy } from '../strategies/strategy.js';
import type { PrivacySettings } from './privacy-ledger.js';
import type { BaseNorms } from './round-shifts.js';
import type { PhaseSettings } from './curriculum.js';
import type { QaEvaluation } from './instructions.js';

export interface SchedulerOptions {
  readonly runId: string;
  readonly model: string;
  readonly modelFingerprint: string;
  readonly rounds: number;
  readonly sampling: RoundSampling;
  readonly lora: LoraConfig;
  readonly train: Omit<TrainHyperParams, 'seed' | 'proximalMu'>;
  /** The curriculum's phases, in order; absent: every round trains on every set. */
  readonly phases?: readonly PhaseSettings[];
  /** QA sets clients answer after each round, and how long an answer may be; absent: none. */
  readonly qaEvaluation?: QaEvaluation;
  readonly roundTimeoutMs: number;
  readonly evalTimeoutMs: number;
  readonly seed: number;
  readonly clientIds: readonly string[];
  readonly initialAdapter: AdapterWeights;
  readonly strategy: Strategy;
  readonly logger: Logger;
  /** How clients encode their updates, and how global adapters travel to clients. */
  readonly encoding: { readonly update: UpdateEncoding; readonly errorFeedback: boolean; readonly global: UpdateEncoding };
  /** Chunking parameters announced to clients. */
  readonly transfer: { readonly chunkBytes: number; readonly maxPayloadBytes: number };
  /** Bytes of updates granted an upload slot at once (see upload-slots.ts). */
  readonly uploadBudgetBytes: number;
  /** DP-FedAvg settings: clients clip to clipNorm; the accountant reports ε and stops the run at the budget. */
  readonly privacy?: PrivacySettings;
  /** Secure aggregation: clients send masked vectors and the coordinator only learns their sum. */
  readonly secureAggregation?: SecureAggregation;
  /** Updates with a larger L2 norm are refused; undefined: no bound. */
  readonly maxUpdateNorm?: number;
  /** A round with fewer accepted updates than this at its deadline is retried with a fresh sample. */
  readonly minUpdates: number;
  /** Attempts at one round (plain or secure) before the run fails, naming the round and its last failure. */
  readonly maxRoundAttempts: number;
  /** Durable state: accepted updates and rounds are persisted before they are acknowledged. */
  readonly persistence: RoundPersistence;
  /** State of an interrupted run to continue from. */
  readonly resume?: ResumeState;
  /** Clients banned by an operator before this start (the ban outlives restarts). */
  readonly banned?: readonly string[];
  /** ‖W‖_F of the adapted base weights, or why there are none, for the rounds' shifts; absent: none. */
  readonly baseWeightNorms?: Promise<BaseNorms>;
  /** Observes the run (dashboard, metrics); must not throw. */
  readonly emit?: (event: RunEvent) => void;
}
