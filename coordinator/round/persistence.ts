/**
 * What the round engine keeps across a restart, as the engine sees it: the records and updates it hands to storage
 * and gets back on resume. The run store (coordinator/store/run-store.ts) implements it; the engine never sees SQLite.
 */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import type { RoundRecord, SetMetrics } from './records.js';
import type { StrategyState } from '../strategies/strategy.js';
import type { RoundShifts } from './round-shifts.js';

export interface AcceptedUpdate {
  readonly clientId: string;
  readonly updateId: string;
  readonly numExamples: number;
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly bytesUp: number;
  readonly adapter: AdapterWeights;
}

/** An update accepted in the open round, still on disk: the round reads them one at a time when it continues. */
export interface StoredUpdate extends Omit<AcceptedUpdate, 'adapter'> {
  /** Reads and verifies the update; undefined, with its row dropped so that the client is asked again, if damaged. */
  load(): Promise<AcceptedUpdate | undefined>;
}

export interface OpenRound {
  readonly round: number;
  readonly attempt: number;
  readonly sampled: readonly string[];
  readonly globalDigest: string;
  readonly seed: number;
  readonly startedAt: string;
}

export interface ResumeState {
  readonly rounds: RoundRecord[];
  /** Global adapter after the last committed round; undefined when no round was committed. */
  readonly global: AdapterWeights | undefined;
  /** The strategy's state after the last committed round (empty when it keeps none). */
  readonly strategyState: StrategyState;
  readonly baselineEvalLoss: number | null;
  /** The shifts of the committed rounds that have them, in round order. */
  readonly shifts: RoundShifts[];
  /** The initial adapter's figures per named set (empty when none was recorded). */
  readonly baselineEvalSets: Record<string, SetMetrics>;
  readonly openRound: (OpenRound & { readonly updates: StoredUpdate[] }) | undefined;
}

/** The storage a round needs: each call returns once what it records would survive a crash. */
export interface RoundPersistence {
  /** Records the initial adapter's evaluation: its loss over every held-out example, and per named set. */
  setBaseline(loss: number | null, sets: Record<string, SetMetrics>): void;
  /** Records a round (attempt) as open: its sample survives a restart; earlier accepted updates are dropped. */
  openRound(round: OpenRound): Promise<void>;
  /** Persists an accepted update before it is acknowledged, so that a restart keeps it. */
  saveAcceptedUpdate(round: number, update: AcceptedUpdate): Promise<void>;
  /**
   * The updates accepted in the open round so far, read from disk one at a time. After the round's commit their
   * files stay, for what the round changed to be measured, until `releaseAcceptedUpdates`.
   */
  acceptedUpdates(): StoredUpdate[];
  /** Removes the files of the last committed round's accepted updates. */
  releaseAcceptedUpdates(): Promise<void>;
  /** Writes the round's checkpoint and the strategy's state, then commits the round's record. */
  commitRound(record: RoundRecord, adapter: AdapterWeights, strategyState: StrategyState): Promise<void>;
  /** Records what a committed round changed. */
  saveShifts(shifts: RoundShifts): void;
  updateRound(record: RoundRecord): void;
  setBanned(clientId: string, banned: boolean): void;
}
