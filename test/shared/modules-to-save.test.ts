import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../client/trainer.js';
import { exportRun } from '../../cli/export.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import { ConfigError, TensorMismatchError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { add, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { initialAdapter, isSavedWeight, savedDifferenceName, trainedPart, type LoraConfig } from '../../shared/lora/lora.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { modelWeightShapes, readBaseWeights } from '../../shared/model/base-weights.js';
import { baseWeightShapes, LlamaModel } from '../../shared/model/llama.js';
import { loadModel, loadModelWithAdapter } from '../../shared/model/load.js';
import { describeModel, loraTargets, resolveModel, type LlamaConfig } from '../../shared/model/model-config.js';
import { prepareRunStart } from '../../shared/model/run-start.js';
import { readSafetensorsFile } from '../../shared/model/safetensors.js';
import { savedWeights } from '../../shared/model/weight-shapes.js';
import { CHATML_TEMPLATE, llamaHfConfig, randomTensors, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { MINIMAL_CONFIG } from '../helpers/coordinator.js';

/** An untied Llama: lm_head is a module of its own. */
const UNTIED: LlamaConfig = {
  vocabSize: 272,
  hiddenSize: 16,
  intermediateSize: 32,
  numLayers: 1,
  numHeads: 2,
  numKvHeads: 1,
  headDim: 8,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
  maxPositionEmbeddings: 32,
  tieWordEmbeddings: false,
};
const root = mkdtempSync(join(tmpdir(), 'fedlora-modules-to-save-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const checkpointDir = join(root, 'untied');
const stored = writeCheckpoint(checkpointDir, {
  hfConfig: llamaHfConfig(UNTIED, 'LlamaForCausalLM'),
  tensors: randomTensors(baseWeightShapes(UNTIED), 5, 0.2),
  tokenizer: { addsBos: true, chatTemplate: `{{ bos_token }}${CHATML_TEMPLATE}` },
});
const untied = resolveModel(checkpointDir);
const tiny = resolveModel('builtin:tiny');
const headLora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'], modulesToSave: ['lm_head'] };

/** An adapter for `model` whose LoRA B factors and saved differences are random (seeded), so every part counts. */
function randomAdapter(model: ReturnType<typeof resolveModel>, lora: LoraConfig, seed: number): AdapterWeights {
  const fresh = initialAdapter(loraTargets(model, lora.targetModules), lora.r, seed, savedWeights(model, modelWeightShapes(model), lora.modulesToSave ?? []));
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
  return makeAdapter([...fresh].map(([name, t]) => [name, { shape: t.shape, data: name.endsWith('lora_A.weight') ? t.data : t.data.map(next) }]));
}

function weightTensors(overrides: ReadonlyMap<string, Float32Array> = new Map()): Map<string, tf.Tensor> {
  return new Map(baseWeightShapes(UNTIED).map(([name, shape]) => [name, tf.tensor(overrides.get(name) ?? stored.get(name)!, shape)]));
}

describe('modules_to_save: which weights train in full', () => {
  it("matches a module by name or full path, as PEFT does: 'norm' is model.norm, not input_layernorm", () => {
    expect(isSavedWeight('model.norm.weight', ['norm'])).toBe(true);
    expect(isSavedWeight('model.norm.weight', ['model.norm'])).toBe(true);
    expect(isSavedWeight('model.layers.0.input_layernorm.weight', ['norm'])).toBe(false);
    expect(isSavedWeight('multi_modal_projector.linear_1.bias', ['multi_modal_projector'])).toBe(true);
    expect(savedWeights(untied, modelWeightShapes(untied), ['lm_head', 'norm'])).toEqual([
      { name: 'model.norm.weight', shape: [16] },
      { name: 'lm_head.weight', shape: [272, 16] },
    ]);
  });

  it('its differences are trained and sent under every aggregation: with A frozen (ffa) too, beside the B factors', () => {
    const adapter = randomAdapter(untied, headLora, 2);
    const sent = [...trainedPart(adapter, { ...headLora, freezeA: true }).keys()];
    expect(sent.filter((name) => !name.endsWith('lora_B.weight'))).toEqual([savedDifferenceName('lm_head.weight')]);
  });

  it('refuses a module without weights of its own, such as the lm_head of tied embeddings', () => {
    expect(() => savedWeights(tiny, modelWeightShapes(tiny), ['lm_head', 'norm'])).toThrow(
      new ConfigError('modules_to_save lm_head name(s) no module with weights of model builtin:tiny'),
    );
  });

  it('the trained difference adds to the base weight in the forward pass, and is a trainable variable', async () => {
    const descriptor = describeModel('untied', UNTIED);
    const adapter = randomAdapter(untied, headLora, 7);
    const difference = adapter.get(savedDifferenceName('lm_head.weight'))!;
    const adapted = new LlamaModel(descriptor, weightTensors());
    adapted.loadAdapter(headLora, adapter);
    const mergedHead = stored.get('lm_head.weight')!.map((v, i) => v + difference.data[i]);
    const merged = new LlamaModel(descriptor, weightTensors(new Map([['lm_head.weight', mergedHead]])));
    const zeroHead = makeAdapter(
      [...adapter].map(([name, t]) => [name, name.endsWith('_difference') ? { shape: t.shape, data: new Float32Array(t.data.length) } : t]),
    );
    merged.loadAdapter(headLora, zeroHead);
    const ids = tf.tensor2d([[1, 5, 9, 200]], [1, 4], 'int32');
    const [a, b] = [adapted.forward(ids), merged.forward(ids)];
    expect(Math.max(...(await tf.abs(tf.sub(a, b)).data()))).toBeLessThan(1e-5);

    const variables = adapted.trainableVariables();
    expect(variables).toHaveLength(2 * 2 + 1);
    expect(variables.at(-1)!.shape).toEqual([272, 16]);
    expect(await adapted.readAdapter()).toEqual(adapter);
    // A bad difference is refused before anything changes.
    const bad = makeAdapter([...adapter].map(([name, t]) => [name, name.endsWith('_difference') ? { shape: [16, 272], data: t.data } : t]));
    expect(() => adapted.loadAdapter(headLora, bad)).toThrow(TensorMismatchError);
    expect(await adapted.readAdapter()).toEqual(adapter);
    expect(() => adapted.loadAdapter({ ...headLora, modulesToSave: [] }, adapter)).toThrow(/outside modules_to_save/);
    tf.dispose([ids, a, b]);
    adapted.dispose();
    merged.dispose();
  });

  it("a vision-language model's projector trains in full, and its differences reach the projected features", async () => {
    const vlm = resolveModel('builtin:tiny-vlm');
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'], modulesToSave: ['multi_modal_projector'] };
    expect(savedWeights(vlm, modelWeightShapes(vlm), ['multi_modal_projector']).map(({ name }) => name)).toEqual([
      'multi_modal_projector.linear_1.weight',
      'multi_modal_projector.linear_2.weight',
      'multi_modal_projector.linear_1.bias',
      'multi_modal_projector.linear_2.bias',
    ]);
    const model = await loadModel(vlm);
    const fresh = initialAdapter(loraTargets(vlm, lora.targetModules), lora.r, 1, savedWeights(vlm, modelWeightShapes(vlm), ['multi_modal_projector']));
    model.loadAdapter(lora, fresh);
    expect(model.trainableVariables()).toHaveLength(2 * 2 + 4);
    const ids = tf.tensor2d([[1, ...Array(16).fill(259), 2]], [1, 18], 'int32');
    const pixels = tf.randomNormal<tf.Rank.R4>([1, 3, 32, 32], 0, 1, 'float32', 1);
    const before = model.forward(ids, { images: { pixels } });
    const shifted = makeAdapter(
      [...fresh].map(([name, t]) => [
        name,
        name === savedDifferenceName('multi_modal_projector.linear_2.bias') ? { shape: t.shape, data: t.data.map(() => 0.5) } : t,
      ]),
    );
    model.loadAdapter(lora, shifted);
    const after = model.forward(ids, { images: { pixels } });
    // The projector feeds positions 1 … 16: the logits from there on move, the first position's do not.
    const change = await tf.abs(tf.sub(after, before)).max(-1).data();
    expect(change[0]).toBe(0);
    expect(change[1]).toBeGreaterThan(1e-3);
    expect(await model.readAdapter()).toEqual(shifted);
    tf.dispose([ids, pixels, before, after]);
    model.dispose();
  });

  it('a client trains the difference and sends it in its update, which FedAvg averages like any tensor', async () => {
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'], modulesToSave: ['norm'] };
    const global = initialAdapter(loraTargets(tiny, lora.targetModules), lora.r, 1, savedWeights(tiny, modelWeightShapes(tiny), ['norm']));
    const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));
    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: siloA, backend: 'cpu' });
    try {
      const params = { localSteps: 3, batchSize: 4, learningRate: 1e-2, maxSeqLen: 32, seed: 1, proximalMu: 0 };
      const { update } = await trainer.train(global, lora, params, () => {});
      const difference = update.get(savedDifferenceName('model.norm.weight'))!;
      expect(difference.shape).toEqual([64]);
      expect(difference.data.some((v) => v !== 0)).toBe(true);
      expect([...update.keys()]).toEqual([...trainedPart(global, lora).keys()]);

      const aggregation = new FedAvg().beginAggregation(trainedPart(global, lora));
      aggregation.add('a', update, 1);
      aggregation.add('b', makeAdapter([...update].map(([name, t]) => [name, { shape: t.shape, data: t.data.map((v) => 3 * v) }])), 1);
      // The global difference is zero, so the next one is the mean of the two.
      const next = aggregation.finish().adapter;
      expect(next.get(savedDifferenceName('model.norm.weight'))!.data[0]).toBeCloseTo(2 * difference.data[0], 6);
      const evaluated = await trainer.evaluate(add(global, update), lora, 32);
      expect(Number.isFinite(evaluated.loss)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });
});

describe('modules_to_save in PEFT adapters', () => {
  const adapter = randomAdapter(untied, headLora, 3);
  const difference = adapter.get(savedDifferenceName('lm_head.weight'))!;
  const baseHead = stored.get('lm_head.weight')!;

  it("is written as PEFT writes it, the full trained weight under the module's own name, and read back as the difference", async () => {
    const dir = join(root, 'peft');
    const baseWeights = await readBaseWeights(untied, ['lm_head.weight']);
    await writePeftAdapter(dir, adapter, { lora: headLora, baseModel: checkpointDir, baseWeights });
    expect(JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8')).modules_to_save).toEqual(['lm_head']);
    const { tensors } = await readSafetensorsFile(join(dir, 'adapter_model.safetensors'));
    expect([...tensors.keys()].filter((name) => !name.includes('lora_'))).toEqual(['base_model.model.lm_head.weight']);
    expect(tensors.get('base_model.model.lm_head.weight')!.data).toEqual(baseHead.map((v, i) => v + difference.data[i]));

    // eval and generate with --adapter: the model loads it as the difference.
    const loaded = await loadModelWithAdapter(checkpointDir, { dir, logger: silentLogger() });
    const read = (await loaded.model.readAdapter()).get(savedDifferenceName('lm_head.weight'))!;
    loaded.model.dispose();
    for (let i = 0; i < read.data.length; i++) expect(read.data[i]).toBeCloseTo(difference.data[i], 6);
  });

  it('a run checkpoint keeps the differences; export writes the PEFT layout only given the base model', async () => {
    const runDir = join(root, 'run');
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), adapter, { lora: headLora, baseModel: checkpointDir });
    expect((await readPeftAdapter(join(runDir, 'rounds', '1'))).adapter).toEqual(adapter);
    await expect(exportRun({ runDir, out: join(root, 'no-model') })).rejects.toThrow(
      new ConfigError(
        'round 1 trains modules_to_save lm_head: a PEFT adapter holds their full weights, so export needs --model, the base model the run fine-tuned',
      ),
    );
    const out = join(root, 'exported');
    await exportRun({ runDir, out, model: checkpointDir, merged: true });
    const exported = await readPeftAdapter(out);
    expect(exported.adapter.get('base_model.model.lm_head.weight')!.data).toEqual(baseHead.map((v, i) => v + difference.data[i]));
    const merged = await readSafetensorsFile(join(out, 'model.safetensors'));
    expect(merged.tensors.get('lm_head.weight')!.data).toEqual(baseHead.map((v, i) => v + difference.data[i]));
  });

  it('refuses a tensor of a module outside modules_to_save', async () => {
    const dir = join(root, 'stray');
    const stray = makeAdapter([...adapter, ['base_model.model.model.norm.weight', { shape: [16], data: new Float32Array(16) }]]);
    await expect(writePeftAdapter(dir, stray, { lora: headLora, baseModel: checkpointDir })).rejects.toThrow(
      /unexpected tensor base_model\.model\.model\.norm\.weight/,
    );
  });
});

describe('modules_to_save at the coordinator', () => {
  it('the initial global adapter holds a zero difference per saved weight, shaped from config.json', async () => {
    const start = await prepareRunStart({ model: checkpointDir, lora: headLora, seed: 1 });
    const head = start.initialAdapter.get(savedDifferenceName('lm_head.weight'))!;
    expect(head.shape).toEqual([272, 16]);
    expect(head.data.every((v) => v === 0)).toBe(true);
  });

  it("refuses an initial adapter in PEFT's layout, whose full weights it cannot turn into differences, and one with other modules_to_save", async () => {
    const dir = join(root, 'peft');
    await expect(prepareRunStart({ model: checkpointDir, lora: headLora, seed: 1, initialAdapter: dir })).rejects.toThrow(
      /holds the full weights lm_head\.weight of its modules_to_save/,
    );
    await expect(prepareRunStart({ model: checkpointDir, lora: { ...headLora, modulesToSave: ['norm'] }, seed: 1, initialAdapter: dir })).rejects.toThrow(
      /modules_to_save lm_head/,
    );
  });

  it('refuses exact aggregation with modules_to_save at config time, naming both', () => {
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: { r: 4, alpha: 8, aggregation: 'exact', modulesToSave: ['norm'] } })).toThrow(
      /lora\.modulesToSave.*exact aggregation .*cannot carry modules_to_save/,
    );
    expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: { r: 4, alpha: 8, aggregation: 'ffa', modulesToSave: ['norm'] } }).lora?.modulesToSave).toEqual(
      ['norm'],
    );
  });
});
