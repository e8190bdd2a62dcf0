/**
 * The tfjs Llama against an independent plain-JS computation (float64, written from the formulas in Hugging Face
 * transformers' `modeling_llama.py`, see REFERENCES.md "Architectures"), on both test backends.
 */
import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adapterDigest, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { selectBackend } from '../../shared/model/backend.js';
import { loadCpuKernels } from '../../shared/model/cpu-kernels.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { BackendUnavailableError, ConfigError, TensorMismatchError } from '../../shared/infra/errors.js';
import { createLogger, silentLogger } from '../../shared/infra/log.js';
import { initialAdapter, loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { describeModel, loraTargets, modelFingerprint, resolveModel, type LlamaConfig, type LlamaDescriptor } from '../../shared/model/model-config.js';
import { baseWeightShapes, createModel, LlamaModel, rotaryTables, seededBaseWeights } from '../../shared/model/llama.js';
import { applyRotary } from '../../shared/model/fused/rotary.js';
import { rmsNorm } from '../../shared/model/fused/rms-norm.js';
import { groupedCausalAttention } from '../../shared/model/fused/attention.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { refAttention, refForward, refRmsNorm, refRotary, type RefWeights, type Vector } from '../helpers/reference.js';

/** The built-in model is a Llama; resolveModel's type covers every architecture. */
const builtinTiny = () => resolveModel('builtin:tiny') as LlamaDescriptor;

// ---------------------------------------------------------------------------------------------------------

/** Small enough for the reference; heads·headDim (16) ≠ hidden (12) so that o_proj's [out, in] order matters. */
const TEST_CONFIG: LlamaConfig = {
  vocabSize: 11,
  hiddenSize: 12,
  intermediateSize: 20,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 4,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
  maxPositionEmbeddings: 16,
  tieWordEmbeddings: true,
};

/** Weights large enough (std 0.5) that every part of the network moves the logits. */
function randomWeights(config: LlamaConfig, seed: number): RefWeights {
  const random = new SeededRandom(seed);
  return new Map(
    baseWeightShapes(config).map(([name, shape]) => {
      const values = random.fillNormal(new Float32Array(shape.reduce((n, d) => n * d, 1)), 0.5);
      if (name.endsWith('norm.weight')) values.forEach((v, i) => (values[i] = 1 + v));
      return [name, values];
    }),
  );
}

function buildModel(config: LlamaConfig, weights: RefWeights): LlamaModel {
  const shapes = new Map(baseWeightShapes(config));
  return new LlamaModel(describeModel('test', config), new Map([...weights].map(([name, values]) => [name, tf.tensor(values, shapes.get(name)!)])));
}

function randomAdapterFor(config: LlamaConfig, lora: LoraConfig, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  const targets = loraTargets(describeModel('test', config), lora.targetModules);
  return makeAdapter(
    targets.flatMap((t) => {
      const names = loraTensorNames(t.modulePath);
      return [
        [names.a, { shape: [lora.r, t.inFeatures], data: random.fillNormal(new Float32Array(lora.r * t.inFeatures), 0.5) }],
        [names.b, { shape: [t.outFeatures, lora.r], data: random.fillNormal(new Float32Array(t.outFeatures * lora.r), 0.5) }],
      ] as const;
    }),
  );
}

function logitsOf(model: LlamaModel, batch: number[][]): number[][][] {
  return tf.tidy(() => model.forward(tf.tensor2d(batch, undefined, 'int32'))).arraySync() as number[][][];
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
}

const SEQUENCES = [
  [1, 5, 3, 9, 9, 0, 2, 7],
  [10, 4, 4, 6, 1, 8, 3, 2],
];
const ALL_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

describe.each(['cpu', 'wasm'] as const)('Llama on the %s backend', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend, silentLogger());
  });

  it('RMSNorm matches x · rsqrt(mean(x²) + eps) · w', () => {
    const random = new SeededRandom(1);
    const rows = Array.from({ length: 3 }, () => Array.from(random.fillNormal(new Float32Array(12), 2)));
    const weight = random.fillNormal(new Float32Array(12), 1);
    const got = tf.tidy(() => rmsNorm(tf.tensor2d(rows), tf.tensor1d(weight), 1e-5).arraySync());
    expect(
      maxAbsDiff(
        got,
        rows.map((row) => refRmsNorm(row, weight, 1e-5)),
      ),
    ).toBeLessThan(1e-5);
  });

  it('rotary embeddings rotate pairs (i, i + D/2), the half-rotation convention', () => {
    const [seqLen, headDim, theta] = [6, 8, 10000];
    const random = new SeededRandom(2);
    const x = Array.from(random.fillNormal(new Float32Array(2 * seqLen * headDim), 1));
    const got = tf.tidy(() => {
      const { cos, sin } = rotaryTables(headDim, theta, seqLen);
      return applyRotary(tf.tensor4d(x, [1, 2, seqLen, headDim]), cos, sin).arraySync()[0];
    });
    for (let head = 0; head < 2; head++) {
      const expected = Array.from({ length: seqLen }, (_, t) => refRotary(x.slice((head * seqLen + t) * headDim, (head * seqLen + t + 1) * headDim), t, theta));
      expect(maxAbsDiff(got[head], expected)).toBeLessThan(1e-5);
    }
    // Position 0 is the identity; later positions are not.
    expect(maxAbsDiff([got[0][0]], [x.slice(0, headDim)])).toBeLessThan(1e-7);
    expect(maxAbsDiff([got[0][3]], [x.slice(3 * headDim, 4 * headDim)])).toBeGreaterThan(1e-2);
  });

  it('grouped-query attention: kv head j serves query heads j·R … (j+1)·R − 1, causally', () => {
    const [batch, heads, kvHeads, seqLen, headDim] = [2, 6, 2, 5, 4];
    const random = new SeededRandom(3);
    const q = random.fillNormal(new Float32Array(batch * heads * seqLen * headDim), 1);
    const k = random.fillNormal(new Float32Array(batch * kvHeads * seqLen * headDim), 1);
    const v = random.fillNormal(new Float32Array(batch * kvHeads * seqLen * headDim), 1);
    const got = tf.tidy(() =>
      groupedCausalAttention(
        tf.tensor4d(q, [batch, heads, seqLen, headDim]),
        tf.tensor4d(k, [batch, kvHeads, seqLen, headDim]),
        tf.tensor4d(v, [batch, kvHeads, seqLen, headDim]),
      ).arraySync(),
    );
    const split = (data: Float32Array, count: number, b: number): Vector[][] =>
      Array.from({ length: count }, (_, h) =>
        Array.from({ length: seqLen }, (_, t) => {
          const start = ((b * count + h) * seqLen + t) * headDim;
          return Array.from(data.subarray(start, start + headDim));
        }),
      );
    for (let b = 0; b < batch; b++) {
      const expected = refAttention(split(q, heads, b), split(k, kvHeads, b), split(v, kvHeads, b));
      for (let h = 0; h < heads; h++) expect(maxAbsDiff(got[b][h], expected[h])).toBeLessThan(1e-5);
    }
  });

  it('the whole forward pass matches the reference, with tied and with separate embeddings', () => {
    for (const tieWordEmbeddings of [true, false]) {
      const config = { ...TEST_CONFIG, tieWordEmbeddings };
      const weights = randomWeights(config, 4);
      const model = buildModel(config, weights);
      const got = logitsOf(model, SEQUENCES);
      SEQUENCES.forEach((ids, b) => expect(maxAbsDiff(got[b], refForward(config, weights, ids))).toBeLessThan(1e-4));
      model.dispose();
    }
  });

  it('positions past the rotary tables first made (512) match the reference once the tables grow', () => {
    const config = { ...TEST_CONFIG, maxPositionEmbeddings: 4096 };
    const weights = randomWeights(config, 6);
    const model = buildModel(config, weights);
    const random = new SeededRandom(7);
    const long = Array.from({ length: 600 }, () => Math.floor(random.next() * config.vocabSize));
    logitsOf(model, [long.slice(0, 8)]);
    const [got] = logitsOf(model, [long]);
    expect(maxAbsDiff(got, refForward(config, weights, long))).toBeLessThan(1e-4);
    model.dispose();
  });

  it('a token does not see later tokens', () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 5));
    const [original, changed] = logitsOf(model, [SEQUENCES[0], [...SEQUENCES[0].slice(0, 5), 1, 1, 1]]);
    expect(maxAbsDiff(original.slice(0, 5), changed.slice(0, 5))).toBe(0);
    expect(maxAbsDiff(original.slice(5), changed.slice(5))).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('LoRA with B = 0 gives exactly the base output', () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 6));
    const base = logitsOf(model, SEQUENCES);
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ALL_MODULES };
    const targets = loraTargets(model.descriptor, lora.targetModules);
    model.loadAdapter(lora, initialAdapter(targets, lora.r, 9));
    expect(logitsOf(model, SEQUENCES)).toEqual(base);
    model.dispose();
  });

  it('LoRA output equals base + (alpha/r) · B A x on every target module', () => {
    const weights = randomWeights(TEST_CONFIG, 7);
    const model = buildModel(TEST_CONFIG, weights);
    const base = logitsOf(model, SEQUENCES);
    const lora: LoraConfig = { r: 3, alpha: 6, targetModules: ALL_MODULES };
    const adapter = randomAdapterFor(TEST_CONFIG, lora, 8);
    model.loadAdapter(lora, adapter);
    const got = logitsOf(model, SEQUENCES);
    const refLora = new Map(
      loraTargets(model.descriptor, ALL_MODULES).map((t) => {
        const names = loraTensorNames(t.modulePath);
        return [t.modulePath, { a: adapter.get(names.a)!.data, b: adapter.get(names.b)!.data, r: lora.r, scaling: 2 }];
      }),
    );
    SEQUENCES.forEach((ids, b) => {
      expect(maxAbsDiff(got[b], refForward(TEST_CONFIG, weights, ids, refLora))).toBeLessThan(1e-4);
      expect(maxAbsDiff(got[b], base[b])).toBeGreaterThan(1e-2);
    });
    model.dispose();
  });

  it('gradients reach every LoRA variable', () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 9));
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ALL_MODULES };
    model.loadAdapter(lora, randomAdapterFor(TEST_CONFIG, lora, 10));
    const variables = model.trainableVariables();
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.forward(tf.tensor2d(SEQUENCES, undefined, 'int32')))), variables);
    expect(Object.keys(grads)).toHaveLength(variables.length);
    for (const grad of Object.values(grads)) expect(tf.max(tf.abs(grad)).arraySync()).toBeGreaterThan(0);
    tf.dispose([value, grads]);
    model.dispose();
  });

  it('setting and reading back the adapter round-trips, reusing the same variables', async () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 11));
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['v_proj', 'q_proj'] };
    const first = randomAdapterFor(TEST_CONFIG, lora, 12);
    model.loadAdapter(lora, first);
    const variables = model.trainableVariables();
    expect(adapterDigest(await model.readAdapter())).toBe(adapterDigest(first));

    const second = randomAdapterFor(TEST_CONFIG, lora, 13);
    model.loadAdapter({ ...lora, alpha: 16 }, second);
    expect(adapterDigest(await model.readAdapter())).toBe(adapterDigest(second));
    expect(variables.every((variable, i) => variable === model.trainableVariables()[i])).toBe(true);
    model.dispose();
  });

  it('orders the variables by layer and module, A before B, whatever the order of target modules', () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 14));
    const lora: LoraConfig = { r: 2, alpha: 2, targetModules: ['v_proj', 'q_proj'] };
    model.loadAdapter(lora, randomAdapterFor(TEST_CONFIG, lora, 15));
    expect(model.trainableVariables().map((v) => v.shape)).toEqual([
      [2, 12],
      [16, 2], // layer 0 q_proj A, B
      [2, 12],
      [8, 2], // layer 0 v_proj A, B
      [2, 12],
      [16, 2],
      [2, 12],
      [8, 2],
    ]);
    model.dispose();
  });

  it('re-creates the variables when the rank changes, and frees the old ones', async () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 16));
    const small: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'] };
    model.loadAdapter(small, randomAdapterFor(TEST_CONFIG, small, 17));
    const tensorsWithSmall = tf.memory().numTensors;
    const large: LoraConfig = { ...small, r: 5 };
    const adapter = randomAdapterFor(TEST_CONFIG, large, 18);
    model.loadAdapter(large, adapter);
    expect(model.trainableVariables()[0].shape).toEqual([5, 12]);
    expect(adapterDigest(await model.readAdapter())).toBe(adapterDigest(adapter));
    expect(tf.memory().numTensors).toBe(tensorsWithSmall);
    model.dispose();
  });

  it('refuses an adapter of the wrong layout without changing the variables', async () => {
    const model = buildModel(TEST_CONFIG, randomWeights(TEST_CONFIG, 19));
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'] };
    const good = randomAdapterFor(TEST_CONFIG, lora, 20);
    model.loadAdapter(lora, good);
    const wrongRank = randomAdapterFor(TEST_CONFIG, { ...lora, r: 3 }, 21);
    expect(() => model.loadAdapter(lora, wrongRank)).toThrow(TensorMismatchError);
    const missing = makeAdapter([...good].slice(1));
    expect(() => model.loadAdapter(lora, missing)).toThrow(/lacks tensor/);
    expect(adapterDigest(await model.readAdapter())).toBe(adapterDigest(good));
    model.dispose();
  });

  it('refuses base weights with a wrong shape', () => {
    const weights = randomWeights(TEST_CONFIG, 22);
    const tensors = new Map([...weights].map(([name, values]) => [name, tf.tensor(values)]));
    expect(() => new LlamaModel(describeModel('test', TEST_CONFIG), tensors)).toThrow(/model.embed_tokens.weight has shape \[132\]/);
    tf.dispose([...tensors.values()]);
  });

  it('builtin:tiny, with its seeded weights, matches the reference', () => {
    const tiny = builtinTiny();
    const model = createModel(tiny);
    const ids = [256, 72, 105, 33, 257];
    const seeded = seededBaseWeights(tiny.config, tiny.config.initSeed!);
    const weights = new Map([...seeded].map(([name, t]) => [name, t.dataSync() as Float32Array]));
    expect(maxAbsDiff(logitsOf(model, [ids])[0], refForward(tiny.config, weights, ids))).toBeLessThan(1e-4);
    model.dispose();
    tf.dispose([...seeded.values()]);
  });
});

describe('model descriptors', () => {
  it('builtin:tiny is a GQA byte-level Llama with a stable fingerprint', () => {
    const tiny = builtinTiny();
    expect(tiny.config.vocabSize).toBe(259);
    expect(tiny.config.numHeads / tiny.config.numKvHeads).toBeGreaterThan(1);
    expect(tiny.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(builtinTiny().fingerprint).toBe(tiny.fingerprint);
  });

  it('the fingerprint covers the config and the seed, not the order of keys', () => {
    const tiny = builtinTiny().config;
    const reordered = Object.fromEntries(Object.entries(tiny).reverse()) as unknown as LlamaConfig;
    expect(modelFingerprint('llama', reordered)).toBe(modelFingerprint('llama', tiny));
    expect(modelFingerprint('llama', { ...tiny, initSeed: 1 })).not.toBe(modelFingerprint('llama', tiny));
    expect(modelFingerprint('llama', { ...tiny, ropeTheta: 500000 })).not.toBe(modelFingerprint('llama', tiny));
  });

  it('an unknown model id is a ConfigError naming the id and the supported ones', () => {
    expect(() => resolveModel('./llama-7b')).toThrow(ConfigError);
    expect(() => resolveModel('./llama-7b')).toThrow(/"\.\/llama-7b".*builtin:tiny/);
  });

  it('refuses a config whose heads are not a multiple of the kv heads', () => {
    expect(() => describeModel('odd', { ...TEST_CONFIG, numKvHeads: 3 })).toThrow(ConfigError);
  });

  it('LoRA targets use Hugging Face module paths and [in, out] features', () => {
    const targets = loraTargets(builtinTiny(), ['down_proj', 'k_proj']);
    expect(targets).toEqual([
      { modulePath: 'model.layers.0.self_attn.k_proj', inFeatures: 64, outFeatures: 32 },
      { modulePath: 'model.layers.0.mlp.down_proj', inFeatures: 176, outFeatures: 64 },
      { modulePath: 'model.layers.1.self_attn.k_proj', inFeatures: 64, outFeatures: 32 },
      { modulePath: 'model.layers.1.mlp.down_proj', inFeatures: 176, outFeatures: 64 },
    ]);
  });

  it('an unknown target module is a ConfigError listing the valid ones', () => {
    expect(() => loraTargets(builtinTiny(), ['q_proj', 'c_attn'])).toThrow(ConfigError);
    expect(() => loraTargets(builtinTiny(), ['c_attn'])).toThrow(/c_attn.*q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj/);
    expect(() => loraTargets(builtinTiny(), [])).toThrow(ConfigError);
  });

  it('built-in weights are reproducible from the seed', () => {
    const config = builtinTiny().config;
    const [first, second, other] = [seededBaseWeights(config, 1), seededBaseWeights(config, 1), seededBaseWeights(config, 2)];
    const name = 'model.layers.1.mlp.up_proj.weight';
    expect(first.get(name)!.dataSync()).toEqual(second.get(name)!.dataSync());
    expect(other.get(name)!.dataSync()).not.toEqual(first.get(name)!.dataSync());
    expect(
      first
        .get('model.norm.weight')!
        .dataSync()
        .every((v) => v === 1),
    ).toBe(true);
    tf.dispose([first, second, other].flatMap((weights) => [...weights.values()]));
  });
});

describe('backend selection', () => {
  const nativePackage = '@tensorflow/tfjs-node-gpu';
  const nativeMissing = async () =>
    import(nativePackage).then(
      () => false,
      () => true,
    );

  it('tensorflow without its package is a BackendUnavailableError that says what to do', async () => {
    if (!(await nativeMissing())) return expect(await selectBackend('tensorflow', silentLogger())).toBe('tensorflow');
    const attempt = selectBackend('tensorflow', silentLogger());
    await expect(attempt).rejects.toThrow(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(/tfjs-node-gpu.*--backend wasm or cpu/);
  });

  it('auto falls back to native-cpu or wasm, logging why tensorflow was not taken at debug level only, and is idempotent', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('test', { format: 'json', level: 'debug', destination });
    const chosen = await selectBackend('auto', logger);
    const cpuKernelsLoad = (() => {
      try {
        return Boolean(loadCpuKernels());
      } catch {
        return false;
      }
    })();
    expect(chosen).toBe(!(await nativeMissing()) ? 'tensorflow' : cpuKernelsLoad ? NATIVE_CPU_BACKEND : 'wasm');
    expect(tf.getBackend()).toBe(chosen);
    expect(await selectBackend('auto', logger)).toBe(chosen);
    const entries = lines.map((line) => JSON.parse(line) as { level: number; backend?: string; unavailable?: Record<string, string> });
    expect(entries.filter((entry) => entry.backend !== undefined)).toEqual([expect.objectContaining({ level: 30, backend: chosen })]);
    expect(entries.filter((entry) => entry.level >= 30 && JSON.stringify(entry).includes('tfjs-node-gpu'))).toEqual([]);
    if (chosen !== 'tensorflow')
      expect(entries.find((entry) => entry.unavailable)).toMatchObject({ level: 20, unavailable: { tensorflow: expect.stringMatching(/tfjs-node-gpu/) } });
  });
});
