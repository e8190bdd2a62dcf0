import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkReceiver, ChunkSender, FileSink, MemorySink, Payload, sha256Hex } from '../../shared/wire/chunking.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { decodeMessage, encodeMessage, encodeMessageParts } from '../../shared/wire/protocol.js';
import { MalformedMessageError, PayloadTooLargeError } from '../../shared/infra/errors.js';
import type { ChunkMessage, ErrorMessage, Message } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';

function randomBytes(length: number, seed: number): Uint8Array {
  const random = new SeededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random.next() * 256));
}

const limits = { maxPayloadBytes: 1 << 20, maxChunkBytes: 1000 };

/** Delivers every chunk the sender emits to the receiver and every acknowledgement back. */
async function transfer(payload: Uint8Array | Payload, chunkBytes: number, deliver: (chunk: ChunkMessage) => boolean = () => true): Promise<Uint8Array> {
  const sent: ChunkMessage[] = [];
  const sender = new ChunkSender(payload, chunkBytes, (chunk) => deliver(chunk) && (sent.push(chunk), true));
  sender.pump();
  let receiver: ChunkReceiver | undefined;
  while (!sender.complete) {
    const chunk = sent.shift();
    if (!chunk) throw new Error('the sender stalled');
    receiver ??= ChunkReceiver.start(chunk, limits, (total) => new MemorySink(total));
    sender.onAck(await receiver.accept(chunk));
  }
  return receiver!.finish();
}

describe('chunked transfers', () => {
  it.each([1, 999, 1000, 1001, 12_345])('reassembles a %i-byte payload exactly', async (length) => {
    const payload = randomBytes(length, length);
    expect(await transfer(payload, 1000)).toEqual(payload);
  });

  it('sends an envelope held in parts chunk by chunk, as if the parts were joined', async () => {
    // Parts of odd sizes, empty ones included, so that chunks start, end and span anywhere.
    const parts = [7, 0, 1000, 1, 2999, 0, 13, 1500].map((length, i) => randomBytes(length, 100 + i));
    const joined = new Uint8Array(Buffer.concat(parts));
    const payload = new Payload(parts);
    expect(payload.byteLength).toBe(joined.byteLength);
    expect(payload.sha256).toBe(sha256Hex(joined));
    for (const [start, end] of [
      [0, 7],
      [3, 1500],
      [1007, 1008],
      [1008, 5520],
      [0, joined.byteLength],
    ])
      expect(payload.slice(start, end)).toEqual(joined.subarray(start, end));
    // Bytes within one part are handed out in place.
    expect(payload.slice(10, 900).buffer).toBe(parts[2].buffer);
    for (const chunkBytes of [1, 7, 999, 1000]) expect(await transfer(payload, chunkBytes)).toEqual(joined);
  });

  it('encodes a message carrying an adapter in parts that leave the tensor bytes in place', () => {
    const data = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i));
    const adapter = makeAdapter([
      ['a.lora_A.weight', { shape: [3, 1000], data }],
      ['a.lora_B.weight', { shape: [1, 3], data: new Float32Array([1, 2, 3]) }],
    ]);
    const message = {
      kind: 'evaluate',
      round: 2,
      digest: 'd',
      adapter,
      maxSeqLen: 8,
      lora: { r: 3, alpha: 6, targetModules: ['q_proj'] },
      deadlineUnixMs: 1,
    } as const;
    const parts = encodeMessageParts(message);
    expect(parts.some((part) => part.buffer === data.buffer)).toBe(true);
    expect(Buffer.concat(parts)).toEqual(Buffer.from(encodeMessage(message)));
    const decoded = decodeMessage(Buffer.concat(parts));
    expect(decoded.kind === 'evaluate' && [...decoded.adapter!.get('a.lora_A.weight')!.data]).toEqual([...data]);
  });

  it('ignores a repeated chunk and refuses a gap, a mismatched chunk and a wrong digest', async () => {
    const payload = randomBytes(2500, 1);
    const chunks: ChunkMessage[] = [];
    new ChunkSender(payload, 1000, (c) => (chunks.push(c), true), 10).pump();
    expect(chunks).toHaveLength(3);
    const receiver = ChunkReceiver.start(chunks[0], limits, (total) => new MemorySink(total));
    expect(await receiver.accept(chunks[0])).toBe(1);
    expect(await receiver.accept(chunks[0])).toBe(1);
    await expect(receiver.accept(chunks[2])).rejects.toThrow(MalformedMessageError);
    await expect(receiver.accept({ ...chunks[1], totalBytes: 9999 })).rejects.toThrow(/does not match/);
    await expect(receiver.accept({ ...chunks[1], data: chunks[1].data.subarray(1) })).rejects.toThrow(/expected 1000/);

    const forged = ChunkReceiver.start({ ...chunks[0], payloadSha256: sha256Hex(new Uint8Array(1)) }, limits, (t) => new MemorySink(t));
    for (const chunk of chunks) await forged.accept({ ...chunk, payloadSha256: sha256Hex(new Uint8Array(1)) });
    await expect(forged.finish()).rejects.toThrow(/SHA-256/);
  });

  it('spools a transfer to disk and reads it back whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-spool-'));
    const payload = randomBytes(4321, 9);
    const chunks: ChunkMessage[] = [];
    new ChunkSender(payload, 1000, (c) => (chunks.push(c), true), 10).pump();
    const receiver = ChunkReceiver.start(chunks[0], limits, () => new FileSink(join(dir, 'upload.part')));
    for (const chunk of chunks) await receiver.accept(chunk);
    expect(new Uint8Array(await receiver.finish())).toEqual(payload);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an oversized payload at its first chunk, before buffering anything', () => {
    const chunk: ChunkMessage = {
      kind: 'chunk',
      transferId: 't',
      index: 0,
      count: 3000,
      totalBytes: 3_000_000,
      payloadSha256: 'a'.repeat(64),
      data: new Uint8Array(1000),
    };
    let sinks = 0;
    expect(() => ChunkReceiver.start(chunk, limits, (t) => (sinks++, new MemorySink(t)))).toThrow(PayloadTooLargeError);
    expect(sinks).toBe(0);
  });

  it('resumes after a lost connection from the first unacknowledged chunk, and restarts when the receiver forgot', async () => {
    const payload = randomBytes(5000, 2);
    let connected = true;
    const wire: ChunkMessage[] = [];
    const sender = new ChunkSender(payload, 1000, (c) => connected && (wire.push(c), true), 2);
    sender.pump();
    const receiver = ChunkReceiver.start(wire.shift()!, limits, (total) => new MemorySink(total));
    // First chunk stored and acknowledged; the second is lost with the connection.
    await receiver.accept({ ...wire[0], index: 0, data: payload.subarray(0, 1000) });
    sender.onAck(1);
    connected = false;
    wire.length = 0;
    connected = true;
    sender.resume((c) => (wire.push(c), true));
    expect(wire[0].index).toBe(1);
    while (!sender.complete) sender.onAck(await receiver.accept(wire.shift()!));
    expect(await receiver.finish()).toEqual(payload);

    // A receiver that lost the transfer answers nextIndex 0: the sender starts over.
    const restarted: number[] = [];
    const again = new ChunkSender(payload, 1000, (c) => (restarted.push(c.index), true), 2);
    again.pump();
    again.onAck(2);
    again.onAck(0);
    expect(restarted).toEqual([0, 1, 2, 3, 0, 1]);
  });
});

describe('chunked transfers through the coordinator', () => {
  const run = coordinatorFixture();

  it('carries adapters and updates ten times larger than one socket.io message, both ways', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      chunkBytes: 64 * 1024,
      maxMessageBytes: 128 * 1024,
      // All seven modules at r=64: about 600 KB per adapter, so every adapter and update travels in chunks.
      lora: { r: 64, alpha: 64, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] },
    });
    const results = await trainWithRealClients(coordinator, credentials);
    expect(results.map((r) => r.roundsTrained)).toEqual([2, 2]);
    const rounds = coordinator.roundRecords();
    expect(rounds.map((r) => r.participants)).toEqual([2, 2]);
    for (const client of rounds[0].clients) expect(client.bytes_up).toBeGreaterThan(10 * 64 * 1024 * 0.9);
  }, 120_000);

  it('refuses an upload over maxPayloadBytes at its first chunk with PAYLOAD_TOO_LARGE', async () => {
    const credentials = clientCredentials(1);
    await run.start({ clients: credentials, maxPayloadBytes: 100_000 });
    const client = run.connect({ token: credentials[0].token });
    await client.waitFor((m) => m.kind === 'welcome');
    client.send({ kind: 'chunk', transferId: 'big', index: 0, count: 2, totalBytes: 200_000, payloadSha256: 'b'.repeat(64), data: new Uint8Array(100_000) });
    const refusal = (await client.waitFor((m: Message) => m.kind === 'error')) as ErrorMessage;
    expect(refusal.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
