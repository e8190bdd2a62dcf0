/**
 * `fedlora generate`: continues a prompt with a model and optionally a PEFT adapter, so that a user can see what
 * fine-tuning changed (shared/model/generation.ts generates). A vision-language model also reads an image, placed
 * where the prompt writes `<image>`, or before the text.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { ConfigError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { isVisionLanguageModel } from '../shared/model/causal-lm.js';
import { imageProcessorFor } from '../shared/model/image-processor.js';
import { encodeWithImages, IMAGE_PLACEHOLDER } from '../shared/model/image-tokens.js';
import { loadModelWithAdapter } from '../shared/model/load.js';
import { continuePrompt, type ContinueOptions, type GenerateResult } from '../shared/model/generation.js';

export interface GenerateOptions extends Omit<ContinueOptions, 'images'> {
  readonly model: string;
  readonly adapter?: string;
  /** Refuse an adapter recorded as trained on another base model (default: warn). */
  readonly strict?: boolean;
  readonly prompt: string;
  /** Wrap the prompt as one user turn in the model's chat template. */
  readonly chat?: boolean;
  /** A PNG or JPEG file for a vision-language model. */
  readonly image?: string;
  readonly backend: BackendChoice;
  readonly logger: Logger;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (!(options.temperature >= 0)) throw new ConfigError(`temperature must be 0 or more, got ${options.temperature}`);
  await selectBackend(options.backend, options.logger);
  const loaded = await loadModelWithAdapter(options.model, { dir: options.adapter, strict: options.strict, logger: options.logger });
  let pixels: tf.Tensor4D | undefined;
  try {
    const { descriptor, model, tokenizer } = loaded;
    const vision = isVisionLanguageModel(model) && descriptor.architecture === 'llava' ? { model, descriptor } : undefined;
    if (vision === undefined && options.image !== undefined) throw new ConfigError(`model ${descriptor.id} is a text model: it reads no --image`);
    if (vision !== undefined && options.image === undefined) throw new ConfigError(`model ${descriptor.id} reads an image: give one with --image FILE`);
    let text = options.prompt;
    if (options.chat) {
      if (!tokenizer.renderChat) throw new ConfigError(`model ${descriptor.id} has no chat template`);
      // LLaVA's conversations put the image at the start of the user's turn.
      const content = vision === undefined || text.includes(IMAGE_PLACEHOLDER) ? text : `${IMAGE_PLACEHOLDER}\n${text}`;
      text = tokenizer.renderChat([{ role: 'user', content }], true);
    }
    const bos = options.chat || tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
    if (vision === undefined) return await continuePrompt(loaded, [...bos, ...tokenizer.encode(text)], options);
    const { ids, images } = encodeWithImages(tokenizer, text, vision.model);
    if (images !== 1) throw new ConfigError(`the prompt marks ${images} images with ${IMAGE_PLACEHOLDER}, but --image gives one`);
    const image = await imageProcessorFor(vision.descriptor).preprocessFile(options.image!);
    pixels = tf.tensor4d(image.data, [1, 3, image.height, image.width]);
    return await continuePrompt(loaded, [...bos, ...ids], { ...options, images: { pixels } });
  } finally {
    pixels?.dispose();
    loaded.model.dispose();
  }
}
