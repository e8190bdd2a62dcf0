/**
 * `npm run bench:vision`: what a vision-language model costs a client per image, at the shapes of a LLaVA with a
 * CLIP-B/16 tower at 224 px (196 patches and a class token, 12 layers of width 768) over SmolLM2-135M: the frozen
 * tower's encoding time per image (which a client caching features pays once per image), the forward pass of a
 * prompt holding the image from cached features, and peak resident memory. Weights are seeded, not read.
 *
 * Environment: BENCH_VISION_BACKEND (default auto) picks the tfjs backend; BENCH_VISION_IMAGES (default 4) the
 * images per encoding batch.
 */
import * as tf from '@tensorflow/tfjs';
import { silentLogger } from '../shared/infra/log.js';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { LlavaModel, seededLlavaWeights } from '../shared/model/llava.js';
import type { LlavaDescriptor } from '../shared/model/model-config.js';
import { CLIP_B16_SMOLLM2 } from '../tools/hf-checkpoint.js';

const PROMPT_TOKENS = 32;
const REPEATS = 3;

async function main(): Promise<void> {
  const backend = await selectBackend((process.env.BENCH_VISION_BACKEND ?? 'auto') as BackendChoice, silentLogger());
  const images = Number(process.env.BENCH_VISION_IMAGES ?? 4);
  const descriptor: LlavaDescriptor = { id: 'clip-b16+smollm2-135m shapes', architecture: 'llava', config: CLIP_B16_SMOLLM2, fingerprint: '' };
  const loadStarted = performance.now();
  const model = new LlavaModel(descriptor, seededLlavaWeights(CLIP_B16_SMOLLM2, 1));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const pixels = tf.randomNormal<tf.Rank.R4>([images, 3, 224, 224], 0, 1, 'float32', 2);

  const timed = async (run: () => tf.Tensor): Promise<number> => {
    const started = performance.now();
    const out = run();
    await out.data();
    out.dispose();
    return performance.now() - started;
  };
  await timed(() => model.encodeImages(tf.slice(pixels, [0, 0, 0, 0], [1, -1, -1, -1]))); // warm-up
  const encodeMs: number[] = [];
  for (let i = 0; i < REPEATS; i++) encodeMs.push((await timed(() => model.encodeImages(pixels))) / images);

  const features = model.encodeImages(tf.slice(pixels, [0, 0, 0, 0], [1, -1, -1, -1]));
  const ids = [1, ...new Array<number>(196).fill(CLIP_B16_SMOLLM2.imageTokenId), ...Array.from({ length: PROMPT_TOKENS }, (_, i) => 100 + i)];
  const inputIds = tf.tensor2d([ids], [1, ids.length], 'int32');
  await timed(() => model.forward(inputIds, { images: { features } })); // warm-up
  const forwardMs: number[] = [];
  for (let i = 0; i < REPEATS; i++) forwardMs.push(await timed(() => model.forward(inputIds, { images: { features } })));
  model.dispose();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const report = {
    backend,
    shapes: 'CLIP-B/16 at 224 px (197 positions, feature layer 11 of 12) + SmolLM2-135M',
    seedSeconds: Number(loadSeconds.toFixed(1)),
    encodeMsPerImage: Number(median(encodeMs).toFixed(0)),
    imagesPerBatch: images,
    forwardMsFromFeatures: Number(median(forwardMs).toFixed(0)),
    forwardPositions: ids.length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
