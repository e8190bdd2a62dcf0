import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, TensorMismatchError } from '../../shared/infra/errors.js';
import {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float16ToFloat32Array,
  float32ToBfloat16Array,
  float32ToBfloat16Bits,
  float32ToFloat16Array,
  float32ToFloat16Bits,
} from '../../shared/infra/half-floats.js';
import { decodeSafetensors, encodeSafetensors, readSafetensorsFile, streamSafetensorsFile, type WritableDtype } from '../../shared/model/safetensors.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fedlora-safetensors-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A file assembled by hand: little-endian u64 header length, the header text as given, then `data`. */
function handBuiltFile(header: string | Uint8Array, data: ArrayLike<number> = [], declaredLength?: bigint): Uint8Array {
  const headerBytes = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const bytes = new Uint8Array(8 + headerBytes.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, declaredLength ?? BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  bytes.set(data, 8 + headerBytes.length);
  return bytes;
}

function headerOf(bytes: Uint8Array): { text: string; length: number } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { text: new TextDecoder().decode(bytes.subarray(8, 8 + length)), length };
}

function dataSectionOf(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(8 + headerOf(bytes).length);
}

function isHalfNaN(bits: number): boolean {
  return (bits & 0x7c00) === 0x7c00 && (bits & 0x03ff) !== 0;
}

function isBfloat16NaN(bits: number): boolean {
  return (bits & 0x7f80) === 0x7f80 && (bits & 0x007f) !== 0;
}

/** Float32 values from raw bit patterns, so that NaN payloads survive (a JS number may canonicalise them). */
function float32FromBits(...bits: number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits).buffer);
}

describe('float16 conversion', () => {
  // Bit patterns from the IEEE 754 binary16 definition: sign | 5-bit exponent (bias 15) | 10-bit mantissa.
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [1 / 3, 0x3555],
    [0.1, 0x2e66],
    [65504, 0x7bff],
    [2 ** -14, 0x0400],
    [2 ** -14 - 2 ** -24, 0x03ff],
    [2 ** -24, 0x0001],
    [0, 0x0000],
    [-0, 0x8000],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [65519, 0x7bff], // below the midpoint to the next (unrepresentable) step
    [65520, 0x7c00], // the midpoint rounds to even, which is Inf
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [1 + 2 ** -11, 0x3c00], // tie between 0x3c00 and 0x3c01: even
    [1 + 3 * 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02: even
    [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above the tie
    [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal: even
    [3 * 2 ** -25, 0x0002], // tie between subnormals 1 and 2: even
    [Math.fround(2 ** -25 * (1 + 2 ** -20)), 0x0001],
    [2 ** -14 - 2 ** -25, 0x0400], // largest subnormal + half a step: tie rounds up into the normals
    [1e-10, 0x0000],
    [-1e-10, 0x8000],
  ])('encodes %d as 0x%s', (value, bits) => {
    expect(float32ToFloat16Bits(value).toString(16)).toBe(bits.toString(16));
  });

  it('encodes NaN as NaN, including a NaN whose payload lies only in bits the conversion drops', () => {
    expect(isHalfNaN(float32ToFloat16Bits(NaN))).toBe(true);
    const [quiet, signalling] = float32ToFloat16Array(float32FromBits(0x7fc00000, 0x7f800001));
    expect(isHalfNaN(quiet)).toBe(true);
    expect(isHalfNaN(signalling)).toBe(true);
  });

  it('decodes all 65536 bit patterns to the value the binary16 definition gives', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const sign = bits & 0x8000 ? -1 : 1;
      const exponent = (bits >> 10) & 0x1f;
      const mantissa = bits & 0x3ff;
      const expected =
        exponent === 0x1f
          ? mantissa === 0
            ? sign * Infinity
            : NaN
          : exponent === 0
            ? sign * mantissa * 2 ** -24
            : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
      const decoded = float16BitsToFloat32(bits);
      if (!Object.is(decoded, expected)) expect.fail(`0x${bits.toString(16)} decoded to ${decoded}, expected ${expected}`);
    }
  });

  it('re-encodes every non-NaN pattern to itself (decoding is exact)', () => {
    const all = new Uint16Array(0x10000).map((_, i) => i);
    const reencoded = float32ToFloat16Array(float16ToFloat32Array(all));
    for (let bits = 0; bits < 0x10000; bits++) {
      if (isHalfNaN(bits)) expect(isHalfNaN(reencoded[bits])).toBe(true);
      else if (reencoded[bits] !== bits) expect.fail(`0x${bits.toString(16)} came back as 0x${reencoded[bits].toString(16)}`);
    }
  });
});

describe('bfloat16 conversion', () => {
  // bfloat16 is the upper half of a float32: sign | 8-bit exponent (bias 127) | 7-bit mantissa.
  it.each([
    [1, 0x3f80],
    [-2, 0xc000],
    [Math.PI, 0x4049],
    [0, 0x0000],
    [-0, 0x8000],
    [Infinity, 0x7f80],
    [-Infinity, 0xff80],
    [3.4028234663852886e38, 0x7f80], // float32 max rounds up to Inf
    [1 + 2 ** -8, 0x3f80], // tie: even
    [1 + 3 * 2 ** -8, 0x3f82], // tie: even
    [Math.fround(1 + 2 ** -8 + 2 ** -20), 0x3f81],
    [2 ** -133, 0x0001], // smallest bfloat16 subnormal
  ])('encodes %d as 0x%s', (value, bits) => {
    expect(float32ToBfloat16Bits(value).toString(16)).toBe(bits.toString(16));
  });

  it('encodes NaN as NaN, including a NaN whose payload lies only in the dropped low half', () => {
    expect(isBfloat16NaN(float32ToBfloat16Bits(NaN))).toBe(true);
    const [signalling] = float32ToBfloat16Array(float32FromBits(0x7f800001));
    expect(isBfloat16NaN(signalling)).toBe(true);
  });

  it('decodes every pattern as the float32 whose upper half it is', () => {
    const view = new DataView(new ArrayBuffer(4));
    for (let bits = 0; bits < 0x10000; bits++) {
      view.setUint16(0, bits); // big-endian: the upper half, low half stays zero
      const expected = view.getFloat32(0);
      const decoded = bfloat16BitsToFloat32(bits);
      if (!Object.is(decoded, expected) && !(Number.isNaN(decoded) && Number.isNaN(expected))) {
        expect.fail(`0x${bits.toString(16)} decoded to ${decoded}, expected ${expected}`);
      }
    }
  });
});

describe('encodeSafetensors / decodeSafetensors', () => {
  const exactInHalf = [1, -2, 0.5, 65504, 2 ** -24, -0, Infinity, -Infinity];

  it.each<[WritableDtype, number[], number[]]>([
    ['F16', exactInHalf, [0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x8000, 0x7c00, 0xfc00]],
    ['BF16', [1, -2, 0.5, 2 ** -133, -0, Infinity, -Infinity, 3.140625], [0x3f80, 0xc000, 0x3f00, 0x0001, 0x8000, 0x7f80, 0xff80, 0x4049]],
  ])('stores %s as little-endian bit patterns and reads the same values back', (dtype, values, bits) => {
    const bytes = encodeSafetensors([['t', { shape: [2, 4], data: new Float32Array(values) }]], undefined, dtype);
    const data = dataSectionOf(bytes);
    expect([...data]).toEqual(bits.flatMap((b) => [b & 0xff, b >> 8]));

    const tensor = decodeSafetensors(bytes).tensors.get('t')!;
    expect(tensor.dtype).toBe(dtype);
    expect(tensor.shape).toEqual([2, 4]);
    values.forEach((v, i) => expect(Object.is(tensor.data[i], v)).toBe(true));
  });

  it('stores NaN as NaN in every dtype', () => {
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const bytes = encodeSafetensors([['t', { shape: [1], data: new Float32Array([NaN]) }]], undefined, dtype);
      expect(Number.isNaN(decodeSafetensors(bytes).tensors.get('t')!.data[0])).toBe(true);
    }
  });

  it('rounds lossy F16 and BF16 values to nearest', () => {
    const data = new Float32Array([0.1, 1 / 3]);
    const half = decodeSafetensors(encodeSafetensors([['t', { shape: [2], data }]], undefined, 'F16'));
    expect([...half.tensors.get('t')!.data]).toEqual([0.0999755859375, 0.333251953125]);
    const brain = decodeSafetensors(encodeSafetensors([['t', { shape: [2], data }]], undefined, 'BF16'));
    expect([...brain.tensors.get('t')!.data]).toEqual([0.10009765625, 0.333984375]);
  });

  it('round-trips F32 exactly, float32 subnormals included, and returns aligned F32 data as a view', () => {
    const data = new Float32Array([Math.fround(Math.PI), -1e-40, 3.4028234663852886e38, 1.401298464324817e-45, -0]);
    const bytes = encodeSafetensors([['weights', { shape: [5], data }]]);
    expect(dataSectionOf(bytes)).toEqual(new Uint8Array(data.buffer));
    const decoded = decodeSafetensors(bytes).tensors.get('weights')!;
    expect(decoded.data).toEqual(data);
    expect(Object.is(decoded.data[4], -0)).toBe(true);
    expect(decoded.data.buffer).toBe(bytes.buffer);
  });

  it('copies F32 data that is not 4-byte aligned in memory and still reads it correctly', () => {
    const data = new Float32Array([1.5, -2.25, 7]);
    const file = encodeSafetensors([['t', { shape: [3], data }]]);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const decoded = decodeSafetensors(shifted.subarray(1)).tensors.get('t')!;
    expect(decoded.data).toEqual(data);
    expect(decoded.data.buffer).not.toBe(shifted.buffer);
  });

  it('keeps scalars and empty tensors', () => {
    const bytes = encodeSafetensors([
      ['empty', { shape: [0, 4], data: new Float32Array(0) }],
      ['scalar', { shape: [], data: new Float32Array([42]) }],
    ]);
    const { tensors } = decodeSafetensors(bytes);
    expect(tensors.get('empty')).toMatchObject({ shape: [0, 4], data: new Float32Array(0) });
    expect(tensors.get('scalar')).toMatchObject({ shape: [], data: new Float32Array([42]) });
  });

  it('pads the header with spaces to a multiple of 8 bytes for every name length', () => {
    for (let nameLength = 1; nameLength <= 16; nameLength++) {
      const bytes = encodeSafetensors([['x'.repeat(nameLength), { shape: [1], data: new Float32Array([1]) }]]);
      const { text, length } = headerOf(bytes);
      const json = text.trimEnd();
      expect(length % 8).toBe(0);
      expect(length - json.length).toBeLessThan(8);
      expect(text.slice(json.length)).toMatch(/^ *$/);
      expect(json.endsWith('}')).toBe(true);
      expect(bytes.length).toBe(8 + length + 4);
    }
  });

  // Expected bytes from the official implementation's own tests (huggingface/safetensors, safetensors/src/tensor.rs:
  // test_serialization, test_serialization_forced_alignement, test_empty).
  it('produces byte for byte what the official writer produces', () => {
    const values = new Float32Array([0, 1, 2, 3, 4, 5]);
    const f32Data = [0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64];
    const official1 = [64, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}'), ...f32Data];
    expect([...encodeSafetensors([['attn.0', { shape: [1, 2, 3], data: values }]])]).toEqual(official1);

    const official2 = [
      72,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...new TextEncoder().encode('{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}'),
      32,
      32,
      32,
      32,
      32,
      32,
      32,
      ...f32Data,
    ];
    expect([...encodeSafetensors([['attn0', { shape: [1, 1, 2, 3], data: values }]])]).toEqual(official2);

    expect([...encodeSafetensors([])]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect([...encodeSafetensors([], { framework: 'pt' })]).toEqual([
      40,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...new TextEncoder().encode('{"__metadata__":{"framework":"pt"}}'),
      32,
      32,
      32,
      32,
      32,
    ]);
  });

  it('lays the header out as the Python writer does: __metadata__ first, entries in order, offsets contiguous', () => {
    const names = ['base_model.model.a.lora_A.weight', 'base_model.model.a.lora_B.weight', '0', 'z'];
    const bytes = encodeSafetensors(
      names.map((name, i) => [name, { shape: [i + 1, 2], data: new Float32Array((i + 1) * 2).fill(i) }]),
      { format: 'pt', round: '7' },
    );
    const { text } = headerOf(bytes);
    const header = JSON.parse(text) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
    // Object.keys would move "0" to the front, so the order is read from the text itself.
    const keyOrder = ['__metadata__', ...names].map((key) => text.indexOf(`${JSON.stringify(key)}:`));
    expect(keyOrder.every((position, i) => position >= 0 && (i === 0 || position > keyOrder[i - 1]))).toBe(true);
    expect(header.__metadata__).toEqual({ format: 'pt', round: '7' });

    let expectedBegin = 0;
    for (const [i, name] of names.entries()) {
      expect(Object.keys(header[name])).toEqual(['dtype', 'shape', 'data_offsets']);
      expect(header[name]).toEqual({ dtype: 'F32', shape: [i + 1, 2], data_offsets: [expectedBegin, expectedBegin + (i + 1) * 8] });
      expectedBegin += (i + 1) * 8;
    }
    expect(dataSectionOf(bytes).length).toBe(expectedBegin);
    expect(decodeSafetensors(bytes).metadata).toEqual({ format: 'pt', round: '7' });
  });

  it('refuses tensors it cannot write faithfully', () => {
    const one = { shape: [1], data: new Float32Array([1]) };
    expect(() => encodeSafetensors([['__metadata__', one]])).toThrow(TensorMismatchError);
    expect(() =>
      encodeSafetensors([
        ['a', one],
        ['a', one],
      ]),
    ).toThrow(/given twice/);
    expect(() => encodeSafetensors([['a', { shape: [2, 2], data: new Float32Array(3) }]])).toThrow(TensorMismatchError);
  });
});

describe('a file assembled by hand', () => {
  // Offsets in header order are deliberately not sorted, and "single" (F32) starts at byte 6: not 4-byte aligned.
  const header =
    '{"single":{"dtype":"F32","shape":[2],"data_offsets":[6,14]},' +
    '"__metadata__":{"source":"hand"},' +
    '"half":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},' +
    '"brain":{"dtype":"BF16","shape":[1,2],"data_offsets":[14,18]},' +
    '"int32":{"dtype":"I32","shape":[1],"data_offsets":[18,22]},' +
    '"double":{"dtype":"F64","shape":[1],"data_offsets":[22,30]},' +
    '"int64":{"dtype":"I64","shape":[1],"data_offsets":[30,38]}}';
  const paddedHeader = header + ' '.repeat((8 - (header.length % 8)) % 8);
  const data = new DataView(new ArrayBuffer(38));
  [0x3c00, 0xc000, 0x7bff].forEach((bits, i) => data.setUint16(2 * i, bits, true));
  data.setFloat32(6, 1.5, true);
  data.setFloat32(10, -3.25, true);
  data.setUint16(14, 0x3f80, true);
  data.setUint16(16, 0x4049, true);
  data.setInt32(18, -7, true);
  data.setFloat64(22, 0.1, true);
  data.setBigInt64(30, 2n ** 40n, true);
  const file = handBuiltFile(paddedHeader, new Uint8Array(data.buffer));

  function expectContent(content: ReturnType<typeof decodeSafetensors>): void {
    expect(content.metadata).toEqual({ source: 'hand' });
    expect([...content.tensors.keys()]).toEqual(['half', 'single', 'brain', 'int32', 'double', 'int64']);
    const values = Object.fromEntries([...content.tensors].map(([name, t]) => [name, [...t.data]]));
    expect(values).toEqual({
      half: [1, -2, 65504],
      single: [1.5, -3.25],
      brain: [1, 3.140625],
      int32: [-7],
      double: [Math.fround(0.1)],
      int64: [2 ** 40],
    });
    expect(content.tensors.get('brain')).toMatchObject({ dtype: 'BF16', shape: [1, 2] });
  }

  it('is read correctly from memory', () => {
    expectContent(decodeSafetensors(file));
  });

  it('is read correctly from disk', async () => {
    const path = join(root, 'hand.safetensors');
    await writeFile(path, file);
    expectContent(await readSafetensorsFile(path));
  });
});

describe('readSafetensorsFile', () => {
  it('reads back what the writer wrote, in every dtype', async () => {
    const tensors: [string, { shape: number[]; data: Float32Array }][] = [
      ['b', { shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
      ['a', { shape: [1], data: new Float32Array([-0.5]) }],
    ];
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const path = join(root, `roundtrip-${dtype}.safetensors`);
      await writeFile(path, encodeSafetensors(tensors, { dtype }, dtype));
      const content = await readSafetensorsFile(path);
      expect(content.metadata).toEqual({ dtype });
      expect([...content.tensors]).toEqual(tensors.map(([name, t]) => [name, { dtype, ...t }]));
    }
  });

  it('leaves a missing file as the file system error', async () => {
    await expect(readSafetensorsFile(join(root, 'absent.safetensors'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('streamSafetensorsFile into slots', () => {
  it('writes a placed tensor chunk by chunk (16 MiB of file at a time) with the values read whole, in every dtype', async () => {
    // 5,000,003 elements: two full chunks and a partial one in F16/BF16, one and a partial in F32.
    const large = new Float32Array(5_000_003).map((_, i) => Math.sin(i) * 100);
    const tensors: [string, { shape: number[]; data: Float32Array }][] = [
      ['large', { shape: [5_000_003], data: large }],
      ['small', { shape: [2, 2], data: new Float32Array([1, -2, 3, -4]) }],
    ];
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const path = join(root, `placed-${dtype}.safetensors`);
      await writeFile(path, encodeSafetensors(tensors, {}, dtype));
      const whole = await readSafetensorsFile(path);
      const placed = new Float32Array(large.length);
      const handed: string[] = [];
      await streamSafetensorsFile(
        path,
        () => true,
        (name) => handed.push(name),
        (name, shape) => (name === 'large' ? { write: (offset, values) => placed.set(values, offset) } : (expect(shape).toEqual([2, 2]), undefined)),
      );
      expect(handed).toEqual(['small']);
      const expected = whole.tensors.get('large')!.data;
      // Bytewise: a deep comparison of millions of elements would take minutes.
      expect(Buffer.from(placed.buffer).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
    }
  });
});

describe('malformed files', () => {
  const f32 = (shape: unknown, offsets: unknown) => JSON.stringify({ dtype: 'F32', shape, data_offsets: offsets });
  const zeros = (n: number) => new Uint8Array(n);

  const cases: [string, Uint8Array, RegExp][] = [
    ['shorter than 8 bytes', new Uint8Array([1, 2, 3]), /shorter than the 8-byte/],
    ['empty', new Uint8Array(0), /0 bytes, shorter/],
    ['header length above 100 MB', handBuiltFile('{}', [], 100_000_001n), /exceeds the 100000000-byte limit/],
    ['header length 2^64 - 1', handBuiltFile('{}', [], 2n ** 64n - 1n), /exceeds/],
    ['header length beyond the end of the file', handBuiltFile('{}', [], 100n), /beyond the end/],
    ['header not UTF-8', handBuiltFile(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), /not valid UTF-8/],
    ['header not JSON', handBuiltFile('{"a": '), /not valid JSON/],
    ['header a JSON array', handBuiltFile('[]'), /must be a JSON object/],
    ['header JSON null', handBuiltFile('null'), /must be a JSON object/],
    ['entry not an object', handBuiltFile('{"a":5}'), /header entry must be an object/],
    ['entry an array', handBuiltFile('{"a":[1]}'), /header entry must be an object/],
    ['unknown dtype', handBuiltFile('{"a":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}', zeros(4)), /unknown dtype "F99"/],
    ['missing dtype', handBuiltFile('{"a":{"shape":[1],"data_offsets":[0,4]}}', zeros(4)), /unknown dtype/],
    ['dtype not readable as float32', handBuiltFile('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', zeros(1)), /cannot be read as float32/],
    ['negative dimension', handBuiltFile(`{"a":${f32([-1], [0, 4])}}`, zeros(4)), /non-negative integers/],
    ['fractional dimension', handBuiltFile(`{"a":${f32([1.5], [0, 6])}}`, zeros(6)), /non-negative integers/],
    ['shape not a list', handBuiltFile(`{"a":${f32(1, [0, 4])}}`, zeros(4)), /non-negative integers/],
    ['one offset', handBuiltFile(`{"a":${f32([1], [0])}}`, zeros(4)), /data_offsets must be/],
    ['reversed offsets', handBuiltFile(`{"a":${f32([1], [4, 0])}}`, zeros(4)), /data_offsets must be/],
    ['negative offset', handBuiltFile(`{"a":${f32([1], [-4, 0])}}`, zeros(4)), /data_offsets must be/],
    ['size not matching shape', handBuiltFile(`{"a":${f32([2], [0, 4])}}`, zeros(4)), /needs 8 bytes but data_offsets \[0, 4\] span 4/],
    ['shape too large', handBuiltFile(`{"a":${f32([2 ** 40, 2 ** 40], [0, 4])}}`, zeros(4)), /needs .* bytes/],
    ['offsets not starting at 0', handBuiltFile(`{"a":${f32([1], [4, 8])}}`, zeros(8)), /bytes \[0, 4\) unused/],
    ['gap between tensors', handBuiltFile(`{"a":${f32([1], [0, 4])},"b":${f32([1], [8, 12])}}`, zeros(12)), /bytes \[4, 8\) unused/],
    ['overlapping tensors', handBuiltFile(`{"a":${f32([2], [0, 8])},"b":${f32([1], [4, 8])}}`, zeros(8)), /overlaps/],
    ['tensors overlapping by one byte', handBuiltFile(`{"a":${f32([1], [0, 4])},"b":${f32([1], [3, 7])}}`, zeros(7)), /overlaps/],
    ['identical offsets', handBuiltFile(`{"a":${f32([1], [0, 4])},"b":${f32([1], [0, 4])}}`, zeros(4)), /overlaps/],
    ['bytes after the last tensor', handBuiltFile(`{"a":${f32([1], [0, 4])}}`, zeros(8)), /cover 4 bytes but .* holds 8/],
    ['data section too short', handBuiltFile(`{"a":${f32([2], [0, 8])}}`, zeros(4)), /cover 8 bytes but .* holds 4/],
    ['metadata not an object', handBuiltFile('{"__metadata__":"pt"}'), /__metadata__ must be an object/],
    ['metadata value not a string', handBuiltFile('{"__metadata__":{"epoch":1}}'), /__metadata__ must be an object whose values are all strings/],
  ];

  it.each(cases)('%s: decodeSafetensors throws CheckpointError', (_, bytes, message) => {
    let caught: unknown;
    try {
      decodeSafetensors(bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CheckpointError);
    expect((caught as Error).message).toMatch(message);
  });

  it.each(cases)('%s: readSafetensorsFile rejects with CheckpointError naming the file', async (name, bytes, message) => {
    const path = join(root, `${name.replace(/\W+/g, '-')}.safetensors`);
    await writeFile(path, bytes);
    const rejection = readSafetensorsFile(path);
    await expect(rejection).rejects.toBeInstanceOf(CheckpointError);
    await expect(rejection).rejects.toThrow(message);
    await expect(rejection).rejects.toThrow(path);
  });
});
