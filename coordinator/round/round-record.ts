/** A round's record: built when it is committed, completed by its evaluation. */
import type { AggregationResult } from '../strategies/strategy.js';
import type { ClientRoundRecord, RoundPrivacy, RoundRecord } from './records.js';
import type { SecureAggregationSummary } from './secure-aggregation.js';
import type { UpdateEncoding } from '../../shared/wire/update-encoding.js';
import type { GlobalBytes } from './instructions.js';
import { weightedMean, type EvaluationResult } from './evaluation.js';

export function emptyClientRecord(id: string): ClientRoundRecord {
  return {
    id,
    status: 'training',
    num_examples: 0,
    train_loss: null,
    eval_loss: null,
    eval_sets: {},
    tokens_per_second: null,
    bytes_up: 0,
    bytes_down: 0,
    raw_update_bytes: 0,
    refusal: null,
  };
}

const byId = (a: ClientRoundRecord, b: ClientRoundRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface CommittedRound {
  readonly round: number;
  readonly phase: string | null;
  readonly satOut: readonly string[];
  readonly attempts: number;
  readonly started: Date;
  readonly clients: readonly ClientRoundRecord[];
  readonly globalDigest: string;
  readonly privacy: RoundPrivacy | null;
  readonly secureAggregation: SecureAggregationSummary | null;
  readonly encoding: { readonly update: UpdateEncoding; readonly global: UpdateEncoding };
  readonly globalBytes: GlobalBytes;
  readonly metrics: AggregationResult['metrics'];
}

/** The record of a round just aggregated, before its evaluation. */
export function roundRecord(committed: CommittedRound): RoundRecord {
  const participants = committed.clients.filter((c) => c.status === 'done');
  const clients = [...committed.clients].sort(byId);
  const train = weightedMean(participants.map((c) => ({ value: c.train_loss ?? 0, weight: c.num_examples })));
  return {
    round: committed.round,
    phase: committed.phase,
    sat_out: [...committed.satOut].sort(),
    participants: participants.length,
    sampled: clients.length,
    num_examples: train.weight,
    train_loss: train.weight > 0 ? train.mean : null,
    eval_loss: null,
    eval_examples: 0,
    eval_sets: {},
    bytes_up: clients.reduce((n, c) => n + c.bytes_up, 0),
    bytes_down: clients.reduce((n, c) => n + c.bytes_down, 0),
    duration_ms: Date.now() - committed.started.getTime(),
    started_at: committed.started.toISOString(),
    finished_at: new Date().toISOString(),
    attempts: committed.attempts,
    global_digest: committed.globalDigest,
    checkpoint: `rounds/${committed.round}`,
    privacy: committed.privacy,
    secure_aggregation: committed.secureAggregation,
    update_encoding: committed.encoding.update,
    raw_update_bytes: clients.reduce((n, c) => n + c.raw_update_bytes, 0),
    global_encoding: committed.encoding.global,
    raw_global_bytes: committed.globalBytes.raw,
    global_wire_bytes: committed.globalBytes.wire,
    strategy_metrics: committed.metrics,
    clients,
  };
}

/** Completes a committed round's record with its evaluation. */
export function addEvaluation(record: RoundRecord, evaluation: EvaluationResult, started: Date): void {
  // By id, so that completing the record stays linear in the number of clients.
  const clients = new Map(record.clients.map((c) => [c.id, c]));
  for (const [id, bytes] of evaluation.bytes) {
    let client = clients.get(id);
    if (!client) {
      // Evaluated without training this round: its evaluation bytes still count.
      client = { ...emptyClientRecord(id), status: 'evaluated' };
      record.clients.push(client);
    }
    const result = evaluation.results.get(id);
    client.eval_loss = result?.loss ?? null;
    client.eval_sets = result?.sets ?? {};
    client.bytes_up += bytes.up;
    client.bytes_down += bytes.down;
    record.bytes_up += bytes.up;
    record.bytes_down += bytes.down;
  }
  record.clients.sort(byId);
  record.raw_global_bytes += evaluation.globalBytes.raw;
  record.global_wire_bytes += evaluation.globalBytes.wire;
  record.eval_loss = evaluation.loss;
  record.eval_examples = evaluation.examples;
  record.eval_sets = evaluation.sets;
  record.finished_at = new Date().toISOString();
  record.duration_ms = Date.now() - started.getTime();
}
