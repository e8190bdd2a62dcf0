/**
 * Image bytes → pixels as preprocessor_config.json says: an image already at the input size arrives bit-exact as
 * transformers computes it (rescale in float64 rounded to float32, normalise in float32); others are resized and
 * cropped to the input size; bad files and configurations are refused by name; `<image>` marks where an image's
 * tokens go.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../shared/infra/errors.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { ImageProcessor, imageProcessorFor, parseImageProcessorConfig } from '../../shared/model/image-processor.js';
import { encodeWithImages } from '../../shared/model/image-tokens.js';
import { resolveModel, type LlavaDescriptor } from '../../shared/model/model-config.js';
import { ByteTokenizer } from '../../shared/model/tokenizer.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-images-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MEAN = [0.48145466, 0.4578275, 0.40821073];
const STD = [0.26862954, 0.26130258, 0.27577711];
const CLIP = parseImageProcessorConfig(
  {
    image_processor_type: 'CLIPImageProcessor',
    size: { shortest_edge: 8 },
    crop_size: { height: 8, width: 8 },
    do_center_crop: true,
    do_rescale: true,
    rescale_factor: 0.00392156862745098,
    do_normalize: true,
    image_mean: MEAN,
    image_std: STD,
    resample: 3,
  },
  'clip',
);

function randomRgb(width: number, height: number, channels = 3): Buffer {
  const random = new SeededRandom(width * 31 + height);
  return Buffer.from(Array.from({ length: width * height * channels }, () => Math.floor(random.next() * 256)));
}

const png = (raw: Buffer, width: number, height: number, channels: 1 | 3 | 4 = 3) => sharp(raw, { raw: { width, height, channels } }).png().toBuffer();

/** transformers' arithmetic in numpy dtypes: float64 × rescale_factor → float32, then (x − mean) / std in float32. */
function transformersPixels(rgb: Buffer, width: number, height: number): Float32Array {
  const f32 = Math.fround;
  const out = new Float32Array(3 * width * height);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < width * height; i++) out[c * width * height + i] = f32(f32(f32(rgb[i * 3 + c] * 0.00392156862745098) - f32(MEAN[c])) / f32(STD[c]));
  }
  return out;
}

describe('image preprocessing', () => {
  it('an image already at the input size reaches the encoder bit-exact', async () => {
    const rgb = randomRgb(8, 8);
    const pixels = await new ImageProcessor(CLIP).preprocess(await png(rgb, 8, 8), 'exact.png');
    expect([pixels.height, pixels.width]).toEqual([8, 8]);
    expect(Buffer.from(pixels.data.buffer).equals(Buffer.from(transformersPixels(rgb, 8, 8).buffer))).toBe(true);
  });

  it('drops alpha and expands grey to RGB, as PIL convert("RGB") does', async () => {
    const rgba = randomRgb(8, 8, 4);
    const rgb = Buffer.from(Array.from({ length: 64 * 3 }, (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)]));
    const fromRgba = await new ImageProcessor(CLIP).preprocess(await png(rgba, 8, 8, 4), 'alpha.png');
    expect(fromRgba.data).toEqual(transformersPixels(rgb, 8, 8));
    const grey = randomRgb(8, 8, 1);
    const fromGrey = await new ImageProcessor(CLIP).preprocess(await png(grey, 8, 8, 1), 'grey.png');
    expect(fromGrey.data).toEqual(transformersPixels(Buffer.from(Array.from({ length: 64 * 3 }, (_, i) => grey[Math.floor(i / 3)])), 8, 8));
  });

  it('resizes the shortest edge and centre-crops (CLIP), or resizes to the fixed size (SigLIP); JPEG decodes too', async () => {
    const wide = await sharp(randomRgb(24, 12), { raw: { width: 24, height: 12, channels: 3 } })
      .jpeg()
      .toBuffer();
    const clip = await new ImageProcessor(CLIP).preprocess(wide, 'wide.jpg');
    expect([clip.height, clip.width, clip.data.length]).toEqual([8, 8, 192]);
    const siglip = parseImageProcessorConfig(
      { image_processor_type: 'SiglipImageProcessor', size: { height: 6, width: 6 }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] },
      'siglip',
    );
    const squeezed = await new ImageProcessor(siglip).preprocess(wide, 'wide.jpg');
    expect([squeezed.height, squeezed.width]).toEqual([6, 6]);
    expect(Math.max(...squeezed.data)).toBeLessThanOrEqual(1);
    expect(Math.min(...squeezed.data)).toBeGreaterThanOrEqual(-1);
  });

  it('refuses, naming the file, an image over the pixel limit, a file that is no PNG or JPEG, and a missing file', async () => {
    const big = await png(randomRgb(40, 30), 40, 30);
    const processor = new ImageProcessor(CLIP, 1000);
    await expect(processor.preprocess(big, 'scans/big.png')).rejects.toThrow(DataError);
    await expect(processor.preprocess(big, 'scans/big.png')).rejects.toThrow(
      /scans\/big\.png: the image has 40 × 30 = 1200 pixels, more than the limit of 1000/,
    );
    const gif = await sharp(randomRgb(8, 8), { raw: { width: 8, height: 8, channels: 3 } })
      .gif()
      .toBuffer();
    await expect(processor.preprocess(gif, 'a.gif')).rejects.toThrow(/a\.gif: not a PNG or JPEG image \(gif\)/);
    await expect(processor.preprocess(Buffer.from('hello'), 'notes.txt')).rejects.toThrow(/notes\.txt: not a PNG or JPEG image/);
    const truncated = join(root, 'truncated.png');
    writeFileSync(truncated, (await png(randomRgb(8, 8), 8, 8)).subarray(0, 60));
    await expect(processor.preprocessFile(truncated)).rejects.toThrow(DataError);
    await expect(processor.preprocessFile(join(root, 'absent.png'))).rejects.toThrow(/absent\.png: cannot read the image \(ENOENT\)/);
  });

  it('refuses a configuration it cannot follow, by field', () => {
    expect(() => parseImageProcessorConfig({ image_processor_type: 'ViTImageProcessor' }, 'p.json')).toThrow(
      /image_processor_type "ViTImageProcessor" is not supported/,
    );
    expect(() =>
      parseImageProcessorConfig({ image_processor_type: 'CLIPImageProcessor', resample: 2, size: 8, crop_size: 8, image_mean: MEAN, image_std: STD }, 'p.json'),
    ).toThrow(/resample 2: only 3 \(bicubic\)/);
    expect(() =>
      parseImageProcessorConfig({ image_processor_type: 'CLIPImageProcessor', size: 8, crop_size: 12, image_mean: MEAN, image_std: STD }, 'p.json'),
    ).toThrow(ConfigError);
    expect(() =>
      parseImageProcessorConfig({ image_processor_type: 'SiglipImageProcessor', size: { height: 8, width: 8 }, image_mean: [0.5], image_std: STD }, 'p.json'),
    ).toThrow(/image_mean \[0\.5\]: expected 3 numbers/);
  });

  it("builtin:tiny-vlm's preprocessing makes the 32 × 32 images its tower reads", () => {
    expect(imageProcessorFor(resolveModel('builtin:tiny-vlm') as LlavaDescriptor).outputSize).toEqual({ height: 32, width: 32 });
  });
});

describe('where images go in a prompt', () => {
  const tokenizer = new ByteTokenizer();
  const image = { imageTokenId: 259, imagePositions: 3 };

  it('expands each <image> to the feature positions, and puts the image before a text that marks none', () => {
    expect(encodeWithImages(tokenizer, 'a<image>b', image)).toEqual({ ids: [97, 259, 259, 259, 98], images: 1 });
    expect(encodeWithImages(tokenizer, '<image><image>', image)).toEqual({ ids: new Array(6).fill(259), images: 2 });
    expect(encodeWithImages(tokenizer, 'ab', image)).toEqual({ ids: [259, 259, 259, 97, 98], images: 1 });
    expect(encodeWithImages(tokenizer, 'ab', image, false)).toEqual({ ids: [97, 98], images: 0 });
  });
});
