/**
 * Prompt-tuning's TEXT initialisation: PEFT's choice of token ids (the text's, cut or repeated to the virtual tokens),
 * their word embeddings read from Hugging Face checkpoints, a client that trains and evaluates a run's offsets as
 * the embeddings they stand for, and the settings refused by name in the config and on the wire.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../client/trainer.js';
import { sampleSilos } from '../../cli/simulate.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { adapterConfig } from '../../shared/lora/lora.js';
import { PROMPT_EMBEDDINGS, peftSpecSchema, type PeftSpecInput } from '../../shared/lora/peft-method.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { initTokenIds, PROMPT_OFFSET_METADATA, PROMPT_OFFSET_VALUE, textPromptEmbeddings } from '../../shared/lora/prompt-text-init.js';
import { selectBackend } from '../../shared/model/backend.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel, loadTokenizer } from '../../shared/model/load.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { initialPeftAdapter } from '../../shared/model/run-start.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import { gpt2HfConfig, llamaHfConfig, randomTensors, TINY_GPT2, TINY_GQA_LLAMA, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { MINIMAL_CONFIG } from '../helpers/coordinator.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-prompt-text-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend('cpu', silentLogger());
});

const textSpec = (numVirtualTokens: number, promptTuningInitText: string) =>
  peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens, promptTuningInit: 'text', promptTuningInitText });

describe("PEFT's token ids for the text", () => {
  it('cuts a longer text to the first N ids, repeats a shorter one and cuts it to N', () => {
    expect(initTokenIds([1, 2, 3, 4, 5], 3)).toEqual([1, 2, 3]);
    expect(initTokenIds([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(initTokenIds([1, 2, 3], 8)).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
    expect(initTokenIds([7], 4)).toEqual([7, 7, 7, 7]);
    expect(() => initTokenIds([], 4)).toThrow(ConfigError);
  });
});

describe('the text-initialised embeddings', () => {
  // "the hi" in the checkpoints' byte-level BPE: t, he (merge 257), Ġ (space), h, i.
  const TEXT_IDS = [116, 257, 32, 104, 105];
  const checkpoints = [
    {
      name: 'llama (BOS added by its post-processor)',
      table: 'model.embed_tokens.weight',
      ids: [261, ...TEXT_IDS],
      write: (dir: string) =>
        writeCheckpoint(dir, {
          hfConfig: llamaHfConfig(TINY_GQA_LLAMA, 'LlamaForCausalLM'),
          tensors: randomTensors(baseWeightShapes(TINY_GQA_LLAMA), 1, 0.3),
          tokenizer: { addsBos: true },
        }),
    },
    {
      name: 'gpt2 (no special tokens)',
      table: 'wte.weight',
      ids: TEXT_IDS,
      write: (dir: string) =>
        writeCheckpoint(dir, { hfConfig: gpt2HfConfig(TINY_GPT2), tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 3, 0.3), tokenizer: { addsBos: false } }),
    },
  ];

  it.each(checkpoints)('$name: the rows of the embedding table at the ids, for texts longer and shorter than N', async (c) => {
    const dir = join(root, c.table);
    const stored = c.write(dir);
    const table = stored.get(c.table) ?? stored.get(`transformer.${c.table}`)!;
    const descriptor = resolveModel(dir);
    const [model, tokenizer] = [await loadModel(descriptor), await loadTokenizer(descriptor)];
    const hidden = table.length / (c.table === 'wte.weight' ? TINY_GPT2.vocabSize : TINY_GQA_LLAMA.vocabSize);
    for (const count of [3, 13]) {
      const ids = count < c.ids.length ? c.ids.slice(0, count) : [...c.ids, ...c.ids, ...c.ids].slice(0, count);
      const embeddings = await textPromptEmbeddings(model, tokenizer, textSpec(count, 'the hi'));
      expect(embeddings.shape).toEqual([count, hidden]);
      expect(embeddings.data).toEqual(Float32Array.from(ids.flatMap((id) => [...table.subarray(id * hidden, (id + 1) * hidden)])));
    }
    model.dispose();
  });
});

describe('a client of a text-initialised run', () => {
  it('trains and evaluates the offsets as the embeddings they stand for', async () => {
    const spec = textSpec(6, 'Roast the');
    const textLora = adapterConfig(spec, undefined);
    const randomLora = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 6 }), undefined);
    const tiny = resolveModel('builtin:tiny');
    const offsets = await initialPeftAdapter(tiny, textLora, 1);
    expect(offsets.get(PROMPT_EMBEDDINGS)!.data.every((v) => v === 0)).toBe(true);
    const model = await loadModel(tiny);
    const whole = makeAdapter([[PROMPT_EMBEDDINGS, await textPromptEmbeddings(model, await loadTokenizer(tiny), spec)]]);
    model.dispose();

    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: sampleSilos()[0], backend: 'cpu' });
    try {
      expect((await trainer.evaluate(offsets, textLora, 32)).loss).toBe((await trainer.evaluate(whole, randomLora, 32)).loss);
      const params = { localSteps: 2, batchSize: 2, learningRate: 1e-2, maxSeqLen: 32, seed: 1, proximalMu: 0 };
      const fromOffsets = await trainer.train(offsets, textLora, params);
      const fromWhole = await trainer.train(whole, randomLora, params);
      expect(fromOffsets.update.get(PROMPT_EMBEDDINGS)!.data.some((v) => v !== 0)).toBe(true);
      expect(fromOffsets.update).toEqual(fromWhole.update);
      expect(fromOffsets.trainLoss).toBe(fromWhole.trainLoss);
    } finally {
      trainer.dispose();
    }
  }, 60_000);
});

describe('a PEFT directory of prompt-tuning', () => {
  it('refuses offsets without the TEXT config they are offsets for, and TEXT without its text, naming the file and field', async () => {
    const embeddings = makeAdapter([[PROMPT_EMBEDDINGS, { shape: [2, 4], data: new Float32Array(8) }]]);
    const random = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 2 }), undefined);
    const dir = join(root, 'offsets-without-text');
    await writePeftAdapter(dir, embeddings, { lora: random, baseModel: 'builtin:tiny', metadata: { [PROMPT_OFFSET_METADATA]: PROMPT_OFFSET_VALUE } });
    await expect(readPeftAdapter(dir)).rejects.toThrow(
      /adapter_model\.safetensors holds offsets from a text's prompt embeddings, and .*adapter_config\.json names no/,
    );

    const text = join(root, 'text-without-text');
    await writePeftAdapter(text, embeddings, { lora: adapterConfig(textSpec(2, 'Roast'), undefined), baseModel: 'builtin:tiny' });
    const configPath = join(text, 'adapter_config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), prompt_tuning_init_text: null }));
    await expect(readPeftAdapter(text)).rejects.toThrow(/adapter_config\.json: prompt_tuning_init TEXT needs a prompt_tuning_init_text, got null/);
  });
});

describe('the settings', () => {
  const config = (peft: PeftSpecInput) => validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: undefined, peft });

  it('refuses a text init without its text, a text without text init, and text init of another method, naming the field', () => {
    expect(() => config({ method: 'prompt-tuning', promptTuningInit: 'text' })).toThrow(/peft\.promptTuningInitText: required with promptTuningInit text/);
    expect(() => config({ method: 'prompt-tuning', promptTuningInitText: 'Roast the' })).toThrow(/peft\.promptTuningInitText: only with promptTuningInit text/);
    expect(() => config({ method: 'prefix-tuning', promptTuningInit: 'text', promptTuningInitText: 'Roast the' })).toThrow(
      /peft\.promptTuningInit: text initialises prompt-tuning's virtual tokens, and peft\.method is prefix-tuning/,
    );
    expect(() => config({ method: 'prompt-tuning', promptTuningInit: 'vocab' as 'text' })).toThrow(/peft\.promptTuningInit/);
    expect(config({ method: 'prompt-tuning', promptTuningInit: 'text', promptTuningInitText: 'Roast the' }).peft).toMatchObject({
      promptTuningInit: 'text',
      promptTuningInitText: 'Roast the',
    });
  });

  it('travel to clients in the train instruction', () => {
    const lora = adapterConfig(textSpec(4, 'Roast the'), undefined);
    const hyperParams = { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8, seed: 1, proximalMu: 0, packing: false };
    const message = decodeMessage(
      encodeMessage({
        kind: 'train',
        round: 1,
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
      }),
    );
    if (message.kind !== 'train') throw new Error('wrong kind');
    expect(message.lora.peft).toEqual(lora.peft);
  });
});
