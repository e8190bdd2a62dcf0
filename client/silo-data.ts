/**
 * A silo's data as its trainer holds it: each named set's examples with their fixed held-out slice, the QA sets'
 * questions, and for a vision-language model the image store and tokens its examples are read with.
 */
import { DataError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { imageProcessorFor, type ImageProcessor } from '../shared/model/image-processor.js';
import type { ImageTokens } from '../shared/model/image-tokens.js';
import type { LlavaDescriptor } from '../shared/model/model-config.js';
import type { Tokenizer } from '../shared/model/tokenizer.js';
import { type DataSource, type Example, loadExamples, splitHeldOut } from './data.js';
import { loadImageExamples, PixelStore } from './image-data.js';
import { loadQaItems, type QaItem } from './qa.js';

/** A named set of training examples, with its fixed held-out slice. */
export interface TrainingSet {
  readonly name: string;
  readonly path: string;
  readonly train: readonly Example[];
  readonly eval: readonly Example[];
  /** The training examples packed into rows of maxSeqLen tokens, once for every round that asks the same. */
  packed?: { readonly maxSeqLen: number; readonly rows: readonly Example[] };
}

/** How a vision-language model's silo reads its images: preprocessed once into a store bounded by `cacheBytes`. */
export interface SiloImages {
  readonly preprocessor: ImageProcessor;
  readonly pixels: PixelStore;
  readonly tokens: ImageTokens;
}

export function siloImages(model: LlavaDescriptor, maxImagePixels: number | undefined, cacheBytes: number): SiloImages {
  const preprocessor = imageProcessorFor(model, maxImagePixels);
  return {
    preprocessor,
    pixels: new PixelStore(preprocessor, cacheBytes),
    tokens: { imageTokenId: model.config.imageTokenId, imagePositions: model.config.imageSeqLength },
  };
}

/** Reads every set of `sources`: QA sets as questions, the others as examples split into training and held-out. */
export async function loadSiloData(
  sources: readonly DataSource[],
  tokenizer: Tokenizer,
  evalFraction: number,
  images: SiloImages | undefined,
  logger: Logger,
): Promise<{ sets: TrainingSet[]; questions: Map<string, readonly QaItem[]> }> {
  const sets: TrainingSet[] = [];
  const questions = new Map<string, readonly QaItem[]>();
  for (const { name, path, qa } of sources) {
    if (qa) {
      questions.set(name, await loadQaItems(path, tokenizer, images?.tokens));
      continue;
    }
    const examples = images
      ? await loadImageExamples(path, tokenizer, { ...images.tokens, preprocessor: images.preprocessor, pixels: images.pixels, logger })
      : await loadExamples(path, tokenizer);
    const split = splitHeldOut(examples, evalFraction);
    if (split.train.length === 0) throw new DataError(`${path}: no examples left for training`);
    if (evalFraction > 0 && split.eval.length === 0) {
      logger.warn(
        { event: 'nothing_held_out', data: path },
        `${path} holds a single example: none is held out for evaluation, so this client trains but reports no eval loss for ${name}`,
      );
    }
    sets.push({ name, path, ...split });
  }
  return { sets, questions };
}
