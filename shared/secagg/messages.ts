/**
 * The secure-aggregation messages of the wire protocol (proto/fedlora.proto, SecAgg*): their typed form and
 * their conversion from and to the protobuf Envelope, validated like every other message at the trust boundary.
 */
import type { fedlora } from '../../proto/generated/fedlora.js';
import { MalformedMessageError } from '../infra/errors.js';
import { KEY_BYTES } from './crypto.js';

export interface SecAggKeysMessage {
  readonly kind: 'secaggKeys';
  readonly round: number;
  readonly globalDigest: string;
  readonly maskPublicKey: Uint8Array;
  readonly cipherPublicKey: Uint8Array;
  readonly selfMaskCommitment: Uint8Array;
  readonly numExamples: number;
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly steps: number;
  readonly durationMs: number;
}
export interface SecAggPeer {
  readonly clientId: string;
  readonly index: number;
  readonly maskPublicKey: Uint8Array;
  readonly cipherPublicKey: Uint8Array;
}
export interface SecAggRosterMessage {
  readonly kind: 'secaggRoster';
  readonly round: number;
  readonly ownIndex: number;
  readonly neighbours: readonly SecAggPeer[];
  readonly threshold: number;
  readonly range: number;
  readonly scale: number;
  readonly weight: number;
  readonly weightTotal: number;
  readonly noiseStd: number;
  readonly reportClipping: boolean;
  readonly indicatorNoiseStd: number;
  readonly deadlineUnixMs: number;
}
export interface SecAggEncryptedShare {
  readonly clientId: string;
  readonly ciphertext: Uint8Array;
}
export interface SecAggSharesMessage {
  readonly kind: 'secaggShares';
  readonly round: number;
  readonly shares: readonly SecAggEncryptedShare[];
  /** Neighbours whose public keys are unusable: sent no shares, treated as dropped. */
  readonly blamed: readonly string[];
}
export interface SecAggMaskRequestMessage {
  readonly kind: 'secaggMaskRequest';
  readonly round: number;
  readonly shares: readonly SecAggEncryptedShare[];
  readonly deadlineUnixMs: number;
}
export interface SecAggMaskedMessage {
  readonly kind: 'secaggMasked';
  readonly round: number;
  readonly masked: Uint32Array;
  /** Neighbours whose shares did not decrypt: masked with, but no share of theirs is held. */
  readonly blamed: readonly string[];
}
export interface SecAggUnmaskRequestMessage {
  readonly kind: 'secaggUnmaskRequest';
  readonly round: number;
  readonly survivors: readonly string[];
  readonly dropped: readonly string[];
  readonly deadlineUnixMs: number;
}
export interface SecAggRevealedShare {
  readonly clientId: string;
  readonly share: Uint8Array;
}
export interface SecAggUnmaskMessage {
  readonly kind: 'secaggUnmask';
  readonly round: number;
  readonly selfMaskShares: readonly SecAggRevealedShare[];
  readonly secretKeyShares: readonly SecAggRevealedShare[];
}

export type SecAggMessage =
  | SecAggKeysMessage
  | SecAggRosterMessage
  | SecAggSharesMessage
  | SecAggMaskRequestMessage
  | SecAggMaskedMessage
  | SecAggUnmaskRequestMessage
  | SecAggUnmaskMessage;

export const SECAGG_CLIENT_KINDS = ['secaggKeys', 'secaggShares', 'secaggMasked', 'secaggUnmask'] as const;
export const SECAGG_COORDINATOR_KINDS = ['secaggRoster', 'secaggMaskRequest', 'secaggUnmaskRequest'] as const;

/** The envelope body of a secure-aggregation message. */
export function secAggEnvelope(message: SecAggMessage): fedlora.v1.Envelope.$Properties {
  switch (message.kind) {
    case 'secaggKeys': {
      const { kind: _, ...body } = message;
      return { secaggKeys: body };
    }
    case 'secaggRoster': {
      const { kind: _, neighbours, ...rest } = message;
      return { secaggRoster: { ...rest, neighbours: neighbours.map((peer) => ({ ...peer })) } };
    }
    case 'secaggShares':
      return { secaggShares: { round: message.round, shares: message.shares.map((s) => ({ ...s })), blamed: [...message.blamed] } };
    case 'secaggMaskRequest':
      return { secaggMaskRequest: { round: message.round, shares: message.shares.map((s) => ({ ...s })), deadlineUnixMs: message.deadlineUnixMs } };
    case 'secaggMasked': {
      const bytes = new Uint8Array(message.masked.buffer, message.masked.byteOffset, message.masked.byteLength);
      return { secaggMasked: { round: message.round, masked: bytes, blamed: [...message.blamed] } };
    }
    case 'secaggUnmaskRequest':
      return {
        secaggUnmaskRequest: { round: message.round, survivors: [...message.survivors], dropped: [...message.dropped], deadlineUnixMs: message.deadlineUnixMs },
      };
    case 'secaggUnmask':
      return {
        secaggUnmask: {
          round: message.round,
          selfMaskShares: message.selfMaskShares.map((s) => ({ ...s })),
          secretKeyShares: message.secretKeyShares.map((s) => ({ ...s })),
        },
      };
  }
}

type NumberReader = (value: unknown, path: string) => number;

function bytesField(value: Uint8Array | null | undefined, path: string, length?: number): Uint8Array {
  const bytes = value ?? new Uint8Array(0);
  if (length !== undefined && bytes.length !== length) throw new MalformedMessageError(`${path} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

function clientIdField(value: string | null | undefined, path: string): string {
  const id = value ?? '';
  if (id.length === 0 || id.length > 64) throw new MalformedMessageError(`${path} must hold 1 to 64 characters`);
  return id;
}

function clientIds(list: string[] | null | undefined, path: string): string[] {
  return (list ?? []).map((id, i) => clientIdField(id, `${path}[${i}]`));
}

function encryptedShares(list: fedlora.v1.ISecAggEncryptedShare[] | null | undefined, path: string): SecAggEncryptedShare[] {
  return (list ?? []).map((s, i) => ({
    clientId: clientIdField(s.clientId, `${path}[${i}].client_id`),
    ciphertext: bytesField(s.ciphertext, `${path}[${i}].ciphertext`),
  }));
}

function revealedShares(list: fedlora.v1.ISecAggRevealedShare[] | null | undefined, path: string): SecAggRevealedShare[] {
  return (list ?? []).map((s, i) => ({ clientId: clientIdField(s.clientId, `${path}[${i}].client_id`), share: bytesField(s.share, `${path}[${i}].share`) }));
}

function positive(value: number, path: string): number {
  if (!(value > 0)) throw new MalformedMessageError(`${path} must be positive`);
  return value;
}

/** The secure-aggregation message in `envelope`, or undefined when its body is something else. */
export function secAggFromEnvelope(envelope: fedlora.v1.Envelope, number: NumberReader): SecAggMessage | undefined {
  switch (envelope.body) {
    case 'secaggKeys': {
      const m = envelope.secaggKeys!;
      return {
        kind: 'secaggKeys',
        round: m.round ?? 0,
        globalDigest: m.globalDigest ?? '',
        maskPublicKey: bytesField(m.maskPublicKey, 'secagg_keys.mask_public_key', KEY_BYTES),
        cipherPublicKey: bytesField(m.cipherPublicKey, 'secagg_keys.cipher_public_key', KEY_BYTES),
        selfMaskCommitment: bytesField(m.selfMaskCommitment, 'secagg_keys.self_mask_commitment', 32),
        numExamples: number(m.numExamples, 'secagg_keys.num_examples'),
        trainLoss: number(m.trainLoss, 'secagg_keys.train_loss'),
        tokensPerSecond: number(m.tokensPerSecond, 'secagg_keys.tokens_per_second'),
        steps: m.steps ?? 0,
        durationMs: number(m.durationMs, 'secagg_keys.duration_ms'),
      };
    }
    case 'secaggRoster': {
      const m = envelope.secaggRoster!;
      return {
        kind: 'secaggRoster',
        round: m.round ?? 0,
        ownIndex: m.ownIndex ?? 0,
        neighbours: (m.neighbours ?? []).map((p, i) => ({
          clientId: clientIdField(p.clientId, `secagg_roster.neighbours[${i}].client_id`),
          index: p.index ?? 0,
          maskPublicKey: bytesField(p.maskPublicKey, `secagg_roster.neighbours[${i}].mask_public_key`, KEY_BYTES),
          cipherPublicKey: bytesField(p.cipherPublicKey, `secagg_roster.neighbours[${i}].cipher_public_key`, KEY_BYTES),
        })),
        threshold: m.threshold ?? 0,
        range: positive(number(m.range, 'secagg_roster.range'), 'secagg_roster.range'),
        scale: positive(number(m.scale, 'secagg_roster.scale'), 'secagg_roster.scale'),
        weight: positive(number(m.weight, 'secagg_roster.weight'), 'secagg_roster.weight'),
        weightTotal: positive(number(m.weightTotal, 'secagg_roster.weight_total'), 'secagg_roster.weight_total'),
        noiseStd: Math.max(0, number(m.noiseStd, 'secagg_roster.noise_std')),
        reportClipping: m.reportClipping ?? false,
        indicatorNoiseStd: Math.max(0, number(m.indicatorNoiseStd, 'secagg_roster.indicator_noise_std')),
        deadlineUnixMs: number(m.deadlineUnixMs, 'secagg_roster.deadline_unix_ms'),
      };
    }
    case 'secaggShares': {
      const m = envelope.secaggShares!;
      return {
        kind: 'secaggShares',
        round: m.round ?? 0,
        shares: encryptedShares(m.shares, 'secagg_shares.shares'),
        blamed: clientIds(m.blamed, 'secagg_shares.blamed'),
      };
    }
    case 'secaggMaskRequest': {
      const m = envelope.secaggMaskRequest!;
      return {
        kind: 'secaggMaskRequest',
        round: m.round ?? 0,
        shares: encryptedShares(m.shares, 'secagg_mask_request.shares'),
        deadlineUnixMs: number(m.deadlineUnixMs, 'secagg_mask_request.deadline_unix_ms'),
      };
    }
    case 'secaggMasked': {
      const m = envelope.secaggMasked!;
      const bytes = bytesField(m.masked, 'secagg_masked.masked');
      if (bytes.length % 4 !== 0) throw new MalformedMessageError('secagg_masked.masked must hold whole 32-bit words');
      // Copied: the received bytes need not be 4-byte aligned (little-endian hosts, like the tensor codec).
      const words = new Uint32Array(bytes.length / 4);
      new Uint8Array(words.buffer).set(bytes);
      return { kind: 'secaggMasked', round: m.round ?? 0, masked: words, blamed: clientIds(m.blamed, 'secagg_masked.blamed') };
    }
    case 'secaggUnmaskRequest': {
      const m = envelope.secaggUnmaskRequest!;
      return {
        kind: 'secaggUnmaskRequest',
        round: m.round ?? 0,
        survivors: clientIds(m.survivors, 'secagg_unmask_request.survivors'),
        dropped: clientIds(m.dropped, 'secagg_unmask_request.dropped'),
        deadlineUnixMs: number(m.deadlineUnixMs, 'secagg_unmask_request.deadline_unix_ms'),
      };
    }
    case 'secaggUnmask': {
      const m = envelope.secaggUnmask!;
      return {
        kind: 'secaggUnmask',
        round: m.round ?? 0,
        selfMaskShares: revealedShares(m.selfMaskShares, 'secagg_unmask.self_mask_shares'),
        secretKeyShares: revealedShares(m.secretKeyShares, 'secagg_unmask.secret_key_shares'),
      };
    }
    default:
      return undefined;
  }
}
