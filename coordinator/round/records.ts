/** What the coordinator records about a run; the HTTP API serves these objects as they are. */
import type { UpdateEncoding } from '../../shared/wire/update-encoding.js';
import type { StrategyMetrics } from '../strategies/strategy.js';
import type { SecureAggregationSummary } from './secure-aggregation.js';

/** What happened to one client in one round. */
/** `evaluated`: not sampled for training, but evaluated the new global adapter. */
export type ClientRoundStatus = 'training' | 'done' | 'dropped' | 'timed_out' | 'refused' | 'evaluated';

/**
 * A named set's evaluation: the held-out loss of a loss set, or the exact match and F1 (means in [0, 1]) of a QA
 * set's greedy answers; `examples` counts held-out examples or questions.
 */
export interface SetMetrics {
  loss: number | null;
  exact_match: number | null;
  f1: number | null;
  examples: number;
}

export interface ClientRoundRecord {
  id: string;
  status: ClientRoundStatus;
  num_examples: number;
  train_loss: number | null;
  eval_loss: number | null;
  /** The client's evaluation per named set, once it evaluated the round's adapter. */
  eval_sets: Record<string, SetMetrics>;
  tokens_per_second: number | null;
  bytes_up: number;
  bytes_down: number;
  /** What the accepted update would have cost as float32 (compare with bytes_up for the encoding's saving). */
  raw_update_bytes: number;
  /** Why the update was refused, when status is `refused`. */
  refusal: string | null;
}

export interface RoundPrivacy {
  /** ε spent after this round at `delta`, and the RDP order that gives it. */
  epsilon: number;
  delta: number;
  order: number;
  clip_norm: number;
  noise_multiplier: number;
  /** q, the accountant's sampling rate for this round: the probability that each configured client was sampled. */
  sampling_rate: number;
}

export interface RoundRecord {
  round: number;
  /** The curriculum phase the round belongs to; null in a run without phases. */
  phase: string | null;
  /** Ready clients that sat the round out, holding none of its phase's data. */
  sat_out: string[];
  /** Clients whose update was aggregated. */
  participants: number;
  sampled: number;
  /** Σ examples of the aggregated updates (FedAvg's weights). */
  num_examples: number;
  /** Example-weighted mean of the participants' local training losses; null without participants (a DP round can have none). */
  train_loss: number | null;
  /** Example-weighted loss of the new global adapter on the clients' held-out data; null if nobody evaluated. */
  eval_loss: number | null;
  eval_examples: number;
  /** Per named set over the clients holding it: the loss weighted by held-out examples, QA scores by questions. */
  eval_sets: Record<string, SetMetrics>;
  /** Payload bytes received from / sent to clients for this round (training and evaluation). */
  bytes_up: number;
  bytes_down: number;
  duration_ms: number;
  started_at: string;
  finished_at: string;
  /** Attempts needed: a round with no usable update is retried with a fresh sample. */
  attempts: number;
  global_digest: string;
  /** Relative to the run directory. */
  checkpoint: string;
  /** DP-FedAvg: the privacy spent after this round, null without differential privacy. */
  privacy: RoundPrivacy | null;
  /** Secure aggregation: survivors, dropouts recovered and overhead; null when it is off. */
  secure_aggregation: SecureAggregationSummary | null;
  /** How clients encoded their updates (fp32, fp16, bf16 or int8). */
  update_encoding: UpdateEncoding;
  /** Σ of the accepted updates' float32 size: bytes_up / raw_update_bytes is what the encoding saved. */
  raw_update_bytes: number;
  /** How global adapters travelled to clients (fp32, fp16, bf16 or int8). */
  global_encoding: UpdateEncoding;
  /** Global adapters sent this round (training and evaluation): their float32 size, and their size on the wire. */
  raw_global_bytes: number;
  global_wire_bytes: number;
  /** What the strategy reports: pseudo-gradient norm, update norms, clients kept and discarded, … */
  strategy_metrics: StrategyMetrics;
  clients: ClientRoundRecord[];
}

export type RunState = 'waiting' | 'training' | 'finished' | 'failed';

export interface ClientInfo {
  id: string;
  connected: boolean;
  backend: string | null;
  /** The GPU its backend runs on, as announced (webgpu only). */
  gpu: string | null;
  num_train_examples: number | null;
  num_eval_examples: number | null;
  /** The named sets it announced (`qa`: questions, only evaluated). */
  data_sets: { name: string; train_examples: number; eval_examples: number; qa: boolean }[];
  /** Why it sits out the current phase (it holds none of the phase's data), null when it takes part. */
  sits_out: string | null;
  last_seen: string | null;
  /** Status in the latest round (training, done, dropped, …), null if not sampled. */
  round_status: ClientRoundStatus | null;
  /** Why secure aggregation excluded the client from the run (blamed by its peers), null if it is not. */
  excluded: string | null;
}

export interface RunStatus {
  run_id: string;
  state: RunState;
  /** The round in progress, or the last completed one when waiting between rounds or finished. */
  round: number;
  rounds_total: number;
  strategy: string;
  /** The PEFT method clients train (peft.method). */
  peft_method: string;
  model: string;
  started_at: string;
  /** Loss of the initial adapter (the untouched base model) on the clients' held-out data. */
  baseline_eval_loss: number | null;
  /** The initial adapter's figures per named set: where each set's curve starts. */
  baseline_eval_sets: Record<string, SetMetrics>;
  /** An operator paused the run (admin API): no new round starts until it is resumed. */
  paused: boolean;
  /** Why the run failed (state `failed`), null otherwise. */
  failure: string | null;
  global_digest: string;
  clients: ClientInfo[];
}
