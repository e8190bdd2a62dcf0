/**
 * A silo's image data for a vision-language model: JSONL lines of `{"image": "scan.png", "prompt": "…<image>…",
 * "completion": "…"}` or `{"image": "scan.png", "messages": [...]}` (text-only lines may be mixed in).
 *
 * - The image path is relative to the JSONL file's folder.
 * - `<image>` marks where the image goes and expands to the model's imagePositions image tokens; a line without it
 *   gets the image before its text (`<image>\n` opening the prompt or the first user turn), as LLaVA does.
 * - The loss covers the completion or the assistant turns, never the image tokens.
 *
 * Two kinds of refusal, consistent with text data: a line that is itself wrong (invalid JSON, another form, an
 * `<image>` without an image, more than one `<image>`) refuses the whole file, naming the line, as a malformed
 * text line does, since every run would meet it again. A line whose image cannot be used (missing, unreadable,
 * not a PNG or JPEG, more pixels than the limit) is skipped, logged with its line and reason and counted in one
 * summary line: a folder of thousands of scans may hold a few bad files, and the rest is still good data.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DataError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { plural } from '../shared/infra/plural.js';
import { encodeWithImages, IMAGE_PLACEHOLDER, type ImageTokens } from '../shared/model/image-tokens.js';
import type { Tokenizer } from '../shared/model/tokenizer.js';
import { BoundedCache } from './bounded-cache.js';
import { abbreviate, makeBatch, parseJsonLine, parseRecord, readJsonl, toExample, type Batch, type DataRecord, type Encode, type Example } from './data.js';

/** Preprocessed pixels [3, H, W]. */
export interface Pixels {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
}

/** Image bytes → pixels, refusing (DataError naming `source`) what is no PNG or JPEG or exceeds the pixel limit. */
export interface ImagePreprocessor {
  preprocess(bytes: Uint8Array, source: string): Promise<Pixels>;
}

/** An image of the silo: its file and the SHA-256 of its content, which keys every cache. */
export interface SiloImage {
  readonly path: string;
  readonly hash: string;
}

/** An example with its images, in the order their tokens appear. */
export interface ImageExample extends Example {
  readonly images: readonly SiloImage[];
}

/** A batch with the images of its rows, in row order, each row's in the order of their tokens. */
export interface ImageBatch extends Batch {
  readonly images: readonly SiloImage[];
}

const ACCEPTED_FORMS = '{"image": string, "prompt": string, "completion": string}, {"image": string, "messages": [...]} or a text record';

/**
 * The silo's examples and the pixel cache its images were preprocessed into (each image once; the cache holds at
 * most `pixelCacheBytes`, and images beyond it are read and preprocessed again when a batch needs them).
 */
export async function loadImageExamples(
  path: string,
  tokenizer: Tokenizer,
  options: ImageTokens & { readonly preprocessor: ImagePreprocessor; readonly pixels: PixelStore; readonly logger: Logger },
): Promise<ImageExample[]> {
  const folder = dirname(resolve(path));
  const encode = imageEncoder(tokenizer, options);
  const lines = await readJsonl(path, ACCEPTED_FORMS, (line, location) => ({ line, location }));
  const examples: ImageExample[] = [];
  let refused = 0;
  for (const { line, location } of lines) {
    const { record, image } = parseImageRecord(line, location);
    if (image === undefined) {
      examples.push({ ...toExample(record, tokenizer, location, encode), images: [] });
      continue;
    }
    const imagePath = resolve(folder, image);
    let hash: string;
    try {
      hash = await options.pixels.add(imagePath, `${location}: image ${image}`);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      refused++;
      options.logger.warn({ event: 'image_line_refused', location, image }, `${error.message}; the line is skipped`);
      continue;
    }
    const example = toExample(withPlaceholder(record), tokenizer, location, encode);
    examples.push({
      ...example,
      lossMask: example.tokens.map((id, i) => (id === options.imageTokenId ? 0 : example.lossMask[i])),
      images: [{ path: imagePath, hash }],
    });
  }
  if (refused > 0) {
    options.logger.warn(
      { event: 'image_lines_refused', data: path, refused, kept: examples.length },
      `${path}: ${plural(refused, 'line')} refused for ${refused === 1 ? 'its image' : 'their images'} (see above), ${plural(examples.length, 'example')} kept`,
    );
  }
  if (examples.length === 0) throw new DataError(`${path}: every line was refused for its image`);
  return examples;
}

/** The line's record without its image, and the image path; a line that is itself wrong is refused. */
function parseImageRecord(line: string, location: string): { record: DataRecord; image?: string } {
  const value = parseJsonLine(line, location);
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (object === undefined || !('image' in object)) {
    const record = parseRecord(value, line, location);
    if (placeholderCount(record) > 0) throw new DataError(`${location}: the text holds ${IMAGE_PLACEHOLDER} but the line names no image`);
    return { record };
  }
  const { image, ...rest } = object;
  if (typeof image !== 'string' || image.length === 0)
    throw new DataError(`${location}: "image" must be a file path, got ${abbreviate(JSON.stringify(image))}`);
  const record = parseRecord(rest, line, location);
  const count = placeholderCount(record);
  if (count > 1) throw new DataError(`${location}: the text holds ${IMAGE_PLACEHOLDER} ${count} times, but a line has one image`);
  return { record, image };
}

function recordTexts(record: DataRecord): string[] {
  if ('messages' in record) return record.messages.map((m) => m.content);
  return 'text' in record ? [record.text] : [record.prompt, record.completion];
}

function placeholderCount(record: DataRecord): number {
  return recordTexts(record).reduce((n, text) => n + text.split(IMAGE_PLACEHOLDER).length - 1, 0);
}

/** `text` with the image before it, `<image>\n` as in LLaVA's data. */
export function imageFirst(text: string): string {
  return `${IMAGE_PLACEHOLDER}\n${text}`;
}

/** The record with the image before its text (the prompt, or the first user turn) unless it places the image. */
function withPlaceholder(record: DataRecord): DataRecord {
  if (placeholderCount(record) > 0) return record;
  if ('text' in record) return { text: imageFirst(record.text) };
  if ('prompt' in record) return { prompt: imageFirst(record.prompt), completion: record.completion };
  const first = record.messages.findIndex((m) => m.role === 'user');
  return { messages: record.messages.map((m, i) => (i === Math.max(first, 0) ? { role: m.role, content: imageFirst(m.content) } : m)) };
}

/** The tokenizer's encoding, with each `<image>` expanded to the model's image tokens. */
function imageEncoder(tokenizer: Tokenizer, image: ImageTokens): Encode {
  return (text) => encodeWithImages(tokenizer, text, image, false).ids;
}

/**
 * The batch of `examples`, truncated to maxSeqLen as makeBatch does, except that a row never ends inside an image
 * (the model needs all of an image's tokens or none): it then ends before that image, whose tokens are dropped.
 */
export function makeImageBatch(examples: readonly ImageExample[], maxSeqLen: number, padId: number, { imageTokenId, imagePositions }: ImageTokens): ImageBatch {
  const rows = examples.map((example) => {
    // makeBatch feeds the first min(length, maxSeqLen) − 1 tokens as inputs.
    let inputs = Math.min(example.tokens.length, maxSeqLen) - 1;
    const kept: SiloImage[] = [];
    let image = 0;
    for (let position = 0; position < inputs; position++) {
      if (example.tokens[position] !== imageTokenId) continue;
      if (position + imagePositions > inputs) {
        inputs = position;
        break;
      }
      kept.push(example.images[image++]);
      position += imagePositions - 1;
    }
    return { example: { tokens: example.tokens.slice(0, inputs + 1), lossMask: example.lossMask.slice(0, inputs + 1) }, images: kept };
  });
  if (rows.some(({ example }) => example.tokens.length < 2)) {
    throw new DataError(`maxSeqLen ${maxSeqLen} leaves no text after an image: raise it above the ${imagePositions} positions of an image`);
  }
  return {
    ...makeBatch(
      rows.map((row) => row.example),
      maxSeqLen,
      padId,
    ),
    images: rows.flatMap((row) => row.images),
  };
}

/**
 * Each image's pixels, preprocessed once and kept while they fit in `maxBytes`; an image evicted since is read and
 * preprocessed again, and refused if its file changed.
 */
export class PixelStore {
  private readonly cache: BoundedCache<Pixels>;

  constructor(
    private readonly preprocessor: ImagePreprocessor,
    maxBytes: number,
  ) {
    this.cache = new BoundedCache(maxBytes, (pixels) => pixels.data.byteLength);
  }

  /** Reads and preprocesses the image at `path` (errors name `source`); returns its content hash. */
  async add(path: string, source: string): Promise<string> {
    const { hash, pixels } = await this.read(path, source);
    this.cache.set(hash, pixels);
    return hash;
  }

  async pixels(image: SiloImage): Promise<Pixels> {
    const cached = this.cache.get(image.hash);
    if (cached) return cached;
    const { hash, pixels } = await this.read(image.path, image.path);
    if (hash !== image.hash) throw new DataError(`${image.path}: the image changed since the data was loaded`);
    this.cache.set(hash, pixels);
    return pixels;
  }

  private async read(path: string, source: string): Promise<{ hash: string; pixels: Pixels }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new DataError(`${source}: cannot read the image (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const pixels = await this.preprocessor.preprocess(bytes, source);
    return { hash: createHash('sha256').update(bytes).digest('hex'), pixels };
  }
}
