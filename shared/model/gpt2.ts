/**
 * GPT-2 (GPT2LMHeadModel) in tfjs, with LoRA adapters on its Conv1D layers. Read top to bottom: LayerNorm and
 * gelu_new, the weights, then the model.
 *
 * Shapes in comments: B batch, T new positions, S positions attended (past + T), C hidden size, H heads,
 * D head dim, I MLP width, V vocabulary, P positions.
 *
 * GPT-2's Conv1D stores its weight as [in, out] and computes y = x W + b (no transpose, unlike nn.Linear);
 * the LoRA factors keep PEFT's shapes (A [r, in], B [out, r]). Pre-LayerNorm blocks, learned position
 * embeddings, and an output head tied to the token embeddings.
 */
import * as tf from '@tensorflow/tfjs';
import { type BaseWeight, LoraCausalLM, mergeHeads, positionsAfter, splitHeads, type ForwardOptions, type OutputHead, type SharedLora } from './causal-lm.js';
import { groupedCausalAttention } from './fused/attention.js';
import type { Gpt2Config, Gpt2Descriptor, Gpt2Linear } from './model-config.js';
import { gpt2WeightShapes } from './weight-shapes.js';

export { gpt2WeightShapes };

/** (x − mean) / sqrt(var + eps) · weight + bias over the last axis. x: [N, C]; weight, bias: [C]. */
export function layerNorm(x: tf.Tensor2D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true); // [N, 1] each
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), weight), bias);
  });
}

/** gelu_new, the tanh approximation: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
export function geluNew(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
  });
}

export class Gpt2Model extends LoraCausalLM {
  readonly config: Gpt2Config;

  /**
   * Takes ownership of `weights` (names and shapes of gpt2WeightShapes); dispose() frees them. `shared`: the LoRA
   * layers of a model this one is part of.
   */
  constructor(descriptor: Gpt2Descriptor, weights: ReadonlyMap<string, BaseWeight>, shared?: SharedLora) {
    super(descriptor, weights, gpt2WeightShapes(descriptor.config), shared);
    this.config = descriptor.config;
  }

  embedTokens(inputIds: tf.Tensor2D): tf.Tensor3D {
    const [batch, seqLen] = inputIds.shape;
    return tf.tidy(() => tf.reshape(tf.gather(this.weight('transformer.wte.weight'), tf.reshape(inputIds, [-1])), [batch, seqLen, this.config.hiddenSize]));
  }

  /** Position embeddings are added here, to token and image embeddings alike (as GPT2Model does with inputs_embeds). */
  hiddenStates(embeddings: tf.Tensor3D, options: ForwardOptions = {}): tf.Tensor3D {
    const batch = embeddings.shape[0];
    const prefix = this.prefix.count(options.cache?.length ?? 0);
    const { past, seqLen } = positionsAfter(embeddings.shape[1], options.cache, this.config.maxPositionEmbeddings, prefix);
    const { numLayers, hiddenSize, layerNormEps: eps } = this.config;
    return tf.tidy(() => {
      const prefixes = prefix > 0 ? this.prefix.keysValues() : undefined;
      const positions = tf.slice(this.weight('transformer.wpe.weight'), [past, 0], [seqLen, -1]); // [T, C]
      const positioned = tf.add(embeddings, positions); // [B, T, C]
      // The residual stream stays 2-D, [B·T, C], so that every Conv1D is a plain 2-D product.
      let hidden = tf.reshape<tf.Rank.R2>(positioned, [batch * seqLen, hiddenSize]);
      for (let layer = 0; layer < numLayers; layer++) {
        const prefix = `transformer.h.${layer}`;
        const attentionInput = layerNorm(hidden, this.weight(`${prefix}.ln_1.weight`), this.weight(`${prefix}.ln_1.bias`), eps);
        hidden = tf.add(hidden, this.attention(attentionInput, layer, batch, seqLen, prefixes, options));
        const mlpInput = layerNorm(hidden, this.weight(`${prefix}.ln_2.weight`), this.weight(`${prefix}.ln_2.bias`), eps);
        const activated = geluNew(this.conv1d(mlpInput, layer, 'mlp.c_fc', options)); // [B·T, I]
        hidden = tf.add(hidden, this.conv1d(activated, layer, 'mlp.c_proj', options));
      }
      hidden = layerNorm(hidden, this.weight('transformer.ln_f.weight'), this.weight('transformer.ln_f.bias'), eps);
      return tf.reshape(hidden, [batch, seqLen, hiddenSize]);
    });
  }

  /** The output head is tied to the token embeddings. */
  outputHead(): OutputHead {
    return this.headOf('transformer.wte.weight');
  }

  /** x: [B·T, C] → [B·T, C]. */
  private attention(x: tf.Tensor2D, layer: number, batch: number, seqLen: number, prefixes: tf.Tensor4D | undefined, options: ForwardOptions): tf.Tensor2D {
    const { numHeads, headDim, hiddenSize } = this.config;
    const [qFlat, kFlat, vFlat] = tf.split(this.conv1d(x, layer, 'attn.c_attn', options), [hiddenSize, hiddenSize, hiddenSize], 1);
    const q = splitHeads(qFlat as tf.Tensor2D, batch, seqLen, numHeads, headDim); // [B, H, T, D]
    let k = splitHeads(kFlat as tf.Tensor2D, batch, seqLen, numHeads, headDim); // [B, H, T, D]
    let v = splitHeads(vFlat as tf.Tensor2D, batch, seqLen, numHeads, headDim); // [B, H, T, D]
    if (prefixes) {
      const prefix = this.prefix.layer(prefixes, layer, batch); // [B, H, P, D] each
      k = tf.concat([prefix.k, k], 2);
      v = tf.concat([prefix.v, v], 2);
    }
    if (options.cache) ({ k, v } = options.cache.extend(layer, k, v)); // [B, H, S, D]
    return this.conv1d(mergeHeads(groupedCausalAttention(q, k, v)), layer, 'attn.c_proj', options);
  }

  /** x W + b, plus the LoRA term when the module carries an adapter. x: [N, in]; W: [in, out] → [N, out]. */
  private conv1d(x: tf.Tensor2D, layer: number, linear: Gpt2Linear, options: ForwardOptions): tf.Tensor2D {
    const modulePath = `transformer.h.${layer}.${linear}`;
    const base = this.linearProduct(x, `${modulePath}.weight`, false);
    return tf.add(this.adapted(x, base, modulePath, options), this.weight(`${modulePath}.bias`));
  }
}
