/**
 * The model's loss through the fused kernels on native-cpu (the head's cross-entropy from the hidden states, LoRA's
 * path in the frozen products) equals the tfjs compositions' (useFusedKernels(false)), value and gradients, for
 * every architecture: a Llama (builtin:tiny) with masked positions, with prompt-tuning's dropped positions, GPT-2,
 * and a vision-language model's language model. A trained output head (modules_to_save) keeps the composition.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeBatch, type Batch } from '../../client/data.js';
import { accumulatedGradients } from '../../client/trainer.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { adapterConfig, initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { PROMPT_EMBEDDINGS, peftSpecSchema } from '../../shared/lora/peft-method.js';
import { selectBackend } from '../../shared/model/backend.js';
import type { CausalLM } from '../../shared/model/causal-lm.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel } from '../../shared/model/load.js';
import { loraTargets, resolveModel, textHiddenSize, textModelConfig, type LlamaConfig, type ModelDescriptor } from '../../shared/model/model-config.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { savedWeights } from '../../shared/model/weight-shapes.js';
import { modelWeightShapes } from '../../shared/model/base-weights.js';
import { gpt2HfConfig, llamaHfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();
const root = mkdtempSync(join(tmpdir(), 'fedlora-fused-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An adapter of `lora` for `descriptor` whose LoRA B factors and saved differences are random too, so every part counts. */
function randomAdapter(descriptor: ModelDescriptor, lora: LoraConfig, seed: number): AdapterWeights {
  const saved = savedWeights(descriptor, modelWeightShapes(descriptor), lora.modulesToSave ?? []);
  const fresh = initialAdapter(loraTargets(descriptor, lora.targetModules), lora.r, seed, saved);
  const random = new SeededRandom(seed);
  return makeAdapter([...fresh].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.05) }]));
}

/** Two sequences of different lengths (so one is padded), every third position masked. */
function batchFor(descriptor: ModelDescriptor, seed: number): Batch {
  const random = new SeededRandom(seed);
  const vocab = textModelConfig(descriptor).config.vocabSize;
  const examples = [13, 9].map((length) => {
    const tokens = Array.from({ length }, () => Math.floor(random.next() * Math.min(vocab, 256)));
    return { tokens, lossMask: tokens.map((_, i) => (i % 3 === 0 ? 0 : 1)) };
  });
  return makeBatch(examples, 16, 0);
}

/** The training objective and its gradients, and the loss outside backprop (evaluation), fused or not. */
function lossAndGradients(model: CausalLM, batch: Batch, fused: boolean) {
  useFusedKernels(fused);
  const variables = model.trainableVariables();
  const { cost, grads } = accumulatedGradients(model, [batch], batch.targetCount, variables, [], 0);
  const evaluated = model.nll(tf.tensor2d(batch.inputIds, [batch.batchSize, batch.length], 'int32'), batch);
  const result = {
    cost: cost.dataSync()[0],
    evaluated: evaluated.dataSync()[0] / batch.targetCount,
    grads: Object.fromEntries(Object.entries(grads).map(([name, grad]) => [name, grad.dataSync() as Float32Array])),
  };
  tf.dispose([cost, evaluated, ...Object.values(grads)]);
  return result;
}

/** Fused and composed agree, and the fused kernels did run (the head's loss unless `headTrained`). */
function expectSameTraining(model: CausalLM, batch: Batch, options: { loraPath: boolean; headTrained?: boolean }) {
  const loss = vi.spyOn(kernels!, 'headCrossEntropy');
  const path = vi.spyOn(kernels!, 'loraPath');
  const fused = lossAndGradients(model, batch, true);
  expect(loss).toHaveBeenCalledTimes(options.headTrained ? 0 : 2);
  expect(path.mock.calls.length > 0).toBe(options.loraPath);
  expect(model.fusesLoss()).toBe(!options.headTrained);
  vi.restoreAllMocks();
  const composed = lossAndGradients(model, batch, false);
  expect(model.fusesLoss()).toBe(false);
  expect(Math.abs(fused.cost - composed.cost) / composed.cost).toBeLessThan(1e-5);
  expect(Math.abs(fused.evaluated - composed.evaluated) / composed.evaluated).toBeLessThan(1e-5);
  expect(Object.keys(fused.grads).sort()).toEqual(Object.keys(composed.grads).sort());
  for (const [name, grad] of Object.entries(composed.grads)) expect(maxRelativeError(fused.grads[name], grad), name).toBeLessThan(1e-5);
}

describe.runIf(kernels)('the model loss with fused kernels', () => {
  beforeAll(async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
  });
  afterEach(() => useFusedKernels(true));

  it('builtin:tiny with LoRA on every linear layer: training loss, evaluation loss and gradients', async () => {
    const tiny = resolveModel('builtin:tiny');
    const model = await loadModel(tiny);
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] };
    model.loadAdapter(lora, randomAdapter(tiny, lora, 3));
    expectSameTraining(model, batchFor(tiny, 4), { loraPath: true });
    model.dispose();
  });

  it("builtin:tiny with prompt-tuning: the virtual tokens' positions are dropped from the loss", async () => {
    const tiny = resolveModel('builtin:tiny');
    const model = await loadModel(tiny);
    const prompt = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 3 }), undefined);
    const width = textHiddenSize(tiny);
    const embeddings = new SeededRandom(5).fillNormal(new Float32Array(3 * width), 0.5);
    model.loadAdapter(prompt, makeAdapter([[PROMPT_EMBEDDINGS, { shape: [3, width], data: embeddings }]]));
    expectSameTraining(model, batchFor(tiny, 6), { loraPath: false });
    model.dispose();
  });

  it('GPT-2, its head tied to the token embeddings', async () => {
    const dir = join(root, 'gpt2');
    writeCheckpoint(dir, { hfConfig: gpt2HfConfig(TINY_GPT2), tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 3, 0.3), tokenizer: { addsBos: false } });
    const gpt2 = resolveModel(dir);
    const model = await loadModel(gpt2);
    const lora: LoraConfig = { r: 1, alpha: 2, targetModules: ['c_attn', 'c_proj'] };
    model.loadAdapter(lora, randomAdapter(gpt2, lora, 7));
    expectSameTraining(model, batchFor(gpt2, 8), { loraPath: true });
    model.dispose();
  });

  it("a vision-language model's language model", async () => {
    const vlm = resolveModel('builtin:tiny-vlm');
    const model = await loadModel(vlm);
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    model.loadAdapter(lora, randomAdapter(vlm, lora, 9));
    expectSameTraining(model, batchFor(vlm, 10), { loraPath: true });
    model.dispose();
  });

  it('a trained output head (modules_to_save) keeps the composition', async () => {
    const untied: LlamaConfig = { ...(resolveModel('builtin:tiny').config as LlamaConfig), tieWordEmbeddings: false, numLayers: 1 };
    delete (untied as { initSeed?: number }).initSeed;
    const dir = join(root, 'untied');
    writeCheckpoint(dir, {
      hfConfig: llamaHfConfig(untied, 'LlamaForCausalLM'),
      tensors: randomTensors(baseWeightShapes(untied), 5, 0.2),
      tokenizer: { addsBos: true },
    });
    const descriptor = resolveModel(dir);
    const model = await loadModel(descriptor);
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'], modulesToSave: ['lm_head'] };
    model.loadAdapter(lora, randomAdapter(descriptor, lora, 11));
    expectSameTraining(model, batchFor(descriptor, 12), { loraPath: true, headTrained: true });
    model.dispose();
  });
});
