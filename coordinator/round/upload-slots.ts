/**
 * Upload slots of one training phase. Clients ask before sending an update; a request is granted while the bytes
 * of the updates granted and not yet handled stay within a budget, otherwise it waits its turn (first come, first
 * served). However many clients finish at once, the coordinator then holds at most about a budget of updates in
 * memory, instead of every update of the round waiting for its turn on the event loop. One upload is always
 * granted, so an update larger than the budget still goes through, alone.
 */

interface SlotRequest {
  readonly updateId: string;
  /** Length of the update as announced by the client. */
  readonly bytes: number;
  /** Memory this upload may take at the coordinator. */
  readonly charge: number;
  readonly grant: () => void;
}

export class UploadSlots {
  /** Granted uploads not yet handled, by client. */
  private readonly granted = new Map<string, SlotRequest>();
  /** Requests waiting for a slot, by client, in arrival order. */
  private readonly waiting = new Map<string, SlotRequest>();
  private chargedBytes = 0;
  private closed = false;

  constructor(private readonly budgetBytes: number) {}

  /** Memory charged to the granted uploads not yet handled. */
  get bytesInFlight(): number {
    return this.chargedBytes;
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  /**
   * Asks for a slot for `updateId`; `grant` is called once it is given (at once if the budget allows). A client
   * asking again (after a reconnect) replaces its earlier request or grant.
   */
  request(clientId: string, updateId: string, bytes: number, charge: number, grant: () => void): void {
    if (this.closed) return;
    this.release(clientId);
    this.waiting.set(clientId, { updateId, bytes, charge, grant });
    this.grantWaiting();
  }

  /** The announced length of the update, if the client holds a slot for it; undefined otherwise. */
  grantedBytes(clientId: string, updateId: string): number | undefined {
    const slot = this.granted.get(clientId);
    return slot?.updateId === updateId ? slot.bytes : undefined;
  }

  /** The client's upload was handled (or it left): its slot, or its place in the queue, goes to the next. */
  release(clientId: string): void {
    const slot = this.granted.get(clientId);
    if (slot) {
      this.granted.delete(clientId);
      this.chargedBytes -= slot.charge;
      this.grantWaiting();
    }
    this.waiting.delete(clientId);
  }

  /** Ends the phase: no more grants. Returns the clients still waiting for a slot. */
  close(): string[] {
    this.closed = true;
    const waiting = [...this.waiting.keys()];
    this.waiting.clear();
    this.granted.clear();
    this.chargedBytes = 0;
    return waiting;
  }

  private grantWaiting(): void {
    for (const [clientId, request] of this.waiting) {
      if (this.granted.size > 0 && this.chargedBytes + request.charge > this.budgetBytes) return;
      this.waiting.delete(clientId);
      this.granted.set(clientId, request);
      this.chargedBytes += request.charge;
      request.grant();
    }
  }
}
