/**
 * Global adapters sent to clients may travel in their own encoding (`encoding.global`), apart from the clients'
 * updates. A lossy encoding changes what clients hold, so the digest announced with an instruction is the digest
 * of the values the client decodes — the client checks the adapter it received against it, and its update
 * refers to it. The coordinator keeps its exact float32 global and applies the clients' updates to it.
 */
import { adapterDigest, rawByteSize, type AdapterWeights } from '../../shared/lora/adapter.js';
import type { SeededRandom } from '../../shared/infra/random.js';
import { decodeWireAdapter, encodeAdapterAs, type UpdateEncoding, type WireAdapter } from '../../shared/wire/update-encoding.js';

export interface DownstreamAdapter {
  readonly encoding: UpdateEncoding;
  /** The wire form; undefined for fp32, which the protocol encodes from the adapter itself. */
  readonly wire: WireAdapter | undefined;
  /** Digest of the values a client decodes. */
  readonly digest: string;
  /** The adapter's float32 size and the size of its tensors on the wire (values and int8 scales). */
  readonly rawBytes: number;
  readonly wireBytes: number;
}

/**
 * `digest` is the adapter's own (float32) digest, which fp32 keeps; `random` drives int8's stochastic rounding
 * (seeded by the caller, so that a run is reproducible).
 */
export function encodeDownstream(adapter: AdapterWeights, digest: string, encoding: UpdateEncoding, random: SeededRandom): DownstreamAdapter {
  const rawBytes = rawByteSize(adapter);
  if (encoding === 'fp32') return { encoding, wire: undefined, digest, rawBytes, wireBytes: rawBytes };
  const wire = encodeAdapterAs(adapter, encoding, random);
  let wireBytes = 0;
  for (const tensor of wire.values()) wireBytes += tensor.bytes.byteLength + (tensor.scales?.byteLength ?? 0);
  return { encoding, wire, digest: adapterDigest(decodeWireAdapter(wire)), rawBytes, wireBytes };
}
