/**
 * Prometheus metrics of one coordinator, served at `GET /metrics`. Each coordinator owns its registry, so that
 * several coordinators in one process (tests, simulations) never share or collide on counters.
 * Completed rounds and payload bytes are read off the round records; updates, refusals, retries and timings are
 * counted from run events as they happen (since this process started).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunEvent } from '../round/events.js';
import type { RunSource } from './dashboard/run-monitor.js';
import { UPDATE_STAGES } from '../round/update-timings.js';

export class CoordinatorMetrics {
  readonly registry = new Registry();
  private readonly unsubscribe: () => void;

  constructor(source: RunSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // Derived from the round records at each scrape, so that they equal the sums over /api/v1/rounds even after a restart.
    new Counter({
      name: 'fedlora_rounds_completed_total',
      help: 'Rounds aggregated and committed.',
      registers,
      collect() {
        this.reset();
        this.inc(source.roundRecords().length);
      },
    });
    new Counter({
      name: 'fedlora_payload_bytes_total',
      help: 'Protobuf payload bytes of finished rounds, received from clients (up) and sent to them (down).',
      labelNames: ['direction'] as const,
      registers,
      collect() {
        this.reset();
        for (const record of source.roundRecords()) {
          this.inc({ direction: 'up' }, record.bytes_up);
          this.inc({ direction: 'down' }, record.bytes_down);
        }
      },
    });
    /** A gauge read off the run at each scrape; left unset while `read` has no value. */
    const readGauge = (name: string, help: string, read: () => number | null): Gauge =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const value = read();
          if (value !== null) this.set(value);
        },
      });
    readGauge('fedlora_eval_loss', "Held-out loss of the latest global adapter (before the first round: the base model's).", () => {
      const latest = source.roundRecords().at(-1);
      return latest ? latest.eval_loss : source.status().baseline_eval_loss;
    });
    const currentRound = new Gauge({ name: 'fedlora_current_round', help: 'The round in progress, or the last one finished.', registers });
    readGauge('fedlora_clients_connected', 'Clients with an open connection.', () => source.status().clients.filter((c) => c.connected).length);
    readGauge('fedlora_uploads_waiting', 'Clients whose update is ready and waits for an upload slot.', () => source.uploads?.().waiting ?? 0);
    readGauge(
      'fedlora_upload_bytes_in_flight',
      'Memory charged to updates granted an upload slot and not yet stored (bounded by uploadBudgetBytes).',
      () => source.uploads?.().bytesInFlight ?? 0,
    );
    const updatesAccepted = new Counter({ name: 'fedlora_updates_accepted_total', help: 'Client updates accepted into an aggregate.', registers });
    const updatesRefused = new Counter({
      name: 'fedlora_updates_refused_total',
      help: 'Client updates refused, by wire error code.',
      labelNames: ['reason'] as const,
      registers,
    });
    const messagesRefused = new Counter({
      name: 'fedlora_messages_refused_total',
      help: 'Messages from clients refused with a typed error (updates included), by wire error code.',
      labelNames: ['code'] as const,
      registers,
    });
    const roundRetries = new Counter({ name: 'fedlora_round_retries_total', help: 'Round attempts retried for lack of usable updates.', registers });
    const disconnects = new Counter({ name: 'fedlora_client_disconnects_total', help: 'Client connections closed.', registers });
    const updateStageTime = new Counter({
      name: 'fedlora_update_stage_seconds_total',
      help: 'Time spent on accepted updates, by stage: decode, validate, store (wall time), aggregate, acknowledge, bookkeeping.',
      labelNames: ['stage'] as const,
      registers,
    });
    const roundDuration = new Histogram({
      name: 'fedlora_round_duration_seconds',
      help: 'Wall time of finished rounds, from the first instruction to the end of evaluation.',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
    const aggregationTime = new Histogram({
      name: 'fedlora_aggregation_seconds',
      help: "Time the strategy took to finish a round's aggregate.",
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });

    const observe = (event: RunEvent): void => {
      switch (event.type) {
        case 'state_changed':
          currentRound.set(event.round);
          return;
        case 'round_started':
          currentRound.set(event.round);
          return;
        case 'update_accepted':
          updatesAccepted.inc();
          if (event.timings) for (const stage of UPDATE_STAGES) updateStageTime.inc({ stage }, event.timings[stage] / 1000);
          return;
        case 'update_refused':
          updatesRefused.inc({ reason: event.code });
          return;
        case 'message_refused':
          messagesRefused.inc({ code: event.code });
          return;
        case 'round_retried':
          roundRetries.inc();
          return;
        case 'client_disconnected':
          disconnects.inc();
          return;
        case 'aggregation_finished':
          aggregationTime.observe(event.durationMs / 1000);
          return;
        case 'round_finished':
          roundDuration.observe(event.record.duration_ms / 1000);
          return;
        default:
          return;
      }
    };
    this.unsubscribe = source.subscribe(observe);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}
