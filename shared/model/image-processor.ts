/**
 * Image bytes → the pixels a vision tower reads, as `preprocessor_config.json` says: Hugging Face's
 * CLIPImageProcessor (resize the shortest edge, center crop) or SiglipImageProcessor (resize to a fixed size), then
 * rescale (×1/255) and normalise ((x − mean) / std per channel). PNG and JPEG are decoded with sharp (libvips).
 *
 * Exactness: rescaling and normalising follow transformers' float arithmetic (rescale in float64 then rounded to
 * float32, normalise in float32), so an image already at the model's input size — which neither resize nor crop
 * touches — reaches the encoder bit for bit as in transformers. Resizing differs slightly: libvips' bicubic
 * (Catmull-Rom) kernel and its reduction filter are not PIL's, so a resized image differs from transformers' by a
 * few grey levels at edges. Resize images to the input size beforehand where that matters.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { ConfigError, DataError } from '../infra/errors.js';
import type { LlavaDescriptor } from './model-config.js';

export const PREPROCESSOR_CONFIG_FILE = 'preprocessor_config.json';

/** Images with more pixels than this are refused before decoding, unless the caller sets another limit. */
export const DEFAULT_MAX_IMAGE_PIXELS = 4096 * 4096;

export interface ImageProcessorConfig {
  /** CLIP: scale so that the shorter side has this length; SigLIP: scale to exactly height × width. Absent: no resize. */
  readonly resize?: { readonly shortestEdge: number } | { readonly height: number; readonly width: number };
  /** The centre region kept after resizing (CLIP); absent: none. */
  readonly crop?: { readonly height: number; readonly width: number };
  /** Absent: no rescaling. */
  readonly rescaleFactor?: number;
  /** Per channel; absent: no normalisation. */
  readonly normalize?: { readonly mean: readonly number[]; readonly std: readonly number[] };
}

/** What builtin:tiny-vlm reads: CLIP's preprocessing at 32 × 32 pixels, with OpenAI CLIP's mean and std. */
const BUILTIN_PREPROCESSING: ImageProcessorConfig = {
  resize: { shortestEdge: 32 },
  crop: { height: 32, width: 32 },
  rescaleFactor: 1 / 255,
  normalize: { mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711] },
};

const PROCESSORS = ['CLIPImageProcessor', 'CLIPImageProcessorFast', 'SiglipImageProcessor', 'SiglipImageProcessorFast'];

export function parseImageProcessorConfig(json: unknown, source: string): ImageProcessorConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError(`${source}: must be a JSON object`);
  const raw = json as Record<string, unknown>;
  const type = raw.image_processor_type;
  if (!PROCESSORS.includes(type as string)) {
    throw new ConfigError(`${source}: image_processor_type ${JSON.stringify(type)} is not supported; supported: ${PROCESSORS.join(', ')}`);
  }
  const clip = (type as string).startsWith('CLIP');
  const fail = (field: string, why: string) => new ConfigError(`${source}: ${field} ${JSON.stringify(raw[field])}: ${why}`);
  const positive = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;
  // Older files write sizes as a bare number.
  const size = (field: string): { height: number; width: number } | { shortestEdge: number } => {
    const value = raw[field];
    if (positive(value)) return clip && field === 'size' ? { shortestEdge: value as number } : { height: value as number, width: value as number };
    const object = (value ?? {}) as Record<string, unknown>;
    if (positive(object.shortest_edge) && field === 'size' && clip) return { shortestEdge: object.shortest_edge as number };
    if (positive(object.height) && positive(object.width)) return { height: object.height as number, width: object.width as number };
    throw fail(field, clip && field === 'size' ? 'expected {"shortest_edge": n}' : 'expected {"height": h, "width": w}');
  };
  if (raw.resample !== undefined && raw.resample !== 3) throw fail('resample', 'only 3 (bicubic) is supported');
  const enabled = (flag: string) => raw[flag] !== false;
  const channels = (field: string) => {
    const value = raw[field];
    if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v)))
      throw fail(field, 'expected 3 numbers');
    return value as number[];
  };
  const std = enabled('do_normalize') ? channels('image_std') : undefined;
  if (std?.some((v) => v === 0)) throw fail('image_std', 'must not be 0');
  const rescaleFactor = raw.rescale_factor ?? 1 / 255;
  if (typeof rescaleFactor !== 'number' || !(rescaleFactor > 0)) throw fail('rescale_factor', 'must be a positive number');
  const config: ImageProcessorConfig = {
    ...(enabled('do_resize') ? { resize: size('size') } : {}),
    ...(clip && enabled('do_center_crop') ? { crop: size('crop_size') as { height: number; width: number } } : {}),
    ...(enabled('do_rescale') ? { rescaleFactor } : {}),
    ...(std ? { normalize: { mean: channels('image_mean'), std } } : {}),
  };
  const shortest = config.resize && 'shortestEdge' in config.resize ? config.resize.shortestEdge : undefined;
  if (shortest !== undefined && config.crop && (config.crop.height > shortest || config.crop.width > shortest)) {
    throw fail('crop_size', `is larger than the resized image's shorter side (${shortest})`);
  }
  return config;
}

/** Each image's pixels [3, H, W], for `model`: the checkpoint's preprocessor_config.json, or the built-in model's fixed steps. */
export function imageProcessorFor(model: LlavaDescriptor, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): ImageProcessor {
  let config = BUILTIN_PREPROCESSING;
  if (model.checkpointDir !== undefined) {
    const path = join(model.checkpointDir, PREPROCESSOR_CONFIG_FILE);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
    }
    config = parseImageProcessorConfig(json, path);
  }
  const processor = new ImageProcessor(config, maxPixels);
  const { imageSize } = model.config.vision;
  const out = processor.outputSize;
  if (out !== undefined && (out.height !== imageSize || out.width !== imageSize)) {
    throw new ConfigError(
      `model ${model.id}: its preprocessing makes ${out.width} × ${out.height} images, but the vision tower reads ${imageSize} × ${imageSize}`,
    );
  }
  return processor;
}

export class ImageProcessor {
  constructor(
    readonly config: ImageProcessorConfig,
    readonly maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
  ) {}

  /** The size every image comes out at, when resizing or cropping fixes it. */
  get outputSize(): { height: number; width: number } | undefined {
    const { resize, crop } = this.config;
    return crop ?? (resize && 'height' in resize ? resize : undefined);
  }

  /** The pixels of the PNG or JPEG file at `path`, [3, H, W]; errors name the file. */
  async preprocessFile(path: string): Promise<{ data: Float32Array; height: number; width: number }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new DataError(`${path}: cannot read the image (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return this.preprocess(bytes, path);
  }

  /** The pixels of PNG or JPEG `bytes`, [3, H, W] channel-first; `source` names the image in errors. */
  async preprocess(bytes: Uint8Array, source: string): Promise<{ data: Float32Array; height: number; width: number }> {
    const metadata = await sharp(bytes)
      .metadata()
      .catch(() => undefined);
    if (metadata === undefined || (metadata.format !== 'png' && metadata.format !== 'jpeg')) {
      throw new DataError(`${source}: not a PNG or JPEG image${metadata ? ` (${metadata.format})` : ''}`);
    }
    const { width, height } = metadata;
    if (width * height > this.maxPixels) {
      throw new DataError(`${source}: the image has ${width} × ${height} = ${width * height} pixels, more than the limit of ${this.maxPixels}`);
    }
    const target = this.resizedSize(width, height);
    // Alpha is dropped and grey expanded to RGB, as PIL's convert('RGB') does.
    let pipeline = sharp(bytes, { limitInputPixels: this.maxPixels }).removeAlpha().toColourspace('srgb');
    if (target.width !== width || target.height !== height) {
      pipeline = pipeline.resize(target.width, target.height, { kernel: 'cubic', fit: 'fill', fastShrinkOnLoad: false });
    }
    let decoded: { data: Buffer; info: OutputInfo };
    try {
      decoded = await pipeline.raw().toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new DataError(`${source}: cannot decode the image (${(error as Error).message})`);
    }
    return this.toPixels(decoded.data, decoded.info.width, decoded.info.height, decoded.info.channels);
  }

  /** transformers' get_resize_output_image_size: the longer side scales by the same factor, truncated. */
  private resizedSize(width: number, height: number): { width: number; height: number } {
    const { resize } = this.config;
    if (resize === undefined) return { width, height };
    if ('height' in resize) return resize;
    const short = Math.min(width, height);
    const long = Math.floor((resize.shortestEdge * Math.max(width, height)) / short);
    return width <= height ? { width: resize.shortestEdge, height: long } : { width: long, height: resize.shortestEdge };
  }

  /** Center crop, rescale and normalise interleaved RGB bytes into [3, H, W] float32. */
  private toPixels(rgb: Uint8Array, width: number, height: number, channels: number): { data: Float32Array; height: number; width: number } {
    const out = this.config.crop ?? { height, width };
    const top = Math.floor((height - out.height) / 2);
    const left = Math.floor((width - out.width) / 2);
    const { rescaleFactor, normalize } = this.config;
    const mean = normalize?.mean.map(Math.fround);
    const std = normalize?.std.map(Math.fround);
    const data = new Float32Array(3 * out.height * out.width);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < out.height; y++) {
        for (let x = 0; x < out.width; x++) {
          let value = rgb[((top + y) * width + left + x) * channels + c];
          if (rescaleFactor !== undefined) value = Math.fround(value * rescaleFactor);
          if (mean && std) value = Math.fround(Math.fround(value - mean[c]) / std[c]);
          data[(c * out.height + y) * out.width + x] = value;
        }
      }
    }
    return { data, height: out.height, width: out.width };
  }
}
