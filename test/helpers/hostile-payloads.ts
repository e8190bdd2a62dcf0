/** Hostile payloads for the fuzz test: valid envelopes of every kind mutated at the byte level, and crafted ones. */
import { createHash } from 'node:crypto';
import protobuf from 'protobufjs/minimal.js';
import { fedlora } from '../../proto/generated/fedlora.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { encodeMessage } from '../../shared/wire/protocol.js';
import { PROTOCOL_EVENT, PROTOCOL_VERSION, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { generateX25519, sealedLength } from '../../shared/secagg/crypto.js';
import { SHARE_BYTES } from '../../shared/secagg/shamir.js';

const CHUNK_DATA_BYTES = 64;
/** socket.io's message limit in the fuzz test: a larger message closes the hostile client's connection. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const pb = fedlora.v1;

/** X25519 public keys no client may use: points of small order, and encodings of p = 2^255 − 19 and above. */
export const HOSTILE_KEYS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
].map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));

function randomUpdate(global: AdapterWeights, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 1e-2) }]));
}

/** What one fuzz case does on a hostile client's socket. */
type FuzzCase = { kind: 'binary'; bytes: Uint8Array } | { kind: 'event'; name: string; args: unknown[] };

/**
 * Builds hostile payloads from valid envelopes of every kind (mutated at the byte level) and from envelopes that
 * are valid protobuf but wrong for the protocol (bad tensors, NaN, keys of small order, shares and masked vectors
 * of the wrong size, chunk sequences that lie).
 */
export class HostilePayloads {
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
    const round = train.round;
    const keys = () => generateX25519().publicKey;
    const sealed = (clientId: string) => ({ clientId, ciphertext: this.randomBytes(sealedLength(2 * SHARE_BYTES)) });
    const revealed = (clientId: string) => ({ clientId, share: this.randomBytes(SHARE_BYTES) });
    const valid: Message[] = [
      // A hello for another model: a client that announces the run's model would become ready and be sampled.
      {
        kind: 'hello',
        clientId: '',
        modelFingerprint: `not-${fingerprint}`,
        backend: 'none',
        numTrainExamples: 10,
        numEvalExamples: 2,
        softwareVersion: PROTOCOL_VERSION,
        loraRank: 0,
      },
      {
        kind: 'update',
        updateId: 'hostile-update',
        round,
        globalDigest: train.globalDigest,
        update: randomUpdate(global, 99),
        numExamples: 10,
        trainLoss: 1.5,
        tokensPerSecond: 100,
        steps: 2,
        durationMs: 10,
      },
      { kind: 'evaluation', round, digest: train.globalDigest, loss: 1, numExamples: 2 },
      { kind: 'chunkAck', transferId: 'nope', nextIndex: 3 },
      { kind: 'uploadRequest', round, updateId: 'hostile-update', bytes: 1_000_000 },
      { kind: 'error', code: 'MALFORMED_MESSAGE', message: 'x', round: 1 },
      { kind: 'chunk', transferId: 't', index: 0, count: 2, totalBytes: 100, payloadSha256: 'a'.repeat(64), data: new Uint8Array(64) },
      {
        kind: 'secaggKeys',
        round,
        globalDigest: train.globalDigest,
        maskPublicKey: keys(),
        cipherPublicKey: keys(),
        selfMaskCommitment: this.randomBytes(32),
        numExamples: 5,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      },
      { kind: 'secaggShares', round, shares: [sealed('client-1'), sealed('client-2'), sealed('client-3')], blamed: [] },
      { kind: 'secaggMasked', round, masked: new Uint32Array(64).fill(7), blamed: ['client-2'] },
      { kind: 'secaggUnmask', round, selfMaskShares: [revealed('client-1'), revealed('client-2')], secretKeyShares: [revealed('client-3')] },
      // Messages only a coordinator may send.
      { kind: 'ack', round: 1 },
      { kind: 'uploadGrant', round: 1, updateId: 'x' },
      { kind: 'finished', roundsCompleted: 1, finalDigest: 'x' },
      train,
      {
        kind: 'secaggRoster',
        round,
        ownIndex: 1,
        threshold: 2,
        range: 1,
        scale: 2 ** 20,
        weight: 1,
        weightTotal: 2,
        noiseStd: 0,
        reportClipping: false,
        indicatorNoiseStd: 0,
        deadlineUnixMs: 0,
        neighbours: [{ clientId: 'client-1', index: 2, maskPublicKey: HOSTILE_KEYS[0], cipherPublicKey: keys() }],
      },
      { kind: 'secaggMaskRequest', round, shares: [sealed('client-2')], deadlineUnixMs: 0 },
      { kind: 'secaggUnmaskRequest', round, survivors: ['client-1'], dropped: ['client-2', 'client-3'], deadlineUnixMs: 0 },
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
    const round = this.train.round;
    const tensors = [...global].map(([n, t]) => ({ name: n, shape: [...t.shape], dtype: pb.DType.FLOAT32, data: new Uint8Array(t.data.buffer.slice(0)) }));
    const update = (tensorList: fedlora.v1.ITensor[], extra: Partial<fedlora.v1.IClientUpdate> = {}) =>
      pb.Envelope.encode({
        update: { updateId: 'crafted', round, globalDigest: this.train.globalDigest, numExamples: 10, update: { tensors: tensorList }, ...extra },
      }).finish();
    const nan = new Float32Array(first.data.length).fill(Number.NaN);
    const key = () => generateX25519().publicKey;
    const secaggKeys = (extra: Partial<fedlora.v1.ISecAggKeys>) =>
      pb.Envelope.encode({
        secaggKeys: {
          round,
          globalDigest: this.train.globalDigest,
          maskPublicKey: key(),
          cipherPublicKey: key(),
          selfMaskCommitment: new Uint8Array(32),
          numExamples: 3,
          ...extra,
        },
      }).finish();
    const shares = (list: fedlora.v1.ISecAggEncryptedShare[], blamed: string[] = []) =>
      pb.Envelope.encode({ secaggShares: { round, shares: list, blamed } }).finish();
    const masked = (bytes: Uint8Array, blamed: string[] = []) => pb.Envelope.encode({ secaggMasked: { round, masked: bytes, blamed } }).finish();
    const unmask = (share: Uint8Array, count = 1) =>
      pb.Envelope.encode({
        secaggUnmask: { round, selfMaskShares: Array.from({ length: count }, (_, i) => ({ clientId: `client-${i + 1}`, share })), secretKeyShares: [] },
      }).finish();
    const sealedSize = sealedLength(2 * SHARE_BYTES);
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
      pb.Envelope.encode({ evaluation: { round, digest: this.train.globalDigest, loss: Number.NaN, numExamples: 3 } }).finish(),
      pb.Envelope.encode({ hello: { clientId: 'someone-else', modelFingerprint: 'f' } }).finish(),
      pb.Envelope.encode({ error: { code: 12345 as fedlora.v1.ErrorCode, message: 'unknown code' } }).finish(),
      pb.Envelope.encode({
        chunk: { transferId: 'huge', index: 0, count: 1, totalBytes: 2 ** 52, payloadSha256: new Uint8Array(32), data: new Uint8Array(8) },
      }).finish(),
      pb.Envelope.encode({
        chunk: { transferId: 'bad-sha', index: 0, count: 1, totalBytes: 8, payloadSha256: new Uint8Array(5), data: new Uint8Array(8) },
      }).finish(),
      new Uint8Array(0), // an envelope without a body
      // Secure aggregation: keys of small order, non-canonical or of the wrong length, and bad figures.
      ...HOSTILE_KEYS.flatMap((bad) => [secaggKeys({ maskPublicKey: bad }), secaggKeys({ cipherPublicKey: bad })]),
      secaggKeys({ maskPublicKey: new Uint8Array(31) }),
      secaggKeys({ cipherPublicKey: new Uint8Array(33) }),
      secaggKeys({ maskPublicKey: new Uint8Array(0), cipherPublicKey: new Uint8Array(0) }),
      secaggKeys({ selfMaskCommitment: new Uint8Array(31) }),
      secaggKeys({ numExamples: 0 }),
      secaggKeys({ trainLoss: Number.NaN }),
      secaggKeys({ round: 0xffffffff }),
      // Shares: wrong sizes, strange recipients, blames of clients that are no neighbours.
      shares([{ clientId: 'client-1', ciphertext: new Uint8Array(0) }]),
      shares([{ clientId: 'client-1', ciphertext: new Uint8Array(sealedSize - 1) }]),
      shares([{ clientId: 'client-1', ciphertext: new Uint8Array(64 * 1024) }]),
      shares([{ clientId: '', ciphertext: new Uint8Array(sealedSize) }]),
      shares([{ clientId: 'x'.repeat(65), ciphertext: new Uint8Array(sealedSize) }]),
      shares(Array.from({ length: 500 }, (_, i) => ({ clientId: `c${i}`, ciphertext: new Uint8Array(sealedSize) }))),
      shares([{ clientId: 'client-1', ciphertext: new Uint8Array(sealedSize) }], ['client-1']),
      shares([], ['nobody', 'nobody']),
      // Masked vectors of no whole words, none, one word, and one far too long.
      masked(new Uint8Array(3)),
      masked(new Uint8Array(0)),
      masked(new Uint8Array(4), ['client-1', 'client-1']),
      masked(new Uint8Array(200 * 1024)),
      // Revealed shares of the wrong size, all ones (beyond the field), and many of them.
      unmask(new Uint8Array(SHARE_BYTES - 1)),
      unmask(new Uint8Array(SHARE_BYTES + 1)),
      unmask(new Uint8Array(SHARE_BYTES).fill(0xff)),
      unmask(new Uint8Array(SHARE_BYTES), 1000),
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
        const unknown = protobuf.Writer.create()
          .uint32((1000 + this.int(1000)) << 3)
          .uint64(this.int(1 << 30))
          .finish();
        const inner = protobuf.Writer.create()
          .uint32((7 << 3) | 2)
          .bytes(unknown)
          .finish();
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
      const args = this.pick<unknown[]>([
        ['text'],
        [42],
        [{ data: this.randomBytes(8) }],
        [null],
        [[1, 2, 3]],
        [],
        [this.randomBytes(4), this.randomBytes(4)],
        [true],
      ]);
      return { kind: 'event', name: PROTOCOL_EVENT, args };
    }
    if (dice < 5) return { kind: 'event', name: `event-${this.int(1000)}`, args: [this.randomBytes(this.int(64))] };
    if (dice < 7) {
      // A reassembled payload that is garbage, an update, keys or a masked vector of a client not sampled, or a chunk
      // inside chunks.
      const payload = this.pick([this.randomBytes(40 + this.int(400)), this.seeds[1], this.seeds[6], this.seeds[7], this.seeds[9], this.mutate(this.seeds[1])]);
      this.pendingChunks = this.chunkSequence(payload);
      return this.next();
    }
    if (dice < 25) return { kind: 'binary', bytes: this.pick(this.crafted) };
    // The hello (for another model) is rare: it gets the client disconnected.
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
