import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalTrainer, TrainProgress } from '../../client/local-trainer.js';
import { createTrainer } from '../../client/trainer.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { ConfigError, DataError, TensorMismatchError } from '../../shared/infra/errors.js';
import { createLogger } from '../../shared/infra/log.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { LlamaModel } from '../../shared/model/llama.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';

const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));
const tiny = resolveModel('builtin:tiny');
const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] };
const params: TrainHyperParams = { localSteps: 20, batchSize: 8, learningRate: 1e-2, maxSeqLen: 64, seed: 3, proximalMu: 0 };

function globalAdapter(config: LoraConfig, seed = 1): AdapterWeights {
  return initialAdapter(loraTargets(tiny, config.targetModules), config.r, seed);
}

function add(a: AdapterWeights, b: AdapterWeights): AdapterWeights {
  return makeAdapter([...a].map(([name, t]) => [name, { shape: t.shape, data: t.data.map((v, i) => v + b.get(name)!.data[i]) }]));
}

describe('LocalTrainer on builtin:tiny (wasm)', () => {
  let trainer: LocalTrainer;
  const workDir = mkdtempSync(join(tmpdir(), 'fedlora-trainer-'));

  beforeAll(async () => {
    trainer = await createTrainer({ model: 'builtin:tiny', dataPath: siloA, backend: 'wasm' });
  });
  afterAll(() => {
    trainer.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('describes itself: backend, fingerprint, 90/10 split of the silo', () => {
    expect(trainer.backend).toBe('wasm');
    expect(trainer.modelFingerprint).toBe(tiny.fingerprint);
    expect(trainer.numTrainExamples).toBe(180);
    expect(trainer.numEvalExamples).toBe(20);
  });

  it('training lowers the held-out loss, and the update is local − global', async () => {
    const global = globalAdapter(lora);
    const before = await trainer.evaluate(global, lora, params.maxSeqLen);
    const readAdapter = vi.spyOn(LlamaModel.prototype, 'readAdapter');
    const progress: TrainProgress[] = [];
    const result = await trainer.train(global, lora, params, (p) => progress.push(p));

    const local = (await readAdapter.mock.results[0].value) as AdapterWeights;
    readAdapter.mockRestore();
    for (const [name, tensor] of result.update) {
      expect(tensor.shape).toEqual(global.get(name)!.shape);
      const expected = local.get(name)!.data.map((v, i) => v - global.get(name)!.data[i]);
      expect(tensor.data).toEqual(expected);
    }
    // B starts at zero and must have moved.
    const updatedB = [...result.update].find(([name]) => name.endsWith('lora_B.weight'))![1];
    expect(updatedB.data.some((v) => v !== 0)).toBe(true);

    const after = await trainer.evaluate(add(global, result.update), lora, params.maxSeqLen);
    expect(after.numExamples).toBe(20);
    expect(after.loss).toBeLessThan(before.loss - 1);

    expect(result.numExamples).toBe(180);
    expect(result.steps).toBe(20);
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(progress.every((p) => p.totalSteps === 20 && p.tokensPerSecond > 0 && Number.isFinite(p.loss))).toBe(true);
    expect(result.trainLoss).toBeCloseTo(progress.reduce((s, p) => s + p.loss, 0) / 20, 5);
    expect(progress[19].loss).toBeLessThan(progress[0].loss);
  });

  it('is reproducible: the same global adapter and seed give the same update', async () => {
    const short = { ...params, localSteps: 3 };
    const first = await trainer.train(globalAdapter(lora), lora, short);
    const second = await trainer.train(globalAdapter(lora), lora, short);
    expect([...second.update.values()].map((t) => t.data)).toEqual([...first.update.values()].map((t) => t.data));
    const otherSeed = await trainer.train(globalAdapter(lora), lora, { ...short, seed: 4 });
    expect([...otherSeed.update.values()].map((t) => t.data)).not.toEqual([...first.update.values()].map((t) => t.data));
  });

  it('FedProx (proximalMu > 0) keeps the local adapter closer to the global one', async () => {
    const short = { ...params, localSteps: 4 };
    const norm = (update: AdapterWeights) => Math.sqrt([...update.values()].reduce((s, t) => s + t.data.reduce((a, v) => a + v * v, 0), 0));
    const free = await trainer.train(globalAdapter(lora), lora, short);
    const pulled = await trainer.train(globalAdapter(lora), lora, { ...short, proximalMu: 50 });
    expect(norm(pulled.update)).toBeLessThan(0.9 * norm(free.update));
    const baseline = tf.memory().numTensors;
    await trainer.train(globalAdapter(lora), lora, { ...short, localSteps: 1, proximalMu: 50 });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('with packing, trains on rows of concatenated examples and still lowers the held-out loss', async () => {
    const packed = { ...params, localSteps: 8, maxSeqLen: 48 };
    const global = globalAdapter(lora);
    const before = await trainer.evaluate(global, lora, packed.maxSeqLen);
    const withPacking = await trainer.train(global, lora, { ...packed, packing: true });
    const withoutPacking = await trainer.train(global, lora, packed);
    expect([...withPacking.update.values()].map((t) => t.data)).not.toEqual([...withoutPacking.update.values()].map((t) => t.data));
    expect((await trainer.evaluate(add(global, withPacking.update), lora, packed.maxSeqLen)).loss).toBeLessThan(before.loss - 0.5);
    expect(withPacking.numExamples).toBe(180);
  });

  it('evaluate does not train: the same adapter gives the same loss twice', async () => {
    const global = globalAdapter(lora, 5);
    const first = await trainer.evaluate(global, lora, 32);
    expect(first.loss).toBeGreaterThan(0);
    expect((await trainer.evaluate(global, lora, 32)).loss).toBe(first.loss);
  });

  it('leaks no tensors across rounds, even when the LoRA config changes', async () => {
    const short = { ...params, localSteps: 2 };
    await trainer.train(globalAdapter(lora), lora, short);
    const baseline = tf.memory().numTensors;
    await trainer.train(globalAdapter(lora), lora, short);
    await trainer.evaluate(globalAdapter(lora), lora, 32);
    expect(tf.memory().numTensors).toBe(baseline);

    const wider: LoraConfig = { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj', 'down_proj'] };
    const result = await trainer.train(globalAdapter(wider), wider, short);
    expect([...result.update.keys()]).toEqual([...globalAdapter(wider).keys()]);
    await trainer.train(globalAdapter(lora), lora, short);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses an adapter that does not fit the LoRA config', async () => {
    const wrong = globalAdapter({ ...lora, r: 2 });
    await expect(trainer.train(wrong, lora, params)).rejects.toThrow(TensorMismatchError);
  });

  it('refuses hyper-parameters it cannot honour', async () => {
    const global = globalAdapter(lora);
    await expect(trainer.train(global, lora, { ...params, maxSeqLen: 1000 })).rejects.toThrow(/maxSeqLen must be at most 257/);
    await expect(trainer.train(global, lora, { ...params, localSteps: 0 })).rejects.toThrow(ConfigError);
    await expect(trainer.train(global, lora, { ...params, learningRate: Number.NaN })).rejects.toThrow(ConfigError);
    await expect(trainer.train(global, lora, { ...params, learningRate: -1 })).rejects.toThrow(/^learningRate: /);
    await expect(trainer.evaluate(global, lora, 1)).rejects.toThrow(ConfigError);
  });

  it('refuses to evaluate without held-out examples, and an unknown model', async () => {
    const single = join(workDir, 'single.jsonl');
    writeFileSync(single, '{"text": "only one"}\n');
    const small = await createTrainer({ model: 'builtin:tiny', dataPath: single, backend: 'wasm' });
    expect(small.numEvalExamples).toBe(0);
    await expect(small.evaluate(globalAdapter(lora), lora, 32)).rejects.toThrow(DataError);
    small.dispose();
    await expect(createTrainer({ model: 'gpt-5', dataPath: single, backend: 'wasm' })).rejects.toThrow(ConfigError);
  });
});

describe('LocalTrainer on edge-case data', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'fedlora-trainer-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** A trainer on `content`, and the log records it wrote. */
  async function trainerOn(content: string): Promise<{ trainer: LocalTrainer; records: () => Record<string, unknown>[] }> {
    const dataPath = join(workDir, `data-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(dataPath, content);
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _, done) => (lines.push(chunk.toString()), done()) });
    const logger = createLogger('test', { format: 'json', destination });
    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath, backend: 'cpu', logger });
    return { trainer, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('holds out none of a single example, and says so', async () => {
    const { trainer, records } = await trainerOn('{"text": "only one"}\n');
    expect(trainer.numTrainExamples).toBe(1);
    expect(trainer.numEvalExamples).toBe(0);
    expect(records().filter((r) => r.event === 'nothing_held_out')).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/holds a single example: none is held out for evaluation/) }),
    ]);
    trainer.dispose();
  });

  it('reports examples truncated to maxSeqLen once, not every round', async () => {
    const examples = [...Array(4).fill({ text: 'x'.repeat(40) }), { text: 'short' }];
    const { trainer, records } = await trainerOn(examples.map((example) => `${JSON.stringify(example)}\n`).join(''));
    const short: TrainHyperParams = { ...params, localSteps: 1, batchSize: 2, maxSeqLen: 12 };
    await trainer.train(globalAdapter(lora), lora, short);
    await trainer.train(globalAdapter(lora), lora, short);
    // 4 examples of BOS + 40 bytes + EOS = 42 tokens, each losing 30.
    expect(records().filter((r) => r.event === 'examples_truncated')).toEqual([expect.objectContaining({ examples: 4, tokens_lost: 4 * 30, max_seq_len: 12 })]);
    trainer.dispose();
  });
});
