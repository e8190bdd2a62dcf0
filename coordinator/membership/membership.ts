/**
 * Who takes part in the run: the configured clients, their connections and hellos, the operator's bans, and the
 * secure-aggregation exclusions that keep a client out of training. The round scheduler asks it whom it may
 * sample and evaluate, and waits on it until enough clients are ready.
 */
import { ProtocolViolationError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { LoraConfig } from '../../shared/lora/lora.js';
import { effectiveRank } from '../../shared/lora/lora-ranks.js';
import { PROTOCOL_VERSION, type HelloMessage } from '../../shared/wire/messages.js';
import { plural } from '../../shared/infra/plural.js';
import type { RunEvent } from '../round/events.js';
import type { ClientInfo, ClientRoundStatus } from '../round/records.js';
import type { RoundPersistence } from '../round/persistence.js';
import type { BlameLedger } from '../round/blame-ledger.js';
import type { ClientConnection } from '../round/connection-handler.js';

export interface Member {
  readonly id: string;
  connection: ClientConnection | undefined;
  hello: HelloMessage | undefined;
  /** The latest hello, kept after a disconnect so that the status still shows the client's backend and data. */
  announced: HelloMessage | undefined;
  /** Digest of the adapter last sent on the current connection: no need to send it again. */
  heldDigest: string | undefined;
  lastSeen: Date | undefined;
}

export interface MembershipOptions {
  readonly clientIds: readonly string[];
  /** Clients banned by an operator before this start (the ban outlives restarts). */
  readonly banned?: readonly string[];
  readonly runId: string;
  readonly model: string;
  readonly modelFingerprint: string;
  readonly rounds: number;
  readonly lora: LoraConfig;
  /** Chunking parameters announced to clients. */
  readonly transfer: { readonly chunkBytes: number; readonly maxPayloadBytes: number };
  /** Secure aggregation's blames: an excluded client is not sampled for training. */
  readonly blames?: BlameLedger;
  readonly persistence: Pick<RoundPersistence, 'setBanned'>;
  readonly logger: Logger;
  readonly emit: (event: RunEvent) => void;
}

export class Membership {
  private readonly members = new Map<string, Member>();
  private readonly banned: Set<string>;
  private changed: (() => void) | undefined;

  constructor(private readonly options: MembershipOptions) {
    for (const id of options.clientIds) {
      this.members.set(id, { id, connection: undefined, hello: undefined, announced: undefined, heldDigest: undefined, lastSeen: undefined });
    }
    this.banned = new Set(options.banned);
  }

  get size(): number {
    return this.members.size;
  }

  get(id: string): Member | undefined {
    return this.members.get(id);
  }

  all(): IterableIterator<Member> {
    return this.members.values();
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  /** Connected clients whose hello was accepted. */
  ready(): Member[] {
    return [...this.members.values()].filter((c) => c.connection !== undefined && c.hello !== undefined);
  }

  /** Clients that may be sampled for training: ready, and not excluded by secure aggregation's blame rule. */
  trainable(): Member[] {
    return this.ready().filter((c) => this.exclusion(c.id) === undefined);
  }

  /** Why secure aggregation excluded the client, or undefined when it did not. */
  exclusion(id: string): string | undefined {
    return this.options.blames?.exclusion(id);
  }

  /** Clients excluded by secure aggregation (for the rest of the run). */
  excluded(): string[] {
    return [...this.members.keys()].filter((id) => this.exclusion(id) !== undefined);
  }

  infos(roundStatus: (id: string) => ClientRoundStatus | null): ClientInfo[] {
    return [...this.members.values()].map((c) => ({
      id: c.id,
      connected: c.connection !== undefined,
      backend: c.announced?.backend ?? null,
      gpu: c.announced?.gpu ?? null,
      num_train_examples: c.announced?.numTrainExamples ?? null,
      num_eval_examples: c.announced?.numEvalExamples ?? null,
      data_sets: (c.announced?.dataSets ?? []).map((set) => ({
        name: set.name,
        train_examples: set.numTrainExamples,
        eval_examples: set.numEvalExamples,
        qa: set.qa,
      })),
      sits_out: null,
      last_seen: c.lastSeen?.toISOString() ?? null,
      round_status: roundStatus(c.id),
      excluded: this.exclusion(c.id) ?? null,
    }));
  }

  /** Wakes whoever waits in `waitForTrainable` to check again (a client is ready, an operator acted). */
  notifyChanged(): void {
    this.changed?.();
  }

  /**
   * Waits until `needed` clients may train (and, when `holding` is given, hold the data it describes) and the run
   * is not paused, or until it is stopped. Resolves with the reason when secure aggregation excluded so many
   * clients that `needed` can no longer be met.
   */
  async waitForTrainable(
    needed: number,
    wait: { readonly signal: AbortSignal; readonly paused: () => boolean; readonly stopped: () => boolean },
    holding?: { readonly holds: (member: Member) => boolean; readonly what: string },
  ): Promise<string | undefined> {
    let announced = -1;
    const trainable = () => this.trainable().filter((member) => holding?.holds(member) ?? true);
    while (!wait.signal.aborted && !wait.stopped() && (wait.paused() || trainable().length < needed)) {
      const ready = trainable().length;
      const excluded = this.excluded();
      // Exclusions last for the run (an operator's ban can be lifted): waiting for excluded clients would never end.
      if (this.members.size - excluded.length < needed) {
        return (
          `minClients ${needed} can no longer be met: ${excluded.join(', ')} excluded by secure aggregation, ${plural(this.members.size - excluded.length, 'client')} left; ` +
          'restart the coordinator to lift the exclusions, or lower minClients'
        );
      }
      if (ready !== announced) {
        this.options.logger.info(
          { event: 'waiting_for_clients', ready, needed, excluded },
          `waiting for clients: ${ready}/${needed} ready${holding ? ` holding ${holding.what}` : ''}${excluded.length > 0 ? ` (${excluded.join(', ')} excluded by secure aggregation, not counted)` : ''}`,
        );
        announced = ready;
      }
      await this.waitForChange(wait.signal);
    }
    return undefined;
  }

  /** Resolves at the next change of membership or operator request (see `notifyChanged`), or when aborted. */
  private waitForChange(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.changed = undefined;
        resolve();
      };
      this.changed = done;
      signal.addEventListener('abort', done);
    });
  }

  /** The transport lets a client in only once its previous connection is closed (see transport.ts). */
  connect(connection: ClientConnection): Member {
    const client = this.members.get(connection.clientId)!;
    client.connection = connection;
    client.hello = undefined;
    client.heldDigest = undefined;
    client.lastSeen = new Date();
    this.options.logger.info({ event: 'client_connected', client: client.id, address: connection.remoteAddress }, `client ${client.id} connected`);
    this.options.emit({ type: 'client_connected', client: client.id });
    return client;
  }

  /** The client whose current connection this was, now disconnected; undefined for a replaced connection. */
  disconnect(connection: ClientConnection, reason: string): Member | undefined {
    const client = this.members.get(connection.clientId)!;
    if (client.connection !== connection) return undefined;
    client.connection = undefined;
    client.hello = undefined;
    client.lastSeen = new Date();
    this.options.logger.info({ event: 'client_disconnected', client: client.id, reason }, `client ${client.id} disconnected (${reason})`);
    return client;
  }

  /** The client speaking on `connection`, seen now; a replaced connection may not speak any more. */
  speaker(connection: ClientConnection): Member {
    const client = this.members.get(connection.clientId)!;
    if (client.connection !== connection) throw new ProtocolViolationError('this connection was replaced by a newer one');
    client.lastSeen = new Date();
    return client;
  }

  /**
   * Checks a hello (token owner, protocol version, base model) and welcomes the client. False when the client
   * was refused and disconnected.
   */
  admit(client: Member, hello: HelloMessage): boolean {
    const connection = client.connection!;
    const { logger, modelFingerprint } = this.options;
    if (hello.clientId !== '' && hello.clientId !== client.id) {
      throw new ProtocolViolationError(`this token belongs to client ${client.id}, not ${hello.clientId}`);
    }
    if (hello.softwareVersion !== PROTOCOL_VERSION) {
      connection.send({
        kind: 'error',
        code: 'PROTOCOL_VIOLATION',
        message: `this coordinator speaks protocol version ${PROTOCOL_VERSION}, your client ${JSON.stringify(hello.softwareVersion.slice(0, 32))}: install the same fedlora version as the coordinator`,
        round: 0,
      });
      logger.warn(
        { event: 'protocol_mismatch', client: client.id, version: hello.softwareVersion.slice(0, 32) },
        `client ${client.id} speaks another protocol version; disconnecting it`,
      );
      connection.disconnect();
      return false;
    }
    if (hello.modelFingerprint !== modelFingerprint) {
      connection.send({
        kind: 'error',
        code: 'MODEL_MISMATCH',
        message: `this run fine-tunes ${this.options.model} (fingerprint ${modelFingerprint.slice(0, 12)}…); your base model differs (${hello.modelFingerprint.slice(0, 12) || 'none'}…)`,
        round: 0,
      });
      logger.warn({ event: 'model_mismatch', client: client.id }, `client ${client.id} has a different base model; disconnecting it`);
      connection.disconnect();
      return false;
    }
    client.hello = hello;
    client.announced = hello;
    connection.send({
      kind: 'welcome',
      runId: this.options.runId,
      roundsTotal: this.options.rounds,
      model: this.options.model,
      clientId: client.id,
      ...this.options.transfer,
    });
    logger.info(
      {
        event: 'client_ready',
        client: client.id,
        backend: hello.backend,
        gpu: hello.gpu,
        train_examples: hello.numTrainExamples,
        eval_examples: hello.numEvalExamples,
        lora_rank: effectiveRank(hello.loraRank, this.options.lora.r),
      },
      `client ${client.id} ready (${hello.backend}, ${plural(hello.numTrainExamples, 'training example')})`,
    );
    this.options.emit({ type: 'client_ready', client: client.id, backend: hello.backend, gpu: hello.gpu ?? null });
    return true;
  }

  /** Whether an operator banned the client: its token is refused until it is unbanned. */
  isBanned(id: string): boolean {
    return this.banned.has(id);
  }

  /**
   * Bans the client (persisted), tells it why and disconnects it; `release` stops waiting for it first, so that
   * its disconnection is not taken for a dropout. False if unknown.
   */
  ban(id: string, release: () => void): boolean {
    const client = this.members.get(id);
    if (!client) return false;
    this.banned.add(id);
    this.options.persistence.setBanned(id, true);
    release();
    // Told why first: UNAUTHORIZED ends the client's session instead of sending it into reconnect attempts.
    client.connection?.send({
      kind: 'error',
      code: 'UNAUTHORIZED',
      message: "this client was banned by the coordinator's operator; ask them to lift the ban",
      round: 0,
    });
    client.connection?.disconnect();
    this.options.logger.warn({ event: 'client_banned', client: id }, `client ${id} banned by an operator`);
    return true;
  }

  /** The client may connect again. False if unknown. */
  unban(id: string): boolean {
    if (!this.members.has(id)) return false;
    this.banned.delete(id);
    this.options.persistence.setBanned(id, false);
    this.options.logger.warn({ event: 'client_unbanned', client: id }, `client ${id} unbanned by an operator`);
    return true;
  }
}
