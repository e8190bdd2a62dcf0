/**
 * LoRA adapter weights as plain typed arrays: what travels between trainer, wire codec, strategies and
 * checkpoints. Names follow Hugging Face PEFT (`base_model.model.<module>.lora_A.weight`).
 * Kept free of tfjs so that the coordinator's maths never touches a tensor backend.
 */
import { createHash } from 'node:crypto';
import { TensorMismatchError, NonFiniteError } from '../infra/errors.js';

export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Ordered map name → tensor; iteration order is sorted by name so that encodings and digests are canonical. */
export type AdapterWeights = ReadonlyMap<string, TensorData>;

/** Tensor names and shapes: all that a layout check needs, without the data. */
export type AdapterLayout = ReadonlyMap<string, { readonly shape: readonly number[] }>;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export function makeAdapter(entries: Iterable<[string, TensorData]>): AdapterWeights {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, t] of sorted) {
    if (elementCount(t.shape) !== t.data.length) {
      throw new TensorMismatchError(`tensor ${name}: shape [${t.shape.join(', ')}] does not hold ${t.data.length} values`);
    }
  }
  return new Map(sorted);
}

export function cloneAdapter(adapter: AdapterWeights): AdapterWeights {
  return makeAdapter([...adapter].map(([n, t]) => [n, { shape: [...t.shape], data: new Float32Array(t.data) }]));
}

export function zerosLike(adapter: AdapterWeights): AdapterWeights {
  return makeAdapter([...adapter].map(([n, t]) => [n, { shape: [...t.shape], data: new Float32Array(t.data.length) }]));
}

/** Total number of scalar parameters. */
export function parameterCount(adapter: AdapterWeights): number {
  let n = 0;
  for (const t of adapter.values()) n += t.data.length;
  return n;
}

/** Bytes of the raw float32 tensors (what the update costs before any framing). */
export function rawByteSize(adapter: AdapterWeights): number {
  return parameterCount(adapter) * Float32Array.BYTES_PER_ELEMENT;
}

/** Throws TensorMismatchError unless `candidate` has exactly the names and shapes of `reference`. */
export function assertSameLayout(reference: AdapterLayout, candidate: AdapterLayout): void {
  for (const name of candidate.keys()) {
    if (!reference.has(name)) throw new TensorMismatchError(`unexpected tensor ${name}`);
  }
  for (const [name, ref] of reference) {
    const got = candidate.get(name);
    if (!got) throw new TensorMismatchError(`missing tensor ${name}`);
    if (got.shape.length !== ref.shape.length || got.shape.some((d, i) => d !== ref.shape[i])) {
      throw new TensorMismatchError(`tensor ${name} has shape [${got.shape.join(', ')}], expected [${ref.shape.join(', ')}]`);
    }
  }
}

/** Throws NonFiniteError on the first NaN or ±Inf. */
export function assertFinite(adapter: AdapterWeights): void {
  for (const [name, t] of adapter) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) throw new NonFiniteError(`tensor ${name} holds ${d[i]} at index ${i}`);
    }
  }
}

/** L2 norm over every element of every tensor. */
export function l2Norm(adapter: AdapterWeights): number {
  let sum = 0;
  for (const t of adapter.values()) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) sum += d[i] * d[i];
  }
  return Math.sqrt(sum);
}

/** `base` with the tensors of `replacements` put in place of those of the same name. */
export function replaceTensors(base: AdapterWeights, replacements: AdapterWeights): AdapterWeights {
  return makeAdapter([...base].map(([name, t]) => [name, replacements.get(name) ?? t]));
}

/** f(a, b) element by element (same layout required). */
function elementwise(a: AdapterWeights, b: AdapterWeights, f: (x: number, y: number) => number): AdapterWeights {
  assertSameLayout(a, b);
  return makeAdapter(
    [...a].map(([name, t]) => {
      const other = b.get(name)!.data;
      const out = new Float32Array(t.data.length);
      for (let i = 0; i < out.length; i++) out[i] = f(t.data[i], other[i]);
      return [name, { shape: [...t.shape], data: out }];
    }),
  );
}

/** The adapter scaled down so that its whole L2 norm is at most `maxNorm` (unchanged when already within). */
export function clipToNorm(adapter: AdapterWeights, maxNorm: number): AdapterWeights {
  const norm = l2Norm(adapter);
  if (norm <= maxNorm) return adapter;
  const scale = maxNorm / norm;
  return makeAdapter([...adapter].map(([name, t]) => [name, { shape: [...t.shape], data: t.data.map((v) => v * scale) }]));
}

/** a − b, element-wise (same layout required). */
export function subtract(a: AdapterWeights, b: AdapterWeights): AdapterWeights {
  return elementwise(a, b, (x, y) => x - y);
}

/** a + b, element-wise (same layout required). */
export function add(a: AdapterWeights, b: AdapterWeights): AdapterWeights {
  return elementwise(a, b, (x, y) => x + y);
}

/** SHA-256 over names, shapes and float32 bytes in canonical order: identifies a global adapter. */
export function adapterDigest(adapter: AdapterWeights): string {
  const hash = createHash('sha256');
  for (const [name, t] of adapter) {
    hash.update(`${name}:${t.shape.join('x')};`);
    hash.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return hash.digest('hex');
}
