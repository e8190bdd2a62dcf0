/**
 * The phase in progress — a training round collecting answers, or an evaluation — and where clients' messages
 * about rounds go: to the round's collector, to the evaluation, or back to their sender as stale.
 */
import { ProtocolViolationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { Message } from '../../shared/wire/messages.js';
import type { Member } from '../membership/membership.js';
import type { ClientRoundStatus } from './records.js';
import { keysRefused, secureStepRefused, type RoundCollector, type RoundMessage } from './collector.js';
import type { Evaluation } from './evaluation.js';
import type { Instruction } from './instructions.js';

/** A training round while it collects answers. */
interface TrainPhase {
  readonly kind: 'train';
  readonly waiting: RoundCollector['training']['waiting'];
  readonly collector: RoundCollector;
  readonly instruction: Instruction;
}

/** Messages about rounds: everything a client sends after its hello. */
export type PhaseMessage = Exclude<Message, { kind: 'hello' }>;

export class CurrentPhase {
  private phase: TrainPhase | Evaluation | undefined;
  /**
   * The collector of the latest training round, kept through its evaluation so that its clients' status stays
   * visible and secure aggregation can finish; it lets go of the aggregation once the round is over.
   */
  private latest: RoundCollector | undefined;
  /** Update ids of the last committed round: a late resent copy of one of them is acknowledged. */
  private lastCommitted: { round: number; acceptedIds: ReadonlyMap<string, string> } | undefined;

  constructor(
    /** The next round to train, while the run goes on; undefined once it no longer trains. */
    private readonly nextRound: () => number | undefined,
    private readonly logger: Logger,
  ) {}

  /** Opens a training round: answers about it now go to its collector. */
  startTraining(collector: RoundCollector, instruction: Instruction): void {
    this.phase = { kind: 'train', waiting: collector.training.waiting, collector, instruction };
    this.latest = collector;
  }

  /** Sends the open training round's instruction to every sampled client it waits for. */
  sendTraining(member: (id: string) => Member): void {
    const phase = this.phase;
    if (phase?.kind !== 'train') return;
    for (const id of phase.waiting.pending) this.sendTrain(member(id), phase);
  }

  /** Opens an evaluation and sends its instruction to the clients it waits for. */
  startEvaluation(evaluation: Evaluation, clients: readonly Member[]): void {
    this.phase = evaluation;
    for (const client of clients) evaluation.send(client);
  }

  /** The phase stopped taking answers. */
  end(): void {
    this.phase = undefined;
  }

  committed(collector: RoundCollector): void {
    this.lastCommitted = { round: collector.training.round, acceptedIds: collector.acceptedIds };
  }

  uploads(): { waiting: number; bytesInFlight: number } {
    return this.phase?.kind === 'train' ? this.phase.collector.uploads() : { waiting: 0, bytesInFlight: 0 };
  }

  /** The client's status in the latest training round. */
  roundStatus(id: string): ClientRoundStatus | null {
    return this.latest?.training.clients.get(id)?.status ?? null;
  }

  /** Stops waiting for a client (banned by an operator). */
  release(id: string, reason: string): void {
    const phase = this.phase;
    if (!phase?.waiting.pending.has(id)) return;
    if (phase.kind === 'train') phase.collector.training.setStatus(id, 'dropped', reason);
    phase.waiting.settle(id);
  }

  /** A sampled client stays pending until the deadline: it may reconnect and still answer. */
  onDisconnect(id: string): void {
    const phase = this.phase;
    if (phase?.kind !== 'train' || !phase.collector.training.waiting.pending.has(id)) return;
    phase.collector.training.setStatus(id, 'dropped');
    phase.collector.onDisconnect(id);
  }

  /** A sampled client that reconnected mid-phase gets its instruction again. */
  onReconnect(client: Member): void {
    const phase = this.phase;
    if (phase?.waiting.pending.has(client.id)) {
      if (phase.kind === 'train') this.sendTrain(client, phase);
      else phase.send(client);
    }
    this.latest?.onReconnect(client.id);
  }

  onMessage(client: Member, message: PhaseMessage, byteLength: number, decodeMs: number): void | Promise<void> {
    switch (message.kind) {
      case 'uploadRequest':
      case 'update':
      case 'secaggKeys':
        return this.collectorFor(client, message)?.onMessage(client, message, byteLength, decodeMs);
      case 'secaggShares':
      case 'secaggMasked':
      case 'secaggUnmask':
        // Secure aggregation's later steps come after the deadline, while its round aggregates.
        if (this.latest?.training.round !== message.round) throw secureStepRefused(message);
        return this.latest.onMessage(client, message, byteLength, decodeMs);
      case 'evaluation':
        if (this.phase?.kind !== 'evaluate') throw new StaleRoundError(`evaluation for round ${message.round} refused: no such evaluation is open`);
        this.phase.onEvaluation(client, message, byteLength);
        return;
      case 'error': {
        this.logger.warn(
          { event: 'client_error', client: client.id, code: message.code, round: message.round },
          `client ${client.id} reported ${message.code}: ${message.message}`,
        );
        // A client whose training failed (its GPU lost, its data unreadable) sends nothing this round: it is a
        // dropout now rather than at the deadline.
        const phase = this.phase;
        if (phase?.kind === 'train' && message.round === phase.collector.training.round) phase.collector.onClientError(client.id, message.message);
        return;
      }
      default:
        throw new ProtocolViolationError(`clients may not send ${message.kind} messages`);
    }
  }

  private sendTrain(client: Member, phase: TrainPhase): void {
    const bytes = phase.instruction.sendTo(client);
    if (bytes === undefined) return;
    phase.collector.training.clients.get(client.id)!.bytes_down += bytes;
    phase.collector.training.setStatus(client.id, 'training');
  }

  /**
   * The collector open for the round a client's answer is for; undefined when the answer is a copy of an update
   * of the last committed round, resent after a reconnect (acknowledged), or an update the client holds for a
   * round that has not opened yet.
   */
  private collectorFor(client: Member, message: RoundMessage & { kind: 'uploadRequest' | 'update' | 'secaggKeys' }): RoundCollector | undefined {
    const phase = this.phase?.kind === 'train' ? this.phase : undefined;
    if (phase?.collector.training.round === message.round) return phase.collector;
    if (message.kind === 'secaggKeys') throw keysRefused(message);
    if (message.kind === 'uploadRequest' && !phase && this.nextRound() === message.round) {
      // Trained before a restart (or between attempts): the client keeps it, and sends it once the round's
      // instruction arrives for the same global adapter, instead of training again.
      this.logger.info(
        { event: 'update_held', client: client.id, round: message.round },
        `round ${message.round}: ${client.id} holds an update; it is asked for once the round opens`,
      );
      return undefined;
    }
    if (this.lastCommitted?.round === message.round && this.lastCommitted.acceptedIds.get(client.id) === message.updateId) {
      client.connection!.send({ kind: 'ack', round: message.round });
      return undefined;
    }
    throw new StaleRoundError(
      `update for round ${message.round} refused: ${phase ? `round ${phase.collector.training.round} is in progress` : 'no round is collecting updates'}`,
    );
  }
}
