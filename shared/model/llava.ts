/**
 * A LLaVA-style vision-language model (LlavaForConditionalGeneration): a frozen vision tower (clip.ts, siglip.ts)
 * turns each image into features, a two-layer projector maps them to the text width, and they replace, in order,
 * the embeddings of the image tokens of the prompt before the language model (llama.ts or gpt2.ts) runs.
 *
 * Shapes in comments: B batch, T positions, N images, P feature positions per image, F feature size (the
 * vision hidden size times the number of feature layers), C text hidden size, V vocabulary.
 *
 * Weights are named as stored in the checkpoint's layout (llava-layout.ts); LoRA adapters follow the same full
 * module paths, which is how PEFT names them.
 */
import * as tf from '@tensorflow/tfjs';
import { ConfigError, DataError } from '../infra/errors.js';
import { SeededRandom } from '../infra/random.js';
import { activate } from './activations.js';
import {
  assertWeightShapes,
  type BaseWeight,
  LoraCausalLM,
  type ForwardOptions,
  type ImageInput,
  type OutputHead,
  type SharedLora,
  type VisionLanguageModel,
} from './causal-lm.js';
import { clipWeightShapes, ClipVisionModel } from './clip.js';
import { Gpt2Model, gpt2WeightShapes } from './gpt2.js';
import { llavaPartPrefixes, llavaTextModulePath, llavaTextWeightName, visionLayersUsed } from './llava-layout.js';
import { LlamaModel, seededBaseValues } from './llama.js';
import { baseWeightShapes } from './weight-shapes.js';
import { visionFeatureSize, type LlavaConfig, type LlavaDescriptor, type TextModelDescriptor } from './model-config.js';
import { siglipWeightShapes, SiglipVisionModel } from './siglip.js';
import type { VisionEncoder } from './vision-encoder.js';
import type { WeightStore } from './quantize.js';
import { uploadWeight } from './webgpu-backend.js';
import { elementCount, type TensorData } from '../lora/adapter.js';

/** The projector's weights, by their names in the checkpoint's layout, with shapes. */
function projectorWeightShapes(config: LlavaConfig): [string, number[]][] {
  const width = config.text.config.hiddenSize;
  const shapes: [string, number[]][] = [
    ['linear_1.weight', [width, visionFeatureSize(config)]],
    ['linear_2.weight', [width, width]],
  ];
  if (config.projectorBias) shapes.push(['linear_1.bias', [width]], ['linear_2.bias', [width]]);
  const { projector } = llavaPartPrefixes(config.layout);
  return shapes.map(([name, shape]) => [`${projector}${name}`, shape]);
}

function towerWeightShapes(config: LlavaConfig): [string, number[]][] {
  const layers = visionLayersUsed(config);
  return config.vision.architecture === 'clip' ? clipWeightShapes(config.vision, layers) : siglipWeightShapes(config.vision, layers);
}

function textWeightShapes(config: LlavaConfig): [string, number[]][] {
  const { text } = config;
  return text.architecture === 'gpt2' ? gpt2WeightShapes(text.config) : baseWeightShapes(text.config);
}

/**
 * Every weight the model reads, by its name in the checkpoint's layout, with its shape, in a fixed order (the
 * order of seeded initialisation). The tower's layers after the deepest feature layer are never read.
 */
export function llavaWeightShapes(config: LlavaConfig): [string, number[]][] {
  const prefixes = llavaPartPrefixes(config.layout);
  const textPath = llavaTextModulePath(config);
  return [
    ...towerWeightShapes(config).map(([name, shape]): [string, number[]] => [`${prefixes.vision}${name}`, shape]),
    ...projectorWeightShapes(config),
    ...textWeightShapes(config).map(([name, shape]): [string, number[]] => [textPath(name), shape]),
  ];
}

/**
 * The projector's weights are this model's own; the language model and the tower are parts that take their LoRA
 * layers from it, so that one adapter, named by full module paths, spans both.
 */
export class LlavaModel extends LoraCausalLM implements VisionLanguageModel {
  declare readonly descriptor: LlavaDescriptor;
  readonly imageTokenId: number;
  readonly imagePositions: number;
  private readonly text: LlamaModel | Gpt2Model;
  private readonly tower: VisionEncoder;

  /** Takes ownership of `weights` (names and shapes of llavaWeightShapes); dispose() frees them. */
  constructor(descriptor: LlavaDescriptor, weights: ReadonlyMap<string, BaseWeight>) {
    const { config } = descriptor;
    // Checked whole first, so that an error names the weight as stored.
    assertWeightShapes(descriptor.id, llavaWeightShapes(config), weights);
    const prefixes = llavaPartPrefixes(config.layout);
    const part = (prefix: string) =>
      new Map([...weights].filter(([name]) => name.startsWith(prefix)).map(([name, tensor]) => [name.slice(prefix.length), tensor]));
    // Kept under their full names, by which modules_to_save's differences find them.
    const projector = new Map([...weights].filter(([name]) => name.startsWith(prefixes.projector)));
    super(descriptor, projector, projectorWeightShapes(config));
    this.imageTokenId = config.imageTokenId;
    this.imagePositions = config.imageSeqLength;
    const textName = llavaTextWeightName(config);
    const textWeights = new Map([...weights].flatMap(([name, tensor]) => (textName(name) === undefined ? [] : [[textName(name)!, tensor] as const])));
    const textLora: SharedLora = { layers: this.lora, saved: this.saved, modulePath: llavaTextModulePath(config) };
    const textDescriptor = { ...config.text, id: descriptor.id, fingerprint: descriptor.fingerprint } as TextModelDescriptor;
    this.text =
      textDescriptor.architecture === 'gpt2' ? new Gpt2Model(textDescriptor, textWeights, textLora) : new LlamaModel(textDescriptor, textWeights, textLora);
    const towerLora: SharedLora = { layers: this.lora, saved: this.saved, modulePath: (path) => `${prefixes.vision}${path}` };
    const Tower = config.vision.architecture === 'clip' ? ClipVisionModel : SiglipVisionModel;
    // Only the language model's projections are ever quantised (quantizedWeightNames): the tower's are tensors.
    const towerWeights = part(prefixes.vision) as Map<string, tf.Tensor>;
    this.tower = new Tower(config.vision, towerWeights, visionLayersUsed(config), towerLora, descriptor.id);
  }

  /**
   * Preprocessed pixels [N, 3, H, W] → the tower's selected hidden states [N, P, F]: the feature layers
   * concatenated along the feature axis, without the first position under the `default` strategy.
   */
  encodeImages(pixels: tf.Tensor4D, training = false): tf.Tensor3D {
    const { imageSize } = this.descriptor.config.vision;
    const [, channels, height, width] = pixels.shape;
    if (channels !== 3 || height !== imageSize || width !== imageSize) {
      throw new DataError(`model ${this.descriptor.id} reads images as [N, 3, ${imageSize}, ${imageSize}], got [${pixels.shape.join(', ')}]`);
    }
    const { visionFeatureLayers, visionFeatureSelectStrategy } = this.descriptor.config;
    return tf.tidy(() => {
      const states = this.tower.hiddenStates(pixels, visionFeatureLayers, training);
      const features = states.length === 1 ? states[0] : tf.concat(states, -1); // [N, S, F]
      return visionFeatureSelectStrategy === 'default' ? tf.slice(features, [0, 1, 0], [-1, -1, -1]) : features;
    });
  }

  embedTokens(inputIds: tf.Tensor2D): tf.Tensor3D {
    return this.text.embedTokens(inputIds);
  }

  hiddenStates(embeddings: tf.Tensor3D, options: ForwardOptions = {}): tf.Tensor3D {
    return this.text.hiddenStates(embeddings, options);
  }

  outputHead(): OutputHead {
    return this.text.outputHead();
  }

  /**
   * Token ids [B, T] → the final hidden states [B·T, C]. With `images`, their projected features replace, in
   * order, the embeddings of the image tokens, which must number exactly N · P. Without, image tokens embed as text
   * (ids past the vocabulary as id 0), as transformers does when no pixels are given. The ids are read on the host.
   */
  protected override outputStates(inputIds: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D {
    const { images, ...textOptions } = options;
    const [batch, seqLen] = inputIds.shape;
    const ids = inputIds.dataSync() as Int32Array;
    const imageRows: number[] = [];
    ids.forEach((id, row) => id === this.imageTokenId && imageRows.push(row));
    return tf.tidy(() => {
      const vocabSize = this.descriptor.config.text.config.vocabSize;
      const textIds =
        this.imageTokenId < vocabSize || imageRows.length === 0
          ? inputIds
          : tf.tensor2d(
              ids.map((id) => (id === this.imageTokenId ? 0 : id)),
              [batch, seqLen],
              'int32',
            );
      let embeddings = this.embedTokens(textIds); // [B, T, C]
      if (images !== undefined) {
        const features = this.imageFeatures(images, textOptions.training ?? false);
        const [count, positions] = features.shape;
        if (imageRows.length !== count * positions) {
          throw new DataError(
            `the input holds ${imageRows.length} image tokens (id ${this.imageTokenId}), but ${count} image(s) of ${positions} feature positions need ${count * positions}`,
          );
        }
        const projected = this.project(features); // [N·P, C]
        embeddings = spliceImages(tf.reshape(embeddings, [batch * seqLen, -1]), projected, imageRows, [batch, seqLen]);
      }
      return tf.reshape(this.hiddenStates(embeddings, textOptions), [batch * seqLen, -1]);
    });
  }

  /** Features [N, P, F], from pixels through the tower or as given (checked against the tower's shape). */
  private imageFeatures(images: ImageInput, training: boolean): tf.Tensor3D {
    if ('pixels' in images) return this.encodeImages(images.pixels, training);
    const expected = [images.features.shape[0], this.imagePositions, visionFeatureSize(this.descriptor.config)];
    if (!tf.util.arraysEqual(images.features.shape, expected)) {
      throw new DataError(`model ${this.descriptor.id} takes image features [N, ${expected[1]}, ${expected[2]}], got [${images.features.shape.join(', ')}]`);
    }
    return images.features;
  }

  /** linear_2(act(linear_1(features))): [N, P, F] → [N·P, C]. */
  private project(features: tf.Tensor3D): tf.Tensor2D {
    const prefix = llavaPartPrefixes(this.descriptor.config.layout).projector;
    const linear = (x: tf.Tensor2D, name: string): tf.Tensor2D => {
      const out: tf.Tensor2D = tf.matMul(x, this.weight<tf.Rank.R2>(`${prefix}${name}.weight`), false, true);
      return this.hasWeight(`${prefix}${name}.bias`) ? tf.add(out, this.weight(`${prefix}${name}.bias`)) : out;
    };
    const [count, positions, size] = features.shape;
    const hidden = activate(linear(tf.reshape<tf.Rank.R2>(features, [count * positions, size]), 'linear_1'), this.descriptor.config.projectorHiddenAct);
    return linear(hidden, 'linear_2');
  }

  /** Every weight of the checkpoint may be saved in full (modules_to_save), not only the projector's. */
  protected override trainableShapes(): readonly [string, number[]][] {
    return llavaWeightShapes(this.descriptor.config);
  }

  override dispose(): void {
    super.dispose();
    this.text.dispose();
    this.tower.dispose();
  }
}

/**
 * The embeddings [B·T, C] with the k-th image token's row replaced by row k of `projected` [N·P, C], as
 * [B, T, C]. Built from slices of runs (consecutive text rows, consecutive image rows) and one concat rather than
 * a gather, whose gradient (UnsortedSegmentSum) the wasm and native-cpu backends lack.
 */
function spliceImages(embeddings: tf.Tensor2D, projected: tf.Tensor2D, imageRows: readonly number[], [batch, seqLen]: [number, number]): tf.Tensor3D {
  const pieces: tf.Tensor2D[] = [];
  let row = 0;
  let k = 0;
  while (row < batch * seqLen) {
    if (imageRows[k] === row) {
      let run = 1;
      while (imageRows[k + run] === row + run) run++;
      pieces.push(tf.slice(projected, [k, 0], [run, -1]));
      row += run;
      k += run;
    } else {
      const end = imageRows[k] ?? batch * seqLen;
      pieces.push(tf.slice(embeddings, [row, 0], [end - row, -1]));
      row = end;
    }
  }
  return tf.reshape(pieces.length === 1 ? pieces[0] : tf.concat(pieces), [batch, seqLen, -1]);
}

/**
 * Reproducible weights for a built-in vision-language model: the language model as a built-in Llama's, the tower
 * and the projector with LayerNorms 1, biases 0 and matrices of standard deviation 1/√fan-in, so that features
 * keep unit scale through the random tower. Embeddings of the class token and positions use 0.02, as CLIP does.
 */
export function seededLlavaValues(config: LlavaConfig, seed: number): Map<string, TensorData> {
  if (config.text.architecture === 'gpt2') throw new ConfigError('built-in vision-language models have a Llama language model');
  const textPath = llavaTextModulePath(config);
  const values = new Map([...seededBaseValues(config.text.config, seed)].map(([name, tensor]) => [textPath(name), tensor]));
  const random = new SeededRandom(seed + 1);
  const prefixes = llavaPartPrefixes(config.layout);
  const parts = [
    ...towerWeightShapes(config).map(([name, shape]): [string, number[]] => [`${prefixes.vision}${name}`, shape]),
    ...projectorWeightShapes(config),
  ];
  for (const [name, shape] of parts) {
    const data = new Float32Array(elementCount(shape));
    if (/(layer_norm\d|layrnorm)\.weight$/.test(name)) data.fill(1);
    else if (name.endsWith('_embedding') || name.endsWith('position_embedding.weight')) random.fillNormal(data, 0.02);
    else if (!name.endsWith('.bias')) random.fillNormal(data, 1 / Math.sqrt(elementCount(shape.slice(1))));
    values.set(name, { shape, data });
  }
  return values;
}

/** seededLlavaValues, each weight kept as `store` keeps it; the store sees full paths, by which --quantize picks the language model's projections. */
export function seededLlavaWeights(config: LlavaConfig, seed: number, store: WeightStore = uploadWeight): Map<string, BaseWeight> {
  return new Map([...seededLlavaValues(config, seed)].map(([name, { shape, data }]) => [name, store(name, data, shape)]));
}
