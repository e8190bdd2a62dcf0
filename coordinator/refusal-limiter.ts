/**
 * Counts each client's refused messages in a sliding window. A client that goes over the limit is put on a
 * cool-down during which its token is refused at the handshake, so a client sending garbage in a loop costs
 * the coordinator one refused handshake per reconnect attempt instead of a decode and a reply per message.
 */
export interface RefusalLimit {
  readonly maxRefusals: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
}

export class RefusalLimiter {
  /** Times of each client's refusals within the window, oldest first. */
  private readonly recent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    readonly limit: RefusalLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one refusal; true when it takes the client over the limit, which starts its cool-down. */
  recordRefusal(clientId: string): boolean {
    const now = this.now();
    const times = this.recent.get(clientId) ?? [];
    while (times.length > 0 && times[0] <= now - this.limit.windowMs) times.shift();
    times.push(now);
    if (times.length <= this.limit.maxRefusals) {
      this.recent.set(clientId, times);
      return false;
    }
    this.recent.delete(clientId);
    this.blockedUntil.set(clientId, now + this.limit.cooldownMs);
    return true;
  }

  /** Milliseconds before the client may connect again (0: it may now). */
  cooldownLeft(clientId: string): number {
    const until = this.blockedUntil.get(clientId);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.blockedUntil.delete(clientId);
    return 0;
  }
}
