import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { MalformedMessageError, FedloraError } from '../../shared/infra/errors.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import { errorMessageFor, type Message } from '../../shared/wire/messages.js';
import { fedlora } from '../../proto/generated/fedlora.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { MINIMAL_CONFIG } from '../helpers/coordinator.js';

const adapter: AdapterWeights = makeAdapter([
  ['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', { shape: [2, 3], data: new Float32Array([1, -2, 3.5, 1e-7, -0, 6]) }],
  ['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', { shape: [4, 2], data: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]) }],
]);
const lora = { r: 2, alpha: 16, targetModules: ['q_proj', 'v_proj'], dropout: 0.05, useRslora: true, freezeA: true, modulesToSave: ['lm_head', 'model.norm'] };
const hyperParams = { localSteps: 5, batchSize: 4, learningRate: 0.001, maxSeqLen: 64, seed: 42, proximalMu: 0.01, packing: true };

const everyMessage: Message[] = [
  {
    kind: 'hello',
    clientId: 'a',
    modelFingerprint: 'f'.repeat(64),
    backend: 'wasm',
    numTrainExamples: 90,
    numEvalExamples: 10,
    softwareVersion: '1',
    loraRank: 4,
    dataSets: [
      { name: 'task', numTrainExamples: 60, numEvalExamples: 7, qa: false },
      { name: 'fr', numTrainExamples: 30, numEvalExamples: 3, qa: false },
      { name: 'facts-qa', numTrainExamples: 0, numEvalExamples: 12, qa: true },
    ],
  },
  { kind: 'welcome', runId: 'run', roundsTotal: 3, model: 'builtin:tiny', clientId: 'a', chunkBytes: 4194304, maxPayloadBytes: 2147483648 },
  { kind: 'chunk', transferId: 't1', index: 1, count: 3, totalBytes: 10, payloadSha256: 'ab'.repeat(32), data: new Uint8Array([1, 2, 3]) },
  { kind: 'chunkAck', transferId: 't1', nextIndex: 2 },
  { kind: 'uploadRequest', round: 2, updateId: 'u1', bytes: 3_000_000_000 },
  { kind: 'uploadGrant', round: 2, updateId: 'u1' },
  {
    kind: 'train',
    round: 2,
    globalDigest: 'abc',
    globalAdapter: adapter,
    hyperParams,
    lora,
    deadlineUnixMs: 1_790_000_000_123,
    updateEncoding: 'int8',
    errorFeedback: true,
    clipNorm: 0.5,
    secureAggregation: true,
    data: [
      { name: 'fr', weight: 1 },
      { name: 'task', weight: 0.25 },
    ],
  },
  {
    kind: 'train',
    round: 3,
    globalDigest: 'abc',
    globalAdapter: undefined,
    hyperParams,
    lora,
    deadlineUnixMs: 1,
    updateEncoding: 'fp32',
    errorFeedback: false,
    clipNorm: 0,
    secureAggregation: false,
    data: [],
  },
  {
    kind: 'update',
    updateId: 'u1',
    round: 2,
    globalDigest: 'abc',
    update: adapter,
    encoding: 'fp32',
    numExamples: 90,
    trainLoss: 2.5,
    tokensPerSecond: 1234.5,
    steps: 5,
    durationMs: 800,
  },
  { kind: 'evaluate', round: 2, digest: 'def', adapter, maxSeqLen: 64, lora, deadlineUnixMs: 5, qaSets: ['facts-qa'], qaMaxNewTokens: 16 },
  {
    kind: 'evaluation',
    round: 2,
    digest: 'def',
    loss: 1.75,
    numExamples: 10,
    sets: [
      { name: 'task', numExamples: 7, loss: 1.5, qa: false, exactMatch: 0, f1: 0 },
      { name: 'facts-qa', numExamples: 12, loss: 0, qa: true, exactMatch: 0.25, f1: 0.5 },
    ],
  },
  { kind: 'ack', round: 2 },
  { kind: 'finished', roundsCompleted: 3, finalDigest: 'def' },
  { kind: 'error', code: 'STALE_ROUND', message: 'round 1 is closed', round: 1 },
  ...secureAggregationMessages(),
];

/** One of each secure-aggregation message, with keys and shares of the right sizes. */
function secureAggregationMessages(): Message[] {
  const key = (fill: number) => new Uint8Array(32).fill(fill);
  const peer = { clientId: 'b', index: 2, maskPublicKey: key(1), cipherPublicKey: key(2) };
  return [
    {
      kind: 'secaggKeys',
      round: 2,
      globalDigest: 'abc',
      maskPublicKey: key(3),
      cipherPublicKey: key(4),
      selfMaskCommitment: key(5),
      numExamples: 90,
      trainLoss: 2.5,
      tokensPerSecond: 10,
      steps: 5,
      durationMs: 800,
    },
    {
      kind: 'secaggRoster',
      round: 2,
      ownIndex: 1,
      neighbours: [peer],
      threshold: 2,
      range: 1,
      scale: 2 ** 30,
      weight: 90,
      weightTotal: 100,
      noiseStd: 0.01,
      reportClipping: true,
      indicatorNoiseStd: 0.5,
      deadlineUnixMs: 7,
    },
    { kind: 'secaggShares', round: 2, shares: [{ clientId: 'b', ciphertext: new Uint8Array([9, 8, 7]) }], blamed: ['c'] },
    { kind: 'secaggMaskRequest', round: 2, shares: [{ clientId: 'b', ciphertext: new Uint8Array([6]) }], deadlineUnixMs: 8 },
    { kind: 'secaggMasked', round: 2, masked: Uint32Array.of(0, 1, 2 ** 32 - 1), blamed: ['d'] },
    { kind: 'secaggUnmaskRequest', round: 2, survivors: ['a'], dropped: ['b'], deadlineUnixMs: 9 },
    {
      kind: 'secaggUnmask',
      round: 2,
      selfMaskShares: [{ clientId: 'a', share: new Uint8Array(66).fill(1) }],
      secretKeyShares: [{ clientId: 'b', share: new Uint8Array(66) }],
    },
  ];
}

function plain(message: Message): unknown {
  return JSON.parse(
    JSON.stringify(message, (_key, value: unknown) => {
      if (value instanceof Map) return [...value].map(([n, t]: [string, { shape: number[]; data: Float32Array }]) => [n, t.shape, [...t.data]]);
      if (value instanceof Uint8Array || value instanceof Uint32Array) return [...value];
      // Buffers arrive here already through their toJSON.
      if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') return (value as { data: number[] }).data;
      return value;
    }),
  );
}

describe('wire protocol', () => {
  it.each(everyMessage.map((m) => [m.kind, m] as const))('round-trips %s', (_kind, message) => {
    const decoded = decodeMessage(encodeMessage(message));
    expect(plain(decoded)).toEqual(plain(message));
  });

  it('keeps float32 tensor bytes bit-exact, including -0 and subnormals', () => {
    const data = new Float32Array([-0, 1.4e-45, 3.4028234663852886e38, -1.5]);
    const update = makeAdapter([['t', { shape: [4], data }]]);
    const bytes = encodeMessage({
      kind: 'update',
      updateId: 'u1',
      round: 1,
      globalDigest: '',
      update,
      numExamples: 1,
      trainLoss: 0,
      tokensPerSecond: 0,
      steps: 1,
      durationMs: 0,
    });
    const decoded = decodeMessage(bytes);
    if (decoded.kind !== 'update') throw new Error('wrong kind');
    expect(new Uint32Array(decoded.update.get('t')!.data.slice().buffer)).toEqual(new Uint32Array(data.buffer));
  });

  it('keeps an adapter without tensors present, and an absent one absent', () => {
    const base = { kind: 'evaluate', round: 1, digest: 'd', maxSeqLen: 8, lora, deadlineUnixMs: 1 } as const;
    const present = decodeMessage(encodeMessage({ ...base, adapter: makeAdapter([]) }));
    const absent = decodeMessage(encodeMessage({ ...base, adapter: undefined }));
    expect(present.kind === 'evaluate' && present.adapter?.size).toBe(0);
    expect(absent.kind === 'evaluate' && absent.adapter).toBeUndefined();
  });

  it('encodes what protobufjs itself decodes field by field', () => {
    const bytes = encodeMessage(everyMessage.find((m) => m.kind === 'update')!);
    const decoded = fedlora.v1.Envelope.decode(bytes);
    expect(decoded.update?.update?.tensors?.map((t) => [t.name, t.shape, t.data?.byteLength])).toEqual([
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', [2, 3], 24],
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', [4, 2], 32],
    ]);
    expect(decoded.update?.round).toBe(2);
  });

  it('lays tensor bytes out 4-byte aligned, so that decoding reads them in place without a copy', () => {
    const odd = makeAdapter([
      ['a', { shape: [3], data: new Float32Array([1, 2, 3]) }],
      ['bb', { shape: [1], data: new Float32Array([4]) }],
      ['ccc', { shape: [2, 2], data: new Float32Array([5, 6, 7, 8]) }],
    ]);
    const bytes = encodeMessage({
      kind: 'update',
      updateId: 'x',
      round: 1,
      globalDigest: 'g',
      update: odd,
      numExamples: 1,
      trainLoss: 0,
      tokensPerSecond: 0,
      steps: 1,
      durationMs: 0,
    });
    const decoded = decodeMessage(bytes);
    if (decoded.kind !== 'update') throw new Error('wrong kind');
    for (const [name, tensor] of decoded.update) {
      expect(tensor.data.buffer, name).toBe(bytes.buffer);
      expect([...tensor.data]).toEqual([...odd.get(name)!.data]);
    }
  });

  it('costs little beyond the raw tensor bytes', () => {
    const big = makeAdapter([['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', { shape: [16, 1024], data: new Float32Array(16 * 1024) }]]);
    const bytes = encodeMessage({
      kind: 'update',
      updateId: 'u1',
      round: 1,
      globalDigest: 'x'.repeat(64),
      update: big,
      numExamples: 1,
      trainLoss: 0,
      tokensPerSecond: 0,
      steps: 1,
      durationMs: 0,
    });
    expect(bytes.byteLength / (16 * 1024 * 4)).toBeLessThan(1.01);
  });

  const malformed: [string, Uint8Array][] = [
    ['random bytes', new Uint8Array([0x0a, 0xff, 0xff, 0xff])],
    ['an empty envelope', new Uint8Array(0)],
    ['an unknown field', new Uint8Array([...encodeMessage({ kind: 'ack', round: 1 }), 0xf8, 0x07, 0x01])],
    [
      'a tensor whose bytes do not match its shape',
      fedlora.v1.Envelope.encode({
        update: { updateId: 'u1', round: 1, update: { tensors: [{ name: 't', shape: [2, 2], dtype: 1, data: new Uint8Array(12) }] }, numExamples: 1 },
      }).finish(),
    ],
    [
      'a tensor without shape',
      fedlora.v1.Envelope.encode({
        update: { updateId: 'u1', round: 1, update: { tensors: [{ name: 't', dtype: 1, data: new Uint8Array(4) }] }, numExamples: 1 },
      }).finish(),
    ],
    [
      'an unsupported dtype',
      fedlora.v1.Envelope.encode({
        update: {
          updateId: 'u1',
          round: 1,
          update: { tensors: [{ name: 't', shape: [1], dtype: 7 as fedlora.v1.DType, data: new Uint8Array(4) }] },
          numExamples: 1,
        },
      }).finish(),
    ],
    [
      'a duplicated tensor name',
      fedlora.v1.Envelope.encode({
        update: {
          round: 1,
          update: {
            tensors: [
              { name: 't', shape: [1], dtype: 1, data: new Uint8Array(4) },
              { name: 't', shape: [1], dtype: 1, data: new Uint8Array(4) },
            ],
          },
          numExamples: 1,
        },
      }).finish(),
    ],
    ['an update without tensors field', fedlora.v1.Envelope.encode({ update: { updateId: 'u1', round: 1, numExamples: 1 } }).finish()],
    [
      'a NaN learning rate',
      fedlora.v1.Envelope.encode({
        train: {
          round: 1,
          hyperParams: { localSteps: 1, batchSize: 1, learningRate: Number.NaN, maxSeqLen: 8 },
          lora: { r: 1, alpha: 1, targetModules: ['q_proj'] },
        },
      }).finish(),
    ],
    [
      'a train instruction without LoRA spec',
      fedlora.v1.Envelope.encode({ train: { round: 1, hyperParams: { localSteps: 1, batchSize: 1, learningRate: 1, maxSeqLen: 8 } } }).finish(),
    ],
  ];

  it.each(malformed)('refuses %s with a typed error', (_what, bytes) => {
    expect(() => decodeMessage(bytes)).toThrow(MalformedMessageError);
  });

  it('decodes an unaligned tensor payload into correct values', () => {
    // A 1-byte name shifts the tensor bytes off 4-byte alignment inside the envelope.
    const update = makeAdapter([['x', { shape: [3], data: new Float32Array([1.5, -2.25, 3]) }]]);
    const bytes = encodeMessage({
      kind: 'update',
      updateId: 'u1',
      round: 7,
      globalDigest: 'g',
      update,
      numExamples: 1,
      trainLoss: 0,
      tokensPerSecond: 0,
      steps: 1,
      durationMs: 0,
    });
    for (const shift of [0, 1, 2, 3]) {
      const shifted = new Uint8Array(bytes.byteLength + shift);
      shifted.set(bytes, shift);
      const decoded = decodeMessage(shifted.subarray(shift));
      if (decoded.kind !== 'update') throw new Error('wrong kind');
      expect([...decoded.update.get('x')!.data]).toEqual([1.5, -2.25, 3]);
    }
  });

  describe('the settings a train instruction carries, validated by the schemas the config uses', () => {
    const train = (overrides: { hyperParams?: object; lora?: object; clientPolicy?: object }) =>
      fedlora.v1.Envelope.encode({
        train: {
          round: 1,
          hyperParams: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8, ...overrides.hyperParams },
          lora: { r: 1, alpha: 1, targetModules: ['q_proj'], ...overrides.lora },
          clientPolicy: overrides.clientPolicy,
        },
      }).finish();

    it.each([
      ['a zero learning rate', { hyperParams: { learningRate: 0 } }, /^train\.hyper_params\.learningRate: /],
      ['a negative learning rate', { hyperParams: { learningRate: -0.1 } }, /^train\.hyper_params\.learningRate: /],
      ['an infinite learning rate', { hyperParams: { learningRate: Number.POSITIVE_INFINITY } }, /^train\.hyper_params\.learningRate: /],
      ['no local steps', { hyperParams: { localSteps: 0 } }, /^train\.hyper_params\.localSteps: /],
      ['sequences longer than any config allows', { hyperParams: { maxSeqLen: 65537 } }, /^train\.hyper_params\.maxSeqLen: /],
      ['a LoRA dropout of 1', { lora: { dropout: 1 } }, /^train\.lora\.dropout: /],
      ['a LoRA rank of 0', { lora: { r: 0 } }, /^train\.lora\.r: /],
      ['no target modules', { lora: { targetModules: [] } }, /^train\.lora\.targetModules: /],
      [
        'text-initialised prompt-tuning without its text',
        { lora: { peft: { method: 'prompt-tuning', numVirtualTokens: 4, promptTuningInit: 'text' } } },
        /^train\.lora\.peft\.promptTuningInitText: required with promptTuningInit text/,
      ],
      [
        'an init text with random initialisation',
        { lora: { peft: { method: 'prompt-tuning', numVirtualTokens: 4, promptTuningInit: 'random', promptTuningInitText: 'Roast' } } },
        /^train\.lora\.peft\.promptTuningInitText: only with promptTuningInit text/,
      ],
      ['a negative clip norm', { clientPolicy: { clipNorm: -1 } }, /^train\.client_policy\.clipNorm: /],
      ['a NaN proximal weight', { clientPolicy: { proximalMu: Number.NaN } }, /^train\.client_policy\.proximalMu: /],
      ['an unknown update encoding', { clientPolicy: { updateEncoding: 9 as fedlora.v1.UpdateEncoding } }, /^train\.client_policy\.updateEncoding: /],
    ])('refuses %s, naming the field', (_what, overrides, field) => {
      expect(() => decodeMessage(train(overrides))).toThrow(MalformedMessageError);
      expect(() => decodeMessage(train(overrides))).toThrow(field);
    });

    it('refuses a learning rate of 0 in the words the config uses', () => {
      const refusal = (run: () => unknown): string => {
        try {
          run();
        } catch (error) {
          return (error as Error).message;
        }
        return 'accepted';
      };
      const wire = refusal(() => decodeMessage(train({ hyperParams: { learningRate: 0 } })));
      const config = refusal(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, train: { ...MINIMAL_CONFIG.train, learningRate: 0 } }));
      expect(wire).toMatch(/^train\.hyper_params\.learningRate: ./);
      expect(wire.replace('train.hyper_params.', '')).toBe(config.replace('invalid configuration:\ntrain.', ''));
    });

    it('reads an absent client policy as the default one: no clipping, no proximal term, fp32', () => {
      const decoded = decodeMessage(train({}));
      expect(
        decoded.kind === 'train' && [
          decoded.clipNorm,
          decoded.hyperParams.proximalMu,
          decoded.updateEncoding,
          decoded.errorFeedback,
          decoded.secureAggregation,
        ],
      ).toEqual([0, 0, 'fp32', false, false]);
    });
  });

  describe('named data sets', () => {
    const pb = fedlora.v1;
    const hello = (fields: object) => pb.Envelope.encode({ hello: { numTrainExamples: 9, numEvalExamples: 1, ...fields } }).finish();

    it("reads an older hello's examples as one set named default", () => {
      const decoded = decodeMessage(hello({}));
      expect(decoded).toMatchObject({ dataSets: [{ name: 'default', numTrainExamples: 9, numEvalExamples: 1, qa: false }] });
    });

    it.each([
      ['a set name that is not one', hello({ dataSets: [{ name: 'a b' }] }), /hello.data_sets\[0\].name/],
      ['two sets of one name', hello({ dataSets: [{ name: 'x' }, { name: 'x' }] }), /hello.data_sets\[1\].name repeats x/],
      ['more sets than a client may hold', hello({ dataSets: Array.from({ length: 65 }, (_, i) => ({ name: `s${i}` })) }), /65 sets, more than 64/],
      [
        'a weight of 0',
        pb.Envelope.encode({
          train: {
            hyperParams: { localSteps: 1, batchSize: 1, learningRate: 0.1, maxSeqLen: 8 },
            lora: { r: 1, alpha: 1, targetModules: ['q'] },
            data: [{ name: 'x', weight: 0 }],
          },
        }).finish(),
        /train.data\[0\].weight must be positive/,
      ],
      [
        'an exact match above 1',
        pb.Envelope.encode({ evaluation: { numExamples: 1, sets: [{ name: 'q', qa: true, numExamples: 3, exactMatch: 1.5 }] } }).finish(),
        /evaluation.sets\[0\].exact_match must be in \[0, 1\]/,
      ],
      [
        'a non-finite set loss',
        pb.Envelope.encode({ evaluation: { numExamples: 1, sets: [{ name: 'q', numExamples: 3, loss: Number.NaN }] } }).finish(),
        /evaluation.sets\[0\].loss is not a finite number/,
      ],
    ])('refuses %s, naming the field', (_, bytes, message) => {
      expect(() => decodeMessage(bytes)).toThrow(MalformedMessageError);
      expect(() => decodeMessage(bytes)).toThrow(message);
    });
  });

  it('maps local errors onto wire error codes', () => {
    expect(errorMessageFor(new MalformedMessageError('bad'), 3)).toEqual({ kind: 'error', code: 'MALFORMED_MESSAGE', message: 'bad', round: 3 });
    expect(errorMessageFor(new FedloraError('DATA_INVALID', 'x')).code).toBe('PROTOCOL_VIOLATION');
    expect(errorMessageFor(new Error('boom')).code).toBe('PROTOCOL_VIOLATION');
  });
});
