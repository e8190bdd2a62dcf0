import { describe, expect, it } from 'vitest';
import { RunMonitor } from '../../coordinator/edge/dashboard/run-monitor.js';
import { FakeRun } from '../helpers/fake-run.js';

describe('run monitor', () => {
  it('records reconnects, disconnects, refusals and retries as recent events, keeping the latest 200', () => {
    const run = new FakeRun(2);
    const monitor = new RunMonitor(run);
    run.emit({ type: 'client_connected', client: 'c0' });
    run.emit({ type: 'client_disconnected', client: 'c0', reason: 'transport close' });
    run.emit({ type: 'client_connected', client: 'c0' });
    run.emit({ type: 'message_refused', client: 'c1', code: 'STALE_ROUND', reason: 'round 3 is in progress' });
    run.emit({ type: 'round_retried', round: 3, attempt: 1 });
    expect(monitor.recentEvents().map((e) => [e.kind, e.client, e.round])).toEqual([
      ['disconnected', 'c0', null],
      ['reconnected', 'c0', null],
      ['refused', 'c1', null],
      ['retried', null, 3],
    ]);
    expect(monitor.recentEvents()[2].message).toBe('STALE_ROUND: round 3 is in progress');
    expect(monitor.clientRows()[0].connections).toBe(2);

    for (let i = 0; i < 300; i++) run.emit({ type: 'client_disconnected', client: 'c1', reason: `drop ${i}` });
    expect(monitor.recentEvents()).toHaveLength(200);
    expect(monitor.recentEvents().at(-1)?.message).toBe('disconnected (drop 299)');
  });

  it('keeps what a client announced and its latest losses after it disconnects', () => {
    const run = new FakeRun(1);
    const monitor = new RunMonitor(run);
    run.emit({
      type: 'update_accepted',
      round: 1,
      client: 'c0',
      bytes: 10,
      numExamples: 10,
      timings: { decode: 0, validate: 0, store: 0, aggregate: 0, acknowledge: 0, bookkeeping: 0 },
    });
    run.disconnected.add('c0');
    const [row] = monitor.clientRows();
    expect(row).toMatchObject({ connected: false, backend: 'wasm', num_train_examples: 10, num_eval_examples: 2 });
    expect(row.last_update).not.toBeNull();
  });

  it('estimates the time left from the mean round duration, less the time spent on the current round', () => {
    const run = new FakeRun(1);
    const monitor = new RunMonitor(run);
    expect(monitor.summary().estimated_remaining_ms).toBeNull();
    const now = Date.parse('2026-01-01T00:00:10Z');
    run.finishRound(1, 1000, new Date(now - 2000));
    run.finishRound(2, 3000, new Date(now - 500));
    // 10 rounds, 2 done at 2 s each on average: 8 × 2000 ms, of which 500 ms are already spent on round 3.
    expect(monitor.summary(now).estimated_remaining_ms).toBe(15_500);
    expect(monitor.summary(now + 60_000).estimated_remaining_ms).toBe(0);
  });

  it('estimates no time left while the run is paused', () => {
    const run = new FakeRun(1);
    const monitor = new RunMonitor(run);
    const now = Date.parse('2026-01-01T00:00:10Z');
    run.finishRound(1, 1000, new Date(now - 2000));
    run.paused = true;
    expect(monitor.summary(now)).toMatchObject({ paused: true, estimated_remaining_ms: null });
    run.paused = false;
    expect(monitor.summary(now)).toMatchObject({ paused: false, estimated_remaining_ms: 7000 });
  });

  it('counts refused updates by wire error code', () => {
    const run = new FakeRun(2);
    const monitor = new RunMonitor(run);
    run.emit({ type: 'update_refused', round: 1, client: 'c0', code: 'NON_FINITE', reason: 'NaN' });
    run.emit({ type: 'update_refused', round: 1, client: 'c1', code: 'NON_FINITE', reason: 'NaN' });
    run.emit({ type: 'update_refused', round: 2, client: 'c1', code: 'TENSOR_MISMATCH', reason: 'shape' });
    expect(monitor.summary().updates_refused).toEqual({ NON_FINITE: 2, TENSOR_MISMATCH: 1 });
  });

  it('says "1 round", not "1 rounds"', () => {
    const run = new FakeRun(1);
    const monitor = new RunMonitor(run);
    run.emit({ type: 'run_finished', rounds: 1 });
    run.emit({ type: 'run_finished', rounds: 2 });
    expect(monitor.recentEvents().map((e) => e.message)).toEqual(['run finished after 1 round', 'run finished after 2 rounds']);
  });
});
