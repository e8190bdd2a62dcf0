/**
 * CLIP's vision tower (CLIPVisionModel): patches embedded by a conv without bias, a learned class token before
 * them, learned position embeddings, `pre_layrnorm` (sic, Hugging Face's name), then the shared ViT encoder
 * (vision-encoder.ts) with quick_gelu MLPs.
 *
 * LLaVA reads hidden_states[vision_feature_layer], which never pass `post_layernorm` (it only normalises the pooled
 * class token), so that weight is not read.
 *
 * Shapes in comments: N images, G² patches, S = G² + 1 positions, C hidden size.
 */
import * as tf from '@tensorflow/tfjs';
import type { SharedLora } from './causal-lm.js';
import { layerNorm } from './gpt2.js';
import { patchesPerSide, type VisionConfig } from './model-config.js';
import { encoderWeightShapes, VisionEncoder } from './vision-encoder.js';

/** The weights a forward pass through `layers` encoder layers reads, by CLIPVisionModel name, with shapes. */
export function clipWeightShapes(config: VisionConfig, layers: number): [string, number[]][] {
  const { hiddenSize, patchSize } = config;
  return [
    ['vision_model.embeddings.class_embedding', [hiddenSize]],
    ['vision_model.embeddings.patch_embedding.weight', [hiddenSize, 3, patchSize, patchSize]],
    ['vision_model.embeddings.position_embedding.weight', [patchesPerSide(config) ** 2 + 1, hiddenSize]],
    ['vision_model.pre_layrnorm.weight', [hiddenSize]],
    ['vision_model.pre_layrnorm.bias', [hiddenSize]],
    ...encoderWeightShapes(config, layers),
  ];
}

export class ClipVisionModel extends VisionEncoder {
  constructor(config: VisionConfig, weights: ReadonlyMap<string, tf.Tensor>, layers: number, lora: SharedLora, modelId: string) {
    super(config, weights, clipWeightShapes(config, layers), layers, lora, modelId);
  }

  get positions(): number {
    return this.patchCount + 1;
  }

  /** pre_layrnorm(cat(class, patches) + positions): [N·S, C]. */
  protected embed(pixels: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const count = pixels.shape[0];
      const { hiddenSize, layerNormEps } = this.config;
      const patches = tf.reshape(this.patchEmbeddings(pixels), [count, this.patchCount, hiddenSize]); // [N, G², C]
      const classToken = tf.tile(tf.reshape(this.weight('vision_model.embeddings.class_embedding'), [1, 1, hiddenSize]), [count, 1, 1]); // [N, 1, C]
      const embedded = tf.add(tf.concat([classToken, patches], 1), this.weight('vision_model.embeddings.position_embedding.weight')); // [N, S, C]
      const flat = tf.reshape<tf.Rank.R2>(embedded, [count * this.positions, hiddenSize]);
      return layerNorm(flat, this.weight('vision_model.pre_layrnorm.weight'), this.weight('vision_model.pre_layrnorm.bias'), layerNormEps);
    });
  }
}
