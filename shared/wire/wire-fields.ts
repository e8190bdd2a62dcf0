/** Field numbers of the wire schema, read from the generated code instead of being written out again. */
import protobuf from 'protobufjs/minimal.js';

/**
 * The number of the one field set in `oneField`, as the generated encoder of `type` tags it: e.g.
 * `fieldNumber(fedlora.v1.Envelope, { train: {} })` is Envelope.train's number.
 */
export function fieldNumber<T extends object>(type: { encode(message: T): protobuf.Writer }, oneField: T): number {
  if (Object.keys(oneField).length !== 1) throw new Error(`fieldNumber takes a message with one field, not ${Object.keys(oneField).join(', ')}`);
  const bytes = type.encode(oneField).finish();
  if (bytes.byteLength === 0) throw new Error(`the encoder wrote nothing for ${Object.keys(oneField)[0]}: give it a value it writes`);
  return protobuf.Reader.create(bytes).uint32() >>> 3;
}
