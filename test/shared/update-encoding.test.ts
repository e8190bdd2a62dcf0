import { describe, expect, it } from 'vitest';
import { makeAdapter, rawByteSize, type AdapterWeights } from '../../shared/lora/adapter.js';
import { MalformedMessageError } from '../../shared/infra/errors.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { UpdateEncoder, decodeWireAdapter, encodeAdapterAs, type UpdateEncoding } from '../../shared/wire/update-encoding.js';
import { fedlora } from '../../proto/generated/fedlora.js';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';

/** A LoRA-shaped update (A [8, 96], B [64, 8]) with values of the size local training produces. */
function loraUpdate(seed: number, scale = 1e-3): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([
    ['m.lora_A.weight', { shape: [8, 96], data: random.fillNormal(new Float32Array(8 * 96), scale) }],
    ['m.lora_B.weight', { shape: [64, 8], data: random.fillNormal(new Float32Array(64 * 8), scale) }],
  ]);
}

function roundTrip(update: AdapterWeights, encoding: UpdateEncoding, seed = 1): AdapterWeights {
  return decodeWireAdapter(encodeAdapterAs(update, encoding, new SeededRandom(seed)));
}

function updateBytes(update: AdapterWeights, encoding: UpdateEncoding): number {
  const wire = encodeAdapterAs(update, encoding, new SeededRandom(1));
  return encodeMessage({
    kind: 'update',
    updateId: 'u',
    round: 1,
    globalDigest: 'g',
    update,
    wireUpdate: wire,
    numExamples: 1,
    trainLoss: 0,
    tokensPerSecond: 0,
    steps: 1,
    durationMs: 0,
  }).byteLength;
}

describe('update encodings', () => {
  const update = loraUpdate(3);

  // fp16 values below 2^-14 are subnormal: there the error is absolute, half a step of 2^-24.
  it.each<[UpdateEncoding, number, number]>([
    ['fp16', 2 ** -11, 2 ** -25],
    ['bf16', 2 ** -8, 0],
  ])('%s rounds every value within its bound', (encoding, relative, absolute) => {
    const decoded = roundTrip(update, encoding);
    for (const [name, t] of update) {
      const got = decoded.get(name)!.data;
      t.data.forEach((x, i) => expect(Math.abs(got[i] - x)).toBeLessThanOrEqual(Math.abs(x) * relative + absolute));
    }
  });

  it('int8 stays within one step of its rank component, A by rows and B by columns', () => {
    const decoded = roundTrip(update, 'int8');
    const a = update.get('m.lora_A.weight')!;
    for (let row = 0; row < 8; row++) {
      const values = a.data.subarray(row * 96, (row + 1) * 96);
      const step = Math.max(...values.map(Math.abs)) / 127;
      values.forEach((x, j) => expect(Math.abs(decoded.get('m.lora_A.weight')!.data[row * 96 + j] - x)).toBeLessThanOrEqual(step * 1.0001));
    }
    const b = update.get('m.lora_B.weight')!;
    for (let column = 0; column < 8; column++) {
      const values = Array.from({ length: 64 }, (_, r) => b.data[r * 8 + column]);
      const step = Math.max(...values.map(Math.abs)) / 127;
      values.forEach((x, r) => expect(Math.abs(decoded.get('m.lora_B.weight')!.data[r * 8 + column] - x)).toBeLessThanOrEqual(step * 1.0001));
    }
  });

  it('int8 rounding is unbiased: the mean of many quantizations approaches the value', () => {
    const value = makeAdapter([['m.lora_A.weight', { shape: [1, 2], data: Float32Array.from([1, 0.3037]) }]]);
    let sum = 0;
    for (let seed = 0; seed < 4000; seed++) sum += roundTrip(value, 'int8', seed).get('m.lora_A.weight')!.data[1];
    // One step is 1/127 ≈ 0.0079; the mean of 4000 draws is within a few hundredths of a step.
    expect(Math.abs(sum / 4000 - 0.3037)).toBeLessThan(0.0079 * 0.05);
  });

  it('costs fp16/bf16 about half and int8 at most 0.27 of fp32 on the wire, at the q_proj shapes of a real model', () => {
    // SmolLM2-135M's q_proj at r = 8: A [8, 576], B [576, 8].
    const random = new SeededRandom(9);
    const qProj = makeAdapter([
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', { shape: [8, 576], data: random.fillNormal(new Float32Array(8 * 576), 1e-3) }],
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', { shape: [576, 8], data: random.fillNormal(new Float32Array(576 * 8), 1e-3) }],
    ]);
    const fp32 = updateBytes(qProj, 'fp32');
    expect(updateBytes(qProj, 'fp16') / fp32).toBeLessThan(0.51);
    expect(updateBytes(qProj, 'bf16') / fp32).toBeLessThan(0.51);
    expect(updateBytes(qProj, 'int8') / fp32).toBeLessThanOrEqual(0.27);
  });

  it('travels through the protocol and reports how it travelled', () => {
    const wire = encodeAdapterAs(update, 'int8', new SeededRandom(2));
    const decoded = decodeMessage(
      encodeMessage({
        kind: 'update',
        updateId: 'u',
        round: 1,
        globalDigest: 'g',
        update,
        wireUpdate: wire,
        numExamples: 1,
        trainLoss: 0,
        tokensPerSecond: 0,
        steps: 1,
        durationMs: 0,
      }),
    );
    if (decoded.kind !== 'update') throw new Error('wrong kind');
    expect(decoded.encoding).toBe('int8');
    expect([...decoded.update.get('m.lora_B.weight')!.data]).toEqual([...decodeWireAdapter(wire).get('m.lora_B.weight')!.data]);
  });

  it('refuses int8 tensors with the wrong number of scales, scales on fp32, and mixed encodings', () => {
    const encode = (tensors: fedlora.v1.Tensor.$Properties[]) =>
      fedlora.v1.Envelope.encode({ update: { updateId: 'u', round: 1, numExamples: 1, update: { tensors } } }).finish();
    const int8 = { name: 'm.lora_A.weight', shape: [2, 2], dtype: fedlora.v1.DType.INT8, data: new Uint8Array(4) };
    expect(() => decodeMessage(encode([{ ...int8, scales: [1], scaleAxis: 0 }]))).toThrow(/scales, expected 2/);
    expect(() => decodeMessage(encode([{ ...int8, scales: [1, 0], scaleAxis: 0 }]))).toThrow(MalformedMessageError);
    expect(() => decodeMessage(encode([{ name: 'x', shape: [1], dtype: fedlora.v1.DType.FLOAT32, data: new Uint8Array(4), scales: [1] }]))).toThrow(
      /only int8/,
    );
    expect(() =>
      decodeMessage(
        encode([
          { ...int8, scales: [1, 1], scaleAxis: 0 },
          { name: 'y', shape: [1], dtype: fedlora.v1.DType.FLOAT32, data: new Uint8Array(4) },
        ]),
      ),
    ).toThrow(/one encoding per adapter/);
  });

  it('error feedback keeps the sum of what was sent within one step of the sum of the true updates', () => {
    const withFeedback = new UpdateEncoder();
    const truth = loraUpdate(5);
    const sent = new Float32Array(8 * 96);
    const sentWithout = new Float32Array(8 * 96);
    const without = new UpdateEncoder();
    const rounds = 200;
    for (let round = 0; round < rounds; round++) {
      const a = withFeedback.encode(truth, 'int8', true, new SeededRandom(round)).values.get('m.lora_A.weight')!.data;
      const b = without.encode(truth, 'int8', false, new SeededRandom(round)).values.get('m.lora_A.weight')!.data;
      a.forEach((v, i) => (sent[i] += v));
      b.forEach((v, i) => (sentWithout[i] += v));
    }
    const t = truth.get('m.lora_A.weight')!.data;
    const maxStep = Math.max(...t.map(Math.abs)) / 127;
    const drift = (s: Float32Array): number => Math.max(...s.map((v, i) => Math.abs(v - rounds * t[i])));
    expect(drift(sent)).toBeLessThanOrEqual(maxStep * 1.01);
    expect(drift(sentWithout)).toBeGreaterThan(drift(sent));
  });
});

describe('an int8 run with error feedback', () => {
  const run = coordinatorFixture();

  it('uploads about a third of fp32 and still lowers the held-out loss', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      encoding: { update: 'int8', errorFeedback: true },
      lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] },
      train: { localSteps: 8, batchSize: 4, learningRate: 5e-3, maxSeqLen: 48 },
    });
    await trainWithRealClients(coordinator, credentials);
    for (const round of coordinator.roundRecords()) {
      expect(round.update_encoding).toBe('int8');
      const uploads = round.clients.reduce((n, c) => n + c.bytes_up, 0);
      // The built-in model's tensors are small (A [8, 64]), so names and scales weigh more than on real models.
      expect(uploads / round.raw_update_bytes).toBeLessThan(0.36);
    }
    expect(coordinator.roundRecords().at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);
    expect(rawByteSize(loraUpdate(1))).toBe((8 * 96 + 64 * 8) * 4);
  }, 60_000);
});

describe('global adapters in their own downstream encoding', () => {
  const run = coordinatorFixture();

  it('sends int8 global adapters to clients sending fp32 updates, records the bytes saved, and the run still learns', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      encoding: { update: 'fp32', global: 'int8' },
      lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] },
      train: { localSteps: 8, batchSize: 4, learningRate: 5e-3, maxSeqLen: 48 },
    });
    // Real clients check every adapter they receive against the announced digest: a mismatch would end their session.
    await trainWithRealClients(coordinator, credentials);
    const rounds = coordinator.roundRecords();
    expect(rounds).toHaveLength(2);
    for (const round of rounds) {
      expect(round.update_encoding).toBe('fp32');
      expect(round.global_encoding).toBe('int8');
      // Training and evaluation instructions both carried the new adapter to each client.
      expect(round.raw_global_bytes).toBeGreaterThan(0);
      expect(round.global_wire_bytes / round.raw_global_bytes).toBeLessThan(0.27);
    }
    expect(rounds.at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);
  }, 60_000);
});
