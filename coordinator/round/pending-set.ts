/** Clients we wait for in one phase (training, evaluation, a secure-aggregation phase), with a deadline. */
export class PendingSet {
  readonly pending: Set<string>;
  private resolveWait: (() => void) | undefined;

  constructor(ids: Iterable<string>) {
    this.pending = new Set(ids);
  }

  settle(id: string): boolean {
    const removed = this.pending.delete(id);
    if (this.pending.size === 0) this.resolveWait?.();
    return removed;
  }

  /** Resolves when nobody is pending, at the deadline, or when aborted, whichever comes first. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.pending.size === 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.resolveWait = undefined;
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      signal.addEventListener('abort', finish);
      this.resolveWait = finish;
    });
  }
}
