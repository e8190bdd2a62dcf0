/**
 * Counts refusals per key (a client, or the address of connections refused at the handshake) in a sliding
 * window. A key that goes over the limit is put on a cool-down: a client sending garbage in a loop then costs the
 * coordinator one refused handshake per reconnect attempt instead of a decode and a reply per message. Repeated
 * refusals are logged in summaries (RefusalSummary), not one line each.
 */
export interface RefusalLimit {
  readonly maxRefusals: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
}

export class RefusalLimiter {
  /** Times of each key's refusals within the window, oldest first. */
  private readonly recent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    readonly limit: RefusalLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one refusal; true when it takes the key over the limit, which starts its cool-down. */
  recordRefusal(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const times = this.recent.get(key) ?? [];
    while (times.length > 0 && times[0] <= now - this.limit.windowMs) times.shift();
    times.push(now);
    if (times.length <= this.limit.maxRefusals) {
      this.recent.set(key, times);
      return false;
    }
    this.recent.delete(key);
    this.blockedUntil.set(key, now + this.limit.cooldownMs);
    return true;
  }

  /** Milliseconds before the key may connect again (0: it may now). */
  cooldownLeft(key: string): number {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.blockedUntil.delete(key);
    return 0;
  }

  /** Keys tracked: those refused within the window or cooling down, however many came and went before. */
  get size(): number {
    return new Set([...this.recent.keys(), ...this.blockedUntil.keys()]).size;
  }

  /** Forgets keys whose refusals all left the window and whose cool-down ended, at most once per window. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.limit.windowMs;
    for (const [key, times] of this.recent) if (times[times.length - 1] <= now - this.limit.windowMs) this.recent.delete(key);
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
  }
}

/**
 * Logs a run of refusals under one key as a line for the first and then, while they go on, one line per window
 * with their count: a flood of refused connections costs a few log lines, not one each.
 */
export class RefusalSummary {
  private readonly runs = new Map<string, { count: number; timer: NodeJS.Timeout; logRepeated: (count: number) => void }>();

  constructor(private readonly windowMs: number) {}

  /** `logFirst` runs for the first refusal of a run, `logRepeated` at the end of each window that had more. */
  record(key: string, logFirst: () => void, logRepeated: (count: number) => void): void {
    const run = this.runs.get(key);
    if (run) {
      run.count += 1;
      return;
    }
    logFirst();
    const started = {
      count: 0,
      logRepeated,
      timer: setInterval(() => {
        if (started.count === 0) {
          clearInterval(started.timer);
          this.runs.delete(key);
          return;
        }
        logRepeated(started.count);
        started.count = 0;
      }, this.windowMs).unref(),
    };
    this.runs.set(key, started);
  }

  /** Logs what the current windows have not summed up yet, and stops. */
  close(): void {
    for (const run of this.runs.values()) {
      clearInterval(run.timer);
      if (run.count > 0) run.logRepeated(run.count);
    }
    this.runs.clear();
  }
}
