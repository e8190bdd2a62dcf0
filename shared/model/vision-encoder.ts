/**
 * The ViT encoder that CLIP's and SigLIP's vision towers share (clip.ts, siglip.ts write their embeddings): the
 * patch embedding as one matrix product over flattened patches, then pre-LayerNorm encoder layers of
 * bidirectional multi-head attention and a two-layer MLP. Weights are frozen tensors named as in
 * CLIPVisionModel / SiglipVisionModel (`vision_model.encoder.layers.0.self_attn.q_proj.weight`, linear weights
 * [out, in]); LoRA applies where the whole model's LoRA layers hold an adapter for a module's full path.
 *
 * Shapes in comments: N images, G patches per side, p patch size, S positions per image, C hidden size, H heads,
 * D head dim, I MLP width.
 */
import * as tf from '@tensorflow/tfjs';
import { activate } from './activations.js';
import { assertWeightShapes, mergeHeads, splitHeads, type SharedLora } from './causal-lm.js';
import { layerNorm } from './gpt2.js';
import { visionLayerLinears, type VisionLinearModule } from './llava-layout.js';
import { patchesPerSide, type VisionConfig } from './model-config.js';

/** The weights of encoder layers 0 … layers − 1, by name, with their shapes. */
export function encoderWeightShapes(config: VisionConfig, layers: number): [string, number[]][] {
  const { hiddenSize } = config;
  const shapes: [string, number[]][] = [];
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `vision_model.encoder.layers.${layer}`;
    for (const norm of ['layer_norm1', 'layer_norm2']) {
      shapes.push([`${prefix}.${norm}.weight`, [hiddenSize]], [`${prefix}.${norm}.bias`, [hiddenSize]]);
    }
    for (const linear of Object.values(visionLayerLinears(config, layer))) {
      shapes.push([`${linear.modulePath}.weight`, [linear.outFeatures, linear.inFeatures]], [`${linear.modulePath}.bias`, [linear.outFeatures]]);
    }
  }
  return shapes;
}

/**
 * Pixels [N, 3, G·p, G·p] → flattened patches [N·G², 3·p·p], patches in row-major order and each flattened as
 * (channel, row, column): the layout of a conv weight [C, 3, p, p] viewed as [C, 3·p·p], so that the conv with
 * stride p is patches · Wᵀ. Only rank-4 transposes, which every backend has.
 */
export function flattenPatches(pixels: tf.Tensor4D, patchSize: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [count, channels, height] = pixels.shape;
    const side = height / patchSize; // G
    const rows = tf.reshape(pixels, [count * channels * side, patchSize, side, patchSize]); // [N·3·G, p, G, p]
    const tiles = tf.transpose(rows, [0, 2, 1, 3]); // [N·3·G, G, p, p]: (n, c, gy), gx, py, px
    const byChannel = tf.reshape(tiles, [count, channels, side * side, patchSize * patchSize]); // [N, 3, G², p²]
    const byPatch = tf.transpose(byChannel, [0, 2, 1, 3]); // [N, G², 3, p²]
    return tf.reshape(byPatch, [count * side * side, channels * patchSize * patchSize]);
  });
}

export abstract class VisionEncoder {
  /**
   * Takes ownership of `weights` (names without the tower's prefix, shapes checked against `expectedShapes`);
   * runs encoder layers 0 … layers − 1 only. `lora.modulePath` maps a module's tower path to its full path.
   */
  constructor(
    readonly config: VisionConfig,
    private readonly weights: ReadonlyMap<string, tf.Tensor>,
    expectedShapes: readonly [string, number[]][],
    private readonly layers: number,
    private readonly lora: SharedLora,
    modelId: string,
  ) {
    assertWeightShapes(modelId, expectedShapes, weights);
  }

  /** Pixels [N, 3, G·p, G·p] → the embeddings the encoder reads, hidden_states[0]: [N·S, C]. */
  protected abstract embed(pixels: tf.Tensor4D): tf.Tensor2D;

  /** Positions per image, S. */
  abstract get positions(): number;

  /** The hidden states at `indices` (0: embeddings, i: after layer i ≤ layers), each [N, S, C]. */
  hiddenStates(pixels: tf.Tensor4D, indices: readonly number[], training: boolean): tf.Tensor3D[] {
    return tf.tidy(() => {
      const count = pixels.shape[0];
      const reshape = (hidden: tf.Tensor2D) => tf.reshape<tf.Rank.R3>(hidden, [count, this.positions, this.config.hiddenSize]);
      let hidden = this.embed(pixels); // [N·S, C]
      const states = new Map<number, tf.Tensor3D>([[0, reshape(hidden)]]);
      for (let layer = 0; layer < this.layers; layer++) {
        hidden = this.encoderLayer(hidden, layer, count, training);
        states.set(layer + 1, reshape(hidden));
      }
      return indices.map((index) => states.get(index)!);
    });
  }

  /** A weight by its tower name, plus its trained difference when its module is in modules_to_save (call inside tf.tidy). */
  protected weight<R extends tf.Rank>(name: string): tf.Tensor<R> {
    return this.lora.saved.applyTo(this.lora.modulePath(name), this.weights.get(name) as tf.Tensor<R>);
  }

  /** Pre-LayerNorm block: x + attention(ln1(x)), then + mlp(ln2(x)). x: [N·S, C] → [N·S, C]. */
  private encoderLayer(x: tf.Tensor2D, layer: number, count: number, training: boolean): tf.Tensor2D {
    const prefix = `vision_model.encoder.layers.${layer}`;
    const norm = (input: tf.Tensor2D, name: string) =>
      layerNorm(input, this.weight(`${prefix}.${name}.weight`), this.weight(`${prefix}.${name}.bias`), this.config.layerNormEps);
    const attended = tf.add<tf.Tensor2D>(x, this.attention(norm(x, 'layer_norm1'), layer, count, training));
    const hidden = activate(this.linear(norm(attended, 'layer_norm2'), layer, 'mlp.fc1', training), this.config.hiddenAct); // [N·S, I]
    return tf.add(attended, this.linear(hidden, layer, 'mlp.fc2', training));
  }

  /** Bidirectional multi-head attention within each image. x: [N·S, C] → [N·S, C]. */
  private attention(x: tf.Tensor2D, layer: number, count: number, training: boolean): tf.Tensor2D {
    const { numHeads, headDim } = this.config;
    const positions = this.positions;
    const heads = (module: VisionLinearModule) =>
      tf.reshape(splitHeads(this.linear(x, layer, module, training), count, positions, numHeads, headDim), [count * numHeads, positions, headDim]);
    const q = heads('self_attn.q_proj'); // [N·H, S, D]
    const k = heads('self_attn.k_proj');
    const v = heads('self_attn.v_proj');
    const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim))); // [N·H, S, S]
    const out = tf.reshape<tf.Rank.R4>(tf.matMul(weights, v), [count, numHeads, positions, headDim]);
    return this.linear(mergeHeads(out), layer, 'self_attn.out_proj', training);
  }

  /** x Wᵀ + b, plus the LoRA term when the module carries an adapter. x: [N·S, in] → [N·S, out]. */
  private linear(x: tf.Tensor2D, layer: number, module: VisionLinearModule, training: boolean): tf.Tensor2D {
    const path = `vision_model.encoder.layers.${layer}.${module}`;
    const base: tf.Tensor2D = tf.matMul(x, this.weight<tf.Rank.R2>(`${path}.weight`), false, true);
    return tf.add(this.lora.layers.adapt(x, base, this.lora.modulePath(path), training), this.weight(`${path}.bias`));
  }

  /** The patch embedding's product: pixels [N, 3, G·p, G·p] → [N·G², C]. */
  protected patchEmbeddings(pixels: tf.Tensor4D): tf.Tensor2D {
    const { hiddenSize, patchSize } = this.config;
    const kernel = tf.reshape(this.weight('vision_model.embeddings.patch_embedding.weight'), [hiddenSize, 3 * patchSize * patchSize]); // [C, 3·p²]
    return tf.matMul(flattenPatches(pixels, patchSize), kernel as tf.Tensor2D, false, true);
  }

  /** Patches per image, G². */
  protected get patchCount(): number {
    return patchesPerSide(this.config) ** 2;
  }

  dispose(): void {
    for (const weight of this.weights.values()) weight.dispose();
  }
}
