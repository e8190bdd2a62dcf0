/** Greedy answers to knowledge questions (client/qa.ts), for `fedlora eval --task qa` and for clients after a round. */
import * as tf from '@tensorflow/tfjs';
import { ConfigError, DataError } from '../shared/infra/errors.js';
import { isVisionLanguageModel, type ImageInput } from '../shared/model/causal-lm.js';
import { continuePrompt } from '../shared/model/generation.js';
import { imageProcessorFor } from '../shared/model/image-processor.js';
import type { LoadedModel } from '../shared/model/load.js';
import type { QaItem } from './qa.js';

/**
 * The model's greedy answer to an item: at most `maxNewTokens` tokens, up to the end-of-sequence token or a newline,
 * trimmed. A question about an image is asked with its pixels, for a vision-language model.
 */
export function greedyAnswers(loaded: LoadedModel, maxNewTokens: number): (item: QaItem) => Promise<string> {
  const { model, descriptor } = loaded;
  const processor = isVisionLanguageModel(model) && descriptor.architecture === 'llava' ? imageProcessorFor(descriptor) : undefined;
  return async (item) => {
    let images: ImageInput | undefined;
    try {
      if (item.image !== undefined && processor) {
        const { data: pixels, height, width } = await processor.preprocessFile(item.image);
        images = { pixels: tf.tensor4d(pixels, [1, 3, height, width]) };
      }
      const { text } = await continuePrompt(loaded, item.promptIds, { maxNewTokens, temperature: 0, seed: 0, stopText: '\n', images });
      return text.trim();
    } catch (error) {
      // A question too long for the model's positions is the data's fault: say which.
      if (error instanceof ConfigError) throw new DataError(`${item.location}: ${error.message}`);
      throw error;
    } finally {
      tf.dispose(Object.values(images ?? {}));
    }
  };
}
