/**
 * Where the coordinator's time goes for each accepted update: decoding the envelope, validating the tensors,
 * storing the update durably (wall time, mostly spent off the event loop in file writes and fsync), folding it
 * into the aggregate, sending the acknowledgement (socket.io writes a binary message as two websocket frames),
 * and bookkeeping (everything else: checks of round and client, round records, events, log line).
 */
export const UPDATE_STAGES = ['decode', 'validate', 'store', 'aggregate', 'acknowledge', 'bookkeeping'] as const;
export type UpdateStage = (typeof UPDATE_STAGES)[number];
export type UpdateTimings = Record<UpdateStage, number>;

/** Charges the time between consecutive marks to the stage named at each mark (milliseconds). */
export class StageClock {
  readonly spentMs: UpdateTimings = { decode: 0, validate: 0, store: 0, aggregate: 0, acknowledge: 0, bookkeeping: 0 };
  private last = performance.now();

  constructor(decodeMs: number) {
    this.spentMs.decode = decodeMs;
  }

  mark(stage: UpdateStage): void {
    const now = performance.now();
    this.spentMs[stage] += now - this.last;
    this.last = now;
  }
}
