/**
 * Plain collection: each sampled client asks for an upload slot, sends its update, which is validated, stored
 * durably, acknowledged and folded into the round's aggregation.
 */
import { assertFinite, assertSameLayout, l2Norm, rawByteSize, type AdapterLayout } from '../../shared/lora/adapter.js';
import { CHUNK_WINDOW } from '../../shared/wire/chunking.js';
import { FedloraError, NonFiniteError, NormExceededError, PayloadTooLargeError, ProtocolViolationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { UpdateMessage, UploadRequestMessage } from '../../shared/wire/messages.js';
import type { RunEvent } from './events.js';
import type { Member } from '../membership/membership.js';
import type { AcceptedUpdate, RoundPersistence, StoredUpdate } from './persistence.js';
import type { RoundAggregation } from '../strategies/strategy.js';
import { StageClock } from './update-timings.js';
import { UploadSlots } from './upload-slots.js';
import { keysRefused, secureStepRefused, type Collected, type RoundCollector, type RoundMessage, type TrainingRound } from './collector.js';

export interface PlainCollectorSettings {
  /** Chunking parameters announced to clients. */
  readonly transfer: { readonly chunkBytes: number; readonly maxPayloadBytes: number };
  /** Bytes of updates granted an upload slot at once (see upload-slots.ts). */
  readonly uploadBudgetBytes: number;
  /** Updates with a larger L2 norm are refused; undefined: no bound. */
  readonly maxUpdateNorm?: number;
  /** The layout an update of the client must have (a client training a lower rank sends the leading components). */
  readonly expectedLayout: (client: Member) => AdapterLayout;
  readonly member: (id: string) => Member | undefined;
  readonly persistence: Pick<RoundPersistence, 'saveAcceptedUpdate'>;
  readonly logger: Logger;
  readonly emit: (event: RunEvent) => void;
}

export class PlainCollector implements RoundCollector {
  readonly secure = false;
  readonly summary = null;
  /** Update id accepted (or being stored) per client: a resent copy is acknowledged, not applied again. */
  readonly acceptedIds = new Map<string, string>();
  /** Accepted updates still being written to disk; the round waits for them before closing. */
  private readonly storing = new Set<Promise<void>>();
  /** Who may send an update now; the others wait for a slot. */
  private readonly slots: UploadSlots;
  private aggregation: RoundAggregation | undefined;

  constructor(
    readonly training: TrainingRound,
    aggregation: RoundAggregation,
    private readonly settings: PlainCollectorSettings,
  ) {
    this.aggregation = aggregation;
    this.slots = new UploadSlots(settings.uploadBudgetBytes);
  }

  uploads(): { waiting: number; bytesInFlight: number } {
    return { waiting: this.slots.waitingCount, bytesInFlight: this.slots.bytesInFlight };
  }

  async restore(updates: readonly StoredUpdate[]): Promise<void> {
    // One update in memory at a time, as when they arrived.
    for (const stored of updates) {
      if (!this.training.clients.has(stored.clientId)) continue;
      const update = await stored.load();
      if (update) this.fold(update);
    }
  }

  onMessage(client: Member, message: RoundMessage, byteLength: number, decodeMs: number): void | Promise<void> {
    switch (message.kind) {
      case 'uploadRequest':
        return this.onUploadRequest(client, message);
      case 'update':
        return this.onUpdate(client, message, byteLength, new StageClock(decodeMs));
      case 'secaggKeys':
        throw keysRefused(message);
      default:
        throw secureStepRefused(message);
    }
  }

  onClientError(clientId: string, reason: string): void {
    if (!this.training.waiting.pending.has(clientId) || this.acceptedIds.has(clientId)) return;
    this.training.setStatus(clientId, 'dropped', reason);
    this.slots.release(clientId);
    this.training.waiting.settle(clientId);
  }

  onDisconnect(clientId: string): void {
    // An update still to come frees its slot; it asks again after reconnecting.
    if (!this.acceptedIds.has(clientId)) this.slots.release(clientId);
  }

  onReconnect(): void {}

  async close(): Promise<void> {
    await Promise.all(this.storing);
    const round = this.training.round;
    for (const id of this.slots.close()) {
      this.settings
        .member(id)
        ?.connection?.send({ kind: 'error', code: 'STALE_ROUND', message: `round ${round} closed before an upload slot was free`, round });
    }
  }

  async aggregate(): Promise<Collected> {
    return { usable: this.aggregation!.updateCount };
  }

  release(): void {
    this.aggregation = undefined;
  }

  /**
   * The client's record if this update is new; undefined when it was accepted already (a copy resent after a
   * reconnect), which is acknowledged.
   */
  private expecting(client: Member, updateId: string): ReturnType<TrainingRound['expecting']> | undefined {
    const knownId = this.acceptedIds.get(client.id);
    if (knownId === updateId) {
      client.connection!.send({ kind: 'ack', round: this.training.round });
      return undefined;
    }
    const record = this.training.expecting(client.id);
    if (knownId !== undefined) throw new ProtocolViolationError(`client ${client.id} already answered round ${this.training.round}`);
    return record;
  }

  /** A client's update is ready: it gets an upload slot now or when one frees up. */
  private onUploadRequest(client: Member, request: UploadRequestMessage): void {
    if (!this.expecting(client, request.updateId)) return;
    const { chunkBytes, maxPayloadBytes } = this.settings.transfer;
    if (request.bytes > maxPayloadBytes) throw new PayloadTooLargeError(`an update of ${request.bytes} bytes is over the limit of ${maxPayloadBytes} bytes`);
    // A chunked upload is spooled to disk: in memory it takes at most its window of chunks until it is complete.
    const charge = Math.min(request.bytes, CHUNK_WINDOW * chunkBytes);
    this.slots.request(client.id, request.updateId, request.bytes, charge, () => {
      client.connection?.send({ kind: 'uploadGrant', round: request.round, updateId: request.updateId });
    });
  }

  /** Resolves once an accepted update is stored and folded in (or could not be stored). */
  private onUpdate(client: Member, update: UpdateMessage, byteLength: number, clock: StageClock): Promise<void> | undefined {
    const record = this.expecting(client, update.updateId);
    if (!record) return undefined;
    const { round } = this.training;
    const announcedBytes = this.slots.grantedBytes(client.id, update.updateId);
    if (announcedBytes === undefined) {
      throw new ProtocolViolationError(`update ${update.updateId} came without an upload slot: send an uploadRequest and wait for its uploadGrant`);
    }
    record.bytes_up += byteLength;
    clock.mark('bookkeeping');
    try {
      this.validate(client, update, byteLength, announcedBytes);
      clock.mark('validate');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.training.refuse(client.id, reason, error instanceof FedloraError ? error.code : 'PROTOCOL_VIOLATION');
      this.slots.release(client.id);
      throw error;
    }
    const accepted: AcceptedUpdate = {
      clientId: client.id,
      updateId: update.updateId,
      numExamples: update.numExamples,
      trainLoss: update.trainLoss,
      tokensPerSecond: update.tokensPerSecond,
      bytesUp: record.bytes_up,
      adapter: update.update,
    };
    this.acceptedIds.set(client.id, update.updateId);
    const { logger } = this.settings;
    const storing = this.settings.persistence.saveAcceptedUpdate(round, accepted).then(
      () => {
        clock.mark('store');
        this.fold(accepted, clock);
        clock.mark('bookkeeping');
        client.connection?.send({ kind: 'ack', round });
        clock.mark('acknowledge');
        logger.info(
          { event: 'update_accepted', client: client.id, round, num_examples: update.numExamples, train_loss: update.trainLoss, bytes: byteLength },
          `round ${round}: update from ${client.id} accepted`,
        );
        clock.mark('bookkeeping');
        this.settings.emit({ type: 'update_accepted', round, client: client.id, bytes: byteLength, numExamples: update.numExamples, timings: clock.spentMs });
      },
      (error: unknown) => {
        // Not stored, so not acknowledged: the client may send it again.
        this.acceptedIds.delete(client.id);
        logger.error({ event: 'update_not_stored', client: client.id, round, err: error }, `could not store the update of ${client.id}`);
        client.connection?.send({ kind: 'error', code: 'PROTOCOL_VIOLATION', message: 'the coordinator could not store this update; send it again', round });
      },
    );
    this.storing.add(storing);
    void storing.finally(() => {
      this.storing.delete(storing);
      this.slots.release(client.id);
    });
    return storing;
  }

  /** Throws, naming what is wrong, unless the update may be folded into the round. */
  private validate(client: Member, update: UpdateMessage, byteLength: number, announcedBytes: number): void {
    if (byteLength > announcedBytes) throw new ProtocolViolationError(`update of ${byteLength} bytes, but its upload request announced ${announcedBytes}`);
    const expected = this.training.globalDigest;
    if (update.globalDigest !== expected) {
      throw new StaleRoundError(`update computed from global adapter ${update.globalDigest.slice(0, 12)}…, expected ${expected.slice(0, 12)}…`);
    }
    assertSameLayout(this.settings.expectedLayout(client), update.update);
    assertFinite(update.update);
    const maxNorm = this.settings.maxUpdateNorm ?? Number.POSITIVE_INFINITY;
    const norm = maxNorm === Number.POSITIVE_INFINITY ? 0 : l2Norm(update.update);
    // Not `norm > maxNorm`, which a NaN norm would pass.
    if (!(norm <= maxNorm)) {
      throw new NormExceededError(`update norm ${norm.toPrecision(4)} exceeds maxUpdateNorm ${Number(maxNorm.toPrecision(4))}`);
    }
    if (!(update.numExamples >= 1)) throw new ProtocolViolationError('an update must report at least one training example');
    if (!Number.isFinite(update.trainLoss)) throw new NonFiniteError('train_loss is not finite');
  }

  /** Folds an accepted (and stored) update into the round. */
  private fold(update: AcceptedUpdate, clock?: StageClock): void {
    clock?.mark('bookkeeping');
    this.aggregation!.add(update.clientId, update.adapter, update.numExamples);
    clock?.mark('aggregate');
    this.acceptedIds.set(update.clientId, update.updateId);
    const record = this.training.clients.get(update.clientId)!;
    record.num_examples = update.numExamples;
    record.raw_update_bytes = rawByteSize(update.adapter);
    record.train_loss = update.trainLoss;
    record.tokens_per_second = update.tokensPerSecond;
    record.bytes_up = Math.max(record.bytes_up, update.bytesUp);
    this.training.setStatus(update.clientId, 'done');
    this.training.waiting.settle(update.clientId);
  }
}
