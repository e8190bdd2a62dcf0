/**
 * `npm run bench:vision-train`: a client's training throughput on images, with the frozen tower's features
 * cached (each image encoded once, as the trainer does when no LoRA target or saved weight lies in the tower)
 * against running the tower in every step, at the shapes of a LLaVA with a CLIP-B/16 tower at 224 px over
 * SmolLM2-135M: LoRA r = 8 on q_proj and v_proj, the projector in modules_to_save, Adam steps on batches of
 * prompts holding one image each. Weights are seeded, images random PNGs preprocessed as CLIPImageProcessor does.
 *
 * Environment: BENCH_VISION_BACKEND (default auto) picks the tfjs backend; BENCH_VISION_STEPS (default 3) the
 * timed steps per mode, after one warm-up step; BENCH_VISION_BATCH (default 2) the prompts per step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { makeImageBatch, PixelStore, type ImageExample, type SiloImage } from '../client/image-data.js';
import { ImageInputs } from '../client/image-features.js';
import { accumulatedGradients } from '../client/trainer.js';
import { silentLogger } from '../shared/infra/log.js';
import { Adam } from '../shared/lora/adam.js';
import { initialAdapter, type LoraConfig } from '../shared/lora/lora.js';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { modelWeightShapes } from '../shared/model/base-weights.js';
import { ImageProcessor } from '../shared/model/image-processor.js';
import { LlavaModel, seededLlavaWeights } from '../shared/model/llava.js';
import { loraTargets, type LlavaDescriptor } from '../shared/model/model-config.js';
import { savedWeights } from '../shared/model/weight-shapes.js';
import { CLIP_B16_SMOLLM2 } from '../tools/hf-checkpoint.js';

const TEXT_TOKENS = 32;
const IMAGES = 4;
const BYTES = 2 ** 30;

async function main(): Promise<void> {
  const backend = await selectBackend((process.env.BENCH_VISION_BACKEND ?? 'auto') as BackendChoice, silentLogger());
  const steps = Number(process.env.BENCH_VISION_STEPS ?? 3);
  const batchSize = Number(process.env.BENCH_VISION_BATCH ?? 2);
  const descriptor: LlavaDescriptor = { id: 'clip-b16+smollm2-135m shapes', architecture: 'llava', config: CLIP_B16_SMOLLM2, fingerprint: '' };
  const model = new LlavaModel(descriptor, seededLlavaWeights(CLIP_B16_SMOLLM2, 1));
  const lora: LoraConfig = { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'], modulesToSave: ['multi_modal_projector'] };
  const saved = savedWeights(descriptor, modelWeightShapes(descriptor), lora.modulesToSave ?? []);
  model.loadAdapter(lora, initialAdapter(loraTargets(descriptor, lora.targetModules), lora.r, 1, saved));

  const dir = mkdtempSync(join(tmpdir(), 'fedlora-bench-vision-'));
  const processor = new ImageProcessor({
    resize: { shortestEdge: 224 },
    crop: { height: 224, width: 224 },
    rescaleFactor: 1 / 255,
    normalize: { mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711] },
  });
  const pixels = new PixelStore(processor, BYTES);
  const images: SiloImage[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const path = join(dir, `scan-${i}.png`);
    const noise = Buffer.from(Array.from({ length: 256 * 256 * 3 }, (_, j) => (j * 31 + i * 97) % 251));
    await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
      .png()
      .toFile(path);
    images.push({ path, hash: await pixels.add(path, path) });
  }
  const { imageTokenId, imageSeqLength } = CLIP_B16_SMOLLM2;
  const tokens = { imageTokenId, imagePositions: imageSeqLength };
  const example = (image: SiloImage): ImageExample => {
    const text = Array.from({ length: TEXT_TOKENS }, (_, i) => 100 + i);
    return {
      tokens: [1, ...new Array<number>(imageSeqLength).fill(imageTokenId), ...text, 2],
      lossMask: [0, ...new Array<number>(imageSeqLength).fill(0), ...text.map(() => 1), 1],
      images: [image],
    };
  };

  const variables = model.trainableVariables();
  const run = async (cacheFeatures: boolean) => {
    const inputs = new ImageInputs(model, pixels, BYTES);
    const optimizer = new Adam(1e-4);
    const stepMs: number[] = [];
    let tokenCount = 0;
    for (let step = 0; step <= steps; step++) {
      const started = performance.now();
      const chosen = Array.from({ length: batchSize }, (_, i) => images[(step * batchSize + i) % IMAGES]);
      const batch = makeImageBatch(chosen.map(example), 512, 0, tokens);
      const imageInput = await inputs.input(batch.images, cacheFeatures);
      const { cost, grads } = accumulatedGradients(model, [{ ...batch, imageInput }], batch.targetCount, variables, [], 0);
      optimizer.applyGradients(grads);
      await cost.data();
      tf.dispose([cost, ...Object.values(grads), ...Object.values(imageInput ?? {})]);
      // Step 0 warms up (and, cached, encodes the images it sees first).
      if (step > 0) {
        stepMs.push(performance.now() - started);
        tokenCount += batch.tokenCount;
      }
    }
    optimizer.dispose();
    inputs.dispose();
    const seconds = stepMs.reduce((a, b) => a + b, 0) / 1000;
    return { tokensPerSecond: Number((tokenCount / seconds).toFixed(1)), msPerStep: Math.round((seconds * 1000) / steps) };
  };
  const uncached = await run(false);
  const cached = await run(true);
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        backend,
        shapes: 'CLIP-B/16 at 224 px + SmolLM2-135M; LoRA r=8 on q_proj,v_proj; multi_modal_projector in modules_to_save',
        batch: `${batchSize} prompts of ${1 + imageSeqLength + TEXT_TOKENS + 1} tokens (one image each)`,
        steps,
        cachedFeatures: cached,
        towerEveryStep: uncached,
        speedup: Number((cached.tokensPerSecond / uncached.tokensPerSecond).toFixed(2)),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    ),
  );
}

await main();
