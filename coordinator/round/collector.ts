/**
 * Collecting one training round: the clients' answers to the training instruction, until every sampled client
 * answered or the deadline passed, then their aggregate. A plain collector takes updates through upload slots and
 * validates and stores each (plain-collector.ts); a secure one takes keys and runs the secure-aggregation phases,
 * learning only the sum (secure-collector.ts). The scheduler drives either the same way.
 */
import { FedloraError, ProtocolViolationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { SecAggKeysMessage, SecAggMessage } from '../../shared/secagg/messages.js';
import type { UpdateMessage, UploadRequestMessage } from '../../shared/wire/messages.js';
import type { RunEvent } from './events.js';
import type { Member } from '../membership/membership.js';
import { PendingSet } from './pending-set.js';
import type { ClientRoundRecord, ClientRoundStatus } from './records.js';
import type { StoredUpdate } from './persistence.js';
import type { SecureAggregationSummary } from './secure-aggregation.js';
import { emptyClientRecord } from './round-record.js';

/** A client's answer to a training instruction (or a later step of secure aggregation). */
export type RoundMessage = UploadRequestMessage | UpdateMessage | SecAggMessage;

/** One attempt at a training round, as the clients see it: whom it waits for, and what each did. */
export class TrainingRound {
  readonly clients: Map<string, ClientRoundRecord>;
  readonly waiting: PendingSet;

  constructor(
    readonly round: number,
    /** Digest of the global adapter as clients decode it (see downstream.ts): answers must refer to it. */
    readonly globalDigest: string,
    sampled: readonly string[],
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.clients = new Map(sampled.map((id) => [id, emptyClientRecord(id)]));
    this.waiting = new PendingSet(sampled);
  }

  setStatus(id: string, status: ClientRoundStatus, reason?: string): void {
    this.clients.get(id)!.status = status;
    this.emit({ type: 'client_round_status', round: this.round, client: id, status, reason });
  }

  /** The record of a sampled client that has not answered yet; throws otherwise. */
  expecting(clientId: string): ClientRoundRecord {
    const record = this.clients.get(clientId);
    if (!record) throw new FedloraError('NOT_SAMPLED', `client ${clientId} was not sampled for round ${this.round}`);
    if (!this.waiting.pending.has(clientId)) throw new ProtocolViolationError(`client ${clientId} already answered round ${this.round}`);
    return record;
  }

  /** Records a client's refusal, for this round, which goes on without it instead of waiting for it. */
  refuse(clientId: string, reason: string, code: string): void {
    this.clients.get(clientId)!.refusal = reason;
    this.setStatus(clientId, 'refused', reason);
    this.emit({ type: 'update_refused', round: this.round, client: clientId, code, reason });
    this.waiting.settle(clientId);
  }
}

/** What a round's collection aggregated: how many clients it covers, and why it covers none when it failed. */
export interface Collected {
  readonly usable: number;
  readonly failure?: string;
}

export interface RoundCollector {
  readonly training: TrainingRound;
  /** Whether the instruction asks clients for secure aggregation. */
  readonly secure: boolean;
  /** Update id accepted per client: a copy resent after the round was committed is acknowledged. */
  readonly acceptedIds: ReadonlyMap<string, string>;
  /** Uploads waiting for a slot, and the memory granted to those under way. */
  uploads(): { waiting: number; bytesInFlight: number };
  /** Folds the answers this attempt accepted before a restart. */
  restore(updates: readonly StoredUpdate[]): Promise<void>;
  /**
   * A client's answer, while the round collects (secure-aggregation steps: until it is aggregated). A returned
   * promise resolves once an accepted update is stored and folded in.
   */
  onMessage(client: Member, message: RoundMessage, byteLength: number, decodeMs: number): void | Promise<void>;
  /** A sampled client reported that it cannot answer this round. */
  onClientError(clientId: string, reason: string): void;
  /** A sampled client still pending lost its connection. */
  onDisconnect(clientId: string): void;
  /** A client came back: requests of its own it missed are sent again. */
  onReconnect(clientId: string): void;
  /** The deadline passed (or everyone answered): stops taking answers, once those under way are handled. */
  close(): Promise<void>;
  /** Folds what was collected into the round's aggregation. */
  aggregate(signal: AbortSignal): Promise<Collected>;
  readonly summary: SecureAggregationSummary | null;
  /** The round is over: the collector lets go of its aggregation (which the scheduler disposes of). */
  release(): void;
}

/** A client's keys when no secure round collects them. */
export function keysRefused(keys: SecAggKeysMessage): StaleRoundError {
  return new StaleRoundError(`secure-aggregation keys for round ${keys.round} refused: no round is collecting them`);
}

/** A secure-aggregation step for a round that runs none. */
export function secureStepRefused(message: SecAggMessage): StaleRoundError {
  return new StaleRoundError(`${message.kind} for round ${message.round} refused: no secure aggregation is open for it`);
}
