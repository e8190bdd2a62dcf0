import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { fedlora } from '../proto/generated/fedlora.js';
import { makeAdapter, type AdapterWeights } from '../shared/adapter.js';
import { resolveModel } from '../shared/model/config.js';
import { readPeftAdapter } from '../shared/peft.js';
import { encodeMessage, PROTOCOL_EVENT, PROTOCOL_VERSION, type ErrorMessage, type Message, type TrainMessage } from '../shared/protocol.js';
import { SeededRandom } from '../shared/random.js';
import { clientCredentials, coordinatorFixture } from './helpers/coordinator.js';
import type { ScriptedClient } from './helpers/scripted-client.js';

/** Payloads the hostile client sends; the issue asks for at least 10,000. */
const FUZZ_CASES = 12_000;
/** Cases between two round trips, so that the hostile client never runs far ahead of the coordinator. */
const BATCH = 250;
const CHUNK_DATA_BYTES = 64;
/** socket.io's message limit in this test: a larger message closes the hostile client's connection. */
const MAX_MESSAGE_BYTES = 256 * 1024;

const pb = fedlora.v1;
const isError = (m: Message): m is ErrorMessage => m.kind === 'error';

function randomUpdate(global: AdapterWeights, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 1e-2) }]));
}

function updateMessage(round: number, globalDigest: string, update: AdapterWeights, numExamples: number, updateId: string): Message {
  return { kind: 'update', updateId, round, globalDigest, update, numExamples, trainLoss: 1.5, tokensPerSecond: 100, steps: 2, durationMs: 10 };
}

/** What one fuzz case does on the hostile client's socket. */
type FuzzCase = { kind: 'binary'; bytes: Uint8Array } | { kind: 'event'; name: string; args: unknown[] };

/**
 * Builds hostile payloads from valid envelopes (mutated at the byte level) and from envelopes that are valid
 * protobuf but wrong for the protocol (bad tensors, NaN, wrong dtypes, chunk sequences that lie).
 */
class HostilePayloads {
  private readonly random: SeededRandom;
  private readonly seeds: Uint8Array[];
  private readonly crafted: Uint8Array[];
  /** Chunk messages of transfers in progress, sent in (mostly) the right order over the next cases. */
  private pendingChunks: Uint8Array[] = [];

  constructor(
    seed: number,
    private readonly train: TrainMessage,
    global: AdapterWeights,
    fingerprint: string,
  ) {
    this.random = new SeededRandom(seed);
    const update = randomUpdate(global, 99);
    const valid: Message[] = [
      { kind: 'hello', clientId: '', modelFingerprint: fingerprint, backend: 'none', numTrainExamples: 10, numEvalExamples: 2, softwareVersion: PROTOCOL_VERSION, loraRank: 0 },
      updateMessage(train.round, train.globalDigest, update, 10, 'hostile-update'),
      { kind: 'evaluation', round: train.round, digest: train.globalDigest, loss: 1, numExamples: 2 },
      { kind: 'chunkAck', transferId: 'nope', nextIndex: 3 },
      { kind: 'uploadRequest', round: train.round, updateId: 'hostile-update', bytes: 1_000_000 },
      { kind: 'error', code: 'MALFORMED_MESSAGE', message: 'x', round: 1 },
      { kind: 'chunk', transferId: 't', index: 0, count: 2, totalBytes: 100, payloadSha256: 'a'.repeat(64), data: new Uint8Array(64) },
      // Messages only a coordinator may send.
      { kind: 'ack', round: 1 },
      { kind: 'uploadGrant', round: 1, updateId: 'x' },
      { kind: 'finished', roundsCompleted: 1, finalDigest: 'x' },
      train,
    ];
    this.seeds = valid.map(encodeMessage);
    this.crafted = this.craftWrongEnvelopes(global);
  }

  private int(bound: number): number {
    return Math.floor(this.random.next() * bound);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  private randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(256);
    return bytes;
  }

  /** Envelopes that protobuf decodes but the protocol must refuse. */
  private craftWrongEnvelopes(global: AdapterWeights): Uint8Array[] {
    const [[name, first]] = [...global];
    const tensors = [...global].map(([n, t]) => ({ name: n, shape: [...t.shape], dtype: pb.DType.FLOAT32, data: new Uint8Array(t.data.buffer.slice(0)) }));
    const update = (tensorList: fedlora.v1.ITensor[], extra: Partial<fedlora.v1.IClientUpdate> = {}) =>
      pb.Envelope.encode({
        update: { updateId: 'crafted', round: this.train.round, globalDigest: this.train.globalDigest, numExamples: 10, update: { tensors: tensorList }, ...extra },
      }).finish();
    const nan = new Float32Array(first.data.length).fill(Number.NaN);
    return [
      update(tensors.map((t, i) => (i === 0 ? { ...t, data: t.data.subarray(4) } : t))), // wrong byte count
      update(tensors.map((t, i) => (i === 0 ? { ...t, dtype: pb.DType.BFLOAT16 } : t))), // unsupported dtype
      update(tensors.map((t, i) => (i === 0 ? { ...t, data: new Uint8Array(nan.buffer) } : t))), // NaN
      update(tensors.map((t, i) => (i === 0 ? { ...t, shape: [0xffffffff, 0xffffffff] } : t))), // huge shape
      update(tensors.map((t, i) => (i === 0 ? { ...t, shape: [] } : t))), // no shape
      update([...tensors, { ...tensors[0] }]), // a tensor twice
      update([...tensors, { ...tensors[0], name: `${name}.extra` }]), // unknown tensor
      update(tensors.slice(1)), // missing tensor
      update(tensors, { trainLoss: Number.POSITIVE_INFINITY }),
      update(tensors, { numExamples: 0 }),
      update(tensors, { updateId: 'x'.repeat(500) }),
      update(tensors, { round: 0xffffffff }),
      pb.Envelope.encode({ evaluation: { round: this.train.round, digest: this.train.globalDigest, loss: Number.NaN, numExamples: 3 } }).finish(),
      pb.Envelope.encode({ hello: { clientId: 'someone-else', modelFingerprint: 'f' } }).finish(),
      pb.Envelope.encode({ error: { code: 12345 as fedlora.v1.ErrorCode, message: 'unknown code' } }).finish(),
      pb.Envelope.encode({ chunk: { transferId: 'huge', index: 0, count: 1, totalBytes: 2 ** 52, payloadSha256: new Uint8Array(32), data: new Uint8Array(8) } }).finish(),
      pb.Envelope.encode({ chunk: { transferId: 'bad-sha', index: 0, count: 1, totalBytes: 8, payloadSha256: new Uint8Array(5), data: new Uint8Array(8) } }).finish(),
      new Uint8Array(0), // an envelope without a body
    ];
  }

  /** A byte-level mutation of a valid envelope. */
  private mutate(seed: Uint8Array): Uint8Array {
    const bytes = new Uint8Array(seed);
    switch (this.int(8)) {
      case 0: {
        const flips = 1 + this.int(8);
        for (let i = 0; i < flips && bytes.length > 0; i++) bytes[this.int(bytes.length)] ^= 1 << this.int(8);
        return bytes;
      }
      case 1:
        return bytes.subarray(0, this.int(bytes.length));
      case 2: {
        // A length or varint field claiming up to 2^35: replace one byte by a long varint.
        const at = this.int(bytes.length);
        return concat(bytes.subarray(0, at), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f]), bytes.subarray(at + 1));
      }
      case 3: {
        // Unknown field numbers, at the top level or inside the body.
        const unknown = protobuf.Writer.create().uint32((1000 + this.int(1000)) << 3).uint64(this.int(1 << 30)).finish();
        const inner = protobuf.Writer.create().uint32((7 << 3) | 2).bytes(unknown).finish();
        return this.int(2) === 0 ? concat(bytes, unknown) : concat(bytes, inner);
      }
      case 4: {
        // Wrong wire type for a field.
        const at = this.int(bytes.length);
        bytes[at] = (bytes[at] & ~7) | this.pick([0, 1, 2, 3, 4, 5, 6, 7]);
        return bytes;
      }
      case 5: {
        const at = this.int(bytes.length);
        return concat(bytes.subarray(0, at), this.randomBytes(1 + this.int(16)), bytes.subarray(at));
      }
      case 6:
        return concat(bytes, this.pick(this.seeds)); // two bodies in one envelope
      default:
        return this.randomBytes(this.int(512));
    }
  }

  /** A transfer of `payload` in small chunks, sometimes with a lie in it. */
  private chunkSequence(payload: Uint8Array): Uint8Array[] {
    const transferId = `hostile-${this.int(1e9)}`;
    const count = Math.max(1, Math.ceil(payload.length / CHUNK_DATA_BYTES));
    const sha = createHash('sha256').update(payload).digest();
    const chunks = Array.from({ length: count }, (_, index) => ({
      transferId,
      index,
      count,
      totalBytes: payload.length,
      payloadSha256: sha,
      data: payload.subarray(index * CHUNK_DATA_BYTES, (index + 1) * CHUNK_DATA_BYTES),
    }));
    const lie = this.int(6);
    if (lie === 1 && count > 1) chunks.reverse(); // out of order
    if (lie === 2) chunks[chunks.length - 1].payloadSha256 = createHash('sha256').update('other').digest(); // inconsistent digest
    if (lie === 3) chunks[0].data = chunks[0].data.subarray(1); // wrong chunk size
    if (lie === 4) chunks.push({ ...chunks[0] }); // a repeated chunk after the end
    return chunks.map((chunk) => pb.Envelope.encode({ chunk }).finish());
  }

  next(): FuzzCase {
    if (this.pendingChunks.length > 0) return { kind: 'binary', bytes: this.pendingChunks.shift()! };
    const dice = this.int(100);
    if (dice === 0 && this.int(40) === 0) return { kind: 'binary', bytes: concat(this.seeds[1], this.randomBytes(MAX_MESSAGE_BYTES)) };
    if (dice < 3) {
      // A non-binary payload on the protocol's event.
      const args = this.pick<unknown[]>([['text'], [42], [{ data: this.randomBytes(8) }], [null], [[1, 2, 3]], [], [this.randomBytes(4), this.randomBytes(4)], [true]]);
      return { kind: 'event', name: PROTOCOL_EVENT, args };
    }
    if (dice < 5) return { kind: 'event', name: `event-${this.int(1000)}`, args: [this.randomBytes(this.int(64))] };
    if (dice < 7) {
      // A reassembled payload that is garbage, a valid update of a client not sampled, or a chunk inside chunks.
      const payload = this.pick([this.randomBytes(40 + this.int(400)), this.seeds[1], this.seeds[5], this.mutate(this.seeds[1])]);
      this.pendingChunks = this.chunkSequence(payload);
      return this.next();
    }
    if (dice < 20) return { kind: 'binary', bytes: this.pick(this.crafted) };
    // Hellos are rare: a mutated fingerprint gets the client disconnected, and reconnecting takes time.
    const seed = this.int(40) === 0 ? this.seeds[0] : this.pick(this.seeds.slice(1));
    return { kind: 'binary', bytes: this.mutate(seed) };
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Sends `cases` fuzz cases, waiting after every batch for the coordinator to have answered the batch, or for
 * the client to be connected again when a case got it disconnected (what it sent after that case is lost).
 */
async function fuzz(attacker: ScriptedClient, payloads: HostilePayloads, cases: number, label: string): Promise<void> {
  for (let sent = 0; sent < cases; ) {
    if (!attacker.socket.connected) await new Promise<void>((resolve) => attacker.socket.once('connect', resolve));
    let onDisconnect = (): void => undefined;
    const disconnected = new Promise<void>((resolve) => (onDisconnect = resolve));
    attacker.socket.once('disconnect', onDisconnect);
    for (const end = Math.min(sent + BATCH, cases); sent < end; sent++) {
      const fuzzCase = payloads.next();
      if (fuzzCase.kind === 'binary') attacker.socket.emit(PROTOCOL_EVENT, fuzzCase.bytes);
      else attacker.socket.emit(fuzzCase.name, ...fuzzCase.args);
    }
    // An unknown event is refused with its name: its reply comes after the replies to everything sent before.
    const marker = `sync-${label}-${sent}`;
    attacker.socket.emit(marker);
    const answered = attacker.waitFor((m) => isError(m) && m.message.includes(marker), 20_000);
    await Promise.race([answered, disconnected]);
    attacker.socket.off('disconnect', onDisconnect);
    answered.catch(() => undefined); // lost with the connection it was sent on
  }
}

describe('fuzz', () => {
  const fixture = coordinatorFixture();

  it(`survives ${FUZZ_CASES} hostile payloads while honest clients complete a round with the right FedAvg result`, async () => {
    const credentials = clientCredentials(4);
    const honest = credentials.slice(0, 3);
    const hostile = credentials[3];
    const weights = [10, 30, 60];
    const coordinator = await fixture.start({
      clients: credentials,
      minClients: 3,
      rounds: 1,
      roundTimeoutMs: 60_000,
      evalTimeoutMs: 30_000,
      // The hostile client must stay connected through every case; the limit itself is tested on its own.
      refusalLimit: { maxRefusals: 1_000_000 },
      chunkBytes: 64 * 1024,
      maxMessageBytes: MAX_MESSAGE_BYTES,
    });

    const instructions: { instruction: TrainMessage; global: AdapterWeights }[] = [];
    const honestClients = honest.map((credential, k) =>
      fixture.connect({
        token: credential.token,
        numTrainExamples: weights[k],
        onTrain: (instruction, global) => {
          instructions[k] = { instruction, global };
          return undefined; // answered once the hostile client has had its go
        },
      }),
    );
    await Promise.all(honestClients.map((c) => c.waitFor((m) => m.kind === 'train')));
    const { instruction, global } = instructions[0];

    // Connected after the round started, so the hostile client is not sampled: its updates are refused.
    const attacker = fixture.connect({ token: hostile.token, reconnect: true });
    let disconnects = 0;
    attacker.socket.on('disconnect', (reason) => {
      disconnects += 1;
      // The coordinator closes the connection on a hello for another model; socket.io leaves reconnecting to us.
      if (reason === 'io server disconnect') setTimeout(() => attacker.socket.connect(), 20);
    });
    await attacker.waitFor((m) => m.kind === 'welcome');
    const payloads = new HostilePayloads(7, instruction, global, resolveModel('builtin:tiny').fingerprint);

    const started = Date.now();
    await fuzz(attacker, payloads, FUZZ_CASES / 2, 'training');
    const updates = honestClients.map((client, k) => {
      const update = randomUpdate(global, 100 + k);
      client.send(updateMessage(instruction.round, instruction.globalDigest, update, weights[k], `honest-${k}`));
      return update;
    });
    // The second half runs while the round is aggregated, evaluated and committed.
    await fuzz(attacker, payloads, FUZZ_CASES / 2, 'closing');
    await coordinator.finished;
    const elapsedMs = Date.now() - started;
    console.log(`fuzz: ${FUZZ_CASES} cases in ${(elapsedMs / 1000).toFixed(1)} s; the hostile client was disconnected ${disconnects} times`);

    const health = await fetch(`${coordinator.url}/healthz`);
    expect(health.status).toBe(200);
    const codes = new Set(attacker.received.filter(isError).map((e) => e.code));
    // Tensor layout and NaN checks run for sampled clients only (the hostile one is not): see coordinator.test.ts.
    for (const code of ['MALFORMED_MESSAGE', 'PROTOCOL_VIOLATION', 'PAYLOAD_TOO_LARGE', 'NOT_SAMPLED', 'STALE_ROUND', 'MODEL_MISMATCH']) {
      expect(codes, code).toContain(code);
    }
    const [record] = coordinator.roundRecords();
    expect(record.participants).toBe(3);
    expect(record.clients.filter((c) => c.status === 'done').map((c) => c.id)).toEqual(honest.map((c) => c.id));
    for (const client of honestClients) await client.waitFor((m) => m.kind === 'finished');

    // The committed checkpoint parses and holds global + the example-weighted mean of the honest updates.
    const { adapter: saved } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    const total = weights.reduce((a, b) => a + b, 0);
    for (const [name, tensor] of global) {
      const got = saved.get(name)!.data;
      for (let i = 0; i < got.length; i++) {
        const mean = updates.reduce((sum, update, k) => sum + weights[k] * update.get(name)!.data[i], 0) / total;
        expect(Math.abs(got[i] - (tensor.data[i] + mean))).toBeLessThan(1e-6);
      }
    }
    await coordinator.close();
    // Every upload the hostile client started was closed and its spool file removed, none left to the collector.
    await expect.poll(() => readdir(join(coordinator.runDir, 'incoming'))).toEqual([]);
    const db = new Database(join(coordinator.runDir, 'state.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 120_000);
});
