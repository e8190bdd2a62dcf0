/**
 * Hugging Face checkpoints of each supported architecture, written by the test in the Hub's on-disk layout: they
 * load, their logits match an independent plain-JS reference (test/helpers/reference.ts), an adapter equals its
 * merged weights, exports carry PEFT's names and shapes, and the fingerprint follows the tensors.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../client/data.js';
import { createTrainer } from '../../client/trainer.js';
import { exportRun } from '../../cli/export.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { selectBackend } from '../../shared/model/backend.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { loraScaling, loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { KvCache, type CausalLM } from '../../shared/model/causal-lm.js';
import { loraTargets, resolveModel, type LlamaConfig } from '../../shared/model/model-config.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel, loadTokenizer } from '../../shared/model/load.js';
import { prepareRunStart } from '../../shared/model/run-start.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import { decodeSafetensors } from '../../shared/model/safetensors.js';
import { CHATML_TEMPLATE, gpt2HfConfig, llamaHfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { refForward, refGpt2Forward, type RefLora, type RefWeights } from '../helpers/reference.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-hf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** GQA (4 query heads on 2 kv heads), head_dim 6 ≠ 16/4, untied lm_head, llama3 rope scaling with all three bands. */
const LLAMA: LlamaConfig = {
  vocabSize: 270,
  hiddenSize: 16,
  intermediateSize: 24,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 6,
  rmsNormEps: 1e-5,
  ropeTheta: 100,
  maxPositionEmbeddings: 32,
  tieWordEmbeddings: false,
  // Wavelengths 2π·{1, 4.6, 21.5} ≈ 6.3 (kept: < 32/4), 29 (interpolated), 135 (stretched: > 32/1).
  ropeScaling: { factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 32 },
};
const LLAMA_EXTRA = {
  rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 32 },
};
/** Qwen2: q/k/v biases, tied embeddings, 4 query heads on 1 kv head. */
const QWEN2: LlamaConfig = {
  vocabSize: 270,
  hiddenSize: 16,
  intermediateSize: 24,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 1,
  headDim: 4,
  rmsNormEps: 1e-6,
  ropeTheta: 1_000_000,
  maxPositionEmbeddings: 32,
  tieWordEmbeddings: true,
  qkvBias: true,
};

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly weights: RefWeights;
  readonly reference: (weights: RefWeights, ids: number[], lora?: RefLora) => number[][];
  readonly allModules: string[];
  /** State-dict name of a module's weight → name as stored. */
  readonly stored: (stateDictName: string) => string;
}

function writeCases(): Case[] {
  const llamaDir = join(root, 'llama');
  const llamaWeights = writeCheckpoint(llamaDir, {
    hfConfig: llamaHfConfig(LLAMA, 'LlamaForCausalLM', LLAMA_EXTRA),
    tensors: randomTensors(baseWeightShapes(LLAMA), 1, 0.3),
    tokenizer: { addsBos: true, chatTemplate: `{{ bos_token }}${CHATML_TEMPLATE}` },
  });
  const qwenDir = join(root, 'qwen2');
  const qwenWeights = writeCheckpoint(qwenDir, {
    hfConfig: llamaHfConfig(QWEN2, 'Qwen2ForCausalLM'),
    tensors: randomTensors(baseWeightShapes(QWEN2), 2, 0.3),
    dtype: 'BF16',
    shards: 3,
    tokenizer: { addsBos: false, chatTemplate: CHATML_TEMPLATE },
  });
  // The original OpenAI files: no `transformer.` prefix, plus the causal-mask buffers the model does not read.
  const gpt2Dir = join(root, 'gpt2');
  const gpt2Tensors = new Map([...randomTensors(gpt2WeightShapes(TINY_GPT2), 3, 0.3)].map(([name, t]) => [name.replace(/^transformer\./, ''), t] as const));
  for (let layer = 0; layer < TINY_GPT2.numLayers; layer++) {
    gpt2Tensors.set(`h.${layer}.attn.bias`, { shape: [1, 1, 32, 32], data: new Float32Array(32 * 32).fill(1) });
  }
  const gpt2Stored = writeCheckpoint(gpt2Dir, {
    hfConfig: gpt2HfConfig(TINY_GPT2),
    tensors: gpt2Tensors,
    dtype: 'F16',
    tokenizer: { addsBos: false, bareConfig: true },
  });
  const gpt2Weights = new Map([...gpt2Stored].map(([name, data]) => [`transformer.${name}`, data]));
  return [
    {
      name: 'llama',
      dir: llamaDir,
      weights: llamaWeights,
      reference: (w, ids, l) => refForward(LLAMA, w, ids, l),
      allModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
      stored: (n) => n,
    },
    {
      name: 'qwen2',
      dir: qwenDir,
      weights: qwenWeights,
      reference: (w, ids, l) => refForward(QWEN2, w, ids, l),
      allModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
      stored: (n) => n,
    },
    {
      name: 'gpt2',
      dir: gpt2Dir,
      weights: gpt2Weights,
      reference: (w, ids, l) => refGpt2Forward(TINY_GPT2, w, ids, l),
      allModules: ['c_attn', 'c_proj', 'c_fc'],
      stored: (n) => n.replace(/^transformer\./, ''),
    },
  ];
}

const cases = writeCases();
const SEQUENCES = [
  [5, 72, 101, 108, 108, 111, 33, 260],
  [269, 0, 255, 31, 32, 33, 258, 1],
];

function logitsOf(model: CausalLM, batch: number[][]): number[][][] {
  return tf.tidy(() => model.forward(tf.tensor2d(batch, undefined, 'int32'))).arraySync() as number[][][];
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));
}

function randomAdapter(dir: string, lora: LoraConfig, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter(
    loraTargets(resolveModel(dir), lora.targetModules).flatMap((t) => {
      const names = loraTensorNames(t.modulePath);
      return [
        [names.a, { shape: [lora.r, t.inFeatures], data: random.fillNormal(new Float32Array(lora.r * t.inFeatures), 0.3) }],
        [names.b, { shape: [t.outFeatures, lora.r], data: random.fillNormal(new Float32Array(t.outFeatures * lora.r), 0.3) }],
      ] as const;
    }),
  );
}

beforeAll(async () => {
  await selectBackend('cpu', silentLogger());
});

describe.each(cases)('$name checkpoint', (c) => {
  it('loads and its logits match the reference to 1e-4', async () => {
    const model = await loadModel(resolveModel(c.dir));
    const got = logitsOf(model, SEQUENCES);
    SEQUENCES.forEach((ids, row) => expect(maxAbsDiff(got[row], c.reference(c.weights, ids))).toBeLessThan(1e-4));
    model.dispose();
  });

  it('with a KV cache, token-by-token logits equal the full pass', async () => {
    const model = await loadModel(resolveModel(c.dir));
    const ids = SEQUENCES[0];
    const full = logitsOf(model, [ids])[0];
    const cache = new KvCache();
    const prefix = tf.tidy(() => model.forward(tf.tensor2d([ids.slice(0, 3)], undefined, 'int32'), { cache }).arraySync()[0]);
    const rest = ids.slice(3).map((id) => tf.tidy(() => model.forward(tf.tensor2d([[id]], undefined, 'int32'), { cache }).arraySync()[0][0]));
    expect(maxAbsDiff([...prefix, ...rest], full)).toBeLessThan(1e-4);
    cache.dispose();
    model.dispose();
  });

  it('with an adapter on every module it matches the reference, and equals its merged export', async () => {
    const lora: LoraConfig = { r: 3, alpha: 5, targetModules: c.allModules, useRslora: c.name === 'qwen2' };
    const adapter = randomAdapter(c.dir, lora, 7);
    const model = await loadModel(resolveModel(c.dir));
    model.loadAdapter(lora, adapter);
    const adapted = logitsOf(model, SEQUENCES);
    model.dispose();

    const refLora: RefLora = new Map(
      loraTargets(resolveModel(c.dir), lora.targetModules).map((t) => {
        const names = loraTensorNames(t.modulePath);
        return [t.modulePath, { a: adapter.get(names.a)!.data, b: adapter.get(names.b)!.data, r: lora.r, scaling: loraScaling(lora) }];
      }),
    );
    expect(maxAbsDiff(adapted[0], c.reference(c.weights, SEQUENCES[0], refLora))).toBeLessThan(1e-4);

    const runDir = join(root, `run-${c.name}`);
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '2'), adapter, { lora, baseModel: c.dir });
    const out = join(root, `merged-${c.name}`);
    const { round } = await exportRun({ runDir, out, merged: true, model: c.dir });
    expect(round).toBe(2);
    const merged = await loadModel(resolveModel(out));
    // Merged weights are rounded to the checkpoint's dtype (BF16/F16 for two cases): compare at that precision.
    const tolerance = c.name === 'llama' ? 1e-4 : 0.1;
    expect(maxAbsDiff(logitsOf(merged, SEQUENCES)[1], adapted[1])).toBeLessThan(tolerance);
    merged.dispose();
  });

  it("trains with the checkpoint's tokenizer and exports an adapter with PEFT's names and shapes", async () => {
    const data = join(root, `${c.name}.jsonl`);
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: `the hello ${i % 3} the hello` }));
    writeFileSync(data, `${lines.join('\n')}\n`);
    const trainer = await createTrainer({ model: c.dir, dataPath: data, backend: 'cpu' });
    expect(trainer.modelFingerprint).toBe(resolveModel(c.dir).fingerprint);
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: c.allModules, dropout: 0.1 };
    const zeroB = makeAdapter(
      [...randomAdapter(c.dir, lora, 3)].map(([name, t]) => [
        name,
        name.endsWith('lora_B.weight') ? { shape: t.shape, data: new Float32Array(t.data.length) } : t,
      ]),
    );
    const before = await trainer.evaluate(zeroB, lora, 24);
    const result = await trainer.train(zeroB, lora, {
      localSteps: 8,
      batchSize: 4,
      learningRate: 0.05,
      maxSeqLen: 24,
      seed: 1,
      proximalMu: 0,
    } as TrainHyperParams);
    const trained = makeAdapter([...zeroB].map(([name, t]) => [name, { shape: t.shape, data: t.data.map((v, i) => v + result.update.get(name)!.data[i]) }]));
    expect((await trainer.evaluate(trained, lora, 24)).loss).toBeLessThan(before.loss);
    trainer.dispose();

    const runDir = join(root, `trained-${c.name}`);
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    const exportLora = c.name === 'gpt2' ? { ...lora, fanInFanOut: true } : lora;
    await writePeftAdapter(join(runDir, 'rounds', '1'), trained, { lora: exportLora, baseModel: c.dir });
    const out = join(root, `export-${c.name}`);
    await exportRun({ runDir, out });
    const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'adapter_model.safetensors'))));
    const config = JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8'));
    const layer0 = [...tensors].filter(([name]) => name.includes('.0.')).map(([name, t]) => [name, t.shape]);
    if (c.name === 'gpt2') {
      expect(config.fan_in_fan_out).toBe(true);
      expect(layer0).toEqual([
        ['base_model.model.transformer.h.0.attn.c_attn.lora_A.weight', [2, 16]],
        ['base_model.model.transformer.h.0.attn.c_attn.lora_B.weight', [48, 2]],
        ['base_model.model.transformer.h.0.attn.c_proj.lora_A.weight', [2, 16]],
        ['base_model.model.transformer.h.0.attn.c_proj.lora_B.weight', [16, 2]],
        ['base_model.model.transformer.h.0.mlp.c_fc.lora_A.weight', [2, 16]],
        ['base_model.model.transformer.h.0.mlp.c_fc.lora_B.weight', [64, 2]],
        ['base_model.model.transformer.h.0.mlp.c_proj.lora_A.weight', [2, 64]],
        ['base_model.model.transformer.h.0.mlp.c_proj.lora_B.weight', [16, 2]],
      ]);
    } else {
      const config0 = c.name === 'llama' ? LLAMA : QWEN2;
      const kv = config0.numKvHeads * config0.headDim;
      const q = config0.numHeads * config0.headDim;
      const p = 'base_model.model.model.layers.0';
      expect(config.fan_in_fan_out).toBe(false);
      expect(new Map(layer0 as [string, number[]][])).toEqual(
        new Map([
          [`${p}.self_attn.q_proj.lora_A.weight`, [2, 16]],
          [`${p}.self_attn.q_proj.lora_B.weight`, [q, 2]],
          [`${p}.self_attn.k_proj.lora_A.weight`, [2, 16]],
          [`${p}.self_attn.k_proj.lora_B.weight`, [kv, 2]],
          [`${p}.self_attn.v_proj.lora_A.weight`, [2, 16]],
          [`${p}.self_attn.v_proj.lora_B.weight`, [kv, 2]],
          [`${p}.self_attn.o_proj.lora_A.weight`, [2, q]],
          [`${p}.self_attn.o_proj.lora_B.weight`, [16, 2]],
          [`${p}.mlp.gate_proj.lora_A.weight`, [2, 16]],
          [`${p}.mlp.gate_proj.lora_B.weight`, [24, 2]],
          [`${p}.mlp.up_proj.lora_A.weight`, [2, 16]],
          [`${p}.mlp.up_proj.lora_B.weight`, [24, 2]],
          [`${p}.mlp.down_proj.lora_A.weight`, [2, 24]],
          [`${p}.mlp.down_proj.lora_B.weight`, [16, 2]],
        ]),
      );
    }
    expect(config.lora_dropout).toBe(0.1);
    expect((await readPeftAdapter(out)).adapter.size).toBe(tensors.size);
  });
});

describe('checkpoint descriptors', () => {
  it('reads architecture, GQA, head_dim, rope scaling, biases and tying from config.json', () => {
    const [llama, qwen, gpt2] = cases.map((c) => resolveModel(c.dir));
    expect(llama.architecture).toBe('llama');
    expect(llama.config).toEqual(LLAMA);
    expect(qwen.architecture).toBe('qwen2');
    expect(qwen.config).toEqual(QWEN2);
    expect(gpt2.architecture).toBe('gpt2');
    expect(gpt2.config).toEqual(TINY_GPT2);
  });

  it('refuses an unsupported architecture by name', () => {
    const dir = join(root, 'bert');
    writeCheckpoint(dir, { hfConfig: { architectures: ['BertForMaskedLM'] }, tensors: new Map(), tokenizer: { addsBos: false } });
    expect(() => resolveModel(dir)).toThrow(ConfigError);
    expect(() => resolveModel(dir)).toThrow(/BertForMaskedLM.*not supported.*LlamaForCausalLM/);
  });

  it('refuses a rope scaling it does not implement', () => {
    const dir = join(root, 'yarn');
    writeCheckpoint(dir, {
      hfConfig: llamaHfConfig(LLAMA, 'LlamaForCausalLM', { rope_scaling: { rope_type: 'yarn', factor: 4 } }),
      tensors: new Map(),
      tokenizer: { addsBos: false },
    });
    expect(() => resolveModel(dir)).toThrow(/rope_scaling type "yarn" is not supported/);
  });

  it('the fingerprint covers every tensor, not how they are sharded', () => {
    const tensors = randomTensors(baseWeightShapes(QWEN2), 2, 0.3);
    const spec = { hfConfig: llamaHfConfig(QWEN2, 'Qwen2ForCausalLM'), tensors, tokenizer: { addsBos: false } };
    const single = join(root, 'fp-single');
    const sharded = join(root, 'fp-sharded');
    const changed = join(root, 'fp-changed');
    writeCheckpoint(single, spec);
    writeCheckpoint(sharded, { ...spec, shards: 4 });
    const altered = new Map(tensors);
    const norm = altered.get('model.norm.weight')!;
    altered.set('model.norm.weight', { shape: norm.shape, data: norm.data.map((v, i) => (i === 0 ? v + 0.5 : v)) });
    writeCheckpoint(changed, { ...spec, tensors: altered });
    expect(resolveModel(sharded).fingerprint).toBe(resolveModel(single).fingerprint);
    expect(resolveModel(changed).fingerprint).not.toBe(resolveModel(single).fingerprint);
    expect(resolveModel(single).fingerprint).not.toBe(resolveModel(cases[1].dir).fingerprint); // BF16 vs F32 bytes
  });

  it('a sharded checkpoint missing a shard is refused naming the shard', () => {
    const dir = join(root, 'missing-shard');
    writeCheckpoint(dir, {
      hfConfig: llamaHfConfig(QWEN2, 'Qwen2ForCausalLM'),
      tensors: randomTensors(baseWeightShapes(QWEN2), 2, 0.3),
      shards: 2,
      tokenizer: { addsBos: false },
    });
    rmSync(join(dir, 'model-00002-of-00002.safetensors'));
    expect(() => resolveModel(dir)).toThrow(/lists shards that are missing: model-00002-of-00002\.safetensors/);
  });

  it('a run on GPT-2 records fan_in_fan_out for PEFT; Llama-family runs do not', async () => {
    const lora = { r: 2, alpha: 4, targetModules: ['c_attn'] };
    expect((await prepareRunStart({ model: cases[2].dir, lora, seed: 0 })).lora.fanInFanOut).toBe(true);
    const llamaLora = { r: 2, alpha: 4, targetModules: ['q_proj'] };
    expect((await prepareRunStart({ model: cases[0].dir, lora: llamaLora, seed: 0 })).lora.fanInFanOut).toBeUndefined();
  });

  it('a checkpoint missing a weight is refused naming it', async () => {
    const dir = join(root, 'missing');
    const tensors = randomTensors(baseWeightShapes(LLAMA), 1, 0.3);
    tensors.delete('lm_head.weight');
    writeCheckpoint(dir, { hfConfig: llamaHfConfig(LLAMA, 'LlamaForCausalLM', LLAMA_EXTRA), tensors, tokenizer: { addsBos: false } });
    await expect(loadModel(resolveModel(dir))).rejects.toThrow(/missing weight lm_head\.weight/);
  });
});

describe('tokenizers and chat data', () => {
  it('prepends BOS once for text, and lets the chat template write it for chats', async () => {
    const tokenizer = await loadTokenizer(resolveModel(cases[0].dir));
    const bos = tokenizer.bosId!;
    expect(bos).toBe(261);
    const data = join(root, 'chat.jsonl');
    writeFileSync(
      data,
      [
        JSON.stringify({ text: 'the hello' }),
        JSON.stringify({
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hey there' },
            { role: 'user', content: 'Bye' },
            { role: 'assistant', content: 'Ciao' },
          ],
        }),
      ].join('\n'),
    );
    const [text, chat] = await loadExamples(data, tokenizer);
    expect(text.tokens.filter((id) => id === bos)).toHaveLength(1);
    expect(text.tokens[0]).toBe(bos);
    expect(text.tokens.at(-1)).toBe(tokenizer.eosId);
    expect(chat.tokens.filter((id) => id === bos)).toHaveLength(1);
    expect(chat.tokens[0]).toBe(bos);
    const learned = chat.tokens.filter((_, i) => chat.lossMask[i] === 1);
    expect(tokenizer.decode(learned)).toBe('Hey there\nCiao\n');
    const imEnd = 260;
    expect(learned.filter((id) => id === imEnd)).toHaveLength(2);
    expect(tokenizer.decode(chat.tokens)).toContain('user\nHi');
  });

  it('byte-level BPE round-trips text and applies its merges; GPT-2 files without special tokens get <|endoftext|>', async () => {
    const tokenizer = await loadTokenizer(resolveModel(cases[2].dir));
    expect(tokenizer.bosId).toBeUndefined();
    expect(tokenizer.eosId).toBe(258); // GPT-2's files name no special tokens: <|endoftext|> by default
    const ids = tokenizer.encode('a the hello');
    expect(ids).toContain(256); // "Ġt"
    expect(ids).toContain(257); // "he"
    expect(tokenizer.decode(ids)).toBe('a the hello');
  });

  it('a chat record for a model without a chat template is a DataError with the line number', async () => {
    const tokenizer = await loadTokenizer(resolveModel(cases[2].dir));
    const data = join(root, 'chat-gpt2.jsonl');
    writeFileSync(
      data,
      `${JSON.stringify({ text: 'ok' })}\n${JSON.stringify({
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: 'y' },
        ],
      })}\n`,
    );
    await expect(loadExamples(data, tokenizer)).rejects.toThrow(/chat-gpt2\.jsonl:2: .*chat_template/);
  });
});
