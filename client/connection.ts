/**
 * A client's connection to the coordinator: the socket (which reconnects on its own), the protobuf envelope on it,
 * chunked transfers both ways, the upload slot of the one update waiting to be sent, and answers to the
 * coordinator's liveness probes. Knows nothing of training: its owner hears of connections, messages and the end.
 */
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { CoordinatorUnreachableError, MalformedMessageError, ProtocolViolationError, UnauthorizedError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { decodeMessage, encodeMessage, envelopeBytes } from '../shared/wire/protocol.js';
import {
  COORDINATOR_MESSAGE_KINDS,
  PROBE_EVENT,
  PROTOCOL_EVENT,
  errorMessageFor,
  type ChunkMessage,
  type Message,
  type UpdateMessage,
} from '../shared/wire/messages.js';
import { ChunkReceiver, ChunkSender, MemorySink } from '../shared/wire/chunking.js';
import { diagnoseTlsFailure } from './tls-diagnosis.js';

export interface ConnectionOptions {
  /** Coordinator base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly token: string;
  /** PEM certificate authority that signed an `https://` coordinator's certificate. */
  readonly ca?: string;
  readonly logger: Logger;
  /** Give up when no connection could be made for this long. */
  readonly connectTimeoutMs?: number;
  /**
   * Give up when a lost connection could not be made again for this long. Unset: keep reconnecting, so that a
   * coordinator restart of any length is only a log line.
   */
  readonly reconnectTimeoutMs?: number;
}

/** What a connection tells its owner. */
export interface ConnectionEvents {
  /** Connected, first or again: the owner announces itself (its hello) before anything else. */
  connected: [];
  /**
   * A coordinator message for the owner: everything but chunks, chunk acknowledgements, upload grants and update
   * acknowledgements, which the connection handles itself. A listener that throws has the message refused.
   */
  message: [message: Message];
  /** The connection is over for good (refused, unreachable, closed by the coordinator); nothing follows. */
  failed: [error: Error];
}

/** `connecting` until the first connection; `reconnecting` while a lost one is tried again; `closed` is final. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * The last update trained and not yet acknowledged, encoded: sent when the coordinator grants an upload slot, and
 * asked for again after a reconnect instead of training again.
 */
interface HeldUpdate {
  /** Which instruction produced it, so that the same instruction asked again is answered with it. */
  readonly key: string;
  readonly round: number;
  readonly updateId: string;
  readonly encoded: Uint8Array;
  sender?: ChunkSender;
}

export class CoordinatorConnection extends EventEmitter<ConnectionEvents> {
  private readonly socket: Socket;
  private readonly logger: Logger;
  private connectionState: ConnectionState = 'connecting';
  private readonly giveUpTimer: NodeJS.Timeout;
  /** Runs while the connection is lost, when reconnectTimeoutMs bounds the wait. */
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** The coordinator's latest refusal, repeated if it then closes the connection. */
  private lastRefusal: string | undefined;
  /** Chunking limits announced by the coordinator's welcome; nothing before it is large. */
  private limits = { chunkBytes: Number.MAX_SAFE_INTEGER, maxPayloadBytes: 2 ** 31 };
  private readonly uploads = new Map<string, ChunkSender>();
  private readonly downloads = new Map<string, ChunkReceiver>();
  private downloadWork: Promise<void> = Promise.resolve();
  private held: HeldUpdate | undefined;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.logger = options.logger;
    const connectTimeoutMs = options.connectTimeoutMs ?? 20_000;
    this.socket = io(options.url, {
      auth: { token: options.token },
      transports: ['websocket'],
      // Without a CA of its own, the client trusts Node's bundled certificate authorities.
      ca: options.ca,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: connectTimeoutMs,
    });
    this.giveUpTimer = setTimeout(() => {
      if (this.connectionState === 'connecting') {
        this.fail(
          new CoordinatorUnreachableError(
            `could not connect to ${options.url} within ${connectTimeoutMs} ms: check the address and that the coordinator is running`,
          ),
        );
      }
    }, connectTimeoutMs);
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('connect_error', (error) => this.onConnectError(error));
    // The coordinator asks whether this connection is alive (its token connected again): it is.
    this.socket.on(PROBE_EVENT, (acknowledge: unknown) => {
      if (typeof acknowledge === 'function') acknowledge();
    });
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on(PROTOCOL_EVENT, (payload: unknown) => {
      const bytes = envelopeBytes(payload);
      if (!bytes) {
        this.logger.warn({ event: 'message_refused' }, 'refused a non-binary message from the coordinator');
        this.send(errorMessageFor(new MalformedMessageError(`event ${PROTOCOL_EVENT} must carry one binary protobuf Envelope`)));
        return;
      }
      this.receive(bytes, false);
    });
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** Sends a message on the live connection, in acknowledged chunks when large; dropped while disconnected. */
  send(message: Message): void {
    this.transmit(encodeMessage(message));
  }

  /** Holds `update` (answering the instruction `key`) until the coordinator acknowledges it, and asks for a slot. */
  holdUpdate(key: string, update: UpdateMessage): number {
    this.held = { key, round: update.round, updateId: update.updateId, encoded: encodeMessage(update) };
    this.requestUpload();
    return this.held.encoded.byteLength;
  }

  /** Asks again for a slot for the update that answers the instruction `key`, if this connection holds it. */
  resendUpdate(key: string): boolean {
    if (this.held?.key !== key) return false;
    this.requestUpload();
    return true;
  }

  /** Ends the connection for good; no event follows. */
  close(): void {
    if (this.connectionState === 'closed') return;
    this.connectionState = 'closed';
    clearTimeout(this.giveUpTimer);
    clearTimeout(this.reconnectTimer);
    this.socket.disconnect();
  }

  private fail(error: Error): void {
    if (this.connectionState === 'closed') return;
    this.close();
    this.emit('failed', error);
  }

  /** Emits on the live connection only; what matters is sent again after a reconnect, not buffered. */
  private emitBytes(bytes: Uint8Array): boolean {
    if (!this.socket.connected) return false;
    this.socket.emit(PROTOCOL_EVENT, bytes);
    return true;
  }

  private readonly emitChunk = (chunk: ChunkMessage): boolean => this.emitBytes(encodeMessage(chunk));

  /** Sends an encoded envelope, in acknowledged chunks when it exceeds the coordinator's chunk size. */
  private transmit(bytes: Uint8Array): ChunkSender | undefined {
    if (bytes.byteLength <= this.limits.chunkBytes) {
      this.emitBytes(bytes);
      return undefined;
    }
    const sender = new ChunkSender(bytes, this.limits.chunkBytes, this.emitChunk);
    this.uploads.set(sender.transferId, sender);
    void sender.done.then(() => this.uploads.delete(sender.transferId));
    sender.pump();
    return sender;
  }

  /** Asks for an upload slot for the held update (again, after a reconnect). */
  private requestUpload(): void {
    const held = this.held;
    if (held) this.send({ kind: 'uploadRequest', round: held.round, updateId: held.updateId, bytes: held.encoded.byteLength });
  }

  /** The coordinator granted a slot: sends the update, or continues its chunks from the first unacknowledged. */
  private upload(updateId: string): void {
    const held = this.held;
    if (held?.updateId !== updateId) return;
    if (held.sender && !held.sender.complete) held.sender.resume(this.emitChunk);
    else held.sender = this.transmit(held.encoded);
    this.logger.info(
      { event: 'update_sent', round: held.round, bytes: held.encoded.byteLength },
      `round ${held.round}: update sent (${held.encoded.byteLength} bytes)`,
    );
  }

  private onChunk(chunk: ChunkMessage): void {
    let receiver = this.downloads.get(chunk.transferId);
    if (!receiver) {
      const limits = { maxPayloadBytes: this.limits.maxPayloadBytes, maxChunkBytes: this.limits.chunkBytes };
      receiver = ChunkReceiver.start(chunk, limits, (total) => new MemorySink(total));
      this.downloads.set(chunk.transferId, receiver);
    }
    const active = receiver;
    this.downloadWork = this.downloadWork.then(async () => {
      try {
        const next = await active.accept(chunk);
        this.send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: next });
        if (!active.complete) return;
        this.downloads.delete(chunk.transferId);
        this.receive(await active.finish(), true);
      } catch (error) {
        this.downloads.delete(chunk.transferId);
        this.logger.warn({ event: 'download_refused', err: error }, `refused a transfer from the coordinator: ${(error as Error).message}`);
        this.send(errorMessageFor(error));
      }
    });
  }

  /** Decodes and handles one envelope, received whole or reassembled from chunks. */
  private receive(bytes: Uint8Array, reassembled: boolean): void {
    try {
      const message = decodeMessage(bytes);
      if (!COORDINATOR_MESSAGE_KINDS.includes(message.kind) || (reassembled && (message.kind === 'chunk' || message.kind === 'chunkAck'))) {
        throw new ProtocolViolationError(`coordinators may not send ${message.kind} messages${reassembled ? ' in chunks' : ''}`);
      }
      this.handle(message);
    } catch (error) {
      this.logger.warn({ event: 'message_refused', err: error }, `refused a message from the coordinator: ${(error as Error).message}`);
      this.send(errorMessageFor(error));
    }
  }

  private handle(message: Message): void {
    switch (message.kind) {
      case 'chunk':
        this.onChunk(message);
        return;
      case 'chunkAck':
        this.uploads.get(message.transferId)?.onAck(message.nextIndex);
        return;
      case 'uploadGrant':
        this.upload(message.updateId);
        return;
      case 'ack':
        if (this.held?.round === message.round) this.held = undefined;
        return;
      case 'welcome':
        this.limits = { chunkBytes: message.chunkBytes, maxPayloadBytes: message.maxPayloadBytes };
        this.emit('message', message);
        this.requestUpload();
        return;
      case 'error':
        this.lastRefusal = `${message.code}: ${message.message}`;
        this.emit('message', message);
        // The round closed without this update: nothing left to resend.
        if (message.code === 'STALE_ROUND' && this.held?.round === message.round) this.held = undefined;
        return;
      default:
        this.emit('message', message);
    }
  }

  private onConnect(): void {
    this.connectionState = 'connected';
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.logger.info({ event: 'connected', url: this.options.url }, `connected to ${this.options.url}`);
    this.emit('connected');
  }

  private onConnectError(error: Error): void {
    const { url, ca } = this.options;
    if (error.message.startsWith('unauthorized')) {
      this.fail(
        new UnauthorizedError(
          `the coordinator at ${url} refused this token (${error.message}); check --token or FEDLORA_TOKEN against the coordinator's clients list`,
        ),
      );
      return;
    }
    if (error.message.startsWith('conflict')) {
      // Another live process holds this client's connection: two sessions of one client would both train.
      this.fail(
        new UnauthorizedError(`the coordinator at ${url} refused this connection (${error.message}); stop the other process, or give this one its own token`),
      );
      return;
    }
    if (error.message.startsWith('forbidden')) {
      // A ban lasts until an operator lifts it: reconnecting meanwhile is pointless.
      this.fail(new UnauthorizedError(`the coordinator at ${url} refused this client (${error.message}); ask its operator to lift the ban`));
      return;
    }
    void diagnoseTlsFailure(url, error, ca).then((tlsError) => {
      if (tlsError) this.fail(tlsError);
      else if (this.connectionState !== 'closed')
        this.logger.warn({ event: 'connect_failed', url, reason: error.message }, `cannot reach ${url}: ${error.message}; retrying`);
    });
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    if (this.connectionState === 'closed') return;
    if (reason === 'io server disconnect') {
      // The coordinator closed this connection on purpose, and said why just before.
      this.fail(new CoordinatorUnreachableError(`the coordinator closed the connection: ${this.lastRefusal ?? 'no reason given'}`));
      return;
    }
    this.connectionState = 'reconnecting';
    this.logger.warn({ event: 'disconnected', reason }, `disconnected (${reason}); reconnecting`);
    const limitMs = this.options.reconnectTimeoutMs;
    if (limitMs !== undefined && this.reconnectTimer === undefined) {
      this.reconnectTimer = setTimeout(
        () => this.fail(new CoordinatorUnreachableError(`lost the coordinator at ${this.options.url} and could not reconnect within ${limitMs} ms; giving up`)),
        limitMs,
      );
    }
  }
}
