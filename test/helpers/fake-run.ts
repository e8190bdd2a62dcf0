import type { RunSource } from '../../coordinator/edge/dashboard/run-monitor.js';
import type { RunEvent, RunEventListener } from '../../coordinator/round/events.js';
import type { RoundRecord, RunStatus } from '../../coordinator/round/records.js';
import type { RoundShifts } from '../../coordinator/round/round-shifts.js';

/** A run without a coordinator: the test sets its status and records and emits its events. */
export class FakeRun implements RunSource {
  records: RoundRecord[] = [];
  shifts: RoundShifts[] = [];
  /** Clients shown as disconnected, with what they announced (as the scheduler keeps it). */
  readonly disconnected = new Set<string>();
  /** Set by a test as an operator's pause would. */
  paused = false;
  private listener: RunEventListener | undefined;

  constructor(private readonly clientCount: number) {}

  status(): RunStatus {
    return {
      run_id: 'run',
      state: 'training',
      round: this.records.length + 1,
      rounds_total: 10,
      strategy: 'fedavg',
      peft_method: 'lora',
      model: 'builtin:tiny',
      started_at: new Date(0).toISOString(),
      baseline_eval_loss: 5,
      baseline_eval_sets: { default: { loss: 5, exact_match: null, f1: null, examples: 2 } },
      paused: this.paused,
      failure: null,
      global_digest: '0'.repeat(64),
      clients: Array.from({ length: this.clientCount }, (_, i) => ({
        id: `c${i}`,
        connected: !this.disconnected.has(`c${i}`),
        backend: 'wasm',
        gpu: null,
        num_train_examples: 10,
        num_eval_examples: 2,
        data_sets: [{ name: 'default', train_examples: 10, eval_examples: 2, qa: false }],
        sits_out: null,
        last_seen: null,
        round_status: null,
        excluded: null,
      })),
    };
  }

  roundRecords(): readonly RoundRecord[] {
    return this.records;
  }

  roundShifts(): readonly RoundShifts[] {
    return this.shifts;
  }

  subscribe(listener: RunEventListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  emit(event: RunEvent): void {
    this.listener?.(event);
  }

  /** Records a round as finished `durationMs` after it started, at `finishedAt`, and emits its event. */
  finishRound(round: number, durationMs = 1000, finishedAt = new Date(0)): void {
    const record: RoundRecord = {
      round,
      phase: null,
      sat_out: [],
      participants: 1,
      sampled: 1,
      num_examples: 10,
      train_loss: 4,
      eval_loss: 3,
      eval_examples: 2,
      eval_sets: { default: { loss: 3, exact_match: null, f1: null, examples: 2 } },
      bytes_up: 100,
      bytes_down: 200,
      duration_ms: durationMs,
      started_at: new Date(finishedAt.getTime() - durationMs).toISOString(),
      finished_at: finishedAt.toISOString(),
      attempts: 1,
      global_digest: '0'.repeat(64),
      checkpoint: `rounds/${round}`,
      privacy: null,
      secure_aggregation: null,
      update_encoding: 'fp32',
      raw_update_bytes: 100,
      global_encoding: 'fp32',
      raw_global_bytes: 100,
      global_wire_bytes: 100,
      strategy_metrics: { total_weight: 10, discarded: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'], update_norms: { c0: 0.5, c1: 2 } },
      clients: [],
    };
    this.records.push(record);
    this.emit({ type: 'round_finished', record });
  }
}
