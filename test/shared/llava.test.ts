/**
 * LLaVA checkpoints (LlavaForConditionalGeneration) written by the test in both weight-name layouts, with a CLIP
 * tower over a Llama and a SigLIP tower over GPT-2: their logits match an independent float64 reference
 * (test/helpers/reference-vision.ts), both layouts give the same logits, adapters carry PEFT's names for the
 * layout, the fingerprint covers the tower, and bad configurations and checkpoints are refused by name.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { CheckpointError, ConfigError, DataError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { loraScaling, loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { selectBackend } from '../../shared/model/backend.js';
import { isVisionLanguageModel, type CausalLM, type VisionLanguageModel } from '../../shared/model/causal-lm.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel } from '../../shared/model/load.js';
import { loraTargets, resolveModel, resolveModelForCoordinator, type LlavaLayout, type VisionConfig } from '../../shared/model/model-config.js';
import {
  gpt2HfConfig,
  llamaHfConfig,
  llavaHfConfig,
  llavaTensors,
  TINY_CLIP_VISION,
  TINY_GPT2,
  TINY_GQA_LLAMA,
  TINY_SIGLIP_VISION,
  writeCheckpoint,
  writePreprocessorConfig,
  type LlavaCheckpointSpec,
} from '../../tools/hf-checkpoint.js';
import { refForward, refGpt2Forward, type RefInput, type RefLora, type Vector } from '../helpers/reference.js';
import { refImageEmbeddings, type RefLlava } from '../helpers/reference-vision.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-llava-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend('cpu', silentLogger());
});

interface Case {
  readonly name: string;
  readonly vision: VisionConfig;
  readonly spec: (layout: LlavaLayout) => LlavaCheckpointSpec;
  readonly ref: RefLlava;
  readonly imageTokenId: number;
  readonly text: (weights: Map<string, Float32Array>, inputs: RefInput[], lora: RefLora) => Vector[];
  /** A stored name → the text model's own name, or undefined. */
  readonly textName: (layout: LlavaLayout, stored: string) => string | undefined;
}

const textName = (top: string) => (layout: LlavaLayout, stored: string) => {
  if (layout === 'legacy') return stored.startsWith('language_model.') ? stored.slice('language_model.'.length) : undefined;
  if (stored.startsWith('lm_head.')) return stored;
  return stored.startsWith('model.language_model.') ? `${top}.${stored.slice('model.language_model.'.length)}` : undefined;
};

const CASES: Case[] = [
  {
    // Feature layer −2 of 3 (the last layer is stored but never run), class token dropped, image token inside the vocabulary.
    name: 'clip+llama',
    vision: TINY_CLIP_VISION,
    spec: (layout) => ({
      text: { hfConfig: llamaHfConfig(TINY_GQA_LLAMA, 'LlamaForCausalLM'), shapes: baseWeightShapes(TINY_GQA_LLAMA) },
      vision: TINY_CLIP_VISION,
      layout,
      featureSize: 8,
      seed: 11,
      extra: { image_token_index: 265, projector_hidden_act: 'gelu', vision_feature_layer: -2, vision_feature_select_strategy: 'default', image_seq_length: 4 },
    }),
    ref: { vision: TINY_CLIP_VISION, featureLayers: [2], dropFirst: true, projectorAct: 'gelu', textWidth: 16 },
    imageTokenId: 265,
    text: (w, inputs, lora) => refForward(TINY_GQA_LLAMA, w, inputs, lora),
    textName: textName('model'),
  },
  {
    // Two feature layers concatenated, every position kept, image token past the vocabulary (`image_token_id`).
    name: 'siglip+gpt2',
    vision: TINY_SIGLIP_VISION,
    spec: (layout) => ({
      text: { hfConfig: gpt2HfConfig(TINY_GPT2), shapes: gpt2WeightShapes(TINY_GPT2) },
      vision: TINY_SIGLIP_VISION,
      layout,
      featureSize: 16,
      seed: 12,
      extra: { image_token_id: 300, projector_hidden_act: 'gelu_pytorch_tanh', vision_feature_layer: [-1, 0], vision_feature_select_strategy: 'full' },
    }),
    ref: { vision: TINY_SIGLIP_VISION, featureLayers: [2, 0], dropFirst: false, projectorAct: 'gelu_pytorch_tanh', textWidth: 16 },
    imageTokenId: 300,
    text: (w, inputs, lora) => refGpt2Forward(TINY_GPT2, w, inputs, lora),
    textName: textName('transformer'),
  },
];

function writeLlava(dir: string, spec: LlavaCheckpointSpec, edit?: (tensors: ReturnType<typeof llavaTensors>) => void): Map<string, Float32Array> {
  const tensors = llavaTensors(spec);
  edit?.(tensors);
  const stored = writeCheckpoint(dir, { hfConfig: llavaHfConfig(spec), tensors, tokenizer: { addsBos: true } });
  writePreprocessorConfig(dir, spec.vision);
  return stored;
}

const random = new SeededRandom(5);
const PIXELS = Array.from({ length: 2 }, () => random.fillNormal(new Float32Array(3 * 8 * 8), 1));
const prefixes = (layout: LlavaLayout) =>
  layout === 'legacy'
    ? { vision: 'vision_tower.', projector: 'multi_modal_projector.' }
    : { vision: 'model.vision_tower.', projector: 'model.multi_modal_projector.' };

function sequence(imageTokenId: number): number[] {
  const image = new Array<number>(4).fill(imageTokenId);
  return [5, ...image, 72, 101, ...image, 33];
}

/** The reference's logits: text positions embed their ids, image positions the projected features, in order. */
function referenceLogits(c: Case, layout: LlavaLayout, stored: Map<string, Float32Array>, ids: number[], lora: RefLora = new Map()): Vector[] {
  const w = (name: string) => stored.get(name)!;
  const images = PIXELS.map((pixels) => refImageEmbeddings(c.ref, w, pixels, lora, prefixes(layout)));
  const rows = images.flat();
  const inputs: RefInput[] = ids.map((id) => (id === c.imageTokenId ? rows.shift()! : id));
  const textWeights = new Map(
    [...stored].flatMap(([name, data]) => (c.textName(layout, name) === undefined ? [] : [[c.textName(layout, name)!, data] as const])),
  );
  // Text LoRA under the text model's own paths.
  const textLora = new Map(
    [...lora].flatMap(([path, adapter]) => (c.textName(layout, path) === undefined ? [] : [[c.textName(layout, path)!, adapter] as const])),
  );
  return c.text(textWeights, inputs, textLora);
}

async function logits(model: CausalLM, ids: number[], images = { pixels: tf.tensor4d(concat(PIXELS), [2, 3, 8, 8]) }): Promise<number[][]> {
  const out = model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { images });
  const values = (await out.array()) as number[][][];
  out.dispose();
  return values[0];
}

function concat(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  arrays.reduce((offset, a) => (out.set(a, offset), offset + a.length), 0);
  return out;
}

function maxDifference(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, t) => row.map((v, i) => Math.abs(v - b[t][i]))));
}

describe.each(CASES)('$name', (c) => {
  const dirs = { legacy: join(root, `${c.name}-legacy`), current: join(root, `${c.name}-current`) };
  const stored = { legacy: writeLlava(dirs.legacy, c.spec('legacy')), current: writeLlava(dirs.current, c.spec('current')) };

  it.each(['legacy', 'current'] as const)('the %s layout loads and its logits match the reference to 1e-4', async (layout) => {
    const model = await loadModel(resolveModel(dirs[layout]));
    try {
      expect(isVisionLanguageModel(model)).toBe(true);
      const ids = sequence(c.imageTokenId);
      expect(maxDifference(await logits(model, ids), referenceLogits(c, layout, stored[layout], ids))).toBeLessThan(1e-4);
    } finally {
      model.dispose();
    }
  });

  it('both layouts give the same logits, from pixels or from cached features', async () => {
    const [legacy, current] = (await Promise.all([loadModel(resolveModel(dirs.legacy)), loadModel(resolveModel(dirs.current))])) as VisionLanguageModel[];
    try {
      const ids = sequence(c.imageTokenId);
      const fromPixels = await logits(legacy, ids);
      expect(maxDifference(await logits(current, ids), fromPixels)).toBeLessThan(1e-6);
      const features = legacy.encodeImages(tf.tensor4d(concat(PIXELS), [2, 3, 8, 8]));
      expect(features.shape).toEqual([2, 4, c.ref.featureLayers.length * 8]);
      expect(maxDifference(await logits(legacy, ids, { features } as never), fromPixels)).toBe(0);
    } finally {
      legacy.dispose();
      current.dispose();
    }
  });

  it.each(['legacy', 'current'] as const)('LoRA on the language model and on a tower module named by full path matches the reference (%s)', async (layout) => {
    const descriptor = resolveModel(dirs[layout]);
    const textModules = c.name.startsWith('clip') ? ['q_proj', 'v_proj'] : ['c_attn'];
    const visionModule = `${prefixes(layout).vision}vision_model.encoder.layers.0.self_attn.q_proj`;
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: [...textModules, visionModule] };
    const targets = loraTargets(descriptor, lora.targetModules);
    const generator = new SeededRandom(9);
    const entries: [string, TensorData][] = targets.flatMap((target) => {
      const names = loraTensorNames(target.modulePath);
      return [
        [names.a, { shape: [2, target.inFeatures], data: generator.fillNormal(new Float32Array(2 * target.inFeatures), 0.5) }],
        [names.b, { shape: [target.outFeatures, 2], data: generator.fillNormal(new Float32Array(2 * target.outFeatures), 0.5) }],
      ];
    });
    const adapter: AdapterWeights = makeAdapter(entries);
    const refLora: RefLora = new Map(
      targets.map((target) => {
        const names = loraTensorNames(target.modulePath);
        return [target.modulePath, { a: adapter.get(names.a)!.data, b: adapter.get(names.b)!.data, r: 2, scaling: loraScaling(lora) }];
      }),
    );
    const model = await loadModel(descriptor);
    try {
      model.loadAdapter(lora, adapter);
      const ids = sequence(c.imageTokenId);
      expect(maxDifference(await logits(model, ids), referenceLogits(c, layout, stored[layout], ids, refLora))).toBeLessThan(1e-4);
    } finally {
      model.dispose();
    }
  });

  it('refuses a prompt whose image tokens do not match the images, naming the counts', async () => {
    const model = await loadModel(resolveModel(dirs.legacy));
    try {
      const ids = sequence(c.imageTokenId).slice(1, -2); // one image token short
      await expect(logits(model, ids)).rejects.toThrow(DataError);
      await expect(logits(model, ids)).rejects.toThrow(/7 image tokens.*2 image\(s\) of 4 feature positions need 8/);
    } finally {
      model.dispose();
    }
  });
});

describe('LLaVA adapters and fingerprints', () => {
  const spec = CASES[0].spec;
  const legacyDir = join(root, 'names-legacy');
  const currentDir = join(root, 'names-current');
  writeLlava(legacyDir, spec('legacy'));
  writeLlava(currentDir, spec('current'));

  it("names adapters as PEFT's get_peft_model_state_dict does for each layout; q_proj selects the language model only", () => {
    const names = (dir: string) => loraTargets(resolveModel(dir), ['q_proj']).map((t) => loraTensorNames(t.modulePath).a);
    expect(names(legacyDir)).toEqual([
      'base_model.model.language_model.model.layers.0.self_attn.q_proj.lora_A.weight',
      'base_model.model.language_model.model.layers.1.self_attn.q_proj.lora_A.weight',
    ]);
    expect(names(currentDir)).toEqual([
      'base_model.model.model.language_model.layers.0.self_attn.q_proj.lora_A.weight',
      'base_model.model.model.language_model.layers.1.self_attn.q_proj.lora_A.weight',
    ]);
  });

  it('refuses a tower module by a path that is not one, or of a layer the features never reach', () => {
    const model = resolveModel(legacyDir);
    expect(() => loraTargets(model, ['vision_model.encoder.layers.0.self_attn.q_proj'])).toThrow(
      /unknown LoRA target module.*vision_tower\.vision_model\.encoder\.layers\.0\.self_attn\.q_proj/,
    );
    // Feature layer −2 of 3: layer 2 never runs.
    expect(() => loraTargets(model, ['vision_tower.vision_model.encoder.layers.2.mlp.fc1'])).toThrow(ConfigError);
  });

  it('the fingerprint covers the whole checkpoint, tower weights the features never read included', () => {
    const changed = join(root, 'changed-tower');
    writeLlava(changed, spec('legacy'), (tensors) => tensors.get('vision_tower.vision_model.post_layernorm.weight')!.data.fill(3));
    expect(resolveModel(changed).fingerprint).not.toBe(resolveModel(legacyDir).fingerprint);
  });

  it("a coordinator's copy of config.json alone shapes the same adapters, its layout told by the transformers version", () => {
    for (const dir of [legacyDir, currentDir]) {
      const configOnly = join(root, `config-only-${dir.endsWith('legacy') ? 'legacy' : 'current'}`);
      mkdirSync(configOnly, { recursive: true });
      copyFileSync(join(dir, 'config.json'), join(configOnly, 'config.json'));
      const full = resolveModel(dir);
      const coordinator = resolveModelForCoordinator(configOnly, full.fingerprint);
      expect(loraTargets(coordinator, ['q_proj', 'v_proj'])).toEqual(loraTargets(full, ['q_proj', 'v_proj']));
    }
  });
});

describe('refused LLaVA configurations and checkpoints', () => {
  const base = CASES[0].spec('legacy');
  const write = (name: string, extra: Record<string, unknown>, edit?: (tensors: ReturnType<typeof llavaTensors>) => void) => {
    const dir = join(root, `bad-${name}`);
    writeLlava(dir, { ...base, extra: { ...base.extra, ...extra } }, edit);
    return dir;
  };

  it('names the field of a configuration it cannot honour', () => {
    const vision = join(root, 'bad-vision-type');
    mkdirSync(vision, { recursive: true });
    writeFileSync(join(vision, 'config.json'), JSON.stringify({ ...llavaHfConfig(base), vision_config: { model_type: 'dinov2' } }));
    expect(() => resolveModel(vision)).toThrow(/vision_config: model_type "dinov2" is not supported/);
    expect(() => resolveModel(write('seq-length', { image_seq_length: 576 }))).toThrow(/image_seq_length is 576, but the tower gives 4 feature positions/);
    expect(() => resolveModel(write('feature-layer', { vision_feature_layer: -5 }))).toThrow(/vision_feature_layer must name hidden states/);
    expect(() => resolveModel(write('strategy', { vision_feature_select_strategy: 'cls' }))).toThrow(/vision_feature_select_strategy "cls" is not supported/);
    expect(() => resolveModel(write('act', { projector_hidden_act: 'swish' }))).toThrow(/projector_hidden_act "swish" is not supported/);
  });

  it('names a missing or misshapen tower weight', async () => {
    const missing = write('missing', {}, (tensors) => tensors.delete('vision_tower.vision_model.encoder.layers.1.mlp.fc2.weight'));
    await expect(loadModel(resolveModel(missing))).rejects.toThrow(CheckpointError);
    await expect(loadModel(resolveModel(missing))).rejects.toThrow(/missing weight vision_tower\.vision_model\.encoder\.layers\.1\.mlp\.fc2\.weight/);
    const misshapen = write('misshapen', {}, (tensors) => tensors.set('multi_modal_projector.linear_1.weight', { shape: [16, 4], data: new Float32Array(64) }));
    await expect(loadModel(resolveModel(misshapen))).rejects.toThrow(/multi_modal_projector\.linear_1\.weight has shape \[16, 4\], expected \[16, 8\]/);
  });

  it('refuses a checkpoint that mixes both layouts', () => {
    const mixed = write('mixed', {}, (tensors) => tensors.set('model.language_model.norm.weight', { shape: [16], data: new Float32Array(16) }));
    expect(() => resolveModel(mixed)).toThrow(/mixes both LLaVA weight layouts/);
  });

  it('refuses images to a text model', async () => {
    const text = await loadModel(resolveModel('builtin:tiny'));
    try {
      expect(() => text.forward(tf.tensor2d([[1]], [1, 1], 'int32'), { images: { pixels: tf.zeros([1, 3, 8, 8]) as tf.Tensor4D } })).toThrow(/is a text model/);
    } finally {
      text.dispose();
    }
  });
});
