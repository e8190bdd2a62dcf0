/**
 * Envelopes larger than the negotiated chunk size travel as a sequence of `chunk` messages carrying the
 * SHA-256 of the whole envelope; the receiver acknowledges with `chunkAck {nextIndex}` and the sender keeps at
 * most a window of unacknowledged chunks in flight. A transfer resumes after a reconnect from the first
 * unacknowledged chunk. The receiver refuses a payload over its limit at the first chunk, before buffering.
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { MalformedMessageError, PayloadTooLargeError } from '../infra/errors.js';
import type { ChunkMessage } from './messages.js';

/** Chunks in flight without acknowledgement: enough to keep a link busy, few enough to bound memory. */
export const CHUNK_WINDOW = 4;

/** SHA-256 (hex) of some bytes, or of consecutive parts as if they were joined. */
export function sha256Hex(bytes: Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of Array.isArray(bytes) ? (bytes as readonly Uint8Array[]) : [bytes as Uint8Array]) hash.update(part);
  return hash.digest('hex');
}

/**
 * An encoded envelope held as consecutive parts (see encodeMessageParts): a large adapter's tensor bytes stay in
 * place instead of being copied into one buffer. Its SHA-256 is computed once, however many transfers share it.
 */
export class Payload {
  readonly byteLength: number;
  /** Offset of each part within the envelope. */
  private readonly starts: number[] = [];
  private digest: string | undefined;
  private whole: Uint8Array | undefined;

  constructor(readonly parts: readonly Uint8Array[]) {
    let length = 0;
    for (const part of parts) {
      this.starts.push(length);
      length += part.byteLength;
    }
    this.byteLength = length;
  }

  get sha256(): string {
    this.digest ??= sha256Hex(this.parts);
    return this.digest;
  }

  /** Bytes [start, end) of the envelope: a view when they lie within one part, a copy otherwise. */
  slice(start: number, end: number): Uint8Array {
    let index = 0;
    while (index + 1 < this.parts.length && this.starts[index + 1] <= start) index++;
    const first = this.parts[index];
    const offset = start - this.starts[index];
    if (offset + (end - start) <= first.byteLength) return first.subarray(offset, offset + (end - start));
    const out = new Uint8Array(end - start);
    for (let written = 0; written < out.byteLength; index++) {
      const part = this.parts[index];
      const from = written === 0 ? offset : 0;
      const piece = part.subarray(from, Math.min(part.byteLength, from + out.byteLength - written));
      out.set(piece, written);
      written += piece.byteLength;
    }
    return out;
  }

  /**
   * The envelope in one buffer: a copy unless it is a single part, made once and kept, since every client of a
   * phase may be sent the same small envelope whole.
   */
  joined(): Uint8Array {
    this.whole ??= this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    return this.whole;
  }
}

/** Sends one encoded envelope as chunks; `send` returns false when the connection is down. */
export class ChunkSender {
  readonly transferId = randomUUID();
  readonly count: number;
  private readonly payload: Payload;
  private acknowledged = 0;
  private nextToSend = 0;
  private resolveDone: (() => void) | undefined;
  /** Resolves when the receiver has acknowledged every chunk. */
  readonly done: Promise<void>;

  constructor(
    payload: Uint8Array | Payload,
    private readonly chunkBytes: number,
    private send: (chunk: ChunkMessage) => boolean,
    private readonly window = CHUNK_WINDOW,
  ) {
    this.payload = payload instanceof Payload ? payload : new Payload([payload]);
    this.count = Math.max(1, Math.ceil(this.payload.byteLength / chunkBytes));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get complete(): boolean {
    return this.acknowledged === this.count;
  }

  /** Sends as many chunks as the window allows. */
  pump(): void {
    while (this.nextToSend < this.count && this.nextToSend < this.acknowledged + this.window) {
      const start = this.nextToSend * this.chunkBytes;
      const sent = this.send({
        kind: 'chunk',
        transferId: this.transferId,
        index: this.nextToSend,
        count: this.count,
        totalBytes: this.payload.byteLength,
        payloadSha256: this.payload.sha256,
        data: this.payload.slice(start, Math.min(start + this.chunkBytes, this.payload.byteLength)),
      });
      if (!sent) return;
      this.nextToSend += 1;
    }
  }

  /** The receiver holds chunks [0, nextIndex). A smaller index than before means it lost the transfer. */
  onAck(nextIndex: number): void {
    if (nextIndex < this.acknowledged) {
      this.acknowledged = nextIndex;
      this.nextToSend = nextIndex;
      this.pump();
      return;
    }
    if (nextIndex === this.acknowledged) return;
    this.acknowledged = Math.min(nextIndex, this.count);
    this.nextToSend = Math.max(this.nextToSend, this.acknowledged);
    if (this.complete) this.resolveDone?.();
    else this.pump();
  }

  /** Continues on a new connection from the first chunk not acknowledged. */
  resume(send: (chunk: ChunkMessage) => boolean): void {
    this.send = send;
    this.nextToSend = this.acknowledged;
    this.pump();
  }
}

/** Where received chunks go: memory for small trusted payloads, a file on the coordinator. */
export interface ChunkSink {
  write(data: Uint8Array, offset: number): Promise<void>;
  /** The assembled payload. */
  finish(): Promise<Uint8Array>;
  discard(): Promise<void>;
}

export class MemorySink implements ChunkSink {
  private readonly buffer: Uint8Array;

  constructor(totalBytes: number) {
    this.buffer = new Uint8Array(totalBytes);
  }

  async write(data: Uint8Array, offset: number): Promise<void> {
    this.buffer.set(data, offset);
  }

  async finish(): Promise<Uint8Array> {
    return this.buffer;
  }

  async discard(): Promise<void> {}
}

/** Spools a transfer to a file, so that many concurrent uploads cost disk, not memory. */
export class FileSink implements ChunkSink {
  private handle: Promise<FileHandle>;

  constructor(private readonly path: string) {
    this.handle = open(path, 'w');
  }

  async write(data: Uint8Array, offset: number): Promise<void> {
    await (await this.handle).write(data, 0, data.byteLength, offset);
  }

  async finish(): Promise<Uint8Array> {
    await (await this.handle).close();
    const bytes = await readFile(this.path);
    await rm(this.path, { force: true });
    return bytes;
  }

  async discard(): Promise<void> {
    await (await this.handle).close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}

export interface ReceiveLimits {
  readonly maxPayloadBytes: number;
  readonly maxChunkBytes: number;
}

/** Reassembles one transfer, checking every chunk against the first and the whole against its SHA-256. */
export class ChunkReceiver {
  readonly transferId: string;
  private readonly hash: Hash = createHash('sha256');
  private nextIndex = 0;
  private received = 0;
  private readonly chunkSize: number;
  lastActivity = Date.now();

  private constructor(
    private readonly first: ChunkMessage,
    private readonly sink: ChunkSink,
  ) {
    this.transferId = first.transferId;
    this.chunkSize = first.data.byteLength;
  }

  /** Validates a transfer's first chunk against the limits before anything is buffered. */
  static start(first: ChunkMessage, limits: ReceiveLimits, makeSink: (totalBytes: number) => ChunkSink): ChunkReceiver {
    if (first.totalBytes > limits.maxPayloadBytes) {
      throw new PayloadTooLargeError(`payload of ${first.totalBytes} bytes refused: the limit is ${limits.maxPayloadBytes} bytes`);
    }
    if (first.data.byteLength > limits.maxChunkBytes) {
      throw new PayloadTooLargeError(`chunk of ${first.data.byteLength} bytes refused: the limit is ${limits.maxChunkBytes} bytes`);
    }
    if (first.index !== 0) throw new MalformedMessageError(`transfer ${first.transferId} is unknown here; start it again from chunk 0`);
    if (Math.ceil(first.totalBytes / first.data.byteLength) !== first.count) {
      throw new MalformedMessageError(
        `transfer ${first.transferId}: ${first.count} chunks of ${first.data.byteLength} bytes cannot hold ${first.totalBytes} bytes`,
      );
    }
    return new ChunkReceiver(first, makeSink(first.totalBytes));
  }

  get next(): number {
    return this.nextIndex;
  }

  /** Length of the whole payload, as announced by its first chunk. */
  get totalBytes(): number {
    return this.first.totalBytes;
  }

  get complete(): boolean {
    return this.nextIndex === this.first.count;
  }

  /** Stores the chunk if it is the next one; a repeated chunk is ignored. Returns the next index expected. */
  async accept(chunk: ChunkMessage): Promise<number> {
    this.lastActivity = Date.now();
    if (chunk.count !== this.first.count || chunk.totalBytes !== this.first.totalBytes || chunk.payloadSha256 !== this.first.payloadSha256) {
      throw new MalformedMessageError(`chunk ${chunk.index} of transfer ${chunk.transferId} does not match the transfer's first chunk`);
    }
    if (chunk.index < this.nextIndex) return this.nextIndex;
    if (chunk.index > this.nextIndex) {
      throw new MalformedMessageError(`chunk ${chunk.index} of transfer ${chunk.transferId} arrived out of order; expected ${this.nextIndex}`);
    }
    const isLast = chunk.index === chunk.count - 1;
    const expectedBytes = isLast ? chunk.totalBytes - this.received : this.chunkSize;
    if (chunk.data.byteLength !== expectedBytes) {
      throw new MalformedMessageError(`chunk ${chunk.index} of transfer ${chunk.transferId} holds ${chunk.data.byteLength} bytes, expected ${expectedBytes}`);
    }
    await this.sink.write(chunk.data, this.received);
    this.hash.update(chunk.data);
    this.received += chunk.data.byteLength;
    this.nextIndex += 1;
    return this.nextIndex;
  }

  /** The whole payload, once every chunk arrived and the SHA-256 matches. */
  async finish(): Promise<Uint8Array> {
    if (!this.complete) throw new MalformedMessageError(`transfer ${this.transferId} is incomplete`);
    if (this.hash.digest('hex') !== this.first.payloadSha256) {
      await this.sink.discard();
      throw new MalformedMessageError(`transfer ${this.transferId} does not match its SHA-256; send it again`);
    }
    return this.sink.finish();
  }

  discard(): Promise<void> {
    return this.sink.discard();
  }
}
