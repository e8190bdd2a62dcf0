/**
 * The coordinator's part of secure aggregation (SecAgg+, Bonawitz et al. 2017; Bell et al. 2020). After the
 * training phase has collected every client's advertised keys, one round runs three more phases, each with its own
 * deadline: the roster (each client learns its neighbours' keys and answers with encrypted shares), masking (each
 * client gets the shares addressed to it and answers with its masked vector) and unmasking (the survivors reveal the
 * shares that remove the masks left in the sum). Masked vectors are added into one running sum as they arrive and
 * are never stored; the coordinator holds nothing but that sum, which becomes the plain weighted sum after unmasking.
 *
 * Sets of clients follow the paper: U1 advertised keys, U2 sent their shares, U3 sent their masked vector, U4
 * answered the unmasking. Clients in U1 \ U2 are left out before anyone masks; clients in U2 \ U3 are recovered.
 */
import { randomInt } from 'node:crypto';
import { makeAdapter, parameterCount, type AdapterWeights } from '../../shared/lora/adapter.js';
import { ProtocolViolationError, SecureAggregationError, StaleRoundError } from '../../shared/infra/errors.js';
import { failpoint } from '../../shared/infra/failpoint.js';
import type { Logger } from '../../shared/infra/log.js';
import type { Message } from '../../shared/wire/messages.js';
import { agreeKey, bytesEqual, commitToSeed, expandMask, publicKeyOf, publicKeyProblem, sealedLength, KEY_BYTES } from '../../shared/secagg/crypto.js';
import { addMask, decodeFixedPoint, fixedPointError, fixedPointScale, indicatorFactor } from '../../shared/secagg/fixed-point.js';
import type { SecAggKeysMessage, SecAggMessage, SecAggRevealedShare } from '../../shared/secagg/messages.js';
import { SHARE_BYTES, decodeShareValue, recoverVerified, type Share } from '../../shared/secagg/shamir.js';
import { neighbourGraph, pairSign, shareThreshold, withoutEdges, type NeighbourGraph } from '../../shared/secagg/topology.js';
import { PendingSet } from './pending-set.js';
import { BlameLedger, type BlameReason } from './blame-ledger.js';
import type { DistributedNoise } from '../strategies/dp-fedavg.js';

export interface SecureAggregationSettings {
  /** Clients that may drop after the key advertisement with the sum still recovered. */
  readonly maxDropouts: number;
  /** SecAgg+ neighbours per client (even); 0 = every other client of the round. */
  readonly neighbours: number;
  /** Every coordinate is clipped to [−range, range] before the fixed-point encoding. */
  readonly range: number;
  /** Deadline of each phase after training. */
  readonly phaseTimeoutMs: number;
}

/**
 * The standard deviation of one client's noise share, for a sum that needs standard deviation `total`: each of the
 * n clients of U1 adds variance total²/(n − D), so that the survivors' shares add up to at least total² even when
 * the D dropouts the round tolerates happen (with fewer dropouts the noise is larger, never smaller).
 */
export function noiseShareStd(total: number, clients: number, maxDropouts: number): number {
  return total / Math.sqrt(Math.max(1, clients - maxDropouts));
}

/** Standard deviations of noise a coordinate may carry without being clamped: P(|N(0, 1)| > 4) ≈ 6·10⁻⁵. */
export const RANGE_NOISE_STDS = 4;

/**
 * The smallest `range` for distributed DP: a clipped coordinate (at most C) plus its noise share (standard
 * deviation `shareStd`) within RANGE_NOISE_STDS deviations. Clamping more often would cut the noise the
 * privacy accounting assumes.
 */
export function minimumRange(clipNorm: number, shareStd: number): number {
  return clipNorm + RANGE_NOISE_STDS * shareStd;
}

/** What a round of secure aggregation yields: the weighted mean of the survivors' updates, and how it went. */
export interface SecureAggregationOutcome {
  /** Σ_{U3} w_k x_k / Σ_{U3} w_k, where x_k is what client k encoded (its update, plus its noise share under DP). */
  readonly mean: AdapterWeights;
  /** Σ_{U3} w_k. */
  readonly weight: number;
  readonly survivors: readonly string[];
  readonly summary: SecureAggregationSummary;
  /** Adaptive clipping: the noisy fraction of survivors whose update was within the clipping bound. */
  readonly unclippedFraction?: number;
  /** Distributed DP: standard deviation of the noise in `mean`, per coordinate. */
  readonly noiseStd?: number;
}

/** Reported in every round's record (`secure_aggregation`). */
export interface SecureAggregationSummary {
  /** |U1|, |U3|: clients that advertised keys, and whose masked vectors were summed. */
  clients: number;
  survivors: number;
  /** Clients that dropped after sending their shares and whose masks were removed with their neighbours' shares. */
  dropouts_recovered: number;
  neighbours: number;
  threshold: number;
  /** Fixed-point scale S and the largest error it can add to the mean, per coordinate. */
  scale: number;
  max_error: number;
  /** Bytes of the protocol beyond what a plain round sends (keys, shares, unmasking), both directions. */
  protocol_bytes: number;
  /** Time from the end of training to the unmasked sum. */
  duration_ms: number;
}

type Send = (clientId: string, message: Message) => number;
type Charge = (clientId: string, up: number, down: number) => void;

interface Participant {
  readonly keys: SecAggKeysMessage;
  readonly weight: number;
  /** Shamir evaluation point. */
  index: number;
}

/** Builds a round of secure aggregation for the scheduler. */
export class SecureAggregation {
  readonly blames: BlameLedger;

  constructor(
    private readonly settings: SecureAggregationSettings,
    private readonly logger: Logger,
    /** The round's distributed DP parameters, undefined without DP. */
    private readonly noise: () => DistributedNoise | undefined,
  ) {
    this.blames = new BlameLedger(logger);
  }

  beginRound(round: number, layout: AdapterWeights, minSurvivors: number, send: Send, charge: Charge): SecureAggregationRound {
    return new SecureAggregationRound(round, layout, this.settings, Math.max(2, minSurvivors), this.noise(), this.logger, this.blames, send, charge);
  }
}

export class SecureAggregationRound {
  private readonly participants = new Map<string, Participant>();
  private phase: 'keys' | 'shares' | 'masked' | 'unmask' | 'done' = 'keys';
  private waiting: PendingSet | undefined;
  /** The request each client of the current phase was sent (sent again when it reconnects). */
  private readonly requests = new Map<string, Message>();
  private graph: NeighbourGraph = new Map();
  private threshold = 0;
  /** Encrypted shares by recipient, then sender. */
  private readonly relayed = new Map<string, Map<string, Uint8Array>>();
  private readonly sharesSent = new Set<string>();
  /** Pairs cut by a blame in the shares phase: [accuser, accused]. */
  private readonly cutPairs: [string, string][] = [];
  /** Owners of shares each holder could not decrypt, by holder: it is never asked to reveal them. */
  private readonly unheld = new Map<string, Set<string>>();
  private sum: Uint32Array | undefined;
  private readonly maskedSent = new Set<string>();
  private readonly revealed = new Map<string, { selfMask: SecAggRevealedShare[]; secretKey: SecAggRevealedShare[] }>();
  private protocolBytes = 0;
  private readonly length: number;
  private readonly scale: number;

  constructor(
    readonly round: number,
    private readonly layout: AdapterWeights,
    private readonly settings: SecureAggregationSettings,
    private readonly minSurvivors: number,
    private readonly noise: DistributedNoise | undefined,
    private readonly logger: Logger,
    private readonly blames: BlameLedger,
    private readonly send: Send,
    private readonly charge: Charge,
  ) {
    this.length = parameterCount(layout) + (noise?.countNoiseStd !== undefined ? 1 : 0);
    this.scale = fixedPointScale(settings.range);
  }

  /** A client's advertised keys, during training (the scheduler checked the round and the sample). */
  acceptKeys(clientId: string, keys: SecAggKeysMessage, byteLength: number): void {
    if (this.phase !== 'keys') throw new StaleRoundError(`round ${this.round}: keys arrive after the advertisement closed`);
    if (!(keys.numExamples >= 1)) throw new ProtocolViolationError('secagg keys must report at least one training example');
    if (!Number.isFinite(keys.trainLoss)) throw new ProtocolViolationError('secagg keys: train_loss is not finite');
    for (const [name, key] of [
      ['mask', keys.maskPublicKey],
      ['cipher', keys.cipherPublicKey],
    ] as const) {
      const problem = publicKeyProblem(key);
      if (problem !== undefined) throw new SecureAggregationError(`secagg keys of ${clientId}: the ${name} public key is refused: ${problem}`, [clientId]);
    }
    for (const other of this.participants.values()) {
      if (bytesEqual(other.keys.maskPublicKey, keys.maskPublicKey) || bytesEqual(other.keys.cipherPublicKey, keys.cipherPublicKey)) {
        throw new ProtocolViolationError('secagg keys: a public key is already taken in this round');
      }
    }
    this.participants.set(clientId, { keys, weight: this.noise ? 1 : keys.numExamples, index: 0 });
    this.protocolBytes += byteLength;
  }

  /** Runs the phases after training; throws SecureAggregationError when the sum cannot be recovered. */
  async run(signal: AbortSignal): Promise<SecureAggregationOutcome> {
    const started = performance.now();
    const advertised = [...this.participants.keys()];
    if (advertised.length < this.minSurvivors) throw new SecureAggregationError(`${advertised.length} client(s) advertised keys, ${this.minSurvivors} needed`);
    // A random ring: SecAgg+ neighbourhoods must not be chosen by the clients.
    const ring = [...advertised];
    for (let i = ring.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [ring[i], ring[j]] = [ring[j], ring[i]];
    }
    ring.forEach((id, i) => (this.participants.get(id)!.index = i + 1));
    const degree = this.settings.neighbours === 0 ? ring.length - 1 : Math.min(this.settings.neighbours, ring.length - 1);
    this.graph = neighbourGraph(ring, degree);
    this.threshold = shareThreshold(degree + 1, this.settings.maxDropouts);
    const weightTotal = [...this.participants.values()].reduce((sum, p) => sum + p.weight, 0);
    const noiseStd = this.noise ? noiseShareStd(this.noise.noiseMultiplier * this.noise.clipNorm, advertised.length, this.settings.maxDropouts) : 0;
    const countNoise = this.noise?.countNoiseStd;
    const indicatorNoiseStd = countNoise === undefined ? 0 : noiseShareStd(countNoise, advertised.length, this.settings.maxDropouts);

    // Roster → encrypted shares (U2).
    await this.phaseOf('shares', advertised, signal, (id) => {
      const self = this.participants.get(id)!;
      return {
        kind: 'secaggRoster',
        round: this.round,
        ownIndex: self.index,
        neighbours: [...this.graph.get(id)!].map((peer) => {
          const p = this.participants.get(peer)!;
          return { clientId: peer, index: p.index, maskPublicKey: p.keys.maskPublicKey, cipherPublicKey: p.keys.cipherPublicKey };
        }),
        threshold: this.threshold,
        range: this.settings.range,
        scale: this.scale,
        weight: self.weight,
        weightTotal,
        noiseStd,
        reportClipping: countNoise !== undefined,
        indicatorNoiseStd,
        deadlineUnixMs: Date.now() + this.settings.phaseTimeoutMs,
      };
    });
    // A blamed pair neither masks nor shares; an excluded client is left out like one that sent no shares.
    this.graph = withoutEdges(this.graph, this.cutPairs);
    for (const id of advertised) if (this.blames.exclusion(id) !== undefined) this.sharesSent.delete(id);
    this.leaveOutUnrecoverable(advertised);
    const u2 = advertised.filter((id) => this.sharesSent.has(id));
    this.requireSurvivors(u2, advertised.length, 'sent their shares');

    // Shares relayed → masked vectors (U3), summed as they arrive.
    this.sum = new Uint32Array(this.length);
    await this.phaseOf('masked', u2, signal, (id) => ({
      kind: 'secaggMaskRequest',
      round: this.round,
      shares: [...(this.relayed.get(id) ?? new Map<string, Uint8Array>())]
        .filter(([from]) => this.sharesSent.has(from) && this.graph.get(id)!.has(from))
        .map(([from, ciphertext]) => ({ clientId: from, ciphertext })),
      deadlineUnixMs: Date.now() + this.settings.phaseTimeoutMs,
    }));
    this.relayed.clear();
    const u3 = u2.filter((id) => this.maskedSent.has(id));
    this.requireSurvivors(u3, advertised.length, 'sent their masked vectors');
    const dropped = u2.filter((id) => !this.maskedSent.has(id));

    // Unmasking: each survivor reveals, for itself and its neighbours in U2, the self-mask or the secret-key share.
    const survivorSet = new Set(u3);
    await this.phaseOf('unmask', u3, signal, (id) => {
      const unheld = this.unheld.get(id);
      const holders = [id, ...[...this.graph.get(id)!].filter((peer) => this.sharesSent.has(peer) && !unheld?.has(peer))];
      return {
        kind: 'secaggUnmaskRequest',
        round: this.round,
        survivors: holders.filter((peer) => survivorSet.has(peer)),
        dropped: holders.filter((peer) => !survivorSet.has(peer)),
        deadlineUnixMs: Date.now() + this.settings.phaseTimeoutMs,
      };
    });
    this.phase = 'done';
    if (signal.aborted) throw new SecureAggregationError('stopped');
    const sum = this.sum;
    this.sum = undefined;
    this.removeMasks(sum, u3, dropped);

    const decoded = decodeFixedPoint(sum, this.scale);
    const survivorWeight = u3.reduce((total, id) => total + this.participants.get(id)!.weight, 0);
    const share = survivorWeight / weightTotal;
    let offset = 0;
    const mean = makeAdapter(
      [...this.layout].map(([name, t]) => {
        const data = new Float32Array(t.data.length);
        for (let i = 0; i < data.length; i++) data[i] = decoded[offset + i] / share;
        offset += data.length;
        return [name, { shape: [...t.shape], data }];
      }),
    );
    // Each client encoded (b_k − ½ + noise) / factor with weight 1 / |U1| (DP weights are equal).
    const unclippedFraction =
      countNoise === undefined ? undefined : (decoded[offset] * indicatorFactor(this.settings.range, indicatorNoiseStd) * weightTotal) / u3.length + 0.5;
    return {
      mean,
      weight: u3.reduce((total, id) => total + this.participants.get(id)!.keys.numExamples, 0),
      survivors: u3,
      unclippedFraction,
      noiseStd: this.noise ? (Math.sqrt(u3.length) * noiseStd) / u3.length : undefined,
      summary: {
        clients: advertised.length,
        survivors: u3.length,
        dropouts_recovered: dropped.length,
        neighbours: degree,
        threshold: this.threshold,
        scale: this.scale,
        max_error: fixedPointError(this.scale, u3.length) / share,
        protocol_bytes: this.protocolBytes,
        duration_ms: performance.now() - started,
      },
    };
  }

  /**
   * Leaves out of U2, before anyone masks, each client with fewer than t share holders in U2 (itself and its
   * neighbours there, after cut pairs): its secrets could not be rebuilt, and it holds too few shares to mask. One
   * client that blames all its neighbours thus only leaves itself out. Repeated until no such client is left.
   */
  private leaveOutUnrecoverable(advertised: readonly string[]): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of advertised.filter((c) => this.sharesSent.has(c))) {
        const holders = 1 + [...this.graph.get(id)!].filter((peer) => this.sharesSent.has(peer)).length;
        if (holders >= this.threshold) continue;
        this.sharesSent.delete(id);
        changed = true;
        this.logger.warn(
          { event: 'secagg_left_out', round: this.round, client: id, holders, threshold: this.threshold },
          `round ${this.round}: ${id} is left out: ${holders} holder(s) of its shares remain, ${this.threshold} needed`,
        );
      }
    }
  }

  private requireSurvivors(ids: readonly string[], advertised: number, what: string): void {
    const needed = Math.max(this.minSurvivors, advertised - this.settings.maxDropouts);
    if (ids.length < needed) {
      throw new SecureAggregationError(`only ${ids.length} of ${advertised} client(s) ${what}; ${needed} needed (maxDropouts ${this.settings.maxDropouts})`);
    }
  }

  /** Sends each client its request and waits until all answered or the phase's deadline. */
  private async phaseOf(phase: 'shares' | 'masked' | 'unmask', ids: readonly string[], signal: AbortSignal, request: (id: string) => Message): Promise<void> {
    this.phase = phase;
    this.waiting = new PendingSet(ids);
    this.requests.clear();
    for (const id of ids) {
      this.requests.set(id, request(id));
      this.resend(id);
    }
    await this.waiting.wait(this.settings.phaseTimeoutMs, signal);
    if (this.waiting.pending.size > 0) {
      this.logger.warn(
        { event: 'secagg_phase_incomplete', round: this.round, phase, missing: [...this.waiting.pending] },
        `round ${this.round}: ${this.waiting.pending.size} client(s) did not answer the secure-aggregation ${phase} phase in time`,
      );
    }
    this.requests.clear();
    this.waiting = undefined;
  }

  /** Sends the current phase's request to a client that still owes its answer (again after a reconnect). */
  resend(clientId: string): void {
    const request = this.requests.get(clientId);
    if (!request || !this.waiting?.pending.has(clientId)) return;
    const bytes = this.send(clientId, request);
    this.charge(clientId, 0, bytes);
    if (request.kind !== 'secaggMaskRequest') this.protocolBytes += bytes;
    else this.protocolBytes += request.shares.reduce((n, s) => n + s.ciphertext.length, 0);
  }

  /** A client's answer in one of the phases after training. */
  onMessage(clientId: string, message: SecAggMessage, byteLength: number): void {
    if (message.round !== this.round) throw new StaleRoundError(`secure aggregation for round ${message.round} refused: round ${this.round} is in progress`);
    const expected = { shares: 'secaggShares', masked: 'secaggMasked', unmask: 'secaggUnmask' } as const;
    if (this.phase === 'keys' || this.phase === 'done' || message.kind !== expected[this.phase]) {
      throw new StaleRoundError(`round ${this.round}: ${message.kind} refused in the ${this.phase} phase`);
    }
    if (!this.waiting?.pending.has(clientId)) throw new ProtocolViolationError(`round ${this.round}: ${clientId} is not expected to answer now`);
    this.charge(clientId, byteLength, 0);
    switch (message.kind) {
      case 'secaggShares': {
        const neighbours = this.graph.get(clientId)!;
        const addressed = [...message.shares.map((s) => s.clientId), ...message.blamed];
        const size = sealedLength(2 * SHARE_BYTES);
        if (
          new Set(addressed).size !== neighbours.size ||
          addressed.length !== neighbours.size ||
          addressed.some((id) => !neighbours.has(id)) ||
          message.shares.some((s) => s.ciphertext.length !== size)
        ) {
          throw new ProtocolViolationError(`round ${this.round}: the shares of ${clientId} must be one sealed pair per neighbour it does not blame`);
        }
        for (const { clientId: to, ciphertext } of message.shares) {
          if (!this.relayed.has(to)) this.relayed.set(to, new Map());
          this.relayed.get(to)!.set(clientId, ciphertext);
        }
        for (const accused of message.blamed) {
          this.cutPairs.push([clientId, accused]);
          this.blame(clientId, accused, 'invalid keys');
        }
        this.sharesSent.add(clientId);
        this.protocolBytes += byteLength;
        break;
      }
      case 'secaggMasked':
        if (message.masked.length !== this.length) {
          throw new ProtocolViolationError(`round ${this.round}: a masked vector of ${message.masked.length} words, expected ${this.length}`);
        }
        if (
          new Set(message.blamed).size !== message.blamed.length ||
          message.blamed.some((id) => !this.sharesSent.has(id) || !this.graph.get(clientId)!.has(id))
        ) {
          throw new ProtocolViolationError(`round ${this.round}: ${clientId} may only blame neighbours whose shares it was sent, once each`);
        }
        addMask(this.sum!, message.masked, 1);
        if (message.blamed.length > 0) this.unheld.set(clientId, new Set(message.blamed));
        for (const accused of message.blamed) this.blame(clientId, accused, 'undecryptable shares');
        this.maskedSent.add(clientId);
        this.protocolBytes += byteLength - 4 * this.length;
        failpoint(`secagg-masked:${this.round}`);
        break;
      case 'secaggUnmask':
        this.revealed.set(clientId, { selfMask: [...message.selfMaskShares], secretKey: [...message.secretKeyShares] });
        this.protocolBytes += byteLength;
        break;
    }
    this.waiting.settle(clientId);
  }

  /** Records a client's blame; an accused client that is now excluded is told why. */
  private blame(accuser: string, accused: string, reason: BlameReason): void {
    if (!this.blames.blame(this.round, accuser, accused, reason)) return;
    const message = `secure aggregation: this client is ${this.blames.exclusion(accused)}; it takes no further part in the run`;
    this.send(accused, { kind: 'error', code: 'PROTOCOL_VIOLATION', message, round: this.round });
  }

  /** Shares of `owner`'s secret of one kind, as revealed by its holders, with their evaluation points. */
  private sharesOf(owner: string, kind: 'selfMask' | 'secretKey'): Share[] {
    const shares: Share[] = [];
    for (const [holder, revealed] of this.revealed) {
      if (holder !== owner && !this.graph.get(owner)!.has(holder)) continue;
      const entry = revealed[kind].find((s) => s.clientId === owner);
      const y = entry && decodeShareValue(entry.share);
      if (y !== undefined) shares.push({ x: this.participants.get(holder)!.index, y });
    }
    return shares;
  }

  private recover(owner: string, kind: 'selfMask' | 'secretKey', verify: (secret: Uint8Array) => boolean): Uint8Array {
    const shares = this.sharesOf(owner, kind);
    const recovered = recoverVerified(shares, this.threshold, KEY_BYTES, (candidate) => {
      try {
        return verify(candidate);
      } catch {
        return false; // bytes that are no key are no secret
      }
    });
    const what = kind === 'selfMask' ? 'self-mask seed' : 'masking key';
    if (!recovered) {
      throw new SecureAggregationError(
        `round ${this.round}: the ${what} of ${owner} cannot be recovered from ${shares.length} share(s) (${this.threshold} consistent ones needed)`,
      );
    }
    if (recovered.wrong.length > 0) {
      const liars = [...this.participants].filter(([, p]) => recovered.wrong.includes(p.index)).map(([id]) => id);
      this.logger.warn(
        { event: 'secagg_wrong_shares', round: this.round, owner, kind, clients: liars },
        `round ${this.round}: ${liars.join(', ')} revealed wrong shares of the ${what} of ${owner}; recovered from the others`,
      );
    }
    return recovered.secret;
  }

  /** The pairwise-mask seed of `dropped` (its recovered key) and `peer`; a failure is a typed error naming `peer`'s key. */
  private agree(secretKey: Uint8Array, peer: string, dropped: string): Uint8Array {
    try {
      return agreeKey(secretKey, this.participants.get(peer)!.keys.maskPublicKey, 'pairwise-mask', this.round);
    } catch (error) {
      throw new SecureAggregationError(
        `round ${this.round}: no pairwise mask between ${dropped} and ${peer} (the mask key of ${peer}): ${(error as Error).message}`,
        [peer],
      );
    }
  }

  /** Subtracts the survivors' self-masks and the pairwise masks the dropped clients left in the sum. */
  private removeMasks(sum: Uint32Array, survivors: readonly string[], dropped: readonly string[]): void {
    for (const id of survivors) {
      const commitment = this.participants.get(id)!.keys.selfMaskCommitment;
      const seed = this.recover(id, 'selfMask', (candidate) => bytesEqual(commitToSeed(candidate), commitment));
      addMask(sum, expandMask(seed, this.length), -1);
    }
    const survivorSet = new Set(survivors);
    for (const id of dropped) {
      const publicKey = this.participants.get(id)!.keys.maskPublicKey;
      const secretKey = this.recover(id, 'secretKey', (candidate) => bytesEqual(publicKeyOf(candidate), publicKey));
      for (const peer of this.graph.get(id)!) {
        if (!survivorSet.has(peer)) continue;
        const seed = this.agree(secretKey, peer, id);
        // The survivor added pairSign(peer, id) · mask; take it out again.
        addMask(sum, expandMask(seed, this.length), pairSign(peer, id) === 1 ? -1 : 1);
      }
    }
  }
}
