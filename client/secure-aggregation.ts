/**
 * The client's part of secure aggregation (SecAgg+): after training it advertises fresh keys, shares its masking
 * secret key and self-mask seed with its neighbours, sends its update only as a fixed-point vector hidden under a
 * self-mask and pairwise masks, and finally reveals — for each neighbour — either the self-mask share (the neighbour
 * sent its vector) or the secret-key share (it dropped), never both. One round at a time; every answer is kept so
 * that a request repeated after a reconnect gets the same answer.
 */
import { parameterCount, type AdapterWeights } from '../shared/lora/adapter.js';
import { ProtocolViolationError, SecureAggregationError, StaleRoundError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { secureGaussian } from '../shared/privacy/secure-gaussian.js';
import { agreeKey, commitToSeed, expandMask, generateX25519, open, publicKeyProblem, randomSeed, seal, type RawKeyPair } from '../shared/secagg/crypto.js';
import { addMask, encodeFixedPoint, indicatorFactor } from '../shared/secagg/fixed-point.js';
import type {
  SecAggKeysMessage,
  SecAggMaskRequestMessage,
  SecAggMaskedMessage,
  SecAggPeer,
  SecAggRosterMessage,
  SecAggSharesMessage,
  SecAggUnmaskMessage,
  SecAggUnmaskRequestMessage,
} from '../shared/secagg/messages.js';
import { SHARE_BYTES, decodeShareValue, encodeShareValue, splitSecret } from '../shared/secagg/shamir.js';
import { pairSign } from '../shared/secagg/topology.js';

/** What training produced, as the session hands it over. */
export interface TrainedUpdate {
  /** The update after DP clipping (if any). */
  readonly update: AdapterWeights;
  /** Adaptive clipping: whether the update's norm was within the clipping bound before clipping. */
  readonly withinClipNorm: boolean;
  readonly numExamples: number;
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly steps: number;
  readonly durationMs: number;
}

/** Authenticated data of the share pair `from` sends `to`. */
export function shareContext(round: number, from: string, to: string): string {
  return `fedlora secagg shares round ${round} from ${from} to ${to}`;
}

interface HeldShares {
  readonly secretKey: bigint;
  readonly selfMask: bigint;
}

interface RoundState {
  readonly key: string;
  readonly clientId: string;
  readonly round: number;
  readonly maskKeys: RawKeyPair;
  readonly cipherKeys: RawKeyPair;
  readonly selfMaskSeed: Uint8Array;
  readonly keys: SecAggKeysMessage;
  /** Dropped once the masked vector exists. */
  trained: TrainedUpdate | undefined;
  roster?: { message: SecAggRosterMessage; peers: Map<string, SecAggPeer>; reply: SecAggSharesMessage };
  /** Shares this client holds, its own included, by owner. */
  readonly held: Map<string, HeldShares>;
  masked?: SecAggMaskedMessage;
  unmask?: { request: SecAggUnmaskRequestMessage; reply: SecAggUnmaskMessage };
}

function flatten(adapter: AdapterWeights): Float64Array {
  const out = new Float64Array(parameterCount(adapter));
  let offset = 0;
  for (const t of adapter.values()) {
    out.set(t.data, offset);
    offset += t.data.length;
  }
  return out;
}

/** What makes two rosters the same sharing: points, neighbours and their keys, threshold. */
function rosterIdentity(roster: SecAggRosterMessage): string {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const peers = roster.neighbours.map((p) => `${p.clientId}@${p.index}:${hex(p.maskPublicKey)}:${hex(p.cipherPublicKey)}`).sort();
  return JSON.stringify([roster.ownIndex, roster.threshold, peers]);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

export class SecureAggregationClient {
  private state: RoundState | undefined;

  constructor(private readonly logger: Logger) {}

  /**
   * The keys already advertised for this instruction, if any: sent again instead of training again. Once a roster
   * was answered they are never reused (a coordinator that lost the round could otherwise collect, across two
   * rosters, both kinds of share of one client): the instruction then means training again with fresh keys.
   */
  advertised(key: string): SecAggKeysMessage | undefined {
    return this.state?.key === key && !this.state.roster ? this.state.keys : undefined;
  }

  /** Starts the round's protocol with fresh keys and seed; the update stays here until it is masked. */
  advertise(key: string, clientId: string, round: number, globalDigest: string, trained: TrainedUpdate): SecAggKeysMessage {
    const maskKeys = generateX25519();
    const cipherKeys = generateX25519();
    const selfMaskSeed = randomSeed();
    const keys: SecAggKeysMessage = {
      kind: 'secaggKeys',
      round,
      globalDigest,
      maskPublicKey: maskKeys.publicKey,
      cipherPublicKey: cipherKeys.publicKey,
      selfMaskCommitment: commitToSeed(selfMaskSeed),
      numExamples: trained.numExamples,
      trainLoss: trained.trainLoss,
      tokensPerSecond: trained.tokensPerSecond,
      steps: trained.steps,
      durationMs: trained.durationMs,
    };
    this.state = { key, clientId, round, maskKeys, cipherKeys, selfMaskSeed, keys, trained, held: new Map() };
    return keys;
  }

  private stateFor(round: number): RoundState {
    const state = this.state;
    if (state?.round !== round) throw new StaleRoundError(`secure aggregation for round ${round} refused: this client holds no keys for it`);
    return state;
  }

  /** Answers the roster with encrypted share pairs for every neighbour. */
  onRoster(roster: SecAggRosterMessage): SecAggSharesMessage {
    const state = this.stateFor(roster.round);
    if (state.roster) {
      // The same secrets are never shared along two different rosters (the coordinator then retries the round).
      if (rosterIdentity(state.roster.message) === rosterIdentity(roster)) return state.roster.reply;
      throw new ProtocolViolationError('secagg roster: this round was shared with other neighbours already');
    }
    const peers = new Map(roster.neighbours.map((peer) => [peer.clientId, peer]));
    const points = [roster.ownIndex, ...roster.neighbours.map((p) => p.index)];
    if (peers.size !== roster.neighbours.length || peers.has(state.clientId) || peers.size === 0) {
      throw new ProtocolViolationError('secagg roster: the neighbours must be distinct other clients');
    }
    if (new Set(points).size !== points.length || points.some((x) => !(x >= 1)))
      throw new ProtocolViolationError('secagg roster: share points must be distinct and positive');
    if (!(roster.threshold > points.length / 2 && roster.threshold <= points.length)) {
      throw new ProtocolViolationError(`secagg roster: threshold ${roster.threshold} must be a majority of the ${points.length} share holders`);
    }
    if (roster.weight > roster.weightTotal) throw new ProtocolViolationError('secagg roster: the weight exceeds the total weight');
    // A neighbour with an unusable key is treated as dropped (no shares, no mask) and named to the coordinator:
    // the coordinator may have let it through, or be the one lying.
    const blamed = roster.neighbours.filter((peer) => {
      const problem = publicKeyProblem(peer.maskPublicKey) ?? publicKeyProblem(peer.cipherPublicKey);
      if (problem === undefined) return false;
      this.logger.warn(
        { event: 'secagg_peer_blamed', round: roster.round, peer: peer.clientId, reason: problem },
        `round ${roster.round}: treating ${peer.clientId} as dropped: ${problem}`,
      );
      return true;
    });
    for (const peer of blamed) peers.delete(peer.clientId);
    const secretKeyShares = splitSecret(state.maskKeys.privateKey, points, roster.threshold);
    const selfMaskShares = splitSecret(state.selfMaskSeed, points, roster.threshold);
    state.held.set(state.clientId, { secretKey: secretKeyShares[0].y, selfMask: selfMaskShares[0].y });
    const shares = roster.neighbours.flatMap((peer, i) => {
      if (!peers.has(peer.clientId)) return [];
      const plaintext = new Uint8Array(2 * SHARE_BYTES);
      plaintext.set(encodeShareValue(secretKeyShares[i + 1].y), 0);
      plaintext.set(encodeShareValue(selfMaskShares[i + 1].y), SHARE_BYTES);
      const key = agreeKey(state.cipherKeys.privateKey, peer.cipherPublicKey, 'share-encryption', roster.round);
      return [{ clientId: peer.clientId, ciphertext: seal(key, plaintext, shareContext(roster.round, state.clientId, peer.clientId)) }];
    });
    const reply: SecAggSharesMessage = { kind: 'secaggShares', round: roster.round, shares, blamed: blamed.map((peer) => peer.clientId) };
    state.roster = { message: roster, peers, reply };
    return reply;
  }

  /** Stores the neighbours' shares and answers with the masked vector; its masks pair it with those neighbours. */
  onMaskRequest(request: SecAggMaskRequestMessage): SecAggMaskedMessage {
    const state = this.stateFor(request.round);
    if (state.masked) return state.masked;
    const roster = state.roster;
    if (!roster || !state.trained) throw new ProtocolViolationError('secagg mask request before the roster');
    const active: SecAggPeer[] = [];
    const received = new Map<string, HeldShares>();
    const blamed: string[] = [];
    for (const { clientId, ciphertext } of request.shares) {
      const peer = roster.peers.get(clientId);
      if (!peer || state.held.has(clientId) || active.includes(peer))
        throw new ProtocolViolationError(`secagg mask request: unexpected shares from ${clientId}`);
      active.push(peer);
      const key = agreeKey(state.cipherKeys.privateKey, peer.cipherPublicKey, 'share-encryption', request.round);
      const plaintext = open(key, ciphertext, shareContext(request.round, clientId, state.clientId));
      const secretKey = plaintext && decodeShareValue(plaintext.subarray(0, SHARE_BYTES));
      const selfMask = plaintext && decodeShareValue(plaintext.subarray(SHARE_BYTES));
      if (plaintext?.length !== 2 * SHARE_BYTES || secretKey === undefined || selfMask === undefined) {
        // Its masks still pair with ours (its mask key is valid); only its shares are lost, as if it had sent none.
        this.logger.warn(
          { event: 'secagg_peer_blamed', round: request.round, peer: clientId, reason: 'shares do not decrypt' },
          `round ${request.round}: the shares from ${clientId} do not decrypt`,
        );
        blamed.push(clientId);
        continue;
      }
      received.set(clientId, { secretKey, selfMask });
    }
    // Bonawitz et al.: with fewer than t shares held, too few neighbours are left for the masks to hide the update.
    const held = received.size + 1;
    if (held < roster.message.threshold) {
      this.logger.warn(
        { event: 'secagg_aborted', round: request.round, phase: 'masking', shares: held, threshold: roster.message.threshold },
        `round ${request.round}: holding ${held} share(s), ${roster.message.threshold} needed; not sending the update`,
      );
      throw new SecureAggregationError(
        `secagg mask request: this client holds ${held} share(s), fewer than the threshold ${roster.message.threshold}; it does not mask its update`,
      );
    }
    for (const [id, shares] of received) state.held.set(id, shares);
    const { message: settings } = roster;
    const values = flatten(state.trained.update);
    if (settings.noiseStd > 0) {
      // Distributed DP: this client's share of the Gaussian noise; the shares of all survivors add up in the sum.
      const noise = secureGaussian(values.length);
      for (let i = 0; i < values.length; i++) values[i] += settings.noiseStd * noise[i];
    }
    const length = values.length + (settings.reportClipping ? 1 : 0);
    const masked = new Uint32Array(length);
    const factor = settings.weight / settings.weightTotal;
    const clamped = encodeFixedPoint(values, factor, settings.range, settings.scale, masked, 0);
    if (clamped > 0) {
      this.logger.warn(
        { event: 'secagg_clamped', round: request.round, values: clamped, range: settings.range },
        `round ${request.round}: ${clamped} update value(s) clamped to ±${settings.range}`,
      );
    }
    if (settings.reportClipping) {
      const indicator = (state.trained.withinClipNorm ? 0.5 : -0.5) + settings.indicatorNoiseStd * secureGaussian(1)[0];
      const scaleDown = indicatorFactor(settings.range, settings.indicatorNoiseStd);
      encodeFixedPoint([indicator / scaleDown], factor, settings.range, settings.scale, masked, values.length);
    }
    addMask(masked, expandMask(state.selfMaskSeed, length), 1);
    for (const peer of active) {
      const seed = agreeKey(state.maskKeys.privateKey, peer.maskPublicKey, 'pairwise-mask', request.round);
      addMask(masked, expandMask(seed, length), pairSign(state.clientId, peer.clientId));
    }
    state.trained = undefined;
    state.masked = { kind: 'secaggMasked', round: request.round, masked, blamed };
    return state.masked;
  }

  /** The answer to one of the coordinator's secure-aggregation requests. */
  respond(
    request: SecAggRosterMessage | SecAggMaskRequestMessage | SecAggUnmaskRequestMessage,
  ): SecAggSharesMessage | SecAggMaskedMessage | SecAggUnmaskMessage {
    switch (request.kind) {
      case 'secaggRoster':
        return this.onRoster(request);
      case 'secaggMaskRequest':
        return this.onMaskRequest(request);
      case 'secaggUnmaskRequest':
        return this.onUnmaskRequest(request);
    }
  }

  /** Reveals self-mask shares of the survivors and secret-key shares of the dropped, never both for one client. */
  onUnmaskRequest(request: SecAggUnmaskRequestMessage): SecAggUnmaskMessage {
    const state = this.stateFor(request.round);
    if (state.unmask) {
      if (sameMembers(state.unmask.request.survivors, request.survivors) && sameMembers(state.unmask.request.dropped, request.dropped))
        return state.unmask.reply;
      throw new ProtocolViolationError('secagg unmask request: this round was unmasked already with other survivors');
    }
    if (!state.masked) throw new ProtocolViolationError('secagg unmask request before this client sent its masked vector');
    const survivors = new Set(request.survivors);
    const dropped = new Set(request.dropped);
    if (!survivors.has(state.clientId) || dropped.has(state.clientId)) throw new ProtocolViolationError('secagg unmask request: this client sent its vector');
    if (survivors.size !== request.survivors.length || dropped.size !== request.dropped.length || request.dropped.some((id) => survivors.has(id))) {
      throw new ProtocolViolationError('secagg unmask request: a client is listed twice');
    }
    const threshold = state.roster!.message.threshold;
    if (request.survivors.length < threshold) {
      // Bonawitz et al.: revealing shares for fewer than t survivors could unmask a single update.
      this.logger.warn(
        { event: 'secagg_aborted', round: request.round, phase: 'unmasking', survivors: request.survivors.length, threshold },
        `round ${request.round}: ${request.survivors.length} survivor(s) listed, ${threshold} needed; revealing no shares`,
      );
      throw new SecureAggregationError(
        `secagg unmask request: ${request.survivors.length} survivor(s) listed, fewer than the threshold ${threshold}; no shares revealed`,
      );
    }
    const shareOf = (id: string): HeldShares => {
      const held = state.held.get(id);
      if (!held) throw new ProtocolViolationError(`secagg unmask request: this client holds no shares of ${id}`);
      return held;
    };
    const reply: SecAggUnmaskMessage = {
      kind: 'secaggUnmask',
      round: request.round,
      selfMaskShares: request.survivors.map((id) => ({ clientId: id, share: encodeShareValue(shareOf(id).selfMask) })),
      secretKeyShares: request.dropped.map((id) => ({ clientId: id, share: encodeShareValue(shareOf(id).secretKey) })),
    };
    state.unmask = { request, reply };
    return reply;
  }
}
