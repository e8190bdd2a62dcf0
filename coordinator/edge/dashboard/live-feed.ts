/**
 * The dashboard's live feed: server-sent events at `GET /api/v1/live`. A new stream first gets a `snapshot`
 * (summary, round points, client rows, recent events), then `update` messages with what changed. Changes are
 * batched and sent at most every `flushIntervalMs`, so 1,000 clients changing status at once cost one message
 * per interval, holding only the rows that changed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientRow, RecentEvent, RoundPoint, RunMonitor, RunSummary } from './run-monitor.js';

export interface LiveSnapshot {
  summary: RunSummary;
  rounds: RoundPoint[];
  clients: ClientRow[];
  events: readonly RecentEvent[];
}

/** Everything in an update is optional: a summary is always sent, the rest only when it changed. */
export interface LiveUpdate {
  summary: RunSummary;
  rounds?: RoundPoint[];
  clients?: ClientRow[];
  events?: RecentEvent[];
}

/** A comment line every so often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** A stream that has this much unsent is dropped; its browser reconnects and starts again from a fresh snapshot. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export class LiveFeed {
  private readonly streams = new Set<ServerResponse>();
  private readonly changedClients = new Set<string>();
  private rounds: RoundPoint[] = [];
  private events: RecentEvent[] = [];
  private pending = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly monitor: RunMonitor,
    private readonly flushIntervalMs = 250,
  ) {
    this.unsubscribe = monitor.subscribe((event, recent) => {
      if ('client' in event) this.changedClients.add(event.client);
      if (event.type === 'round_finished') {
        this.rounds.push(monitor.roundPointOf(event.record));
        // A finished round updates every participant's last losses.
        for (const client of event.record.clients) this.changedClients.add(client.id);
      }
      if (recent) this.events.push(recent);
      this.schedule();
    });
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** Serves one event stream until the browser goes away or the feed closes. */
  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    // Changes still buffered happened before this snapshot: send them to the older streams only.
    if (this.pending) this.flush();
    const snapshot: LiveSnapshot = {
      summary: this.monitor.summary(),
      rounds: this.monitor.roundPoints(),
      clients: this.monitor.clientRows(),
      events: this.monitor.recentEvents(),
    };
    res.write(`retry: 2000\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    clearTimeout(this.flushTimer);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.flushTimer = setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.pending = false;
    if (this.streams.size === 0) {
      // Nobody listens (a stream opened later starts from a snapshot): skip the work, which grows with the clients.
      this.changedClients.clear();
      this.rounds = [];
      this.events = [];
      return;
    }
    const update: LiveUpdate = { summary: this.monitor.summary() };
    if (this.changedClients.size > 0) {
      update.clients = this.monitor.clientRows().filter((row) => this.changedClients.has(row.id));
      this.changedClients.clear();
    }
    if (this.rounds.length > 0) update.rounds = this.rounds;
    if (this.events.length > 0) update.events = this.events;
    this.rounds = [];
    this.events = [];
    this.broadcast(`event: update\ndata: ${JSON.stringify(update)}\n\n`);
  }

  private broadcast(text: string): void {
    for (const res of this.streams) {
      if (res.writableLength > MAX_UNSENT_BYTES) {
        this.streams.delete(res);
        res.destroy();
      } else {
        res.write(text);
      }
    }
  }
}
