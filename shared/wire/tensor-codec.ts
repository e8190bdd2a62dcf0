/**
 * Adapter tensors ↔ protobuf `Adapter`. Encoding leaves each tensor's bytes in place and writes only their
 * framing (see `adapterParts`): joined into one buffer, each byte is copied once. Decoding returns views over the
 * received buffer when aligned (fp32), and converts fp16, bf16 and int8 to float32. Little-endian hosts only
 * (x86-64, arm64).
 */
import { fedlora } from '../../proto/generated/fedlora.js';
import { elementCount, makeAdapter, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import { MalformedMessageError } from '../infra/errors.js';
import { fieldNumber } from './wire-fields.js';
import { BYTES_PER_VALUE, decodeTensor, expectedScaleCount, type UpdateEncoding, type WireAdapter, type WireTensor } from './update-encoding.js';

const { DType } = fedlora.v1;
const DTYPE_OF: Record<UpdateEncoding, fedlora.v1.DType> = { fp32: DType.FLOAT32, fp16: DType.FLOAT16, bf16: DType.BFLOAT16, int8: DType.INT8 };
const ENCODING_OF = new Map<number, UpdateEncoding>(Object.entries(DTYPE_OF).map(([encoding, dtype]) => [dtype, encoding as UpdateEncoding]));

/** Largest dimension and element count we accept from the wire (2^31 − 1 elements is far beyond any adapter). */
const MAX_ELEMENTS = 2 ** 31 - 1;

const ADAPTER_TENSORS_FIELD = fieldNumber(fedlora.v1.Adapter, { tensors: [{}] });
const TENSOR_DATA_FIELD = fieldNumber(fedlora.v1.Tensor, { data: new Uint8Array(1) });
const TENSOR_ALIGNMENT_FIELD = fieldNumber(fedlora.v1.Tensor, { alignment: new Uint8Array(1) });
const LENGTH_DELIMITED = 2;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

function writeVarint(out: Uint8Array, position: number, value: number): number {
  while (value >= 0x80) {
    out[position++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  out[position++] = value;
  return position;
}

/** Size of a length-delimited field holding `length` bytes (field numbers below 16 take one tag byte). */
function fieldSize(length: number): number {
  return 1 + varintSize(length) + length;
}

function writeFieldHeader(out: Uint8Array, position: number, field: number, length: number): number {
  out[position++] = (field << 3) | LENGTH_DELIMITED;
  return writeVarint(out, position, length);
}

/**
 * Appends `adapter` to an encoded message as the length-delimited field reached by `path` (field numbers from
 * the outer message inwards, e.g. Envelope.update → ClientUpdate.update). protobuf merges repeated occurrences
 * of a message field, so each tensor travels in its own occurrence of the path. Returns the encoding as
 * consecutive parts: the message, then for each tensor its framing (written here, a few dozen bytes) and its
 * bytes in place, so that a large adapter can be sent without ever being copied whole. Joined, the parts are
 * the message; protobufjs, by contrast, grows its buffer by doubling and copies large payloads several times.
 */
export function adapterParts(message: Uint8Array, path: readonly number[], adapter: WireAdapter): Uint8Array[] {
  /** Content lengths of the path's fields, outermost first, around an Adapter of `adapterLength` bytes. */
  const nest = (adapterLength: number): number[] => {
    const lengths = [adapterLength];
    for (let i = path.length - 1; i > 0; i--) lengths.unshift(fieldSize(lengths[0]));
    return lengths;
  };
  let offset = message.byteLength;
  const pieces = [...adapter].map(([name, t]: [string, WireTensor]) => {
    const header = fedlora.v1.Tensor.encode({
      name,
      shape: [...t.shape],
      dtype: DTYPE_OF[t.encoding],
      scales: t.scales ? [...t.scales] : [],
      scaleAxis: t.scaleAxis ?? null,
    }).finish();
    const data = t.bytes;
    // Pick the alignment field's size (0 to 7 content bytes) that puts `data` at a multiple of 4.
    for (let padding = 0; ; padding++) {
      const tensorLength = header.byteLength + fieldSize(padding) + fieldSize(data.byteLength);
      const lengths = nest(fieldSize(tensorLength));
      const headersBefore = lengths.reduce((n, length) => n + fieldSize(length) - length, 0) + fieldSize(tensorLength) - tensorLength;
      const dataStart = offset + headersBefore + header.byteLength + fieldSize(padding) + fieldSize(data.byteLength) - data.byteLength;
      if (dataStart % Float32Array.BYTES_PER_ELEMENT === 0 || padding === 7) {
        offset += fieldSize(lengths[0]);
        return { header, data, padding, tensorLength, lengths, framingLength: dataStart - (offset - fieldSize(lengths[0])) };
      }
    }
  });
  const pathHeaders = (lengths: number[]): number => lengths.reduce((n, length) => n + fieldSize(length) - length, 0);
  /** Writes the path's field headers at the start of `out`; returns the position after them. */
  const writePath = (out: Uint8Array, lengths: number[]): number => {
    let position = 0;
    for (let i = 0; i < path.length; i++) position = writeFieldHeader(out, position, path[i], lengths[i]);
    return position;
  };
  const parts: Uint8Array[] = [message];
  if (pieces.length === 0) {
    // An adapter without tensors still marks its presence, with one empty occurrence of the path.
    const lengths = nest(0);
    const framing = Buffer.allocUnsafe(pathHeaders(lengths));
    writePath(framing, lengths);
    parts.push(framing);
  }
  for (const { header, data, padding, tensorLength, lengths, framingLength } of pieces) {
    // Every byte of the framing is written below, so it need not be zero-filled first.
    const framing = Buffer.allocUnsafe(framingLength);
    let position = writePath(framing, lengths);
    position = writeFieldHeader(framing, position, ADAPTER_TENSORS_FIELD, tensorLength);
    framing.set(header, position);
    position += header.byteLength;
    position = writeFieldHeader(framing, position, TENSOR_ALIGNMENT_FIELD, padding);
    framing.fill(0, position, position + padding);
    position += padding;
    position = writeFieldHeader(framing, position, TENSOR_DATA_FIELD, data.byteLength);
    if (position !== framingLength) throw new Error(`tensor framing wrote ${position} of ${framingLength} bytes`);
    parts.push(framing, data);
  }
  return parts;
}

export interface DecodedAdapter {
  readonly adapter: AdapterWeights;
  /** How the tensors travelled (fp32 for an adapter without tensors). */
  readonly encoding: UpdateEncoding;
}

export function decodeAdapter(adapter: fedlora.v1.Adapter.$Properties, path: string): DecodedAdapter {
  const seen = new Set<string>();
  const entries: [string, TensorData][] = [];
  let encoding: UpdateEncoding | undefined;
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
    const tensorEncoding = ENCODING_OF.get(tensor.dtype ?? 0);
    if (!tensorEncoding) throw new MalformedMessageError(`${where} (${name}) has unknown dtype ${tensor.dtype ?? 0}`);
    if (encoding !== undefined && tensorEncoding !== encoding) {
      throw new MalformedMessageError(`${where} (${name}) is ${tensorEncoding} but earlier tensors are ${encoding}; one encoding per adapter`);
    }
    encoding = tensorEncoding;
    const bytes = tensor.data ?? new Uint8Array(0);
    const needed = count * BYTES_PER_VALUE[tensorEncoding];
    if (bytes.byteLength !== needed) {
      throw new MalformedMessageError(`${where} (${name}) carries ${bytes.byteLength} bytes, shape [${shape.join(', ')}] needs ${needed}`);
    }
    const wire: WireTensor = { encoding: tensorEncoding, shape, bytes, ...int8Scales(tensor, tensorEncoding, shape, `${where} (${name})`) };
    entries.push([name, { shape: [...shape], data: decodeTensor(wire) }]);
  }
  return { adapter: makeAdapter(entries), encoding: encoding ?? 'fp32' };
}

/** The scales of an int8 tensor, checked: one per index along scale_axis (or one), finite and positive. */
function int8Scales(
  tensor: fedlora.v1.Tensor.$Properties,
  encoding: UpdateEncoding,
  shape: readonly number[],
  where: string,
): Pick<WireTensor, 'scales' | 'scaleAxis'> {
  const scales = tensor.scales ?? [];
  if (encoding !== 'int8') {
    if (scales.length > 0) throw new MalformedMessageError(`${where}: only int8 tensors carry scales`);
    return {};
  }
  const axis = tensor.scaleAxis ?? undefined;
  if (axis !== undefined && axis >= shape.length) throw new MalformedMessageError(`${where}: scale_axis ${axis} is out of range`);
  if (scales.length !== expectedScaleCount(shape, axis)) {
    throw new MalformedMessageError(`${where}: ${scales.length} scales, expected ${expectedScaleCount(shape, axis)}`);
  }
  if (scales.some((s) => !(s > 0) || !Number.isFinite(s))) throw new MalformedMessageError(`${where}: scales must be finite and positive`);
  return { scales: Float32Array.from(scales), scaleAxis: axis };
}
