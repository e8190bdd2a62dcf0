/**
 * The protocol's messages as the code sees them: a discriminated union on `kind`, which kinds each side may send, and
 * the error codes that travel. `protocol.ts` turns them into protobuf envelopes and back.
 */
import type { AdapterWeights } from '../lora/adapter.js';
import type { LoraConfig } from '../lora/lora.js';
import type { TrainHyperParams } from '../lora/training.js';
import { FedloraError, type FedloraErrorCode } from '../infra/errors.js';
import type { UpdateEncoding, WireAdapter } from './update-encoding.js';
import { SECAGG_CLIENT_KINDS, SECAGG_COORDINATOR_KINDS, type SecAggMessage } from '../secagg/messages.js';

/** The single socket.io event name of the protocol. */
export const PROTOCOL_EVENT = 'fedlora';
/**
 * socket.io event the coordinator sends to a connection whose token connects again: the client acknowledges it at
 * once, so that a live connection is kept (the newcomer is refused) and a dead one is replaced.
 */
export const PROBE_EVENT = 'fedlora-probe';
/**
 * Announced in every hello; a coordinator refuses another. 2: updates wait for an upload grant. 3: what the
 * strategy, privacy and encoding ask of a client travels as one ClientPolicy. 4: named data sets, per-set evaluation.
 */
export const PROTOCOL_VERSION = '4';

/** The error codes that travel on the wire (the `ErrorCode` enum of the schema). */
export const WIRE_ERROR_CODES = [
  'MALFORMED_MESSAGE',
  'STALE_ROUND',
  'TENSOR_MISMATCH',
  'NON_FINITE',
  'MODEL_MISMATCH',
  'NOT_SAMPLED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'PROTOCOL_VIOLATION',
  'NORM_EXCEEDED',
] as const satisfies readonly FedloraErrorCode[];
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

/** A data set's name: in `--data NAME=FILE`, in the hello, in phases and in the API. */
export const DATA_SET_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** The name of a data set given without one (`--data FILE`), and of an older hello's only set. */
export const DEFAULT_DATA_SET = 'default';

/** The most named sets a client may hold: each is evaluated after every round, and recorded. */
export const MAX_DATA_SETS = 64;

/** One of a client's named data sets, as its hello announces it. */
export interface DataSetInfo {
  readonly name: string;
  readonly numTrainExamples: number;
  readonly numEvalExamples: number;
  /** Questions with known answers: only evaluated (exact match, F1), never trained on. */
  readonly qa: boolean;
}

/** A set a round trains on; each of its examples counts `weight` times one of a weight-1 set. */
export interface DataShare {
  readonly name: string;
  readonly weight: number;
}

/** One named set's evaluation: its held-out loss, or for a QA set the means of its answers' scores. */
export interface SetEvaluation {
  readonly name: string;
  /** Loss sets: held-out examples; QA sets: questions. */
  readonly numExamples: number;
  readonly loss: number;
  readonly qa: boolean;
  readonly exactMatch: number;
  readonly f1: number;
}

export interface HelloMessage {
  readonly kind: 'hello';
  readonly clientId: string;
  readonly modelFingerprint: string;
  readonly backend: string;
  readonly numTrainExamples: number;
  readonly numEvalExamples: number;
  readonly softwareVersion: string;
  /** The LoRA rank the client trains; 0: the run's rank (a larger one is capped at it). */
  readonly loraRank: number;
  /** The GPU the backend runs on (vendor, architecture, name); absent on a CPU backend. */
  readonly gpu?: string;
  /** The client's named sets; absent (sending side) or as decoded from an older hello: one `default` set. */
  readonly dataSets?: readonly DataSetInfo[];
}
export interface WelcomeMessage {
  readonly kind: 'welcome';
  readonly runId: string;
  readonly roundsTotal: number;
  readonly model: string;
  readonly clientId: string;
  /** Envelopes larger than this travel in chunks of at most this many data bytes. */
  readonly chunkBytes: number;
  readonly maxPayloadBytes: number;
}
export interface TrainMessage {
  readonly kind: 'train';
  readonly round: number;
  readonly globalDigest: string;
  /** Absent when the client already holds the adapter with `globalDigest`. */
  readonly globalAdapter: AdapterWeights | undefined;
  /** Sending side: the global adapter already in its downstream wire form; absent means float32. */
  readonly wireGlobalAdapter?: WireAdapter;
  readonly hyperParams: TrainHyperParams;
  readonly lora: LoraConfig;
  readonly deadlineUnixMs: number;
  /** How the client must encode its update. */
  readonly updateEncoding: UpdateEncoding;
  /** Whether the client adds what quantization dropped to its next update. */
  readonly errorFeedback: boolean;
  /** DP-FedAvg: the L2 norm the client clips its whole update to; 0 = no clipping. */
  readonly clipNorm: number;
  /** Secure aggregation: answer with `secaggKeys` instead of an update. */
  readonly secureAggregation: boolean;
  /** The sets to train on and their weights; absent or empty: every set the client trains on, weight 1. */
  readonly data?: readonly DataShare[];
}
export interface UpdateMessage {
  readonly kind: 'update';
  /** Identifies this computed update, so that a resent copy is applied once. */
  readonly updateId: string;
  readonly round: number;
  readonly globalDigest: string;
  /** The update's values (for a quantized update: the values its wire form stands for). */
  readonly update: AdapterWeights;
  /** Sending side: the update already in its wire form (quantized); absent means float32. */
  readonly wireUpdate?: WireAdapter;
  /** Receiving side: how the update travelled. */
  readonly encoding?: UpdateEncoding;
  readonly numExamples: number;
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly steps: number;
  readonly durationMs: number;
}
export interface EvaluateMessage {
  readonly kind: 'evaluate';
  readonly round: number;
  readonly digest: string;
  readonly adapter: AdapterWeights | undefined;
  /** Sending side: the adapter already in its downstream wire form; absent means float32. */
  readonly wireAdapter?: WireAdapter;
  readonly maxSeqLen: number;
  readonly lora: LoraConfig;
  readonly deadlineUnixMs: number;
  /** QA sets to answer greedily; absent: none. */
  readonly qaSets?: readonly string[];
  /** Each answer stops after this many tokens (or at EOS, or a newline). */
  readonly qaMaxNewTokens?: number;
}
export interface EvaluationMessage {
  readonly kind: 'evaluation';
  readonly round: number;
  readonly digest: string;
  /** Over every held-out example of the loss sets. */
  readonly loss: number;
  readonly numExamples: number;
  /** Per named set; absent: none reported apart. */
  readonly sets?: readonly SetEvaluation[];
}
export interface AckMessage {
  readonly kind: 'ack';
  readonly round: number;
}
export interface FinishedMessage {
  readonly kind: 'finished';
  readonly roundsCompleted: number;
  readonly finalDigest: string;
}
export interface ChunkMessage {
  readonly kind: 'chunk';
  readonly transferId: string;
  readonly index: number;
  readonly count: number;
  readonly totalBytes: number;
  /** Hex SHA-256 of the whole envelope. */
  readonly payloadSha256: string;
  readonly data: Uint8Array;
}
export interface ChunkAckMessage {
  readonly kind: 'chunkAck';
  readonly transferId: string;
  readonly nextIndex: number;
}
/** The client's update is ready; it is sent once the coordinator grants an upload slot. */
export interface UploadRequestMessage {
  readonly kind: 'uploadRequest';
  readonly round: number;
  readonly updateId: string;
  /** Length of the encoded update envelope. */
  readonly bytes: number;
}
export interface UploadGrantMessage {
  readonly kind: 'uploadGrant';
  readonly round: number;
  readonly updateId: string;
}
export interface ErrorMessage {
  readonly kind: 'error';
  readonly code: WireErrorCode;
  readonly message: string;
  readonly round: number;
}

export type Message =
  | HelloMessage
  | WelcomeMessage
  | TrainMessage
  | UpdateMessage
  | EvaluateMessage
  | EvaluationMessage
  | AckMessage
  | FinishedMessage
  | ChunkMessage
  | ChunkAckMessage
  | UploadRequestMessage
  | UploadGrantMessage
  | ErrorMessage
  | SecAggMessage;

export type MessageKind = Message['kind'];
/** Messages a client may send; the coordinator refuses anything else. */
export const CLIENT_MESSAGE_KINDS: readonly MessageKind[] = [
  'hello',
  'uploadRequest',
  'update',
  'evaluation',
  'chunk',
  'chunkAck',
  'error',
  ...SECAGG_CLIENT_KINDS,
];
/** Messages a coordinator may send. */
export const COORDINATOR_MESSAGE_KINDS: readonly MessageKind[] = [
  'welcome',
  'train',
  'evaluate',
  'ack',
  'finished',
  'chunk',
  'chunkAck',
  'uploadGrant',
  'error',
  ...SECAGG_COORDINATOR_KINDS,
];

/** The wire code for a local error; codes without a wire meaning travel as PROTOCOL_VIOLATION. */
export function wireErrorCode(code: FedloraErrorCode): WireErrorCode {
  return (WIRE_ERROR_CODES as readonly string[]).includes(code) ? (code as WireErrorCode) : 'PROTOCOL_VIOLATION';
}

/** An ErrorMessage describing `error` (a FedloraError keeps its code; anything else is PROTOCOL_VIOLATION). */
export function errorMessageFor(error: unknown, round = 0): ErrorMessage {
  const code = error instanceof FedloraError ? wireErrorCode(error.code) : 'PROTOCOL_VIOLATION';
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', code, message, round };
}
