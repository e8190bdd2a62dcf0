/**
 * The instructions a phase sends its clients (train, evaluate), built from the run's settings. A phase's
 * instruction is encoded once per variant (with the adapter, or by digest only) and shared by every transfer. In
 * parts: the adapter's tensor bytes are not copied (the phase holds the adapter anyway), so a large adapter costs no
 * encoded copy of its own, and its SHA-256 for chunked transfers is computed once.
 */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { Payload } from '../../shared/wire/chunking.js';
import { encodeMessageParts } from '../../shared/wire/protocol.js';
import type { Message } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import type { UpdateEncoding } from '../../shared/wire/update-encoding.js';
import { encodeDownstream, type DownstreamAdapter } from './downstream.js';
import type { Member } from '../membership/membership.js';
import type { RoundPlan } from './curriculum.js';

/** What the adapters a phase sent would have cost in float32, and what they cost. */
export interface GlobalBytes {
  readonly raw: number;
  readonly wire: number;
}

export class Instruction {
  /** Sends that carried the adapter (for the bytes its encoding saved). */
  private adapterSends = 0;
  private readonly encoded = new Map<boolean, Payload>();

  constructor(
    private readonly downstream: DownstreamAdapter,
    private readonly message: (withAdapter: boolean) => Message,
  ) {}

  /** Digest of the adapter as clients decode it (see downstream.ts). */
  get digest(): string {
    return this.downstream.digest;
  }

  /** Sends the instruction, with the adapter only if the client lacks it; the bytes sent, undefined when offline. */
  sendTo(client: Member): number | undefined {
    if (!client.connection) return undefined;
    // After this send the client is counted as holding the adapter.
    const withAdapter = client.heldDigest !== this.digest;
    client.heldDigest = this.digest;
    if (withAdapter) this.adapterSends += 1;
    return client.connection.send(this.encodedAs(withAdapter));
  }

  globalBytes(): GlobalBytes {
    return { raw: this.adapterSends * this.downstream.rawBytes, wire: this.adapterSends * this.downstream.wireBytes };
  }

  private encodedAs(withAdapter: boolean): Payload {
    const cached = this.encoded.get(withAdapter);
    if (cached) return cached;
    const payload = new Payload(encodeMessageParts(this.message(withAdapter)));
    this.encoded.set(withAdapter, payload);
    return payload;
  }
}

export interface InstructionSettings {
  readonly seed: number;
  /** How clients encode their updates, and how global adapters travel to clients. */
  readonly encoding: { readonly update: UpdateEncoding; readonly errorFeedback: boolean; readonly global: UpdateEncoding };
  /** QA sets clients answer after each round, and how long an answer may be; absent: none. */
  readonly qaEvaluation?: QaEvaluation;
}

export interface QaEvaluation {
  readonly sets: readonly string[];
  readonly maxNewTokens: number;
}

export interface TrainInstruction {
  readonly round: number;
  /** What the round trains on, and its LoRA and training settings. */
  readonly plan: RoundPlan;
  readonly attempt: number;
  readonly global: AdapterWeights;
  /** Digest of `global` itself (float32). */
  readonly globalDigest: string;
  readonly deadlineUnixMs: number;
  readonly proximalMu: number;
  /** DP: the clipping bound clients are told for this round. */
  readonly clipNorm: number;
  readonly secureAggregation: boolean;
}

export class InstructionBuilder {
  constructor(private readonly settings: InstructionSettings) {}

  /** The training seed of a round's attempt: each attempt trains on a fresh draw. */
  trainSeed(round: number, attempt: number): number {
    return (this.settings.seed + round * 7919 + attempt) >>> 0;
  }

  train(round: TrainInstruction): Instruction {
    const { encoding } = this.settings;
    const { lora, train, data } = round.plan;
    const downstream = this.downstream(round.global, round.globalDigest);
    const hyperParams: TrainHyperParams = { ...train, seed: this.trainSeed(round.round, round.attempt), proximalMu: round.proximalMu };
    return new Instruction(downstream, (withAdapter) => ({
      kind: 'train',
      round: round.round,
      globalDigest: downstream.digest,
      globalAdapter: withAdapter ? round.global : undefined,
      wireGlobalAdapter: withAdapter ? downstream.wire : undefined,
      hyperParams,
      lora,
      deadlineUnixMs: round.deadlineUnixMs,
      updateEncoding: encoding.update,
      errorFeedback: encoding.errorFeedback,
      clipNorm: round.clipNorm,
      secureAggregation: round.secureAggregation,
      data,
    }));
  }

  /** Has clients evaluate `adapter` with `plan`'s LoRA and sequence length on every set, and answer the QA sets. */
  evaluate(round: number, plan: RoundPlan, adapter: AdapterWeights, digest: string, deadlineUnixMs: number): Instruction {
    const downstream = this.downstream(adapter, digest);
    return new Instruction(downstream, (withAdapter) => ({
      kind: 'evaluate',
      round,
      digest: downstream.digest,
      adapter: withAdapter ? adapter : undefined,
      wireAdapter: withAdapter ? downstream.wire : undefined,
      maxSeqLen: plan.train.maxSeqLen,
      lora: plan.lora,
      deadlineUnixMs,
      qaSets: this.settings.qaEvaluation?.sets ?? [],
      qaMaxNewTokens: this.settings.qaEvaluation?.maxNewTokens ?? 0,
    }));
  }

  /**
   * The adapter in the configured downstream encoding. int8's rounding is seeded by the run and the adapter, so
   * that the same adapter always travels the same way and a client holding it is not sent it again.
   */
  private downstream(adapter: AdapterWeights, digest: string): DownstreamAdapter {
    const random = new SeededRandom((this.settings.seed ^ Number.parseInt(digest.slice(0, 8), 16)) >>> 0);
    return encodeDownstream(adapter, digest, this.settings.encoding.global, random);
  }
}
