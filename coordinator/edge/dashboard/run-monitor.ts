/**
 * Watches a run's events and keeps what the status alone does not tell: each client's last update and losses,
 * why its update was refused, how often it connected, the counts of accepted and refused updates, and a bounded
 * list of recent notable events. It derives the views the JSON API, the live feed and the page share.
 */
import type { RunEvent, RunEventListener } from '../../round/events.js';
import type { ClientInfo, ClientRoundRecord, RoundRecord, RunState, RunStatus, SetMetrics } from '../../round/records.js';
import type { RoundShifts } from '../../round/round-shifts.js';
import type { StrategyMetrics } from '../../strategies/strategy.js';
import { median } from '../../../shared/infra/median.js';
import { plural } from '../../../shared/infra/plural.js';

/** What a monitor reads: the coordinator's run, seen from outside. */
export interface RunSource {
  status(): RunStatus;
  roundRecords(): readonly RoundRecord[];
  /** What each committed round changed, for the rounds that have it. */
  roundShifts(): readonly RoundShifts[];
  subscribe(listener: RunEventListener): () => void;
  /** Updates waiting for an upload slot, and the memory charged to those granted one (during training). */
  uploads?(): { readonly waiting: number; readonly bytesInFlight: number };
}

/**
 * One row of the client table: the scheduler's view of the client (what it last announced, kept after it
 * disconnects) plus what the monitor saw.
 */
export interface ClientRow extends ClientInfo {
  /** When its latest update was accepted. */
  last_update: string | null;
  /** Its training loss in the latest round it took part in. */
  last_train_loss: number | null;
  /** Its loss on its held-out data for the latest global adapter it evaluated. */
  last_eval_loss: number | null;
  /** Why its update was refused, while `round_status` is `refused`. */
  refusal: string | null;
  /** Connections opened so far (more than one means it reconnected). */
  connections: number;
}

export type RecentEventKind = 'refused' | 'disconnected' | 'reconnected' | 'retried' | 'round_finished' | 'run_finished';

export interface RecentEvent {
  at: string;
  kind: RecentEventKind;
  client: string | null;
  round: number | null;
  message: string;
}

export interface RunSummary {
  run_id: string;
  state: RunState;
  round: number;
  rounds_total: number;
  rounds_completed: number;
  strategy: string;
  model: string;
  started_at: string;
  elapsed_ms: number;
  /**
   * Mean round duration times the rounds left, less the time already spent on the current one; null before the
   * first round ends, while paused (no round starts) and after a failure.
   */
  estimated_remaining_ms: number | null;
  /** An operator paused the run: no new round starts until it is resumed. */
  paused: boolean;
  /** Why the run failed (state `failed`), null otherwise. */
  failure: string | null;
  baseline_eval_loss: number | null;
  /** The untouched adapter's figures per named set: round 0 of the sets' curves. */
  baseline_eval_sets: Record<string, SetMetrics>;
  latest_eval_loss: number | null;
  best_eval_loss: { round: number; loss: number } | null;
  clients_total: number;
  clients_connected: number;
  updates_accepted: number;
  /** Refused updates by wire error code. */
  updates_refused: Record<string, number>;
  bytes_up: number;
  bytes_down: number;
  global_digest: string;
  /** Run-directory path of the latest global adapter, null before the first round ends. */
  latest_checkpoint: string | null;
}

/** One point per finished round, small enough to send 1,000 of them to a browser. */
export interface RoundPoint {
  round: number;
  finished_at: string;
  participants: number;
  sampled: number;
  attempts: number;
  train_loss: number | null;
  eval_loss: number | null;
  bytes_up: number;
  bytes_down: number;
  duration_ms: number;
  checkpoint: string;
  /** Spread of the participants' training losses. */
  client_train_loss: { min: number; median: number; max: number } | null;
  /** Each participant's training loss, only in runs small enough to draw one line per client. */
  client_train_losses: Record<string, number> | null;
  /** What the strategy reported, one short value per metric (lists and per-client maps summarised), and ε spent under DP. */
  strategy_metrics: Record<string, number | string>;
  /** The round's privacy state for the privacy panel; null with neither DP nor secure aggregation. */
  privacy: PrivacyPoint | null;
  /** Each named set's figures after the round: the phases' forgetting curve, QA sets' accuracy. */
  eval_sets: Record<string, SetMetrics>;
}

export interface PrivacyPoint {
  secure_aggregation: boolean;
  /** Secure aggregation: clients whose masked vectors were summed, and dropouts whose masks were removed. */
  survivors: number | null;
  dropouts_recovered: number | null;
  /** DP: the round's clipping bound C, noise multiplier z, sampling rate q, and the ε spent after it at δ. */
  clip_norm: number | null;
  noise_multiplier: number | null;
  sampling_rate: number | null;
  epsilon: number | null;
  delta: number | null;
}

function privacyPoint(record: RoundRecord): PrivacyPoint | null {
  const { privacy, secure_aggregation: secure } = record;
  if (!privacy && !secure) return null;
  return {
    secure_aggregation: secure !== null,
    survivors: secure?.survivors ?? null,
    dropouts_recovered: secure?.dropouts_recovered ?? null,
    clip_norm: privacy?.clip_norm ?? null,
    noise_multiplier: privacy?.noise_multiplier ?? null,
    sampling_rate: privacy?.sampling_rate ?? null,
    epsilon: privacy?.epsilon ?? null,
    delta: privacy?.delta ?? null,
  };
}

export interface ClientHistory {
  client: ClientRow;
  rounds: (ClientRoundRecord & { round: number })[];
}

/** Beyond this many clients the page draws the spread of training losses instead of one line per client. */
const MAX_CLIENT_LINES = 10;
const MAX_RECENT_EVENTS = 200;

interface ClientExtras {
  lastUpdate: string | null;
  lastTrainLoss: number | null;
  lastEvalLoss: number | null;
  refusal: string | null;
  connections: number;
}

/** Lists of client ids and per-client maps are summarised, so that a point stays small with 1,000 clients. */
function summarizeStrategyMetrics(metrics: StrategyMetrics): Record<string, number | string> {
  const LISTED = 5;
  return Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => {
      if (typeof value === 'number' || typeof value === 'string') return [name, value];
      if (Array.isArray(value)) {
        const more = value.length > LISTED ? ` and ${value.length - LISTED} more` : '';
        return [name, value.length === 0 ? 'none' : `${value.slice(0, LISTED).join(', ')}${more}`];
      }
      const numbers = Object.values(value);
      if (numbers.length === 0) return [name, 'none'];
      return [name, `${Math.min(...numbers).toPrecision(4)} to ${Math.max(...numbers).toPrecision(4)} over ${plural(numbers.length, 'client')}`];
    }),
  );
}

export type MonitorListener = (event: RunEvent, recent: RecentEvent | undefined) => void;

export class RunMonitor {
  private readonly extras = new Map<string, ClientExtras>();
  private readonly recent: RecentEvent[] = [];
  private readonly refusedByCode: Record<string, number> = {};
  private readonly listeners = new Set<MonitorListener>();
  private updatesAccepted = 0;
  private finishedAt: number | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly source: RunSource) {
    this.unsubscribe = source.subscribe((event) => this.observe(event));
  }

  /** Called after the monitor has taken each event into account, with the recent event it recorded, if any. */
  subscribe(listener: MonitorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  recentEvents(): readonly RecentEvent[] {
    return this.recent;
  }

  summary(now = Date.now()): RunSummary {
    const status = this.source.status();
    const records = this.source.roundRecords();
    const last = records.at(-1);
    let best: RunSummary['best_eval_loss'] = null;
    let bytesUp = 0;
    let bytesDown = 0;
    let durationMs = 0;
    for (const record of records) {
      if (record.eval_loss !== null && (best === null || record.eval_loss < best.loss)) best = { round: record.round, loss: record.eval_loss };
      bytesUp += record.bytes_up;
      bytesDown += record.bytes_down;
      durationMs += record.duration_ms;
    }
    const startedAt = Date.parse(status.started_at);
    let remaining: number | null = null;
    if (status.state === 'finished') remaining = 0;
    else if (last && !status.paused && status.state !== 'failed') {
      const spentOnCurrent = now - Date.parse(last.finished_at);
      remaining = Math.max(0, Math.round((durationMs / records.length) * (status.rounds_total - records.length) - spentOnCurrent));
    }
    return {
      run_id: status.run_id,
      state: status.state,
      round: status.round,
      rounds_total: status.rounds_total,
      rounds_completed: records.length,
      strategy: status.strategy,
      model: status.model,
      started_at: status.started_at,
      elapsed_ms: (this.finishedAt ?? now) - startedAt,
      estimated_remaining_ms: remaining,
      paused: status.paused,
      failure: status.failure,
      baseline_eval_loss: status.baseline_eval_loss,
      baseline_eval_sets: status.baseline_eval_sets,
      latest_eval_loss: last?.eval_loss ?? null,
      best_eval_loss: best,
      clients_total: status.clients.length,
      clients_connected: status.clients.filter((c) => c.connected).length,
      updates_accepted: this.updatesAccepted,
      updates_refused: { ...this.refusedByCode },
      bytes_up: bytesUp,
      bytes_down: bytesDown,
      global_digest: status.global_digest,
      latest_checkpoint: last?.checkpoint ?? null,
    };
  }

  clientRows(): ClientRow[] {
    return this.source.status().clients.map((info) => this.row(info));
  }

  roundPoints(): RoundPoint[] {
    const perClientLines = this.perClientLines();
    return this.source.roundRecords().map((record) => roundPoint(record, perClientLines));
  }

  roundPointOf(record: RoundRecord): RoundPoint {
    return roundPoint(record, this.perClientLines());
  }

  private perClientLines(): boolean {
    return this.source.status().clients.length <= MAX_CLIENT_LINES;
  }

  /** The client's row and its record in every finished round it took part in; undefined for an unknown id. */
  clientHistory(id: string): ClientHistory | undefined {
    const info = this.source.status().clients.find((c) => c.id === id);
    if (!info) return undefined;
    const rounds: ClientHistory['rounds'] = [];
    for (const record of this.source.roundRecords()) {
      const entry = record.clients.find((c) => c.id === id);
      if (entry) rounds.push({ round: record.round, ...entry });
    }
    return { client: this.row(info), rounds };
  }

  private row(info: ClientInfo): ClientRow {
    const extras = this.extras.get(info.id);
    return {
      ...info,
      last_update: extras?.lastUpdate ?? null,
      last_train_loss: extras?.lastTrainLoss ?? null,
      last_eval_loss: extras?.lastEvalLoss ?? null,
      refusal: info.round_status === 'refused' ? (extras?.refusal ?? null) : null,
      connections: extras?.connections ?? 0,
    };
  }

  private extrasOf(id: string): ClientExtras {
    let extras = this.extras.get(id);
    if (!extras) {
      extras = { lastUpdate: null, lastTrainLoss: null, lastEvalLoss: null, refusal: null, connections: 0 };
      this.extras.set(id, extras);
    }
    return extras;
  }

  private observe(event: RunEvent): void {
    const recent = this.take(event);
    if (recent) {
      this.recent.push(recent);
      if (this.recent.length > MAX_RECENT_EVENTS) this.recent.splice(0, this.recent.length - MAX_RECENT_EVENTS);
    }
    for (const listener of this.listeners) listener(event, recent);
  }

  /** Updates the monitor's state; returns the recent event worth showing, if the event is one. */
  private take(event: RunEvent): RecentEvent | undefined {
    const at = new Date().toISOString();
    switch (event.type) {
      case 'client_connected': {
        const extras = this.extrasOf(event.client);
        extras.connections++;
        return extras.connections > 1
          ? { at, kind: 'reconnected', client: event.client, round: null, message: `reconnected (connection ${extras.connections})` }
          : undefined;
      }
      case 'client_disconnected':
        return { at, kind: 'disconnected', client: event.client, round: null, message: `disconnected (${event.reason})` };
      case 'client_round_status':
        this.extrasOf(event.client).refusal = event.status === 'refused' ? (event.reason ?? null) : null;
        return undefined;
      case 'update_accepted':
        this.updatesAccepted++;
        this.extrasOf(event.client).lastUpdate = at;
        return undefined;
      case 'update_refused':
        this.refusedByCode[event.code] = (this.refusedByCode[event.code] ?? 0) + 1;
        return undefined;
      case 'message_refused':
        return { at, kind: 'refused', client: event.client, round: null, message: `${event.code}: ${event.reason}` };
      case 'round_retried':
        return { at, kind: 'retried', client: null, round: event.round, message: `attempt ${event.attempt} brought no usable update; retrying` };
      case 'round_finished': {
        const { record } = event;
        for (const client of record.clients) {
          const extras = this.extrasOf(client.id);
          if (client.train_loss !== null) extras.lastTrainLoss = client.train_loss;
          if (client.eval_loss !== null) extras.lastEvalLoss = client.eval_loss;
        }
        const evalLoss = record.eval_loss === null ? 'n/a' : record.eval_loss.toFixed(4);
        return {
          at,
          kind: 'round_finished',
          client: null,
          round: record.round,
          message: `${record.participants}/${record.sampled} updates aggregated, eval loss ${evalLoss}`,
        };
      }
      case 'run_finished':
        this.finishedAt = Date.now();
        return { at, kind: 'run_finished', client: null, round: null, message: `run finished after ${plural(event.rounds, 'round')}` };
      default:
        return undefined;
    }
  }
}

function roundPoint(record: RoundRecord, perClientLines: boolean): RoundPoint {
  const losses = record.clients.filter((c) => c.status === 'done' && c.train_loss !== null);
  const sorted = losses.map((c) => c.train_loss!).sort((a, b) => a - b);
  return {
    round: record.round,
    finished_at: record.finished_at,
    participants: record.participants,
    sampled: record.sampled,
    attempts: record.attempts,
    train_loss: record.train_loss,
    eval_loss: record.eval_loss,
    bytes_up: record.bytes_up,
    bytes_down: record.bytes_down,
    duration_ms: record.duration_ms,
    checkpoint: record.checkpoint,
    client_train_loss: sorted.length > 0 ? { min: sorted[0], median: median(sorted), max: sorted.at(-1)! } : null,
    client_train_losses: perClientLines ? Object.fromEntries(losses.map((c) => [c.id, c.train_loss!])) : null,
    strategy_metrics: {
      ...summarizeStrategyMetrics(record.strategy_metrics),
      // Differential privacy shows beside the strategy's own figures: the ε spent so far at δ.
      ...(record.privacy ? { epsilon_spent: record.privacy.epsilon, delta: record.privacy.delta } : {}),
    },
    privacy: privacyPoint(record),
    eval_sets: record.eval_sets,
  };
}
