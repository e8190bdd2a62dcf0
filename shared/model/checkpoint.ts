/**
 * A Hugging Face checkpoint directory on disk: which safetensors files hold its weights (one `model.safetensors`,
 * or shards listed by `model.safetensors.index.json`), the base-model fingerprint over every stored tensor, and
 * tensor-by-tensor reading. Free of tfjs, so that the coordinator can fingerprint a checkpoint it never runs.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointError } from '../infra/errors.js';
import {
  readAtSync,
  readSafetensorsHeaderSync,
  streamSafetensorsFile,
  type SafetensorsEntry,
  type SafetensorsTensor,
  type TensorPlacement,
} from './safetensors.js';
import { HF_CONFIG_FILE } from './hf-config.js';

export const SINGLE_WEIGHTS_FILE = 'model.safetensors';
export const SHARD_INDEX_FILE = 'model.safetensors.index.json';

export function isCheckpointDir(path: string): boolean {
  return existsSync(join(path, HF_CONFIG_FILE));
}

/** Whether the directory holds weights, or only the configuration (enough to know the adapter's shapes). */
export function hasCheckpointWeights(dir: string): boolean {
  return existsSync(join(dir, SHARD_INDEX_FILE)) || existsSync(join(dir, SINGLE_WEIGHTS_FILE));
}

/** The safetensors files holding the weights, in shard order. */
export function checkpointFiles(dir: string): string[] {
  const indexPath = join(dir, SHARD_INDEX_FILE);
  if (existsSync(indexPath)) {
    let weightMap: unknown;
    try {
      weightMap = (JSON.parse(readFileSync(indexPath, 'utf8')) as { weight_map?: unknown }).weight_map;
    } catch (error) {
      throw new CheckpointError(`${indexPath} is not valid JSON (${(error as Error).message})`);
    }
    if (typeof weightMap !== 'object' || weightMap === null || !Object.values(weightMap).every((f) => typeof f === 'string')) {
      throw new CheckpointError(`${indexPath}: weight_map must map tensor names to file names`);
    }
    const shards = [...new Set(Object.values(weightMap as Record<string, string>))].sort();
    const missing = shards.filter((file) => !existsSync(join(dir, file)));
    if (missing.length > 0) throw new CheckpointError(`${indexPath} lists shards that are missing: ${missing.join(', ')}`);
    return shards.map((file) => join(dir, file));
  }
  const single = join(dir, SINGLE_WEIGHTS_FILE);
  if (!existsSync(single)) {
    throw new CheckpointError(
      `${dir} holds neither ${SINGLE_WEIGHTS_FILE} nor ${SHARD_INDEX_FILE}; only safetensors checkpoints are read ` +
        '(convert PyTorch .bin weights with transformers: model.save_pretrained(dir, safe_serialization=True))',
    );
  }
  return [single];
}

interface LocatedEntry extends SafetensorsEntry {
  readonly file: string;
}

function checkpointEntries(dir: string): LocatedEntry[] {
  const entries: LocatedEntry[] = [];
  const seen = new Set<string>();
  for (const file of checkpointFiles(dir)) {
    for (const entry of readSafetensorsHeaderSync(file).entries) {
      if (seen.has(entry.name)) throw new CheckpointError(`${dir}: tensor ${entry.name} is stored twice (again in ${file})`);
      seen.add(entry.name);
      entries.push({ ...entry, file });
    }
  }
  return entries;
}

/** The names of every stored tensor, read from the safetensors headers (no tensor data is read). */
export function storedTensorNames(dir: string): string[] {
  return checkpointEntries(dir).map((entry) => entry.name);
}

/** Bytes hashed per read: bounds memory whatever the size of the largest tensor. */
const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * SHA-256 over `configKey` and every stored tensor (name, dtype, shape, raw bytes) in name order, streamed in
 * chunks. Name order makes it independent of how the weights are split into shards.
 */
export function checkpointFingerprint(dir: string, configKey: string): string {
  const hash = createHash('sha256').update(configKey);
  const entries = checkpointEntries(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const descriptors = new Map<string, number>();
  try {
    for (const entry of entries) {
      let fd = descriptors.get(entry.file);
      if (fd === undefined) {
        fd = openSync(entry.file, 'r');
        descriptors.set(entry.file, fd);
      }
      hash.update(`\n${entry.name}:${entry.dtype}:${entry.shape.join('x')}:`);
      for (let position = entry.begin; position < entry.end; position += HASH_CHUNK_BYTES) {
        hash.update(readAtSync(fd, position, Math.min(HASH_CHUNK_BYTES, entry.end - position), entry.file));
      }
    }
  } finally {
    for (const fd of descriptors.values()) closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Hands every tensor that `rename` maps to a name to `onTensor` (under that name), one at a time, converted to
 * float32, or writes it into the slot `place` gives it (under that name); tensors mapped to undefined are never read.
 */
export async function readCheckpointTensors(
  dir: string,
  rename: (storedName: string) => string | undefined,
  onTensor: (name: string, tensor: SafetensorsTensor) => void,
  place?: TensorPlacement,
): Promise<void> {
  for (const file of checkpointFiles(dir)) {
    await streamSafetensorsFile(
      file,
      (name) => rename(name) !== undefined,
      (name, tensor) => onTensor(rename(name)!, tensor),
      place && ((name, shape) => place(rename(name)!, shape)),
    );
  }
}
