/**
 * The wire protocol at the trust boundary: every socket.io event named `PROTOCOL_EVENT` carries one protobuf
 * `Envelope` (proto/fedlora.proto). `decodeMessage` turns untrusted bytes into a typed `Message` (messages.ts)
 * or throws a typed FedloraError; nothing else in the code reads raw protobuf.
 */
import protobuf from 'protobufjs/minimal.js';
import { fedlora } from '../../proto/generated/fedlora.js';
import type { AdapterWeights } from '../lora/adapter.js';
import type { LoraConfig } from '../lora/lora.js';
import { loraSpecSchema } from '../lora/lora-spec.js';
import { peftSpecSchema, usesLoraFactors } from '../lora/peft-method.js';
import { clientPolicySchema, roundHyperParamsSchema, type TrainHyperParams } from '../lora/training.js';
import { MalformedMessageError } from '../infra/errors.js';
import { adapterParts, decodeAdapter } from './tensor-codec.js';
import { UPDATE_ENCODINGS, encodeAdapterAs, type WireAdapter } from './update-encoding.js';
import { fieldNumber } from './wire-fields.js';
import {
  type ChunkMessage,
  DATA_SET_NAME,
  type DataSetInfo,
  DEFAULT_DATA_SET,
  MAX_DATA_SETS,
  type Message,
  PROTOCOL_VERSION,
  WIRE_ERROR_CODES,
  type WireErrorCode,
} from './messages.js';
import { describeIssues } from '../infra/zod-issues.js';
import type { z } from 'zod';
import { secAggEnvelope, secAggFromEnvelope } from '../secagg/messages.js';

// 64-bit fields become plain numbers (exact below 2^53), never Long objects.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

const pb = fedlora.v1;

function loraToWire(lora: LoraConfig): fedlora.v1.LoraSpec.$Properties {
  return {
    r: lora.r,
    alpha: lora.alpha,
    targetModules: [...lora.targetModules],
    dropout: lora.dropout ?? 0,
    useRslora: lora.useRslora ?? false,
    freezeA: lora.freezeA ?? false,
    modulesToSave: [...(lora.modulesToSave ?? [])],
    peft: lora.peft,
    bias: lora.bias ?? 'none',
  };
}

/** The field numbers from the Envelope down to each message's adapter (see adapterParts). */
const ADAPTER_PATHS = {
  train: [fieldNumber(pb.Envelope, { train: {} }), fieldNumber(pb.TrainInstruction, { globalAdapter: {} })],
  update: [fieldNumber(pb.Envelope, { update: {} }), fieldNumber(pb.ClientUpdate, { update: {} })],
  evaluate: [fieldNumber(pb.Envelope, { evaluate: {} }), fieldNumber(pb.EvaluateInstruction, { adapter: {} })],
} as const;

/**
 * The adapter a message carries, in its wire form, with the field numbers from the Envelope down to it; it is
 * encoded apart from the rest of the message (see adapterParts).
 */
function carriedAdapter(message: Message): { path: readonly number[]; wire: WireAdapter } | undefined {
  const fp32 = (adapter: AdapterWeights | undefined) => (adapter ? encodeAdapterAs(adapter, 'fp32') : undefined);
  let wire: WireAdapter | undefined;
  switch (message.kind) {
    case 'train':
      wire = message.globalAdapter && (message.wireGlobalAdapter ?? fp32(message.globalAdapter));
      break;
    case 'update': // possibly quantized by its sender
      wire = message.wireUpdate ?? fp32(message.update);
      break;
    case 'evaluate':
      wire = message.adapter && (message.wireAdapter ?? fp32(message.adapter));
      break;
    default:
      return undefined;
  }
  return wire ? { path: ADAPTER_PATHS[message.kind], wire } : undefined;
}

/**
 * A message's encoding as consecutive parts (see adapterParts): an adapter's tensor bytes stay where they are, so
 * that a large instruction can be sent in chunks without a copy of the whole.
 */
export function encodeMessageParts(message: Message): Uint8Array[] {
  const envelope = encodeEnvelopeWithoutAdapter(message);
  const carried = carriedAdapter(message);
  return carried ? adapterParts(envelope, carried.path, carried.wire) : [envelope];
}

export function encodeMessage(message: Message): Uint8Array {
  const parts = encodeMessageParts(message);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** The binary payload of a socket.io event, or undefined when the peer sent something else. */
export function envelopeBytes(payload: unknown): Uint8Array | undefined {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return undefined;
}

function encodeEnvelopeWithoutAdapter(message: Message): Uint8Array {
  let envelope: fedlora.v1.Envelope.$Properties;
  switch (message.kind) {
    case 'hello':
      envelope = {
        hello: {
          clientId: message.clientId,
          modelFingerprint: message.modelFingerprint,
          backend: message.backend,
          numTrainExamples: message.numTrainExamples,
          numEvalExamples: message.numEvalExamples,
          softwareVersion: message.softwareVersion,
          loraRank: message.loraRank,
          gpu: message.gpu ?? '',
          dataSets: message.dataSets?.map((set) => ({ ...set })) ?? [],
        },
      };
      break;
    case 'welcome':
      envelope = {
        welcome: {
          runId: message.runId,
          roundsTotal: message.roundsTotal,
          model: message.model,
          clientId: message.clientId,
          chunkBytes: message.chunkBytes,
          maxPayloadBytes: message.maxPayloadBytes,
        },
      };
      break;
    case 'train':
      envelope = {
        train: {
          round: message.round,
          globalDigest: message.globalDigest,
          globalAdapter: null,
          hyperParams: hyperParamsToWire(message.hyperParams),
          lora: loraToWire(message.lora),
          deadlineUnixMs: message.deadlineUnixMs,
          clientPolicy: {
            proximalMu: message.hyperParams.proximalMu,
            clipNorm: message.clipNorm,
            updateEncoding: UPDATE_ENCODINGS.indexOf(message.updateEncoding),
            errorFeedback: message.errorFeedback,
            secureAggregation: message.secureAggregation,
          },
          data: message.data?.map((share) => ({ ...share })) ?? [],
        },
      };
      break;
    case 'update':
      envelope = {
        update: {
          updateId: message.updateId,
          round: message.round,
          globalDigest: message.globalDigest,
          update: null,
          numExamples: message.numExamples,
          trainLoss: message.trainLoss,
          tokensPerSecond: message.tokensPerSecond,
          steps: message.steps,
          durationMs: message.durationMs,
        },
      };
      break;
    case 'evaluate':
      envelope = {
        evaluate: {
          round: message.round,
          digest: message.digest,
          adapter: null,
          maxSeqLen: message.maxSeqLen,
          lora: loraToWire(message.lora),
          deadlineUnixMs: message.deadlineUnixMs,
          qaSets: [...(message.qaSets ?? [])],
          qaMaxNewTokens: message.qaMaxNewTokens ?? 0,
        },
      };
      break;
    case 'evaluation':
      envelope = {
        evaluation: {
          round: message.round,
          digest: message.digest,
          loss: message.loss,
          numExamples: message.numExamples,
          sets: message.sets?.map((set) => ({ ...set })) ?? [],
        },
      };
      break;
    case 'ack':
      envelope = { ack: { round: message.round } };
      break;
    case 'finished':
      envelope = { finished: { roundsCompleted: message.roundsCompleted, finalDigest: message.finalDigest } };
      break;
    case 'chunk':
      envelope = {
        chunk: {
          transferId: message.transferId,
          index: message.index,
          count: message.count,
          totalBytes: message.totalBytes,
          payloadSha256: Buffer.from(message.payloadSha256, 'hex'),
          data: message.data,
        },
      };
      break;
    case 'chunkAck':
      envelope = { chunkAck: { transferId: message.transferId, nextIndex: message.nextIndex } };
      break;
    case 'uploadRequest':
      envelope = { uploadRequest: { round: message.round, updateId: message.updateId, bytes: message.bytes } };
      break;
    case 'uploadGrant':
      envelope = { uploadGrant: { round: message.round, updateId: message.updateId } };
      break;
    case 'error':
      envelope = { error: { code: pb.ErrorCode[message.code], message: message.message, round: message.round } };
      break;
    default:
      envelope = secAggEnvelope(message);
  }
  return pb.Envelope.encode(envelope).finish();
}

/** Throws MalformedMessageError if protobufjs kept any field this schema does not know, at any depth. */
function rejectUnknownFields(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => rejectUnknownFields(item, `${path}[${i}]`));
    return;
  }
  const record = value as Record<string, unknown>;
  const unknowns = record.$unknowns;
  if (Array.isArray(unknowns) && unknowns.length > 0) {
    throw new MalformedMessageError(`${path} has ${unknowns.length} field(s) unknown to protocol version ${PROTOCOL_VERSION}`);
  }
  for (const key of Object.keys(record)) rejectUnknownFields(record[key], `${path}.${key}`);
}

function requireField<T>(value: T | null | undefined, path: string): T {
  if (value === null || value === undefined) throw new MalformedMessageError(`${path} is missing`);
  return value;
}

/**
 * Reads a numeric field. 64-bit fields left unset fall back to the generated prototype default, which is a
 * Long object when protobufjs found the `long` package at load time: convert it too.
 */
function finiteNumber(value: unknown, path: string): number {
  const n =
    value !== null && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function'
      ? (value.toNumber as () => number)()
      : ((value as number | null | undefined) ?? 0);
  if (!Number.isFinite(n)) throw new MalformedMessageError(`${path} is not a finite number`);
  return n;
}

/**
 * Validates a decoded sub-message with the schema that defines its settings (the one the coordinator's config
 * uses); a wrong field becomes a MalformedMessageError that names it.
 */
function settingsFromWire<S extends z.ZodType, M>(schema: S, type: WireType<M>, message: M, path: string, overrides?: object): z.output<S> {
  // Every field, unset ones at their defaults, and nothing else (unknown fields were refused already).
  const result = schema.safeParse({ ...type.toObject(message, { defaults: true }), ...overrides });
  if (!result.success) throw new MalformedMessageError(describeIssues(result.error, path, '; '));
  return result.data;
}

/** A generated message class, as settingsFromWire reads it. */
interface WireType<M> {
  toObject(message: M, options: protobuf.IConversionOptions): Record<string, unknown>;
}

/** The LoRA spec with the PEFT method, which is absent (null) for LoRA. */
const wireLoraSchema = loraSpecSchema
  .extend({ peft: peftSpecSchema.nullable() })
  .refine((spec) => spec.targetModules.length > 0 || !usesLoraFactors(spec.peft?.method ?? 'lora'), {
    path: ['targetModules'],
    message: 'LoRA factors need at least one target module',
  });

function loraFromWire(lora: fedlora.v1.ILoraSpec | null | undefined, path: string): LoraConfig {
  const message = requireField(lora, path) as fedlora.v1.LoraSpec;
  // An unset bias is proto3's empty string: PEFT's default, none.
  const { peft, bias, ...settings } = settingsFromWire(wireLoraSchema, pb.LoraSpec, message, path, { bias: message.bias || 'none' });
  // Left out when none, and the method when LoRA, as a LoraConfig leaves them out.
  return { ...settings, ...(bias === 'none' ? {} : { bias }), ...(peft === null ? {} : { peft }) };
}

/** The hyper-parameters as TrainHyperParams travels: FedProx's weight travels in the ClientPolicy. */
function hyperParamsToWire({ proximalMu: _, ...hyperParams }: TrainHyperParams): fedlora.v1.TrainHyperParams.$Properties {
  return hyperParams;
}
/** An update's id, chosen by the client: short and not empty. */
function updateIdField(value: string | null | undefined, message: string): string {
  const updateId = value ?? '';
  if (updateId.length === 0 || updateId.length > 128) throw new MalformedMessageError(`${message}.update_id must hold 1 to 128 characters`);
  return updateId;
}

function errorCodeFromWire(code: number | null | undefined): WireErrorCode {
  const name = pb.ErrorCode[code ?? 0] as string | undefined;
  return name && (WIRE_ERROR_CODES as readonly string[]).includes(name) ? (name as WireErrorCode) : 'PROTOCOL_VIOLATION';
}

/** `items` when each has a valid set name (DATA_SET_NAME) and none repeats another's; `path` names the field. */
function uniqueNames<T extends { name: string }>(items: T[], path: string): T[] {
  const seen = new Set<string>();
  items.forEach(({ name }, i) => {
    if (!DATA_SET_NAME.test(name)) throw new MalformedMessageError(`${path}[${i}].name must hold 1–64 letters, digits, dots, dashes or underscores`);
    if (seen.has(name)) throw new MalformedMessageError(`${path}[${i}].name repeats ${name}`);
    seen.add(name);
  });
  return items;
}

/** A hello's named sets; an older hello's examples as one `default` set. */
function dataSetsFromWire(m: fedlora.v1.IClientHello): DataSetInfo[] {
  const sets = m.dataSets ?? [];
  if (sets.length > MAX_DATA_SETS) throw new MalformedMessageError(`hello.data_sets holds ${sets.length} sets, more than ${MAX_DATA_SETS}`);
  if (sets.length === 0) {
    return [{ name: DEFAULT_DATA_SET, numTrainExamples: m.numTrainExamples ?? 0, numEvalExamples: m.numEvalExamples ?? 0, qa: false }];
  }
  return uniqueNames(
    sets.map((set) => ({ name: set.name ?? '', numTrainExamples: set.numTrainExamples ?? 0, numEvalExamples: set.numEvalExamples ?? 0, qa: set.qa ?? false })),
    'hello.data_sets',
  );
}

/** Decodes and validates one envelope. Throws MalformedMessageError (or TensorMismatchError) on bad input. */
export function decodeMessage(bytes: Uint8Array): Message {
  let envelope: fedlora.v1.Envelope;
  try {
    // A Buffer gets protobufjs's BufferReader, whose bytes fields are views; a plain Uint8Array would be copied.
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const reader = protobuf.Reader.create(buffer);
    reader.discardUnknown = false;
    envelope = pb.Envelope.decode(reader);
  } catch (error) {
    throw new MalformedMessageError(`not a valid protobuf Envelope: ${(error as Error).message}`);
  }
  rejectUnknownFields(envelope, 'Envelope');
  switch (envelope.body) {
    case 'hello': {
      const m = envelope.hello!;
      return {
        kind: 'hello',
        clientId: m.clientId ?? '',
        modelFingerprint: m.modelFingerprint ?? '',
        backend: m.backend ?? '',
        numTrainExamples: m.numTrainExamples ?? 0,
        numEvalExamples: m.numEvalExamples ?? 0,
        softwareVersion: m.softwareVersion ?? '',
        loraRank: m.loraRank ?? 0,
        gpu: m.gpu || undefined,
        dataSets: dataSetsFromWire(m),
      };
    }
    case 'welcome': {
      const m = envelope.welcome!;
      return {
        kind: 'welcome',
        runId: m.runId ?? '',
        roundsTotal: m.roundsTotal ?? 0,
        model: m.model ?? '',
        clientId: m.clientId ?? '',
        chunkBytes: m.chunkBytes ?? 0,
        maxPayloadBytes: finiteNumber(m.maxPayloadBytes, 'welcome.max_payload_bytes'),
      };
    }
    case 'train': {
      const m = envelope.train!;
      // An absent policy is one with every field at its default.
      const wirePolicy = (m.clientPolicy ?? pb.ClientPolicy.create()) as fedlora.v1.ClientPolicy;
      const policy = settingsFromWire(clientPolicySchema, pb.ClientPolicy, wirePolicy, 'train.client_policy', {
        updateEncoding: UPDATE_ENCODINGS[wirePolicy.updateEncoding],
      });
      const hyperParamsMessage = requireField(m.hyperParams, 'train.hyper_params') as fedlora.v1.TrainHyperParams;
      const hyperParams = settingsFromWire(roundHyperParamsSchema, pb.TrainHyperParams, hyperParamsMessage, 'train.hyper_params');
      return {
        kind: 'train',
        round: m.round ?? 0,
        globalDigest: m.globalDigest ?? '',
        globalAdapter: m.globalAdapter ? decodeAdapter(m.globalAdapter, 'train.global_adapter').adapter : undefined,
        hyperParams: { ...hyperParams, proximalMu: policy.proximalMu },
        lora: loraFromWire(m.lora, 'train.lora'),
        deadlineUnixMs: finiteNumber(m.deadlineUnixMs, 'train.deadline_unix_ms'),
        updateEncoding: policy.updateEncoding,
        errorFeedback: policy.errorFeedback,
        clipNorm: policy.clipNorm,
        secureAggregation: policy.secureAggregation,
        data: uniqueNames(
          (m.data ?? []).map((share, i) => {
            const weight = finiteNumber(share.weight, `train.data[${i}].weight`);
            if (!(weight > 0)) throw new MalformedMessageError(`train.data[${i}].weight must be positive`);
            return { name: share.name ?? '', weight };
          }),
          'train.data',
        ),
      };
    }
    case 'update': {
      const m = envelope.update!;
      const { adapter: update, encoding } = decodeAdapter(requireField(m.update, 'update.update'), 'update.update');
      return {
        kind: 'update',
        updateId: updateIdField(m.updateId, 'update'),
        round: m.round ?? 0,
        globalDigest: m.globalDigest ?? '',
        update,
        encoding,
        numExamples: finiteNumber(m.numExamples, 'update.num_examples'),
        trainLoss: finiteNumber(m.trainLoss, 'update.train_loss'),
        tokensPerSecond: finiteNumber(m.tokensPerSecond, 'update.tokens_per_second'),
        steps: m.steps ?? 0,
        durationMs: finiteNumber(m.durationMs, 'update.duration_ms'),
      };
    }
    case 'evaluate': {
      const m = envelope.evaluate!;
      return {
        kind: 'evaluate',
        round: m.round ?? 0,
        digest: m.digest ?? '',
        adapter: m.adapter ? decodeAdapter(m.adapter, 'evaluate.adapter').adapter : undefined,
        maxSeqLen: m.maxSeqLen ?? 0,
        lora: loraFromWire(m.lora, 'evaluate.lora'),
        deadlineUnixMs: finiteNumber(m.deadlineUnixMs, 'evaluate.deadline_unix_ms'),
        qaSets: uniqueNames(
          (m.qaSets ?? []).map((name) => ({ name })),
          'evaluate.qa_sets',
        ).map(({ name }) => name),
        qaMaxNewTokens: m.qaMaxNewTokens ?? 0,
      };
    }
    case 'evaluation': {
      const m = envelope.evaluation!;
      return {
        kind: 'evaluation',
        round: m.round ?? 0,
        digest: m.digest ?? '',
        loss: finiteNumber(m.loss, 'evaluation.loss'),
        numExamples: finiteNumber(m.numExamples, 'evaluation.num_examples'),
        sets: uniqueNames(
          (m.sets ?? []).map((set, i) => {
            const path = `evaluation.sets[${i}]`;
            const share = (value: unknown, field: string): number => {
              const n = finiteNumber(value, `${path}.${field}`);
              if (!(n >= 0 && n <= 1)) throw new MalformedMessageError(`${path}.${field} must be in [0, 1]`);
              return n;
            };
            return {
              name: set.name ?? '',
              numExamples: finiteNumber(set.numExamples, `${path}.num_examples`),
              loss: finiteNumber(set.loss, `${path}.loss`),
              qa: set.qa ?? false,
              exactMatch: share(set.exactMatch, 'exact_match'),
              f1: share(set.f1, 'f1'),
            };
          }),
          'evaluation.sets',
        ),
      };
    }
    case 'ack':
      return { kind: 'ack', round: envelope.ack!.round ?? 0 };
    case 'finished': {
      const m = envelope.finished!;
      return { kind: 'finished', roundsCompleted: m.roundsCompleted ?? 0, finalDigest: m.finalDigest ?? '' };
    }
    case 'chunk': {
      const m = envelope.chunk!;
      const sha = m.payloadSha256 ?? new Uint8Array(0);
      const chunk: ChunkMessage = {
        kind: 'chunk',
        transferId: m.transferId ?? '',
        index: m.index ?? 0,
        count: m.count ?? 0,
        totalBytes: finiteNumber(m.totalBytes, 'chunk.total_bytes'),
        payloadSha256: Buffer.from(sha.buffer, sha.byteOffset, sha.byteLength).toString('hex'),
        data: m.data ?? new Uint8Array(0),
      };
      if (chunk.transferId.length === 0 || chunk.transferId.length > 128) throw new MalformedMessageError('chunk.transfer_id must hold 1 to 128 characters');
      if (sha.byteLength !== 32) throw new MalformedMessageError('chunk.payload_sha256 must be 32 bytes');
      if (chunk.count < 1 || chunk.index >= chunk.count) throw new MalformedMessageError(`chunk ${chunk.index} of ${chunk.count} is out of range`);
      if (chunk.data.byteLength === 0) throw new MalformedMessageError('chunk.data is empty');
      return chunk;
    }
    case 'chunkAck': {
      const m = envelope.chunkAck!;
      return { kind: 'chunkAck', transferId: m.transferId ?? '', nextIndex: m.nextIndex ?? 0 };
    }
    case 'uploadRequest': {
      const m = envelope.uploadRequest!;
      return {
        kind: 'uploadRequest',
        round: m.round ?? 0,
        updateId: updateIdField(m.updateId, 'upload_request'),
        bytes: finiteNumber(m.bytes, 'upload_request.bytes'),
      };
    }
    case 'uploadGrant': {
      const m = envelope.uploadGrant!;
      return { kind: 'uploadGrant', round: m.round ?? 0, updateId: updateIdField(m.updateId, 'upload_grant') };
    }
    case 'error': {
      const m = envelope.error!;
      return { kind: 'error', code: errorCodeFromWire(m.code), message: m.message ?? '', round: m.round ?? 0 };
    }
    default: {
      const secAgg = secAggFromEnvelope(envelope, finiteNumber);
      if (secAgg) return secAgg;
      throw new MalformedMessageError('Envelope has no body');
    }
  }
}
