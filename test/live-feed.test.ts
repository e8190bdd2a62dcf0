import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LiveFeed, type LiveUpdate } from '../coordinator/dashboard/live-feed.js';
import { RunMonitor, type RunSource } from '../coordinator/dashboard/run-monitor.js';
import type { RunEvent, RunEventListener } from '../coordinator/events.js';
import type { RoundRecord, RunStatus } from '../coordinator/records.js';

/** A run without a coordinator: the test sets its status and records and emits its events. */
class FakeRun implements RunSource {
  records: RoundRecord[] = [];
  private listener: RunEventListener | undefined;

  constructor(private readonly clientCount: number) {}

  status(): RunStatus {
    return {
      run_id: 'run',
      state: 'training',
      round: this.records.length + 1,
      rounds_total: 10,
      strategy: 'fedavg',
      model: 'builtin:tiny',
      started_at: new Date(0).toISOString(),
      baseline_eval_loss: 5,
      global_digest: '0'.repeat(64),
      clients: Array.from({ length: this.clientCount }, (_, i) => ({
        id: `c${i}`,
        connected: true,
        backend: 'wasm',
        num_train_examples: 10,
        num_eval_examples: 2,
        last_seen: null,
        round_status: null,
      })),
    };
  }

  roundRecords(): readonly RoundRecord[] {
    return this.records;
  }

  subscribe(listener: RunEventListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  emit(event: RunEvent): void {
    this.listener?.(event);
  }

  finishRound(round: number): void {
    const record: RoundRecord = {
      round,
      participants: 1,
      sampled: 1,
      num_examples: 10,
      train_loss: 4,
      eval_loss: 3,
      eval_examples: 2,
      bytes_up: 100,
      bytes_down: 200,
      duration_ms: 1000,
      started_at: new Date(0).toISOString(),
      finished_at: new Date(0).toISOString(),
      attempts: 1,
      global_digest: '0'.repeat(64),
      checkpoint: `rounds/${round}`,
      clients: [],
    };
    this.records.push(record);
    this.emit({ type: 'round_finished', record });
  }
}

/** Collects what a stream received, as parsed server-sent events. */
function openStream(feed: LiveFeed): { events: { event: string; data: unknown }[] } {
  const stream = { events: [] as { event: string; data: unknown }[] };
  const res = {
    writeHead: () => res,
    write(text: string) {
      const event = /^event: (.*)$/m.exec(text)?.[1];
      const data = /^data: (.*)$/m.exec(text)?.[1];
      if (event && data) stream.events.push({ event, data: JSON.parse(data) });
      return true;
    },
    end: () => undefined,
  };
  feed.open(new EventEmitter() as IncomingMessage, res as unknown as ServerResponse);
  return stream;
}

const FLUSH_MS = 20;
const settle = () => new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 3));
let feed: LiveFeed | undefined;

afterEach(() => feed?.close());

describe('live feed', () => {
  it('gives a stream opened between a change and its flush that change once, in its snapshot', async () => {
    const run = new FakeRun(2);
    feed = new LiveFeed(new RunMonitor(run), FLUSH_MS);
    const early = openStream(feed);
    run.finishRound(1);
    const late = openStream(feed);
    run.finishRound(2);
    await settle();

    const roundsSeen = (stream: ReturnType<typeof openStream>) =>
      stream.events.flatMap((e) => (e.event === 'snapshot' ? (e.data as { rounds: { round: number }[] }).rounds : ((e.data as LiveUpdate).rounds ?? []))).map((r) => r.round);
    expect(roundsSeen(early)).toEqual([1, 2]);
    expect(roundsSeen(late)).toEqual([1, 2]);
  });

  it('batches a burst of changes from 1,000 clients into one update holding each changed client once', async () => {
    const run = new FakeRun(1000);
    feed = new LiveFeed(new RunMonitor(run), FLUSH_MS);
    const stream = openStream(feed);
    for (let i = 0; i < 1000; i++) run.emit({ type: 'client_round_status', round: 1, client: `c${i}`, status: 'training' });
    for (let i = 0; i < 500; i++) run.emit({ type: 'update_accepted', round: 1, client: `c${i}`, bytes: 10, numExamples: 10 });
    await settle();

    const updates = stream.events.filter((e) => e.event === 'update').map((e) => e.data as LiveUpdate);
    expect(updates).toHaveLength(1);
    expect(updates[0].clients).toHaveLength(1000);
    expect(updates[0].summary.updates_accepted).toBe(500);
  });
});
