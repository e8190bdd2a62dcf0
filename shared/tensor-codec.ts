/**
 * Adapter tensors ↔ protobuf `Adapter`. Encoding hands protobufjs a byte view of each Float32Array (the
 * bytes are copied once, into the outgoing buffer); decoding returns Float32Array views over the received
 * buffer when the offset is 4-byte aligned and copies once otherwise. Little-endian hosts only (x86-64, arm64).
 */
import type { fedlora } from '../proto/generated/fedlora.js';
import { elementCount, makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import { MalformedMessageError } from './errors.js';

const FLOAT32 = 1; // fedlora.v1.DType.FLOAT32

/** Largest dimension and element count we accept from the wire (2^31 − 1 elements is far beyond any adapter). */
const MAX_ELEMENTS = 2 ** 31 - 1;

export function encodeAdapter(adapter: AdapterWeights): fedlora.v1.Adapter.$Properties {
  return {
    tensors: [...adapter].map(([name, t]) => ({
      name,
      shape: [...t.shape],
      dtype: FLOAT32,
      data: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
    })),
  };
}

function float32View(bytes: Uint8Array): Float32Array {
  if (bytes.byteOffset % Float32Array.BYTES_PER_ELEMENT === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float32Array.BYTES_PER_ELEMENT);
  }
  return new Float32Array(new Uint8Array(bytes).buffer);
}

export function decodeAdapter(adapter: fedlora.v1.Adapter.$Properties, path: string): AdapterWeights {
  const seen = new Set<string>();
  const entries: [string, TensorData][] = [];
  for (const [i, tensor] of (adapter.tensors ?? []).entries()) {
    const where = `${path}.tensors[${i}]`;
    const name = tensor.name ?? '';
    if (name === '') throw new MalformedMessageError(`${where} has no name`);
    if (seen.has(name)) throw new MalformedMessageError(`${where}: tensor ${name} appears twice`);
    seen.add(name);
    const shape = tensor.shape ?? [];
    if (shape.length === 0 || shape.some((d) => d < 1)) {
      throw new MalformedMessageError(`${where} (${name}) has an invalid shape [${shape.join(', ')}]`);
    }
    const count = elementCount(shape);
    if (count > MAX_ELEMENTS) throw new MalformedMessageError(`${where} (${name}) is too large: ${count} elements`);
    if ((tensor.dtype ?? 0) !== FLOAT32) {
      throw new MalformedMessageError(`${where} (${name}) has unsupported dtype ${tensor.dtype ?? 0}; this version accepts FLOAT32`);
    }
    const bytes = tensor.data ?? new Uint8Array(0);
    if (bytes.byteLength !== count * Float32Array.BYTES_PER_ELEMENT) {
      throw new MalformedMessageError(
        `${where} (${name}) carries ${bytes.byteLength} bytes, shape [${shape.join(', ')}] needs ${count * 4}`,
      );
    }
    entries.push([name, { shape: [...shape], data: float32View(bytes) }]);
  }
  return makeAdapter(entries);
}
