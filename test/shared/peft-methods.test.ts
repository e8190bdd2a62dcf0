/**
 * DoRA, prompt-tuning and prefix-tuning adapters in PEFT's on-disk form, loaded onto Hugging Face checkpoints: their logits equal
 * an independent plain-JS reference (test/helpers/reference.ts), a KV cache gives the full pass's logits, and an
 * adapter of the wrong type or shape is refused by name.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../cli/export.js';
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { doraMagnitudeName, DORA_OFFSET_METADATA, DORA_OFFSET_VALUE } from '../../shared/lora/dora.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { adapterConfig, loraScaling, loraTensorNames, savedDifferenceName, type LoraConfig } from '../../shared/lora/lora.js';
import { initialPeftAdapter } from '../../shared/model/run-start.js';
import { decodeSafetensors } from '../../shared/model/safetensors.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, peftSpecSchema } from '../../shared/lora/peft-method.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { selectBackend } from '../../shared/model/backend.js';
import { KvCache, type CausalLM } from '../../shared/model/causal-lm.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel, loadModelWithAdapter } from '../../shared/model/load.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { prefixLayout, prefixTensorShapes } from '../../shared/model/prefix-layout.js';
import { gpt2HfConfig, llamaHfConfig, randomTensors, TINY_GPT2, TINY_GQA_LLAMA, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { refForward, refGpt2Forward, type RefLora, type RefWeights, type Vector } from '../helpers/reference.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-peft-methods-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend('cpu', silentLogger());
});

/** GQA: 4 query heads on 2 kv heads. */
const LLAMA = TINY_GQA_LLAMA;

const cases = [
  {
    name: 'llama',
    dir: join(root, 'llama'),
    modules: ['q_proj', 'v_proj', 'down_proj'],
    fanInFanOut: false,
    weights: (dir: string): RefWeights =>
      writeCheckpoint(dir, {
        hfConfig: llamaHfConfig(LLAMA, 'LlamaForCausalLM'),
        tensors: randomTensors(baseWeightShapes(LLAMA), 1, 0.3),
        tokenizer: { addsBos: true },
      }),
    reference: (w: RefWeights, ids: number[], lora?: RefLora, prompt?: Vector[], prefix?: Vector[]) => refForward(LLAMA, w, ids, lora, prompt, prefix),
  },
  {
    name: 'gpt2',
    dir: join(root, 'gpt2'),
    modules: ['c_attn', 'c_proj'],
    fanInFanOut: true,
    weights: (dir: string): RefWeights =>
      writeCheckpoint(dir, { hfConfig: gpt2HfConfig(TINY_GPT2), tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 3, 0.3), tokenizer: { addsBos: false } }),
    reference: (w: RefWeights, ids: number[], lora?: RefLora, prompt?: Vector[], prefix?: Vector[]) => refGpt2Forward(TINY_GPT2, w, ids, lora, prompt, prefix),
  },
].map((c) => ({ ...c, stored: c.weights(c.dir) }));

const SEQUENCE = [5, 72, 101, 108, 108, 111, 33, 260];

function logitsOf(model: CausalLM, ids: number[]): number[][] {
  return (tf.tidy(() => model.forward(tf.tensor2d([ids], undefined, 'int32'))).arraySync() as number[][][])[0];
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
}

const normal = (random: SeededRandom, shape: number[], std: number): TensorData => ({
  shape,
  data: random.fillNormal(new Float32Array(shape.reduce((n, d) => n * d, 1)), std),
});

describe.each(cases)('$name checkpoint', (c) => {
  // State-dict names: GPT-2's stored names lack the `transformer.` prefix.
  const weights: RefWeights = new Map(
    [...c.stored].map(([name, data]) => [c.name === 'gpt2' && !name.startsWith('transformer.') ? `transformer.${name}` : name, data]),
  );
  const dora: LoraConfig = adapterConfig(peftSpecSchema.parse({ method: 'dora' }), { r: 3, alpha: 5, targetModules: c.modules, fanInFanOut: c.fanInFanOut });
  const targets = loraTargets(resolveModel(c.dir), c.modules);

  /** A DoRA adapter as PEFT writes it: random factors and magnitudes m (not offsets). */
  function doraAdapter(seed: number): AdapterWeights {
    const random = new SeededRandom(seed);
    return makeAdapter(
      targets.flatMap((t) => {
        const names = loraTensorNames(t.modulePath);
        const magnitude = normal(random, [t.outFeatures], 0.2);
        return [
          [names.a, normal(random, [3, t.inFeatures], 0.3)],
          [names.b, normal(random, [t.outFeatures, 3], 0.3)],
          [doraMagnitudeName(t.modulePath), { shape: magnitude.shape, data: magnitude.data.map((v) => 1 + v) }],
        ] as [string, TensorData][];
      }),
    );
  }

  function refDora(adapter: AdapterWeights): RefLora {
    return new Map(
      targets.map((t) => {
        const names = loraTensorNames(t.modulePath);
        const entry = { a: adapter.get(names.a)!.data, b: adapter.get(names.b)!.data, r: 3, scaling: loraScaling(dora) };
        return [t.modulePath, { ...entry, magnitude: adapter.get(doraMagnitudeName(t.modulePath))!.data }];
      }),
    );
  }

  it("DoRA: PEFT's adapter gives the reference's logits, and its merged export the same", async () => {
    const adapter = doraAdapter(11);
    const dir = join(root, `dora-${c.name}`);
    await writePeftAdapter(dir, adapter, { lora: dora, baseModel: c.dir });
    const { model } = await loadModelWithAdapter(c.dir, { dir, logger: silentLogger() });
    const got = logitsOf(model, SEQUENCE);
    const expected = c.reference(weights, SEQUENCE, refDora(adapter));
    expect(maxAbsDiff(got, expected)).toBeLessThan(1e-4);
    // Without the magnitudes' rescaling the logits would differ: the test can tell DoRA from LoRA.
    expect(
      maxAbsDiff(got, c.reference(weights, SEQUENCE, new Map([...refDora(adapter)].map(([p, e]) => [p, { ...e, magnitude: undefined }])))),
    ).toBeGreaterThan(1e-2);
    const offsets = await model.readAdapter();
    model.dispose();

    // A run's checkpoint holds offsets; export turns them back into PEFT's magnitudes and merges W'' = m · W' / ‖W'‖.
    const runDir = join(root, `run-dora-${c.name}`);
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), offsets, { lora: dora, baseModel: c.dir, metadata: { [DORA_OFFSET_METADATA]: DORA_OFFSET_VALUE } });
    const out = join(root, `merged-dora-${c.name}`);
    await exportRun({ runDir, out, merged: true, model: c.dir });
    const merged = await loadModel(resolveModel(out));
    expect(maxAbsDiff(logitsOf(merged, SEQUENCE), expected)).toBeLessThan(1e-4);
    merged.dispose();
    const exported = await loadModelWithAdapter(c.dir, { dir: out, logger: silentLogger() });
    expect(maxAbsDiff(logitsOf(exported.model, SEQUENCE), expected)).toBeLessThan(1e-4);
    exported.model.dispose();
  });

  it('prompt-tuning: the virtual tokens give the reference logits, with and without a KV cache', async () => {
    const hidden = c.name === 'gpt2' ? TINY_GPT2.hiddenSize : LLAMA.hiddenSize;
    const prompt = normal(new SeededRandom(5), [4, hidden], 1);
    const lora = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 4 }), undefined);
    const dir = join(root, `prompt-${c.name}`);
    await writePeftAdapter(dir, makeAdapter([[PROMPT_EMBEDDINGS, prompt]]), { lora, baseModel: c.dir });
    const { model } = await loadModelWithAdapter(c.dir, { dir, logger: silentLogger() });
    const rows = Array.from({ length: 4 }, (_, i) => Array.from(prompt.data.subarray(i * hidden, (i + 1) * hidden)));
    const full = logitsOf(model, SEQUENCE);
    expect(full).toHaveLength(SEQUENCE.length);
    expect(maxAbsDiff(full, c.reference(weights, SEQUENCE, undefined, rows))).toBeLessThan(1e-4);

    const cache = new KvCache();
    const start = tf.tidy(() => model.forward(tf.tensor2d([SEQUENCE.slice(0, 3)], undefined, 'int32'), { cache }).arraySync()[0]);
    const rest = SEQUENCE.slice(3).map((id) => tf.tidy(() => model.forward(tf.tensor2d([[id]], undefined, 'int32'), { cache }).arraySync()[0][0]));
    expect(cache.length).toBe(4 + SEQUENCE.length);
    expect(maxAbsDiff([...start, ...rest], full)).toBeLessThan(1e-4);
    cache.dispose();
    model.dispose();
  });

  it("prefix-tuning: PEFT's prefixes (GQA: one per kv head) give the reference logits, with and without a KV cache", async () => {
    const { numLayers, tokenDim } = prefixLayout(resolveModel(c.dir));
    const prefixes = normal(new SeededRandom(8), [3, numLayers * 2 * tokenDim], 1);
    const lora = adapterConfig(peftSpecSchema.parse({ method: 'prefix-tuning', numVirtualTokens: 3 }), undefined);
    const dir = join(root, `prefix-${c.name}`);
    await writePeftAdapter(dir, makeAdapter([[PROMPT_EMBEDDINGS, prefixes]]), { lora, baseModel: c.dir });
    const { model } = await loadModelWithAdapter(c.dir, { dir, logger: silentLogger() });
    const rows = Array.from({ length: 3 }, (_, i) => Array.from(prefixes.data.subarray(i * prefixes.shape[1], (i + 1) * prefixes.shape[1])));
    const full = logitsOf(model, SEQUENCE);
    expect(maxAbsDiff(full, c.reference(weights, SEQUENCE, undefined, undefined, rows))).toBeLessThan(1e-4);
    const cache = new KvCache();
    const start = tf.tidy(() => model.forward(tf.tensor2d([SEQUENCE.slice(0, 3)], undefined, 'int32'), { cache }).arraySync()[0]);
    const rest = SEQUENCE.slice(3).map((id) => tf.tidy(() => model.forward(tf.tensor2d([[id]], undefined, 'int32'), { cache }).arraySync()[0][0]));
    expect(cache.length).toBe(3 + SEQUENCE.length);
    expect(maxAbsDiff([...start, ...rest], full)).toBeLessThan(1e-4);
    cache.dispose();
    model.dispose();
  });

  it("prefix-tuning with projection: tanh(E W₀ᵀ + b₀) W₂ᵀ + b₂ gives the prefixes, and export saves them as PEFT's prompt_embeddings", async () => {
    const layout = prefixLayout(resolveModel(c.dir));
    const spec = peftSpecSchema.parse({ method: 'prefix-tuning', numVirtualTokens: 2, prefixProjection: true, encoderHiddenSize: 5 });
    const lora = adapterConfig(spec, undefined);
    const random = new SeededRandom(9);
    const adapter = makeAdapter(prefixTensorShapes(spec, layout).map(([name, shape]) => [name, normal(random, shape, 0.5)]));
    const t = (name: string) => adapter.get(name)!;
    const linear = (x: number[], weight: TensorData, bias: TensorData) =>
      Array.from({ length: weight.shape[0] }, (_, o) => bias.data[o] + x.reduce((sum, v, i) => sum + v * weight.data[o * x.length + i], 0));
    const rows = Array.from({ length: 2 }, (_, p) => {
      const embedding = Array.from(t(PREFIX_ENCODER.embedding).data.subarray(p * layout.tokenDim, (p + 1) * layout.tokenDim));
      const hidden = linear(embedding, t(PREFIX_ENCODER.firstWeight), t(PREFIX_ENCODER.firstBias)).map(Math.tanh);
      return linear(hidden, t(PREFIX_ENCODER.secondWeight), t(PREFIX_ENCODER.secondBias));
    });
    const expected = c.reference(weights, SEQUENCE, undefined, undefined, rows);
    const model = await loadModel(resolveModel(c.dir));
    model.loadAdapter(lora, adapter);
    expect(maxAbsDiff(logitsOf(model, SEQUENCE), expected)).toBeLessThan(1e-4);
    // Every parameter of the encoder is trained.
    expect(model.trainableVariables()).toHaveLength(5);
    model.dispose();

    const runDir = join(root, `run-prefix-${c.name}`);
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), adapter, { lora, baseModel: c.dir });
    const out = join(root, `prefix-export-${c.name}`);
    await exportRun({ runDir, out, model: c.dir });
    const exported = await readPeftAdapter(out);
    expect([...exported.adapter.keys()]).toEqual([PROMPT_EMBEDDINGS]);
    expect(maxAbsDiff([Array.from(exported.adapter.get(PROMPT_EMBEDDINGS)!.data)], [rows.flat()])).toBeLessThan(1e-5);
    const loaded = await loadModelWithAdapter(c.dir, { dir: out, logger: silentLogger() });
    expect(maxAbsDiff(logitsOf(loaded.model, SEQUENCE), expected)).toBeLessThan(1e-4);
    loaded.model.dispose();
  });

  it('an adapter of the wrong type or shape is refused by name', async () => {
    const model = await loadModel(resolveModel(c.dir));
    const prompt = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 4 }), undefined);
    expect(() => model.loadAdapter(prompt, makeAdapter([[PROMPT_EMBEDDINGS, normal(new SeededRandom(1), [4, 7], 1)]]))).toThrow(
      /adapter tensor prompt_embeddings has shape \[4, 7\], expected \[4, \d+\]/,
    );
    const lora = doraAdapter(3);
    expect(() => model.loadAdapter(prompt, lora)).toThrow(/adapter lacks tensor prompt_embeddings/);
    const withoutMagnitudes = makeAdapter([...lora].filter(([name]) => !name.endsWith('lora_magnitude_vector')));
    expect(() => model.loadAdapter(dora, withoutMagnitudes)).toThrow(/adapter lacks tensor .*lora_magnitude_vector/);
    const prefix = adapterConfig(peftSpecSchema.parse({ method: 'prefix-tuning', numVirtualTokens: 4 }), undefined);
    expect(() => model.loadAdapter(prefix, makeAdapter([[PROMPT_EMBEDDINGS, normal(new SeededRandom(1), [4, 7], 1)]]))).toThrow(
      /adapter tensor prompt_embeddings has shape \[4, 7\], expected \[4, \d+\]/,
    );
    model.dispose();
    // On disk, the reader refuses before any model is loaded.
    await expect(writePeftAdapter(join(root, `bad-${c.name}`), withoutMagnitudes, { lora: dora, baseModel: c.dir })).rejects.toThrow(
      /has no matching lora_magnitude_vector, which use_dora needs/,
    );
  });
});

describe('BitFit', () => {
  const gpt2 = cases.find((c) => c.name === 'gpt2')!;
  const bitfit = adapterConfig(peftSpecSchema.parse({ method: 'bitfit' }), undefined);

  it("trains every bias of GPT-2 (linear and layer-norm) as a difference, and exports them under transformers' names, merged alike", async () => {
    const model = resolveModel(gpt2.dir);
    const fresh = await initialPeftAdapter(model, bitfit, 1);
    const biases = gpt2WeightShapes(TINY_GPT2).filter(([name]) => name.endsWith('.bias'));
    expect([...fresh.keys()]).toEqual(biases.map(([name]) => savedDifferenceName(name)).sort());
    expect([...fresh.values()].every((t) => t.data.every((v) => v === 0))).toBe(true);

    const random = new SeededRandom(4);
    const differences = makeAdapter([...fresh].map(([name, t]) => [name, normal(random, [...t.shape], 0.5)]));
    // The reference reads the base weights with each bias moved by its difference.
    const stored = new Map([...gpt2.stored].map(([name, data]) => [name.startsWith('transformer.') ? name : `transformer.${name}`, data]));
    const trained: RefWeights = new Map(
      [...stored].map(([name, data]) => {
        const difference = differences.get(savedDifferenceName(name));
        return [name, difference ? data.map((v, i) => v + difference.data[i]) : data];
      }),
    );
    const expected = gpt2.reference(trained, SEQUENCE);
    const loaded = await loadModel(model);
    loaded.loadAdapter(bitfit, differences);
    expect(maxAbsDiff(logitsOf(loaded, SEQUENCE), expected)).toBeLessThan(1e-4);
    expect(loaded.trainableVariables()).toHaveLength(biases.length);
    loaded.dispose();

    const runDir = join(root, 'run-bitfit');
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), differences, { lora: bitfit, baseModel: gpt2.dir });
    const out = join(root, 'bitfit-export');
    await exportRun({ runDir, out, merged: true, model: gpt2.dir });
    // load_state_dict(strict=False) names: the model's own, holding the trained values.
    const file = decodeSafetensors(readFileSync(join(out, 'adapter_model.safetensors')));
    expect([...file.tensors.keys()].sort()).toEqual(biases.map(([name]) => name).sort());
    const bias = 'transformer.h.0.attn.c_attn.bias';
    expect(maxAbsDiff([Array.from(file.tensors.get(bias)!.data)], [Array.from(trained.get(bias)!)])).toBeLessThan(1e-6);
    const exported = await loadModelWithAdapter(gpt2.dir, { dir: out, logger: silentLogger() });
    expect(maxAbsDiff(logitsOf(exported.model, SEQUENCE), expected)).toBeLessThan(1e-4);
    exported.model.dispose();
    const merged = await loadModel(resolveModel(out));
    expect(maxAbsDiff(logitsOf(merged, SEQUENCE), expected)).toBeLessThan(1e-4);
    merged.dispose();
  });

  it("LoRA's bias all and lora_only train the biases beside the factors, and export them as PEFT does", async () => {
    const model = resolveModel(gpt2.dir);
    const lora = (bias: 'all' | 'lora_only'): LoraConfig => ({ r: 2, alpha: 4, targetModules: ['c_attn'], fanInFanOut: true, bias });
    const trainedBiases = (adapter: AdapterWeights) => [...adapter.keys()].filter((name) => name.endsWith('.bias.modules_to_save_difference'));
    const all = await initialPeftAdapter(model, lora('all'), 1);
    expect(trainedBiases(all)).toHaveLength(gpt2WeightShapes(TINY_GPT2).filter(([name]) => name.endsWith('.bias')).length);
    const only = await initialPeftAdapter(model, lora('lora_only'), 1);
    const targetBiases = Array.from({ length: TINY_GPT2.numLayers }, (_, layer) => savedDifferenceName(`transformer.h.${layer}.attn.c_attn.bias`));
    expect(trainedBiases(only)).toEqual(targetBiases.sort());

    // Random factors and bias differences: the reference moves the biases and adds s·B A.
    const random = new SeededRandom(6);
    const adapter = makeAdapter([...only].map(([name, t]) => [name, normal(random, [...t.shape], 0.3)]));
    const stored = new Map([...gpt2.stored].map(([name, data]) => [name.startsWith('transformer.') ? name : `transformer.${name}`, data]));
    const trained: RefWeights = new Map(
      [...stored].map(([name, data]) => {
        const difference = adapter.get(savedDifferenceName(name));
        return [name, difference ? data.map((v, i) => v + difference.data[i]) : data];
      }),
    );
    const refLora: RefLora = new Map(
      loraTargets(model, ['c_attn']).map((t) => {
        const names = loraTensorNames(t.modulePath);
        return [t.modulePath, { a: adapter.get(names.a)!.data, b: adapter.get(names.b)!.data, r: 2, scaling: 2 }];
      }),
    );
    const expected = gpt2.reference(trained, SEQUENCE, refLora);
    const runDir = join(root, 'run-lora-bias');
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), adapter, { lora: lora('lora_only'), baseModel: gpt2.dir });
    const out = join(root, 'lora-bias-export');
    await exportRun({ runDir, out, model: gpt2.dir });
    const exported = await readPeftAdapter(out);
    expect(exported.lora.bias).toBe('lora_only');
    // PEFT's layout: the full trained bias under the module's own name.
    const bias = 'transformer.h.0.attn.c_attn.bias';
    expect(maxAbsDiff([Array.from(exported.adapter.get(`base_model.model.${bias}`)!.data)], [Array.from(trained.get(bias)!)])).toBeLessThan(1e-6);
    const loaded = await loadModelWithAdapter(gpt2.dir, { dir: out, logger: silentLogger() });
    expect(maxAbsDiff(logitsOf(loaded.model, SEQUENCE), expected)).toBeLessThan(1e-4);
    loaded.model.dispose();
  });

  it('refuses a model without bias terms, by name', async () => {
    await expect(initialPeftAdapter(resolveModel(cases[0].dir), bitfit, 1)).rejects.toThrow(/model .*llama has no bias terms, and BitFit trains only those/);
    await expect(initialPeftAdapter(resolveModel('builtin:tiny'), bitfit, 1)).rejects.toThrow(ConfigError);
  });
});
