/**
 * A protocol-level client for tests: speaks the wire protocol directly (no model), so a test decides exactly
 * what update, evaluation or malformed payload reaches the coordinator.
 */
import { io, type Socket } from 'socket.io-client';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { ChunkReceiver, ChunkSender, MemorySink } from '../../shared/wire/chunking.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import {
  PROBE_EVENT,
  PROTOCOL_EVENT,
  PROTOCOL_VERSION,
  type ChunkMessage,
  type DataSetInfo,
  type EvaluateMessage,
  type Message,
  type SetEvaluation,
  type TrainMessage,
} from '../../shared/wire/messages.js';

export interface ScriptedClientOptions {
  readonly url: string;
  readonly token: string;
  readonly fingerprint: string;
  readonly numTrainExamples?: number;
  readonly numEvalExamples?: number;
  /** Builds the reply to a train instruction; return undefined to stay silent. */
  readonly onTrain?: (instruction: TrainMessage, global: AdapterWeights) => Message | Uint8Array | undefined;
  /** Builds the reply to any other coordinator message (e.g. the secure-aggregation phases). */
  readonly onOther?: (message: Message) => Message | undefined;
  /** Loss reported for every evaluation. */
  readonly evalLoss?: number;
  /** Named sets announced in the hello (none: an older client's one set). */
  readonly dataSets?: readonly DataSetInfo[];
  /** Per-set figures reported with each evaluation. */
  readonly evalSets?: (instruction: EvaluateMessage) => SetEvaluation[];
  /** Reconnect after losing the connection (e.g. across a coordinator restart). */
  readonly reconnect?: boolean;
  /** Send envelopes larger than this in chunks (as real clients do with the coordinator's chunk size). */
  readonly chunkBytes?: number;
  /** LoRA rank announced in the hello (the run's when absent). */
  readonly loraRank?: number;
  /** Protocol version announced in the hello (this one's when absent). */
  readonly protocolVersion?: string;
  /** False: never acknowledge the coordinator's probes, as a connection that died without closing. */
  readonly answersProbes?: boolean;
}

/** The update an outgoing message carries, if it is one (bytes that do not decode are sent as they are). */
function updateIn(message: Message | Uint8Array): { round: number; updateId: string } | undefined {
  let decoded: Message | undefined = message instanceof Uint8Array ? undefined : message;
  if (message instanceof Uint8Array) {
    try {
      decoded = decodeMessage(message);
    } catch {
      return undefined;
    }
  }
  return decoded?.kind === 'update' ? decoded : undefined;
}

export class ScriptedClient {
  readonly received: Message[] = [];
  readonly socket: Socket;
  private global: AdapterWeights | undefined;
  private readonly uploads = new Map<string, ChunkSender>();
  private readonly downloads = new Map<string, ChunkReceiver>();
  /** Encoded updates waiting for their upload grant, by update id. */
  private readonly awaitingGrant = new Map<string, Uint8Array>();
  private chunkWork: Promise<void> = Promise.resolve();
  private waiters: { predicate: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  constructor(private readonly options: ScriptedClientOptions) {
    this.socket = io(options.url, {
      auth: { token: options.token },
      transports: ['websocket'],
      reconnection: options.reconnect ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    this.socket.on('connect', () =>
      this.send({
        kind: 'hello',
        clientId: '',
        modelFingerprint: options.fingerprint,
        backend: 'none',
        numTrainExamples: options.numTrainExamples ?? 10,
        numEvalExamples: options.numEvalExamples ?? 2,
        softwareVersion: options.protocolVersion ?? PROTOCOL_VERSION,
        loraRank: options.loraRank ?? 0,
        dataSets: options.dataSets,
      }),
    );
    this.socket.on(PROTOCOL_EVENT, (payload: Uint8Array) => this.onMessage(decodeMessage(payload)));
    this.socket.on(PROBE_EVENT, (acknowledge: () => void) => (options.answersProbes ?? true) && acknowledge());
  }

  /** Sends a message as a real client would: an update only once the coordinator grants it an upload slot. */
  send(message: Message | Uint8Array): void {
    const bytes = message instanceof Uint8Array ? message : encodeMessage(message);
    const update = updateIn(message);
    if (update) {
      this.awaitingGrant.set(update.updateId, bytes);
      this.sendNow({ kind: 'uploadRequest', round: update.round, updateId: update.updateId, bytes: bytes.byteLength });
      return;
    }
    this.sendNow(bytes);
  }

  /** Sends a message at once, even an update without a slot. */
  sendNow(message: Message | Uint8Array): void {
    const bytes = message instanceof Uint8Array ? message : encodeMessage(message);
    const chunkBytes = this.options.chunkBytes;
    if (chunkBytes === undefined || bytes.byteLength <= chunkBytes) {
      this.socket.emit(PROTOCOL_EVENT, bytes);
      return;
    }
    const sender = new ChunkSender(bytes, chunkBytes, (chunk) => (this.socket.emit(PROTOCOL_EVENT, encodeMessage(chunk)), true));
    this.uploads.set(sender.transferId, sender);
    sender.pump();
  }

  private async onChunk(chunk: ChunkMessage): Promise<void> {
    let receiver = this.downloads.get(chunk.transferId);
    if (!receiver) {
      receiver = ChunkReceiver.start(chunk, { maxPayloadBytes: 2 ** 31, maxChunkBytes: 2 ** 31 }, (total) => new MemorySink(total));
      this.downloads.set(chunk.transferId, receiver);
    }
    const next = await receiver.accept(chunk);
    this.send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: next });
    if (receiver.complete) {
      this.downloads.delete(chunk.transferId);
      this.onMessage(decodeMessage(await receiver.finish()));
    }
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor(predicate: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const seen = this.received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
      this.waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private onMessage(message: Message): void {
    if (message.kind === 'chunk') {
      this.chunkWork = this.chunkWork.then(() => this.onChunk(message));
      return;
    }
    if (message.kind === 'chunkAck') {
      this.uploads.get(message.transferId)?.onAck(message.nextIndex);
      return;
    }
    if (message.kind === 'uploadGrant') {
      const update = this.awaitingGrant.get(message.updateId);
      this.awaitingGrant.delete(message.updateId);
      if (update) this.sendNow(update);
    }
    this.received.push(message);
    this.waiters = this.waiters.filter((w) => (w.predicate(message) ? (w.resolve(message), false) : true));
    if (message.kind === 'train') {
      if (message.globalAdapter) this.global = message.globalAdapter;
      const reply = this.options.onTrain?.(message, this.global!);
      if (reply) this.send(reply);
    } else if (message.kind === 'evaluate') {
      if (message.adapter) this.global = message.adapter;
      this.send({
        kind: 'evaluation',
        round: message.round,
        digest: message.digest,
        loss: this.options.evalLoss ?? 1,
        numExamples: this.options.numEvalExamples ?? 2,
        sets: this.options.evalSets?.(message),
      });
    } else {
      const reply = this.options.onOther?.(message);
      if (reply) this.send(reply);
    }
  }
}
