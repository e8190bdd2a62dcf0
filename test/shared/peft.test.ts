import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { CheckpointError } from '../../shared/infra/errors.js';
import { loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import {
  adapterBaseMismatch,
  BASE_FINGERPRINT_METADATA,
  PEFT_CONFIG_FILE,
  PEFT_WEIGHTS_FILE,
  readPeftAdapter,
  writePeftAdapter,
  type PeftAdapter,
} from '../../shared/lora/peft.js';
import { decodeSafetensors, encodeSafetensors, type WritableDtype } from '../../shared/model/safetensors.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fedlora-peft-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const lora: LoraConfig = { r: 2, alpha: 16, targetModules: ['q_proj', 'v_proj'] };
const baseModel = 'HuggingFaceTB/SmolLM2-135M';
const q = loraTensorNames('model.layers.0.self_attn.q_proj');
const v = loraTensorNames('model.layers.0.self_attn.v_proj');

function tensor(shape: number[], seed: number): TensorData {
  const count = shape.reduce((n, d) => n * d, 1);
  return { shape, data: Float32Array.from({ length: count }, (_, i) => Math.sin(seed * 100 + i)) };
}

/** q_proj 6 → 6 and v_proj 6 → 4, rank 2, every value distinct and non-zero. */
function sampleAdapter(seed = 1): AdapterWeights {
  return makeAdapter([
    [q.a, tensor([2, 6], seed)],
    [q.b, tensor([6, 2], seed + 1)],
    [v.a, tensor([2, 6], seed + 2)],
    [v.b, tensor([4, 2], seed + 3)],
  ]);
}

const validConfig = {
  base_model_name_or_path: baseModel,
  bias: 'none',
  fan_in_fan_out: false,
  inference_mode: true,
  lora_alpha: 16,
  lora_dropout: 0,
  modules_to_save: null,
  peft_type: 'LORA',
  r: 2,
  target_modules: ['q_proj', 'v_proj'],
  task_type: 'CAUSAL_LM',
  use_dora: false,
  use_rslora: false,
};

/** A PEFT directory written without writePeftAdapter, to feed the reader what other tools might produce. */
async function writeRawAdapterDir(config: unknown, tensors: Iterable<[string, TensorData]>, dtype: WritableDtype = 'F32'): Promise<string> {
  const dir = join(root, 'raw');
  await mkdir(dir);
  await writeFile(join(dir, PEFT_CONFIG_FILE), typeof config === 'string' ? config : JSON.stringify(config));
  await writeFile(join(dir, PEFT_WEIGHTS_FILE), encodeSafetensors(tensors, { format: 'pt' }, dtype));
  return dir;
}

describe('writePeftAdapter / readPeftAdapter', () => {
  it('round-trips weights, LoRA config, base model and metadata', async () => {
    const dir = join(root, 'round-3');
    const adapter = sampleAdapter();
    const checksum = await writePeftAdapter(dir, adapter, { lora, baseModel, metadata: { round: '3' } });
    expect(checksum).toBe(
      createHash('sha256')
        .update(await readFile(join(dir, PEFT_WEIGHTS_FILE)))
        .digest('hex'),
    );

    const read = await readPeftAdapter(dir);
    expect([...read.adapter.keys()]).toEqual([...adapter.keys()]);
    for (const [name, original] of adapter) expect(read.adapter.get(name)).toEqual(original);
    expect(read.lora).toEqual({ ...lora, dropout: 0, useRslora: false, fanInFanOut: false });
    expect(read.baseModel).toBe(baseModel);
    expect(read.metadata).toEqual({ round: '3', format: 'pt' });
  });

  it('writes the config PEFT expects and nothing else', async () => {
    const dir = join(root, 'adapter');
    await writePeftAdapter(dir, sampleAdapter(), { lora, baseModel });
    const config = JSON.parse(await readFile(join(dir, PEFT_CONFIG_FILE), 'utf8'));
    expect(config).toStrictEqual(validConfig);
  });

  it('writes F32 tensors under their PEFT names with format "pt", which a caller cannot override', async () => {
    const dir = join(root, 'adapter');
    await writePeftAdapter(dir, sampleAdapter(), { lora, baseModel, metadata: { format: 'np', note: 'x' } });
    const { tensors, metadata } = decodeSafetensors(new Uint8Array(await readFile(join(dir, PEFT_WEIGHTS_FILE))));
    expect(metadata).toEqual({ format: 'pt', note: 'x' });
    expect([...tensors.keys()]).toEqual([
      'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight',
      'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight',
      'base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight',
      'base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight',
    ]);
    expect([...tensors.values()].every((t) => t.dtype === 'F32')).toBe(true);
  });

  it('round-trips lora_dropout, use_rslora and fan_in_fan_out', async () => {
    const dir = join(root, 'options');
    const options = { ...lora, dropout: 0.05, useRslora: true, fanInFanOut: true };
    await writePeftAdapter(dir, sampleAdapter(), { lora: options, baseModel });
    const config = JSON.parse(await readFile(join(dir, PEFT_CONFIG_FILE), 'utf8'));
    expect([config.lora_dropout, config.use_rslora, config.fan_in_fan_out]).toEqual([0.05, true, true]);
    expect((await readPeftAdapter(dir)).lora).toEqual(options);
  });

  it('writes both files together, with no temporary directory left beside them', async () => {
    const dir = join(root, 'adapter');
    await writePeftAdapter(dir, sampleAdapter(), { lora, baseModel });
    expect(await readdir(root)).toEqual(['adapter']);
    expect((await readdir(dir)).sort()).toEqual([PEFT_CONFIG_FILE, PEFT_WEIGHTS_FILE]);
  });

  it('accepts rewriting identical content, refuses different content unless asked to replace', async () => {
    const dir = join(root, 'latest');
    await writePeftAdapter(dir, sampleAdapter(1), { lora, baseModel });
    await writePeftAdapter(dir, sampleAdapter(1), { lora, baseModel });

    await expect(writePeftAdapter(dir, sampleAdapter(2), { lora, baseModel })).rejects.toMatchObject({ code: 'EEXIST' });
    expect((await readPeftAdapter(dir)).adapter).toEqual(sampleAdapter(1));

    await writePeftAdapter(dir, sampleAdapter(2), { lora, baseModel, replace: true });
    expect((await readPeftAdapter(dir)).adapter).toEqual(sampleAdapter(2));
    expect(await readdir(root)).toEqual(['latest']);
  });

  it('refuses to write an adapter whose shapes disagree with r, and writes nothing', async () => {
    const dir = join(root, 'adapter');
    const promise = writePeftAdapter(dir, sampleAdapter(), { lora: { ...lora, r: 3 }, baseModel });
    await expect(promise).rejects.toBeInstanceOf(CheckpointError);
    await expect(promise).rejects.toThrow(/expected \[3, in_features\]/);
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses to write a config it could not read back', async () => {
    const promise = writePeftAdapter(join(root, 'adapter'), sampleAdapter(), { lora: { ...lora, r: 0 }, baseModel });
    await expect(promise).rejects.toBeInstanceOf(CheckpointError);
    await expect(promise).rejects.toThrow(/r must be a positive integer/);
    expect(await readdir(root)).toEqual([]);
  });

  it('reads an adapter stored in BF16 as float32', async () => {
    const adapter = sampleAdapter();
    const dir = await writeRawAdapterDir(validConfig, adapter, 'BF16');
    const read = await readPeftAdapter(dir);
    const original = adapter.get(q.a)!.data;
    const loaded = read.adapter.get(q.a)!.data;
    expect(loaded).not.toEqual(original);
    loaded.forEach((value, i) => expect(Math.abs(value - original[i])).toBeLessThanOrEqual(Math.abs(original[i]) * 2 ** -8));
  });
});

describe('readPeftAdapter shape validation', () => {
  const cases: [string, [string, TensorData][], RegExp][] = [
    [
      'lora_A with the wrong rank',
      [
        [q.a, tensor([3, 6], 1)],
        [q.b, tensor([6, 2], 2)],
      ],
      /q_proj\.lora_A\.weight has shape \[3, 6\], expected \[2, in_features\] for r = 2/,
    ],
    [
      'lora_B with the wrong rank',
      [
        [q.a, tensor([2, 6], 1)],
        [q.b, tensor([6, 3], 2)],
      ],
      /lora_B\.weight has shape \[6, 3\], expected \[out_features, 2\]/,
    ],
    [
      'lora_A transposed',
      [
        [q.a, tensor([6, 2], 1)],
        [q.b, tensor([6, 2], 2)],
      ],
      /lora_A\.weight has shape \[6, 2\]/,
    ],
    [
      'lora_A of rank 1',
      [
        [q.a, tensor([12], 1)],
        [q.b, tensor([6, 2], 2)],
      ],
      /lora_A\.weight has shape \[12\]/,
    ],
    [
      'lora_B of rank 3',
      [
        [q.a, tensor([2, 6], 1)],
        [q.b, tensor([1, 6, 2], 2)],
      ],
      /lora_B\.weight has shape \[1, 6, 2\]/,
    ],
    ['lora_A without its lora_B', [[q.a, tensor([2, 6], 1)]], /q_proj\.lora_A\.weight has no matching .*q_proj\.lora_B\.weight/],
    ['lora_B without its lora_A', [[v.b, tensor([4, 2], 1)]], /v_proj\.lora_B\.weight has no matching .*v_proj\.lora_A\.weight/],
    [
      'a tensor that is not a LoRA factor',
      [
        [q.a, tensor([2, 6], 1)],
        [q.b, tensor([6, 2], 2)],
        ['base_model.model.lm_head.weight', tensor([4, 6], 3)],
      ],
      /unexpected tensor base_model\.model\.lm_head\.weight/,
    ],
  ];

  it.each(cases)('%s gives CheckpointError', async (_, tensors, message) => {
    const dir = await writeRawAdapterDir(validConfig, tensors);
    const promise = readPeftAdapter(dir);
    await expect(promise).rejects.toBeInstanceOf(CheckpointError);
    await expect(promise).rejects.toThrow(message);
  });
});

describe('readPeftAdapter config validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['invalid JSON', '{"r": 2,', /adapter_config\.json is not valid JSON/],
    ['an array', [validConfig], /must be a JSON object/],
    [
      'another PEFT type',
      { ...validConfig, peft_type: 'IA3' },
      /peft_type is "IA3"; only "LORA", "PROMPT_TUNING", "PREFIX_TUNING" and fedlora's "BITFIT" adapters are supported/,
    ],
    ['no peft_type', { ...validConfig, peft_type: undefined }, /peft_type is undefined/],
    ['r = 0', { ...validConfig, r: 0 }, /r must be a positive integer, got 0/],
    ['fractional r', { ...validConfig, r: 2.5 }, /r must be a positive integer, got 2.5/],
    ['r as a string', { ...validConfig, r: '2' }, /r must be a positive integer, got "2"/],
    ['lora_alpha as a string', { ...validConfig, lora_alpha: '16' }, /lora_alpha must be a number/],
    ['target_modules as a string', { ...validConfig, target_modules: 'q_proj' }, /target_modules must be a list of module names/],
    ['target_modules with a number', { ...validConfig, target_modules: ['q_proj', 1] }, /target_modules must be a list/],
    ['no base model', { ...validConfig, base_model_name_or_path: null }, /base_model_name_or_path must be a string/],
    ['use_rslora as a string', { ...validConfig, use_rslora: 'yes' }, /use_rslora must be true or false/],
    ['lora_dropout of 1', { ...validConfig, lora_dropout: 1 }, /lora_dropout must be in \[0, 1\)/],
    ['a rank pattern', { ...validConfig, rank_pattern: { q_proj: 4 } }, /rank_pattern is not supported/],
    ['an alpha pattern', { ...validConfig, alpha_pattern: { v_proj: 8 } }, /alpha_pattern is not supported/],
  ];

  it.each(cases)('%s gives CheckpointError', async (_, config, message) => {
    const dir = await writeRawAdapterDir(config, sampleAdapter());
    const promise = readPeftAdapter(dir);
    await expect(promise).rejects.toBeInstanceOf(CheckpointError);
    await expect(promise).rejects.toThrow(message);
  });

  it('accepts empty patterns and extra keys PEFT itself writes', async () => {
    const config = { ...validConfig, rank_pattern: {}, alpha_pattern: {}, layers_to_transform: null, revision: null };
    const dir = await writeRawAdapterDir(config, sampleAdapter());
    expect((await readPeftAdapter(dir)).lora).toEqual({ ...lora, dropout: 0, useRslora: false, fanInFanOut: false });
  });

  it('names the missing file when the directory is not a PEFT adapter', async () => {
    const dir = await writeRawAdapterDir(validConfig, sampleAdapter());
    await rm(join(dir, PEFT_WEIGHTS_FILE));
    await expect(readPeftAdapter(dir)).rejects.toThrow(/adapter_model\.safetensors is missing/);
    await expect(readPeftAdapter(join(root, 'nowhere'))).rejects.toBeInstanceOf(CheckpointError);
  });

  it('reports a corrupt weights file as CheckpointError', async () => {
    const dir = await writeRawAdapterDir(validConfig, sampleAdapter());
    const weightsPath = join(dir, PEFT_WEIGHTS_FILE);
    const bytes = await readFile(weightsPath);
    await writeFile(weightsPath, bytes.subarray(0, bytes.length - 4));
    const promise = readPeftAdapter(dir);
    await expect(promise).rejects.toBeInstanceOf(CheckpointError);
    await expect(promise).rejects.toThrow(/data section/);
  });
});

describe('adapterBaseMismatch', () => {
  const lora: LoraConfig = { r: 1, alpha: 2, targetModules: ['q_proj'] };
  const adapter = (baseModel: string, metadata: Record<string, string> = {}): PeftAdapter => ({ adapter: makeAdapter([]), lora, baseModel, metadata });
  const model = { id: '/models/Qwen2-0.5B', fingerprint: 'f'.repeat(64) };

  it('lets a recorded fingerprint decide, whatever the name', () => {
    expect(adapterBaseMismatch(adapter('elsewhere/other', { [BASE_FINGERPRINT_METADATA]: 'f'.repeat(64) }), model)).toBeUndefined();
    expect(adapterBaseMismatch(adapter('/models/Qwen2-0.5B', { [BASE_FINGERPRINT_METADATA]: '0'.repeat(64) }), model)).toBe(
      `it was trained on a base model with fingerprint ${'0'.repeat(64)}, and /models/Qwen2-0.5B has ${'f'.repeat(64)}`,
    );
  });

  it('without a fingerprint, accepts the same path or a Hugging Face id of the same name, and names any other', () => {
    expect(adapterBaseMismatch(adapter('/models/Qwen2-0.5B/'), model)).toBeUndefined();
    expect(adapterBaseMismatch(adapter('Qwen/Qwen2-0.5B'), model)).toBeUndefined();
    expect(adapterBaseMismatch(adapter('HuggingFaceTB/SmolLM2-135M'), model)).toBe(
      'its base_model_name_or_path is HuggingFaceTB/SmolLM2-135M, not /models/Qwen2-0.5B',
    );
  });
});
