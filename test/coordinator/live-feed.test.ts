import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LiveFeed, type LiveUpdate } from '../../coordinator/edge/dashboard/live-feed.js';
import { RunMonitor } from '../../coordinator/edge/dashboard/run-monitor.js';
import { FakeRun } from '../helpers/fake-run.js';

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
      stream.events
        .flatMap((e) => (e.event === 'snapshot' ? (e.data as { rounds: { round: number }[] }).rounds : ((e.data as LiveUpdate).rounds ?? [])))
        .map((r) => r.round);
    expect(roundsSeen(early)).toEqual([1, 2]);
    const firstPoint = (early.events[1].data as LiveUpdate).rounds![0];
    // Strategy metrics reach the page summarised: lists and per-client maps as one short text each.
    expect(firstPoint.strategy_metrics).toEqual({
      total_weight: 10,
      discarded: 'c0, c1, c2, c3, c4 and 1 more',
      update_norms: '0.5000 to 2.000 over 2 clients',
    });
    expect(roundsSeen(late)).toEqual([1, 2]);
  });

  it('batches a burst of changes from 1,000 clients into one update holding each changed client once', async () => {
    const run = new FakeRun(1000);
    feed = new LiveFeed(new RunMonitor(run), FLUSH_MS);
    const stream = openStream(feed);
    for (let i = 0; i < 1000; i++) run.emit({ type: 'client_round_status', round: 1, client: `c${i}`, status: 'training' });
    for (let i = 0; i < 500; i++)
      run.emit({
        type: 'update_accepted',
        round: 1,
        client: `c${i}`,
        bytes: 10,
        numExamples: 10,
        timings: { decode: 0, validate: 0, store: 0, aggregate: 0, acknowledge: 0, bookkeeping: 0 },
      });
    await settle();

    const updates = stream.events.filter((e) => e.event === 'update').map((e) => e.data as LiveUpdate);
    expect(updates).toHaveLength(1);
    expect(updates[0].clients).toHaveLength(1000);
    expect(updates[0].summary.updates_accepted).toBe(500);
  });
});
