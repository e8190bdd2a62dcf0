/**
 * SigLIP's vision tower (SiglipVisionModel): patches embedded by a conv with bias, learned position embeddings, no
 * class token and no LayerNorm before the shared ViT encoder (vision-encoder.ts), whose MLPs use gelu_pytorch_tanh.
 *
 * LLaVA reads hidden_states[vision_feature_layer], which never pass `post_layernorm` nor the attention-pooling
 * `head`, so those weights are not read.
 *
 * Shapes in comments: N images, S = G² positions, C hidden size.
 */
import * as tf from '@tensorflow/tfjs';
import type { SharedLora } from './causal-lm.js';
import { patchesPerSide, type VisionConfig } from './model-config.js';
import { encoderWeightShapes, VisionEncoder } from './vision-encoder.js';

/** The weights a forward pass through `layers` encoder layers reads, by SiglipVisionModel name, with shapes. */
export function siglipWeightShapes(config: VisionConfig, layers: number): [string, number[]][] {
  const { hiddenSize, patchSize } = config;
  return [
    ['vision_model.embeddings.patch_embedding.weight', [hiddenSize, 3, patchSize, patchSize]],
    ['vision_model.embeddings.patch_embedding.bias', [hiddenSize]],
    ['vision_model.embeddings.position_embedding.weight', [patchesPerSide(config) ** 2, hiddenSize]],
    ...encoderWeightShapes(config, layers),
  ];
}

export class SiglipVisionModel extends VisionEncoder {
  constructor(config: VisionConfig, weights: ReadonlyMap<string, tf.Tensor>, layers: number, lora: SharedLora, modelId: string) {
    super(config, weights, siglipWeightShapes(config, layers), layers, lora, modelId);
  }

  get positions(): number {
    return this.patchCount;
  }

  /** patches + bias + positions: [N·S, C]. */
  protected embed(pixels: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const count = pixels.shape[0];
      const { hiddenSize } = this.config;
      const patches = tf.add(this.patchEmbeddings(pixels), this.weight('vision_model.embeddings.patch_embedding.bias')); // [N·S, C]
      const positioned = tf.add(tf.reshape(patches, [count, this.positions, hiddenSize]), this.weight('vision_model.embeddings.position_embedding.weight'));
      return tf.reshape(positioned, [count * this.positions, hiddenSize]);
    });
  }
}
