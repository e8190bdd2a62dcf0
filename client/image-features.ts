/**
 * What a vision-language model reads for a batch's images. With a frozen tower (no LoRA target and no
 * modules_to_save weight in it) an image's features never change, so each is computed once and kept, keyed by
 * the image's content hash, across steps and rounds, in a cache bounded by bytes; otherwise the batch's pixels go
 * through the tower inside the training step, so that its adapted parts get gradients.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoraConfig } from '../shared/lora/lora.js';
import type { ImageInput, VisionLanguageModel } from '../shared/model/causal-lm.js';
import { modelWeightShapes } from '../shared/model/base-weights.js';
import { llavaPartPrefixes } from '../shared/model/llava-layout.js';
import { loraTargets, type LlavaDescriptor } from '../shared/model/model-config.js';
import { savedWeights } from '../shared/model/weight-shapes.js';
import { BoundedCache } from './bounded-cache.js';
import type { PixelStore, SiloImage } from './image-data.js';

/** Whether training changes the tower: a LoRA target or a weight of modules_to_save lies in it. */
export function towerTrains(model: LlavaDescriptor, lora: LoraConfig): boolean {
  const tower = llavaPartPrefixes(model.config.layout).vision;
  const targets = loraTargets(model, lora.targetModules).map((target) => target.modulePath);
  const saved = savedWeights(model, modelWeightShapes(model), lora.modulesToSave ?? []).map((weight) => weight.name);
  return [...targets, ...saved].some((name) => name.startsWith(tower));
}

export class ImageInputs {
  /** Features [P, F] by image content hash; evicted ones are disposed. */
  private readonly features: BoundedCache<tf.Tensor2D>;

  constructor(
    private readonly model: VisionLanguageModel,
    private readonly pixels: PixelStore,
    featureCacheBytes: number,
  ) {
    this.features = new BoundedCache(
      featureCacheBytes,
      (t) => t.size * 4,
      (t) => t.dispose(),
    );
  }

  /** Features computed so far and kept. */
  get cachedImages(): number {
    return this.features.size;
  }

  /**
   * The model input for `images` (in batch order), or undefined for none; the caller disposes its tensor. With
   * `cacheFeatures`, the frozen tower's features (missing ones computed now, outside any gradient tape); without,
   * the pixels.
   */
  async input(images: readonly SiloImage[], cacheFeatures: boolean): Promise<ImageInput | undefined> {
    if (images.length === 0) return undefined;
    const pixels = async (wanted: readonly SiloImage[]) => {
      const all = await Promise.all(wanted.map((image) => this.pixels.pixels(image)));
      const { height, width } = all[0];
      const data = new Float32Array(all.length * 3 * height * width);
      all.forEach((p, i) => data.set(p.data, i * p.data.length));
      return tf.tensor4d(data, [all.length, 3, height, width]);
    };
    if (!cacheFeatures) return { pixels: await pixels(images) };
    const missing = [...new Map(images.filter((image) => !this.features.get(image.hash)).map((image) => [image.hash, image])).values()];
    const computed = new Map<string, tf.Tensor2D>();
    if (missing.length > 0) {
      const batch = await pixels(missing);
      const encoded = this.model.encodeImages(batch);
      tf.unstack(encoded).forEach((features, i) => computed.set(missing[i].hash, features as tf.Tensor2D));
      tf.dispose([batch, encoded]);
    }
    // Stacked before caching the new ones, since a cache smaller than the batch may drop them at once.
    const stacked = tf.stack(images.map((image) => computed.get(image.hash) ?? this.features.get(image.hash)!)) as tf.Tensor3D;
    for (const [hash, features] of computed) this.features.set(hash, features);
    return { features: stacked };
  }

  dispose(): void {
    this.features.clear();
  }
}
