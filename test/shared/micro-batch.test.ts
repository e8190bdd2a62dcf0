/**
 * Gradient accumulation over micro-batches: splitting a batch (sequences of different lengths, so each micro-batch
 * is padded differently) gives the objective and gradients of the whole batch, FedProx's term included; and the
 * micro-batch size keeps a SmolLM2-135M step at 256 positions to one sequence at a time while never splitting
 * the built-in model's batches.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBatch, type Example } from '../../client/data.js';
import { accumulatedGradients, microBatchSize } from '../../client/trainer.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { selectBackend } from '../../shared/model/backend.js';
import { silentLogger } from '../../shared/infra/log.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { loraTargets, resolveModel, type LlamaDescriptor } from '../../shared/model/model-config.js';
import { createModel, type LlamaModel } from '../../shared/model/llama.js';
import { SeededRandom } from '../../shared/infra/random.js';

const tiny = resolveModel('builtin:tiny') as LlamaDescriptor;
const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] };

describe('micro-batches', () => {
  let model: LlamaModel;

  beforeAll(async () => {
    await selectBackend('wasm', silentLogger());
    model = createModel(tiny);
    // B is random too, so that every factor receives a gradient.
    const random = new SeededRandom(11);
    const adapter = initialAdapter(loraTargets(tiny, lora.targetModules), lora.r, 3);
    model.loadAdapter(
      lora,
      makeAdapter([...adapter].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.05) }])),
    );
  });
  afterAll(() => model.dispose());

  it('accumulated over single sequences equal the whole batch', () => {
    const random = new SeededRandom(5);
    const examples: Example[] = [17, 40, 9, 33].map((length) => {
      const tokens = Array.from({ length }, () => Math.floor(random.next() * tiny.config.vocabSize));
      return { tokens, lossMask: tokens.map((_, i) => (i % 3 === 0 ? 0 : 1)) };
    });
    const maxSeqLen = 32;
    const batch = makeBatch(examples, maxSeqLen, 0);
    const variables = model.trainableVariables();
    const anchor = variables.map((variable) => tf.mul(variable, 0.5));
    const mu = 0.3;
    const whole = accumulatedGradients(model, [batch], batch.targetCount, variables, anchor, mu);
    const split = accumulatedGradients(
      model,
      examples.map((example) => makeBatch([example], maxSeqLen, 0)),
      batch.targetCount,
      variables,
      anchor,
      mu,
    );
    expect(split.cost.dataSync()[0]).toBeCloseTo(whole.cost.dataSync()[0], 5);
    expect(Object.keys(split.grads).sort()).toEqual(Object.keys(whole.grads).sort());
    for (const [name, grad] of Object.entries(whole.grads)) {
      const expected = grad.dataSync();
      const actual = split.grads[name].dataSync();
      const scale = Math.max(...expected.map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      expected.forEach((value, i) => expect(Math.abs(actual[i] - value) / scale).toBeLessThan(1e-4));
    }
    tf.dispose([whole.cost, split.cost, ...Object.values(whole.grads), ...Object.values(split.grads), ...anchor]);
  });

  it('one SmolLM2-135M sequence of 255 positions at a time, the built-in model unsplit', () => {
    const smollm2 = { ...tiny.config, vocabSize: 49152, hiddenSize: 576, intermediateSize: 1536, numLayers: 30, numHeads: 9 };
    expect(microBatchSize(smollm2, 255)).toBe(1);
    expect(microBatchSize(smollm2, 63)).toBeGreaterThan(1);
    expect(microBatchSize(tiny.config, 255)).toBeGreaterThanOrEqual(64);
  });

  it('on a GPU, as many sequences as keep the widest activation within one storage buffer, and none over it', () => {
    const vocab = { ...tiny.config, vocabSize: 131072 };
    // One sequence of 128 positions makes 128 × 131072 × 4 bytes = 64 MiB of logits.
    expect(microBatchSize(vocab, 128, 2 ** 27)).toBe(2);
    expect(microBatchSize(vocab, 128, 2 ** 26)).toBe(1);
    expect(() => microBatchSize(vocab, 128, 2 ** 25)).toThrow(
      /one sequence of 128 positions makes activations of 64\.0 MiB, more than this GPU's largest storage buffer \(32\.0 MiB\)/,
    );
  });

  it('with the fused loss the logits count neither in the budget nor as the widest activation', () => {
    const smollm2 = { ...tiny.config, vocabSize: 49152, hiddenSize: 576, intermediateSize: 1536, numLayers: 30, numHeads: 9 };
    // 63 positions: 5 sequences with the logits' 4 vocabulary-sized rows per position, 7 without.
    expect(microBatchSize(smollm2, 63)).toBe(5);
    expect(microBatchSize(smollm2, 63, Infinity, true)).toBe(7);
    const vocab = { ...tiny.config, vocabSize: 131072 };
    expect(microBatchSize(vocab, 128, 2 ** 25, true)).toBeGreaterThanOrEqual(1);
  });
});
