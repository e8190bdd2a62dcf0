/**
 * Reader and writer of the safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets: [begin, end)}, "__metadata__": {str: str}}`, then the
 * data section (offsets relative to its start, row-major, little-endian). Validation follows the official reader:
 * header at most 100 MB, offsets contiguous from 0 and ending exactly at the end of the file.
 *
 * Typed-array views of the data assume a little-endian host, as are all platforms Node runs on in practice.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { elementCount, type TensorData } from '../lora/adapter.js';
import { CheckpointError, TensorMismatchError } from '../infra/errors.js';
import { bfloat16ToFloat32Array, float16ToFloat32Array, float32ToBfloat16Array, float32ToFloat16Array } from '../infra/half-floats.js';

/** Bytes per element of every dtype the format defines. */
const DTYPE_BYTES = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
} as const;

export type SafetensorsDtype = keyof typeof DTYPE_BYTES;
export type WritableDtype = 'F32' | 'F16' | 'BF16';

export interface SafetensorsTensor extends TensorData {
  /** The dtype stored in the file; `data` is always converted to float32. */
  readonly dtype: SafetensorsDtype;
}

export interface SafetensorsContent {
  /** In the order of the tensors' data in the file. */
  readonly tensors: Map<string, SafetensorsTensor>;
  /** `__metadata__`, or an empty object when the file has none. */
  readonly metadata: Record<string, string>;
}

const LENGTH_PREFIX_BYTES = 8;
/** The official reader's limit: a larger header is refused before anything is allocated for it. */
const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';
const SPACE = 0x20;

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * Serialises tensors in the given order with contiguous offsets, `__metadata__` first when given and the header
 * padded with spaces to a multiple of 8 bytes: the layout the official writer produces.
 */
export function encodeSafetensors(
  tensors: Iterable<readonly [string, TensorData]>,
  metadata?: Readonly<Record<string, string>>,
  dtype: WritableDtype = 'F32',
): Uint8Array {
  const parts = safetensorsParts(tensors, metadata, dtype);
  // A plain, unpooled buffer, so that F32 data stays aligned for views over it.
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let position = 0;
  for (const part of parts) {
    bytes.set(part, position);
    position += part.byteLength;
  }
  return bytes;
}

/**
 * The bytes of `encodeSafetensors` as consecutive parts — the header, then each tensor's values (views over the
 * tensors themselves for F32) — so that a large file can be written without assembling it in memory first.
 */
export function safetensorsParts(
  tensors: Iterable<readonly [string, TensorData]>,
  metadata?: Readonly<Record<string, string>>,
  dtype: WritableDtype = 'F32',
): Uint8Array[] {
  // The header is assembled entry by entry because a JS object would move integer-like names ("0") to the front.
  const headerEntries: string[] = [];
  if (metadata !== undefined) headerEntries.push(jsonEntry(METADATA_KEY, metadata));
  const names = new Set<string>();
  const payloads: Uint8Array[] = [];
  let dataLength = 0;
  for (const [name, tensor] of tensors) {
    if (name === METADATA_KEY) throw new TensorMismatchError(`a tensor cannot be named ${METADATA_KEY}: the name is reserved`);
    if (names.has(name)) throw new TensorMismatchError(`tensor ${name} is given twice`);
    if (elementCount(tensor.shape) !== tensor.data.length) {
      throw new TensorMismatchError(`tensor ${name}: shape [${tensor.shape.join(', ')}] does not hold ${tensor.data.length} values`);
    }
    const payload = encodeElements(tensor.data, dtype);
    headerEntries.push(jsonEntry(name, { dtype, shape: tensor.shape, data_offsets: [dataLength, dataLength + payload.byteLength] }));
    names.add(name);
    payloads.push(payload);
    dataLength += payload.byteLength;
  }

  const json = new TextEncoder().encode(`{${headerEntries.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const header = new Uint8Array(LENGTH_PREFIX_BYTES + headerLength);
  new DataView(header.buffer).setBigUint64(0, BigInt(headerLength), true);
  header.set(json, LENGTH_PREFIX_BYTES);
  header.fill(SPACE, LENGTH_PREFIX_BYTES + json.length);
  return [header, ...payloads];
}

function jsonEntry(key: string, value: unknown): string {
  return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

/** float32 values as the little-endian bytes of `dtype`. */
export function encodeElements(data: Float32Array, dtype: WritableDtype): Uint8Array {
  const encoded = dtype === 'F32' ? data : dtype === 'F16' ? float32ToFloat16Array(data) : float32ToBfloat16Array(data);
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/**
 * Decodes a whole safetensors file held in memory. F32 tensors whose data is 4-byte aligned are views into `bytes`
 * (no copy): copy them before reusing the buffer.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContent {
  const source = 'in-memory buffer';
  const headerLength = readHeaderLength(bytes, bytes.length, source);
  const dataStart = LENGTH_PREFIX_BYTES + headerLength;
  const header = parseHeader(bytes.subarray(LENGTH_PREFIX_BYTES, dataStart), bytes.length - dataStart, source);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const entry of header.entries) {
    const data = decodeElements(entry, bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
    tensors.set(entry.name, { dtype: entry.dtype, shape: entry.shape, data });
  }
  return { tensors, metadata: header.metadata };
}

/**
 * Reads a safetensors file: first the header, then each tensor's bytes by positional reads, so that at most one
 * tensor's raw bytes exist beside the decoded tensors (never a second full copy of the weights).
 */
export async function readSafetensorsFile(path: string): Promise<SafetensorsContent> {
  const tensors = new Map<string, SafetensorsTensor>();
  const { metadata } = await streamSafetensorsFile(
    path,
    () => true,
    (name, tensor) => tensors.set(name, tensor),
  );
  return { tensors, metadata };
}

/**
 * Decodes the tensors of `path` that `wanted` selects, one at a time in file order, handing each to `onTensor`
 * before the next is read: a caller that moves each tensor elsewhere (e.g. into a tfjs backend) and drops it holds
 * one tensor in JS memory at a time. Returns the file's metadata.
 */
export async function streamSafetensorsFile(
  path: string,
  wanted: (name: string) => boolean,
  onTensor: (name: string, tensor: SafetensorsTensor) => void,
  place?: TensorPlacement,
): Promise<{ metadata: Record<string, string> }> {
  const { entries, metadata } = readSafetensorsHeaderSync(path);
  const handle = await open(path, 'r');
  try {
    for (const entry of entries) {
      if (!wanted(entry.name)) continue;
      const slot = place?.(entry.name, entry.shape);
      if (slot) {
        await readInPlace(handle, entry, slot, path);
        continue;
      }
      const raw = new Uint8Array(entry.end - entry.begin);
      const { bytesRead } = await handle.read(raw, 0, raw.length, entry.begin);
      // The header check proved the file long enough; a shorter read means it changed underneath us.
      if (bytesRead !== raw.length) throw invalid(path, `file ended while reading tensor ${entry.name} (was it truncated?)`);
      onTensor(entry.name, { dtype: entry.dtype, shape: entry.shape, data: decodeElements(entry, raw) });
    }
    return { metadata };
  } finally {
    await handle.close();
  }
}

/**
 * Where a tensor's float32 values go when its reader writes them in place (see streamSafetensorsFile): `write` takes
 * the values from element `offset` on, chunk by chunk, and must copy them (the chunk's buffer is reused).
 */
export interface TensorSlot {
  write(offset: number, values: Float32Array): void;
}

/** The slot for a wanted tensor, or undefined to have it handed over whole. */
export type TensorPlacement = (name: string, shape: readonly number[]) => TensorSlot | undefined;

/** Bytes read at a time into a slot: the only copy of a placed tensor's data that exists besides the slot. */
const PLACE_CHUNK_BYTES = 16 * 2 ** 20;

/** Reads `entry` into `slot` a chunk at a time, converting each chunk to float32. */
async function readInPlace(handle: FileHandle, entry: SafetensorsEntry, slot: TensorSlot, path: string): Promise<void> {
  const elementBytes = DTYPE_BYTES[entry.dtype];
  const chunkElements = Math.floor(PLACE_CHUNK_BYTES / elementBytes);
  const total = elementCount(entry.shape);
  const buffer = new Uint8Array(Math.min(total, chunkElements) * elementBytes);
  for (let offset = 0; offset < total; offset += chunkElements) {
    const count = Math.min(chunkElements, total - offset);
    const bytes = buffer.subarray(0, count * elementBytes);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, entry.begin + offset * elementBytes);
    if (bytesRead !== bytes.length) throw invalid(path, `file ended while reading tensor ${entry.name} (was it truncated?)`);
    slot.write(offset, decodeElements(entry, bytes, count));
  }
}

/** A tensor's place in a file: what hashing or selective reading needs without decoding anything. */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: number[];
  /** Byte range [begin, end) of the tensor's data. */
  readonly begin: number;
  readonly end: number;
}

/**
 * The validated header of `path`, with offsets made absolute (from the start of the file). Synchronous: only the
 * first bytes of the file are read.
 */
export function readSafetensorsHeaderSync(path: string): { entries: SafetensorsEntry[]; metadata: Record<string, string> } {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const prefix = readAtSync(fd, 0, Math.min(size, LENGTH_PREFIX_BYTES), path);
    const headerLength = readHeaderLength(prefix, size, path);
    const dataStart = LENGTH_PREFIX_BYTES + headerLength;
    const header = parseHeader(readAtSync(fd, LENGTH_PREFIX_BYTES, headerLength, path), size - dataStart, path);
    const entries = header.entries.map((entry) => ({ ...entry, begin: dataStart + entry.begin, end: dataStart + entry.end }));
    return { entries, metadata: header.metadata };
  } finally {
    closeSync(fd);
  }
}

/** Reads bytes [position, position + length) of an open file; a short file is a CheckpointError naming `source`. */
export function readAtSync(fd: number, position: number, length: number, source: string): Uint8Array {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const bytesRead = readSync(fd, buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw invalid(source, `file ended at byte ${position + filled} while reading (was it truncated?)`);
    filled += bytesRead;
  }
  return buffer;
}

/** Offsets relative to the start of the data section, as in the header. */
type HeaderEntry = SafetensorsEntry;

interface ParsedHeader {
  /** Sorted by offset. */
  readonly entries: HeaderEntry[];
  readonly metadata: Record<string, string>;
}

function invalid(source: string, detail: string): CheckpointError {
  return new CheckpointError(`invalid safetensors (${source}): ${detail}`);
}

/** `prefix` holds the file's first bytes (at least 8 when the file has 8); `totalLength` is the file's size. */
function readHeaderLength(prefix: Uint8Array, totalLength: number, source: string): number {
  if (totalLength < LENGTH_PREFIX_BYTES) {
    throw invalid(source, `${totalLength} bytes, shorter than the 8-byte header length that starts every file`);
  }
  const declared = new DataView(prefix.buffer, prefix.byteOffset, LENGTH_PREFIX_BYTES).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    throw invalid(source, `header length ${declared} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const headerLength = Number(declared);
  if (LENGTH_PREFIX_BYTES + headerLength > totalLength) {
    throw invalid(source, `header length ${headerLength} reaches beyond the end of the ${totalLength}-byte file`);
  }
  return headerLength;
}

function parseHeader(headerBytes: Uint8Array, dataLength: number, source: string): ParsedHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    throw invalid(source, 'header is not valid UTF-8');
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw invalid(source, `header is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(root)) throw invalid(source, 'header must be a JSON object');

  let metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(root)) {
    if (name === METADATA_KEY) metadata = parseMetadata(value, source);
    else entries.push(parseEntry(name, value, source));
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  assertContiguous(entries, dataLength, source);
  return { entries, metadata };
}

function parseMetadata(value: unknown, source: string): Record<string, string> {
  if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalid(source, `${METADATA_KEY} must be an object whose values are all strings`);
  }
  return { ...(value as Record<string, string>) };
}

function parseEntry(name: string, value: unknown, source: string): HeaderEntry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (!isPlainObject(value)) throw invalid(source, `${where}: header entry must be an object, got ${JSON.stringify(value)}`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || !Object.hasOwn(DTYPE_BYTES, dtype)) {
    throw invalid(source, `${where}: unknown dtype ${JSON.stringify(dtype)}`);
  }
  if (!Object.hasOwn(FLOAT_DECODERS, dtype)) {
    throw invalid(source, `${where}: dtype ${dtype} cannot be read as float32 (readable: ${Object.keys(FLOAT_DECODERS).join(', ')})`);
  }
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    throw invalid(source, `${where}: shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger) || offsets[0] > offsets[1]) {
    throw invalid(source, `${where}: data_offsets must be [begin, end] with 0 <= begin <= end, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  const byteLength = elementCount(shape) * DTYPE_BYTES[dtype as SafetensorsDtype];
  if (byteLength !== end - begin) {
    throw invalid(
      source,
      `${where}: shape [${shape.join(', ')}] of ${dtype} needs ${byteLength} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: [...shape], begin, end };
}

/** Offsets must tile the data section exactly: from 0, without gaps or overlaps, up to its last byte. */
function assertContiguous(sortedEntries: readonly HeaderEntry[], dataLength: number, source: string): void {
  let expectedBegin = 0;
  for (const entry of sortedEntries) {
    const where = `tensor ${JSON.stringify(entry.name)} at data_offsets [${entry.begin}, ${entry.end}]`;
    if (entry.begin < expectedBegin) throw invalid(source, `${where} overlaps the tensor before it (which ends at ${expectedBegin})`);
    if (entry.begin > expectedBegin) {
      throw invalid(source, `${where} leaves bytes [${expectedBegin}, ${entry.begin}) unused: offsets must be contiguous from 0`);
    }
    expectedBegin = entry.end;
  }
  if (expectedBegin !== dataLength) {
    throw invalid(source, `the tensors cover ${expectedBegin} bytes but the data section after the header holds ${dataLength}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Element conversion

interface ElementArrayType<T> {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
}

/** Views `bytes` as elements; typed arrays need an element-aligned start, so unaligned data costs one copy. */
function elementView<T>(type: ElementArrayType<T>, bytes: Uint8Array, count: number): T {
  const aligned = bytes.byteOffset % type.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new type(aligned.buffer, aligned.byteOffset, count);
}

type FloatDecoder = (bytes: Uint8Array, count: number) => Float32Array;

const FLOAT_DECODERS: Partial<Record<SafetensorsDtype, FloatDecoder>> = {
  F32: (bytes, count) => elementView(Float32Array, bytes, count),
  F16: (bytes, count) => float16ToFloat32Array(elementView(Uint16Array, bytes, count)),
  BF16: (bytes, count) => bfloat16ToFloat32Array(elementView(Uint16Array, bytes, count)),
  F64: (bytes, count) => Float32Array.from(elementView(Float64Array, bytes, count)),
  I32: (bytes, count) => Float32Array.from(elementView(Int32Array, bytes, count)),
  I64: (bytes, count) => Float32Array.from(elementView(BigInt64Array, bytes, count), Number),
};

function decodeElements(entry: HeaderEntry, bytes: Uint8Array, count = elementCount(entry.shape)): Float32Array {
  // parseEntry admits only dtypes that have a decoder.
  return FLOAT_DECODERS[entry.dtype]!(bytes, count);
}
