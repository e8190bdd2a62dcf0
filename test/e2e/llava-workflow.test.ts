/**
 * The model commands on vision-language models: `generate --image` continues as argmax of full forward passes
 * with the image, `export --merged` writes the LoRA-merged language model in the base checkpoint's layout, and
 * builtin:tiny-vlm is seeded and trains in a simulation.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../cli/export.js';
import { generate } from '../../cli/generate.js';
import { simulate } from '../../cli/simulate.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { imageProcessorFor } from '../../shared/model/image-processor.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import type { LlavaModel } from '../../shared/model/llava.js';
import { loadModel, loadModelWithAdapter } from '../../shared/model/load.js';
import { loraTargets, resolveModel, type LlavaDescriptor, type LlavaLayout } from '../../shared/model/model-config.js';
import { readSafetensorsHeaderSync } from '../../shared/model/safetensors.js';
import {
  llamaHfConfig,
  llavaHfConfig,
  llavaTensors,
  TINY_CLIP_VISION,
  TINY_GQA_LLAMA,
  writeCheckpoint,
  writePreprocessorConfig,
} from '../../tools/hf-checkpoint.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-llava-workflow-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const IMAGE_TOKEN = 265;

function writeLlava(layout: LlavaLayout): string {
  const dir = join(root, layout);
  const spec = {
    text: { hfConfig: llamaHfConfig(TINY_GQA_LLAMA, 'LlamaForCausalLM'), shapes: baseWeightShapes(TINY_GQA_LLAMA) },
    vision: TINY_CLIP_VISION,
    layout,
    featureSize: 8,
    seed: 21,
    extra: { image_token_index: IMAGE_TOKEN, vision_feature_layer: -2, vision_feature_select_strategy: 'default' },
  };
  writeCheckpoint(dir, { hfConfig: llavaHfConfig(spec), tensors: llavaTensors(spec), tokenizer: { addsBos: true } });
  writePreprocessorConfig(dir, TINY_CLIP_VISION);
  return dir;
}

const dirs = { legacy: writeLlava('legacy'), current: writeLlava('current') };
const imagePath = join(root, 'scan.png');
const random = new SeededRandom(3);
await sharp(Buffer.from(Array.from({ length: 8 * 8 * 3 }, () => Math.floor(random.next() * 256))), { raw: { width: 8, height: 8, channels: 3 } })
  .png()
  .toFile(imagePath);

describe('generate --image', () => {
  it('greedy generation with the KV cache continues as argmax of full forward passes with the image', async () => {
    const options = {
      model: dirs.legacy,
      prompt: 'the <image> hello',
      image: imagePath,
      maxNewTokens: 5,
      temperature: 0,
      seed: 0,
      backend: 'cpu',
      logger: silentLogger(),
    } as const;
    const greedy = await generate(options);
    const { model, tokenizer, descriptor } = await loadModelWithAdapter(dirs.legacy, { logger: silentLogger() });
    const image = await imageProcessorFor(descriptor as LlavaDescriptor).preprocessFile(imagePath);
    const pixels = tf.tensor4d(image.data, [1, 3, 8, 8]);
    const ids = [tokenizer.bosId!, ...tokenizer.encode('the '), ...new Array(4).fill(IMAGE_TOKEN), ...tokenizer.encode(' hello')];
    const expected: number[] = [];
    for (let i = 0; i < greedy.tokenIds.length; i++) {
      const next = tf.tidy(
        () =>
          tf
            .argMax(model.forward(tf.tensor2d([ids], undefined, 'int32'), { images: { pixels } }).squeeze([0]), -1)
            .dataSync()
            .at(-1)!,
      );
      expected.push(next);
      ids.push(next);
    }
    model.dispose();
    expect(greedy.tokenIds.length).toBeGreaterThan(0);
    expect(greedy.tokenIds).toEqual(expected);
  });

  it('asks a vision-language model for its image, refuses one for a text model, and counts the marks', async () => {
    const options = { model: dirs.legacy, prompt: 'hi', maxNewTokens: 1, temperature: 0, seed: 0, backend: 'cpu', logger: silentLogger() } as const;
    await expect(generate(options)).rejects.toThrow(/reads an image: give one with --image/);
    await expect(generate({ ...options, prompt: '<image><image>', image: imagePath })).rejects.toThrow(/marks 2 images with <image>, but --image gives one/);
    await expect(generate({ ...options, model: 'builtin:tiny', image: imagePath })).rejects.toThrow(ConfigError);
  });
});

describe('export --merged', () => {
  it.each(['legacy', 'current'] as const)('merges LoRA into the language model and keeps the %s layout', async (layout) => {
    const descriptor = resolveModel(dirs[layout]);
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    const generator = new SeededRandom(4);
    const adapter = makeAdapter(
      loraTargets(descriptor, lora.targetModules).flatMap((target) => {
        const names = loraTensorNames(target.modulePath);
        return [
          [names.a, { shape: [2, target.inFeatures], data: generator.fillNormal(new Float32Array(2 * target.inFeatures), 0.5) }],
          [names.b, { shape: [target.outFeatures, 2], data: generator.fillNormal(new Float32Array(2 * target.outFeatures), 0.5) }],
        ] as const;
      }),
    );
    const runDir = join(root, `run-${layout}`);
    mkdirSync(join(runDir, 'rounds'), { recursive: true });
    await writePeftAdapter(join(runDir, 'rounds', '1'), adapter, { lora, baseModel: dirs[layout] });
    const out = join(root, `merged-${layout}`);
    const { files } = await exportRun({ runDir, out, merged: true, model: dirs[layout] });
    expect(files).toContain('preprocessor_config.json');
    const names = readSafetensorsHeaderSync(join(out, 'model.safetensors')).entries.map((entry) => entry.name);
    expect(names.some((name) => name.startsWith(layout === 'legacy' ? 'language_model.model.' : 'model.language_model.'))).toBe(true);

    const ids = [1, ...new Array(4).fill(IMAGE_TOKEN), 72, 101];
    const pixels = tf.tensor4d(random.fillNormal(new Float32Array(3 * 64), 1), [1, 3, 8, 8]);
    const logits = async (model: Awaited<ReturnType<typeof loadModel>>) => {
      const values = await model.forward(tf.tensor2d([ids], undefined, 'int32'), { images: { pixels } }).data();
      model.dispose();
      return values;
    };
    const adapted = await loadModel(descriptor);
    adapted.loadAdapter(lora, adapter);
    const expected = await logits(adapted);
    const merged = await logits(await loadModel(resolveModel(out)));
    const base = await logits(await loadModel(descriptor));
    const difference = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
    expect(difference(merged, expected)).toBeLessThan(1e-4);
    expect(difference(base, expected)).toBeGreaterThan(1e-2);
  });
});

describe('builtin:tiny-vlm', () => {
  it('is seeded: the same weights everywhere, 16 feature positions per 32 × 32 image', async () => {
    const descriptor = resolveModel('builtin:tiny-vlm');
    const [first, second] = await Promise.all([loadModel(descriptor), loadModel(descriptor)]);
    const pixels = tf.tensor4d(random.fillNormal(new Float32Array(2 * 3 * 32 * 32), 1), [2, 3, 32, 32]);
    const features = (first as LlavaModel).encodeImages(pixels);
    expect(features.shape).toEqual([2, 16, 32]);
    expect(await features.data()).toEqual(await (second as LlavaModel).encodeImages(pixels).data());
    first.dispose();
    second.dispose();
  });

  it('trains in a simulation, its adapters named for the legacy LLaVA layout', async () => {
    const runDir = join(root, 'sim');
    const result = await simulate({
      clients: 2,
      rounds: 1,
      localSteps: 4,
      port: 0,
      backend: 'wasm',
      runDir,
      model: 'builtin:tiny-vlm',
      logger: silentLogger(),
      print: () => undefined,
    });
    expect(result.rounds.at(-1)!.eval_loss!).toBeLessThan(result.baselineEvalLoss!);
    const peft = await readPeftAdapter(join(runDir, 'rounds', '1'));
    expect(peft.adapter.get('base_model.model.language_model.model.layers.1.self_attn.v_proj.lora_B.weight')!.shape).toEqual([32, 8]);
  }, 60_000);
});
