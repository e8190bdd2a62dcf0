import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedCache } from '../../client/bounded-cache.js';
import { loadImageExamples, makeImageBatch, PixelStore, type ImagePreprocessor } from '../../client/image-data.js';
import { DataError } from '../../shared/infra/errors.js';
import { ImageProcessor } from '../../shared/model/image-processor.js';
import { ByteTokenizer } from '../../shared/model/tokenizer.js';
import { collectingLogger } from '../helpers/log-lines.js';

const tokenizer = new ByteTokenizer();
const IMAGE = { imageTokenId: 300, imagePositions: 4 };
const MAX_PIXELS = 64 * 64;

/** CLIP's preprocessing down to 2 × 2 pixels, with a small pixel limit. */
const preprocessor = new ImageProcessor({ resize: { shortestEdge: 2 }, crop: { height: 2, width: 2 }, rescaleFactor: 1 / 255 }, MAX_PIXELS);

let preprocessed = 0;
const countingPreprocessor: ImagePreprocessor = {
  preprocess: (bytes, source) => {
    preprocessed++;
    return preprocessor.preprocess(bytes, source);
  },
};

const root = mkdtempSync(join(tmpdir(), 'fedlora-image-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function png(path: string, size: number, grey: number): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await sharp({ create: { width: size, height: size, channels: 3, background: { r: grey, g: grey, b: grey } } })
    .png()
    .toFile(path);
}

function jsonl(name: string, records: readonly unknown[]): string {
  const path = join(root, name);
  writeFileSync(path, `${records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`);
  return path;
}

function load(path: string, cacheBytes = 1 << 20) {
  const { logger, lines } = collectingLogger();
  const pixels = new PixelStore(countingPreprocessor, cacheBytes);
  return { result: loadImageExamples(path, tokenizer, { ...IMAGE, preprocessor, pixels, logger }), lines, pixels };
}

const bytes = (text: string) => [...Buffer.from(text)];
const imageTokens = Array(4).fill(300);

beforeAll(async () => {
  await png(join(root, 'scans', 'xray.png'), 8, 200);
  await png(join(root, 'scans', 'big.png'), 65, 10);
  writeFileSync(join(root, 'scans', 'notes.png'), 'not an image at all');
});

describe('image JSONL data', () => {
  it('expands <image> where it stands, resolves the path from the file, and learns only the completion', async () => {
    const path = jsonl('placed.jsonl', [{ image: 'scans/xray.png', prompt: 'Scan: <image> Modality?', completion: ' X-ray' }]);
    const [example] = await load(path).result;
    expect(example.tokens).toEqual([tokenizer.bosId, ...bytes('Scan: '), ...imageTokens, ...bytes(' Modality?'), ...bytes(' X-ray'), tokenizer.eosId]);
    const learned = example.tokens.filter((_, i) => example.lossMask[i] === 1);
    expect(learned).toEqual([...bytes(' X-ray'), tokenizer.eosId]);
    expect(example.images).toHaveLength(1);
    expect(example.images[0].path).toBe(join(root, 'scans', 'xray.png'));
  });

  it('puts the image before the text when the line does not place it, as LLaVA does', async () => {
    const path = jsonl('unplaced.jsonl', [{ image: 'scans/xray.png', prompt: 'Modality?', completion: ' X-ray' }, { text: 'plain text lines mix in' }]);
    const [withImage, text] = await load(path).result;
    expect(withImage.tokens.slice(0, 7)).toEqual([tokenizer.bosId, ...imageTokens, 10, ...bytes('M')]);
    expect(text.images).toEqual([]);
  });

  it('skips, logs with line and reason, and counts lines whose image is missing, no image or over the pixel limit', async () => {
    const path = jsonl('bad-images.jsonl', [
      { image: 'scans/xray.png', prompt: '<image>', completion: 'ok' },
      { image: 'scans/missing.png', prompt: '<image>', completion: 'a' },
      { image: 'scans/notes.png', prompt: '<image>', completion: 'b' },
      { image: 'scans/big.png', prompt: '<image>', completion: 'c' },
    ]);
    const { result, lines } = load(path);
    expect(await result).toHaveLength(1);
    const refusals = lines.filter((line) => line.event === 'image_line_refused').map((line) => line.msg);
    expect(refusals).toEqual([
      `${path}:2: image scans/missing.png: cannot read the image (ENOENT); the line is skipped`,
      `${path}:3: image scans/notes.png: not a PNG or JPEG image; the line is skipped`,
      `${path}:4: image scans/big.png: the image has 65 × 65 = 4225 pixels, more than the limit of 4096; the line is skipped`,
    ]);
    expect(lines.find((line) => line.event === 'image_lines_refused')).toMatchObject({
      refused: 3,
      kept: 1,
      msg: `${path}: 3 lines refused for their images (see above), 1 example kept`,
    });
  });

  it('refuses the file, naming the line, for <image> without an image, several <image> or a bad image field', async () => {
    const cases: [unknown, string][] = [
      [{ prompt: 'look: <image>', completion: 'x' }, 'the text holds <image> but the line names no image'],
      [{ image: 'scans/xray.png', prompt: '<image><image>', completion: 'x' }, 'the text holds <image> 2 times, but a line has one image'],
      [{ image: 7, prompt: 'p', completion: 'x' }, '"image" must be a file path, got 7'],
    ];
    for (const [record, reason] of cases) {
      const path = jsonl('bad-line.jsonl', [{ image: 'scans/xray.png', prompt: 'p', completion: 'c' }, record]);
      await expect(load(path).result).rejects.toThrow(new DataError(`${path}:2: ${reason}`));
    }
  });

  it('refuses a file whose every line was refused', async () => {
    const path = jsonl('all-bad.jsonl', [{ image: 'scans/missing.png', prompt: 'p', completion: 'c' }]);
    await expect(load(path).result).rejects.toThrow(new DataError(`${path}: every line was refused for its image`));
  });

  it('batches the images in row order, and never cuts an image: a row then ends before it', async () => {
    const path = jsonl('batch.jsonl', [
      { image: 'scans/xray.png', prompt: 'ab<image>', completion: 'c' },
      { image: 'scans/xray.png', prompt: '<image>', completion: 'defgh' },
    ]);
    const examples = await load(path).result;
    const whole = makeImageBatch(examples, 64, tokenizer.padId, IMAGE);
    expect(whole.images.map((image) => image.hash)).toEqual([examples[0].images[0].hash, examples[1].images[0].hash]);
    // BOS a b then the image from position 3: with 5 inputs the first row's image does not fit, the second's does.
    const cut = makeImageBatch(examples, 6, tokenizer.padId, IMAGE);
    expect(cut.images).toEqual([examples[1].images[0]]);
    expect([...cut.inputIds.slice(0, cut.length)]).toEqual([tokenizer.bosId, ...bytes('ab'), tokenizer.padId, tokenizer.padId]);
    // Without BOS, an image that opens a row too short for it leaves nothing to learn from.
    const opening = { tokens: [...imageTokens, 65, 66], lossMask: [0, 0, 0, 0, 1, 1], images: examples[0].images };
    expect(() => makeImageBatch([opening], 3, tokenizer.padId, IMAGE)).toThrow(/maxSeqLen 3 leaves no text after an image/);
  });

  it('preprocesses each image once, and again only after the bounded cache dropped it', async () => {
    const path = jsonl('cache.jsonl', [{ image: 'scans/xray.png', prompt: 'p', completion: 'c' }]);
    const cached = load(path);
    const [example] = await cached.result;
    preprocessed = 0;
    expect((await cached.pixels.pixels(example.images[0])).data).toHaveLength(12);
    expect(preprocessed).toBe(0);

    const { result, pixels } = load(path, 0);
    await result;
    preprocessed = 0;
    expect((await pixels.pixels(example.images[0])).data).toHaveLength(12);
    expect(preprocessed).toBe(1);
    await png(join(root, 'scans', 'xray.png'), 8, 100);
    await expect(pixels.pixels(example.images[0])).rejects.toThrow(/changed since the data was loaded/);
  });
});

describe('BoundedCache', () => {
  it('keeps the most recently used values within its byte bound, and frees what it drops', () => {
    const evicted: string[] = [];
    const cache = new BoundedCache<string>(
      5,
      (value) => value.length,
      (value) => evicted.push(value),
    );
    cache.set('a', 'aa');
    cache.set('b', 'bb');
    cache.get('a');
    cache.set('c', 'cc');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['aa', undefined, 'cc']);
    expect(evicted).toEqual(['bb']);
    cache.set('huge', 'xxxxxx');
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});
