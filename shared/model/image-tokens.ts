/**
 * Where images go in a prompt: `<image>` marks the place of one image, which expands to as many image tokens as
 * the vision tower gives feature positions; a text without the mark gets its image before the text, as LLaVA does.
 */
import type { Tokenizer } from './tokenizer.js';

export const IMAGE_PLACEHOLDER = '<image>';

export interface ImageTokens {
  readonly imageTokenId: number;
  /** Image tokens per image. */
  readonly imagePositions: number;
}

/**
 * Token ids of `text` (no BOS) with every `<image>` expanded, and the number of images it marks; `imageFirst`
 * puts one image before a text that marks none. Text between the marks is encoded piece by piece, as a
 * tokenizer that holds `<image>` as a special token splits it.
 */
export function encodeWithImages(tokenizer: Tokenizer, text: string, image: ImageTokens, imageFirst = true): { ids: number[]; images: number } {
  const pieces = text.split(IMAGE_PLACEHOLDER);
  const expanded = new Array<number>(image.imagePositions).fill(image.imageTokenId);
  if (pieces.length === 1) return imageFirst ? { ids: [...expanded, ...tokenizer.encode(text)], images: 1 } : { ids: tokenizer.encode(text), images: 0 };
  const ids = pieces.flatMap((piece, i) => [...(i > 0 ? expanded : []), ...(piece === '' ? [] : tokenizer.encode(piece))]);
  return { ids, images: pieces.length - 1 };
}
