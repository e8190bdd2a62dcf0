/**
 * The round scheduler owns time, membership and transport: it waits for clients, asks the strategy whom to
 * sample, sends instructions, collects updates until every sampled client answered or the deadline passed,
 * has the strategy aggregate, persists the new global adapter and has the clients evaluate it.
 * The maths lives in the strategy; the bytes on the wire live in the transport.
 */
import { assertFinite, assertSameLayout, adapterDigest, l2Norm, rawByteSize, replaceTensors, type AdapterWeights } from '../../shared/adapter.js';
import type { UpdateEncoding } from '../../shared/update-encoding.js';
import { FedloraError, NonFiniteError, NormExceededError, PayloadTooLargeError, ProtocolViolationError, RunFailedError, SecureAggregationError, StaleRoundError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { trainedPart, type LoraConfig } from '../../shared/lora.js';
import { effectiveRank, layoutAtRank } from '../../shared/lora-ranks.js';
import { PROTOCOL_VERSION, encodeMessageParts, type EvaluationMessage, type HelloMessage, type Message, type UpdateMessage, type UploadRequestMessage } from '../../shared/protocol.js';
import { SeededRandom } from '../../shared/random.js';
import type { TrainHyperParams } from '../../shared/training.js';
import type { RunEvent } from '../events.js';
import type { ClientRoundRecord, ClientRoundStatus, ClientInfo, RoundPrivacy, RoundRecord, RunState, RunStatus } from '../records.js';
import { RdpAccountant } from '../../shared/rdp-accountant.js';
import type { AcceptedUpdate, OpenRound, ResumeState, RunStore, StoredUpdate } from '../run-store.js';
import type { RoundAggregation, RoundSampling, Strategy } from '../strategy.js';
import type { ClientConnection, ConnectionHandler } from '../transport.js';
import { StageClock } from '../update-timings.js';
import { encodeDownstream, type DownstreamAdapter } from '../downstream.js';
import { PendingSet } from '../pending-set.js';
import { COLLECTABLE_BYTES, collectGarbage } from '../../shared/collect-garbage.js';
import { CHUNK_WINDOW, Payload } from '../../shared/chunking.js';
import { UploadSlots } from '../upload-slots.js';
import type { SecureAggregation, SecureAggregationRound, SecureAggregationSummary } from '../secure-aggregation.js';
import type { SecAggKeysMessage, SecAggMessage } from '../../shared/secagg/messages.js';
import { plural } from '../../shared/plural.js';

export interface SchedulerOptions {
  readonly runId: string;
  readonly model: string;
  readonly modelFingerprint: string;
  readonly rounds: number;
  readonly sampling: RoundSampling;
  readonly lora: LoraConfig;
  readonly train: Omit<TrainHyperParams, 'seed' | 'proximalMu'>;
  readonly roundTimeoutMs: number;
  readonly evalTimeoutMs: number;
  readonly seed: number;
  readonly clientIds: readonly string[];
  readonly initialAdapter: AdapterWeights;
  readonly strategy: Strategy;
  readonly logger: Logger;
  /** How clients encode their updates, and how global adapters travel to clients. */
  readonly encoding: { readonly update: UpdateEncoding; readonly errorFeedback: boolean; readonly global: UpdateEncoding };
  /** Chunking parameters announced to clients. */
  readonly transfer: { readonly chunkBytes: number; readonly maxPayloadBytes: number };
  /** Bytes of updates granted an upload slot at once (see upload-slots.ts). */
  readonly uploadBudgetBytes: number;
  /**
   * DP-FedAvg settings: clients clip to clipNorm; the accountant reports ε and stops the run at the budget. `samplingRate`
   * is q, the probability that the strategy samples each configured client in a round (Poisson sampling).
   */
  readonly privacy?: { readonly clipNorm: number; readonly noiseMultiplier: number; readonly delta: number; readonly epsilonBudget?: number; readonly samplingRate: number };
  /** Secure aggregation: clients send masked vectors and the coordinator only learns their sum. */
  readonly secureAggregation?: SecureAggregation;
  /** Updates with a larger L2 norm are refused; undefined: no bound. */
  readonly maxUpdateNorm?: number;
  /** A round with fewer accepted updates than this at its deadline is retried with a fresh sample. */
  readonly minUpdates: number;
  /** Attempts at one round (plain or secure) before the run fails, naming the round and its last failure. */
  readonly maxRoundAttempts: number;
  /** Durable state: accepted updates and rounds are persisted before they are acknowledged. */
  readonly persistence: SchedulerPersistence;
  /** State of an interrupted run to continue from. */
  readonly resume?: ResumeState;
  /** Clients banned by an operator before this start (the ban outlives restarts). */
  readonly banned?: readonly string[];
  /** Observes the run (dashboard, metrics); must not throw. */
  readonly emit?: (event: RunEvent) => void;
}

export type SchedulerPersistence = Pick<RunStore, 'setBaselineEvalLoss' | 'openRound' | 'saveAcceptedUpdate' | 'commitRound' | 'updateRound' | 'setBanned'>;

interface ClientState {
  readonly id: string;
  connection: ClientConnection | undefined;
  hello: HelloMessage | undefined;
  /** The latest hello, kept after a disconnect so that the status still shows the client's backend and data. */
  announced: HelloMessage | undefined;
  /** Digest of the adapter last sent on the current connection: no need to send it again. */
  heldDigest: string | undefined;
  lastSeen: Date | undefined;
}

/**
 * A phase's instruction encoded once per variant (with the adapter, or by digest only) and shared by every
 * transfer. In parts: the adapter's tensor bytes are not copied (the phase holds the adapter anyway), so a large
 * adapter costs no encoded copy of its own, and its SHA-256 for chunked transfers is computed once.
 */
type EncodedInstructions = Map<boolean, Payload>;

interface TrainPhase {
  readonly kind: 'train';
  readonly round: number;
  readonly attempt: number;
  /** Update id accepted (or being stored) per client: a resent copy is acknowledged, not applied again. */
  readonly acceptedIds: Map<string, string>;
  /** Accepted updates still being written to disk; the round waits for them before closing. */
  readonly storing: Set<Promise<void>>;
  /** Who may send an update now; the others wait for a slot. */
  readonly uploads: UploadSlots;
  /** Digest of the global adapter as clients decode it (see downstream.ts). */
  readonly globalDigest: string;
  readonly downstream: DownstreamAdapter;
  /** Instructions of this phase that carried the adapter (for the bytes its encoding saved). */
  adapterSends: number;
  readonly hyperParams: TrainHyperParams;
  readonly deadlineUnixMs: number;
  readonly waiting: PendingSet;
  readonly encoded: EncodedInstructions;
  readonly aggregation: RoundAggregation;
  readonly clients: Map<string, ClientRoundRecord>;
  /** DP: the clipping bound clients were told for this round. */
  readonly clipNorm: number;
  readonly secure: SecureAggregationRound | undefined;
  secureSummary?: SecureAggregationSummary;
  /** Why secure aggregation could not recover the sum, when it could not. */
  secureFailure?: string;
}

interface EvalPhase {
  readonly kind: 'evaluate';
  readonly round: number;
  readonly digest: string;
  readonly adapter: AdapterWeights;
  readonly downstream: DownstreamAdapter;
  adapterSends: number;
  readonly deadlineUnixMs: number;
  readonly waiting: PendingSet;
  readonly encoded: EncodedInstructions;
  readonly results: Map<string, { loss: number; numExamples: number }>;
  /** Bytes spent on this evaluation, per client, charged to `round`. */
  readonly bytes: Map<string, { up: number; down: number }>;
}

interface GlobalBytes {
  readonly raw: number;
  readonly wire: number;
}

/** What the adapters a phase sent would have cost in float32, and what they cost. */
function globalBytesOf(phase: { readonly downstream: DownstreamAdapter; readonly adapterSends: number }): GlobalBytes {
  return { raw: phase.adapterSends * phase.downstream.rawBytes, wire: phase.adapterSends * phase.downstream.wireBytes };
}

function emptyClientRecord(id: string): ClientRoundRecord {
  return {
    id,
    status: 'training',
    num_examples: 0,
    train_loss: null,
    eval_loss: null,
    tokens_per_second: null,
    bytes_up: 0,
    bytes_down: 0,
    raw_update_bytes: 0,
    refusal: null,
  };
}

function weightedMean(items: Iterable<{ value: number; weight: number }>): { mean: number; weight: number } {
  let sum = 0;
  let weight = 0;
  for (const item of items) {
    sum += item.value * item.weight;
    weight += item.weight;
  }
  return { mean: weight > 0 ? sum / weight : Number.NaN, weight };
}

export class RoundScheduler implements ConnectionHandler {
  private readonly clients = new Map<string, ClientState>();
  private readonly random: SeededRandom;
  private readonly startedAt = new Date();
  private readonly abort = new AbortController();
  private readonly records: RoundRecord[] = [];
  private readonly accountant = new RdpAccountant();
  private global: AdapterWeights;
  private globalDigest: string;
  private state: RunState = 'waiting';
  /** Why the run failed, once it has. */
  private failure: string | null = null;
  private round = 0;
  private baselineEvalLoss: number | null = null;
  private phase: TrainPhase | EvalPhase | undefined;
  /** Update ids of the last committed round: a late resent copy of one of them is acknowledged. */
  private lastCommitted: { round: number; acceptedIds: ReadonlyMap<string, string> } | undefined;
  /**
   * Clients' status in the latest training phase, kept through its evaluation so that it stays visible, and its
   * secure-aggregation round (which holds no update-sized vector once unmasked). Not the phase itself: it holds
   * the previous global adapter and its aggregate, which must be freed.
   */
  private currentTrain: Pick<TrainPhase, 'clients' | 'secure'> | undefined;
  private membershipChanged: (() => void) | undefined;
  /** Operator controls (admin API): no new round starts while paused; the run ends after the round in progress. */
  private paused = false;
  private stopRequested = false;
  private readonly banned: Set<string>;
  /**
   * The options kept for the whole run. The initial adapter and an interrupted run's state are not among them:
   * they are used once, and kept here they would hold adapter-sized buffers until the run ends.
   */
  private readonly options: Omit<SchedulerOptions, 'initialAdapter' | 'resume'>;
  /** An interrupted run's state, until run() restores it. */
  private resumeState: ResumeState | undefined;
  /** The round a restart interrupted (with its accepted updates), until it is run again. */
  private interruptedRound: ResumeState['openRound'];

  constructor(options: SchedulerOptions) {
    const { initialAdapter, resume, ...kept } = options;
    this.options = kept;
    this.resumeState = resume;
    for (const id of options.clientIds) {
      this.clients.set(id, { id, connection: undefined, hello: undefined, announced: undefined, heldDigest: undefined, lastSeen: undefined });
    }
    this.banned = new Set(options.banned);
    this.random = new SeededRandom(options.seed);
    this.global = options.strategy.currentGlobal?.() ?? initialAdapter;
    this.globalDigest = adapterDigest(this.global);
  }

  get globalAdapter(): AdapterWeights {
    return this.global;
  }

  status(): RunStatus {
    const clients: ClientInfo[] = [...this.clients.values()].map((c) => ({
      id: c.id,
      connected: c.connection !== undefined,
      backend: c.announced?.backend ?? null,
      gpu: c.announced?.gpu ?? null,
      num_train_examples: c.announced?.numTrainExamples ?? null,
      num_eval_examples: c.announced?.numEvalExamples ?? null,
      last_seen: c.lastSeen?.toISOString() ?? null,
      round_status: this.currentTrain?.clients.get(c.id)?.status ?? null,
      excluded: this.options.secureAggregation?.blames.exclusion(c.id) ?? null,
    }));
    return {
      run_id: this.options.runId,
      state: this.state,
      round: this.round,
      rounds_total: this.options.rounds,
      strategy: this.options.strategy.name,
      model: this.options.model,
      started_at: this.startedAt.toISOString(),
      baseline_eval_loss: this.baselineEvalLoss,
      paused: this.paused,
      failure: this.failure,
      global_digest: this.globalDigest,
      clients,
    };
  }

  roundRecords(): readonly RoundRecord[] {
    return this.records;
  }

  uploads(): { waiting: number; bytesInFlight: number } {
    const phase = this.phase?.kind === 'train' ? this.phase : undefined;
    return { waiting: phase?.uploads.waitingCount ?? 0, bytesInFlight: phase?.uploads.bytesInFlight ?? 0 };
  }

  /** Stops waiting: the current phase ends and `run` returns after the round in progress. */
  stop(): void {
    this.abort.abort();
  }

  /** Operator request: no new round (or retry) starts until `resume`; the round in progress carries on. */
  pause(): void {
    this.paused = true;
    this.options.logger.warn({ event: 'run_paused', round: this.round }, 'paused by an operator: no new round starts until resumed');
    this.emit({ type: 'pause_changed', paused: true });
  }

  resume(): void {
    this.paused = false;
    this.options.logger.warn({ event: 'run_resumed_by_operator', round: this.round }, 'resumed by an operator');
    this.emit({ type: 'pause_changed', paused: false });
    this.membershipChanged?.();
  }

  /** Operator request: the run ends once the round in progress is committed and evaluated. */
  stopAfterRound(): void {
    this.stopRequested = true;
    this.options.logger.warn({ event: 'stop_requested', round: this.round }, 'an operator asked to stop the run after the round in progress');
    this.membershipChanged?.();
  }

  /** Whether an operator banned the client: its token is refused until it is unbanned. */
  isBanned(id: string): boolean {
    return this.banned.has(id);
  }

  /** Operator request: disconnects the client, refuses its token and stops waiting for it. False if unknown. */
  ban(id: string): boolean {
    const client = this.clients.get(id);
    if (!client) return false;
    this.banned.add(id);
    this.options.persistence.setBanned(id, true);
    const phase = this.phase;
    if (phase?.waiting.pending.has(id)) {
      if (phase.kind === 'train') this.setClientStatus(phase, id, 'dropped', 'banned by an operator');
      phase.waiting.settle(id);
    }
    // Told why first: UNAUTHORIZED ends the client's session instead of sending it into reconnect attempts.
    client.connection?.send({ kind: 'error', code: 'UNAUTHORIZED', message: 'this client was banned by the coordinator\'s operator; ask them to lift the ban', round: 0 });
    client.connection?.disconnect();
    this.options.logger.warn({ event: 'client_banned', client: id }, `client ${id} banned by an operator`);
    return true;
  }

  /** Operator request: the client may connect again. False if unknown. */
  unban(id: string): boolean {
    if (!this.clients.has(id)) return false;
    this.banned.delete(id);
    this.options.persistence.setBanned(id, false);
    this.options.logger.warn({ event: 'client_unbanned', client: id }, `client ${id} unbanned by an operator`);
    return true;
  }

  /** Runs every round; resolves when the run is finished (or stopped). */
  async run(): Promise<void> {
    const { logger } = this.options;
    this.restore();
    if (this.records.length >= this.options.rounds || this.privacyBudgetReached()) {
      // Started again on a finished run: nothing to wait for, its results are served as they are.
      logger.info({ event: 'run_already_finished', rounds: this.records.length }, `this run finished earlier, after ${this.records.length} rounds; serving its results`);
    } else {
      await this.runRounds();
      if (this.abort.signal.aborted) {
        this.logInterrupted();
        return;
      }
    }
    this.setState('finished');
    for (const client of this.clients.values()) this.sendFinished(client);
    this.emit({ type: 'run_finished', rounds: this.records.length });
    logger.info({ event: 'run_finished', rounds: this.records.length }, 'run finished');
  }

  /** Logs where a stop (SIGINT, SIGTERM, close) left the run: a restart continues from there. */
  private logInterrupted(): void {
    const committed = this.records.length;
    const where = this.round > committed ? `during round ${this.round}` : committed === 0 ? 'before round 1' : `after round ${committed}`;
    this.options.logger.warn(
      { event: 'run_interrupted', round: this.round, rounds_committed: committed },
      `run stopped ${where} of ${this.options.rounds}; start the coordinator again to resume it`,
    );
  }

  /** Runs the rounds left; returns when they are done, the budget is spent, or the run is stopped. */
  private async runRounds(): Promise<void> {
    const { logger } = this.options;
    await this.waitForClients();
    if (this.abort.signal.aborted) return;
    if (this.baselineEvalLoss === null && this.records.length === 0) {
      this.baselineEvalLoss = (await this.evaluate(0, this.global, this.globalDigest)).loss;
      this.options.persistence.setBaselineEvalLoss(this.baselineEvalLoss);
      logger.info({ event: 'baseline', eval_loss: this.baselineEvalLoss }, `baseline eval loss ${this.baselineEvalLoss?.toFixed(4)}`);
    }
    const last = this.records.at(-1);
    // The coordinator stopped after committing this round but before its evaluation came back.
    if (last && last.eval_loss === null) await this.evaluateRound(last, new Date(last.started_at));
    for (let round = this.records.length + 1; round <= this.options.rounds && !this.abort.signal.aborted && !this.stopRequested; round++) {
      if (this.privacyBudgetReached()) break;
      const record = await this.runRound(round, this.takeInterruptedRound(round));
      if (!record) break;
      // The round's phase is gone: with it the previous global adapter and the last update are garbage. Large
      // ones are collected now, before the next buffers are allocated, not whenever V8's heuristics decide.
      if (rawByteSize(this.global) >= COLLECTABLE_BYTES) collectGarbage();
      await this.evaluateRound(record, new Date(record.started_at));
      this.emit({ type: 'round_finished', record });
      logger.info(
        {
          event: 'round_finished',
          round,
          participants: record.participants,
          train_loss: record.train_loss,
          eval_loss: record.eval_loss,
          bytes_up: record.bytes_up,
          bytes_down: record.bytes_down,
          duration_ms: record.duration_ms,
        },
        `round ${round}/${this.options.rounds} finished`,
      );
    }
    if (this.stopRequested && !this.abort.signal.aborted) {
      this.options.logger.warn({ event: 'run_stopped', rounds: this.records.length }, `run stopped by an operator after ${plural(this.records.length, 'round')}`);
    }
  }

  /** Continues an interrupted run, if any: committed rounds, their global adapter and the baseline. */
  private restore(): void {
    const resume = this.resumeState;
    if (!resume) return;
    this.resumeState = undefined;
    this.interruptedRound = resume.openRound;
    this.records.push(...resume.rounds);
    this.options.strategy.loadState(resume.strategyState);
    const global = this.options.strategy.currentGlobal?.() ?? resume.global;
    if (global) {
      this.global = global;
      this.globalDigest = adapterDigest(global);
    }
    for (const record of resume.rounds) if (record.privacy) this.accountant.compose(record.privacy.sampling_rate, record.privacy.noise_multiplier);
    this.baselineEvalLoss = resume.baselineEvalLoss;
    this.round = this.records.length;
    this.options.logger.info(
      { event: 'run_resumed', rounds_committed: this.records.length, open_round_updates: resume.openRound?.updates.length ?? 0 },
      `resuming the run after round ${this.records.length}` +
        (resume.openRound ? ` with ${resume.openRound.updates.length} update(s) already accepted in round ${resume.openRound.round}` : ''),
    );
  }

  /** The interrupted round if it is `round`. Handed out once: its updates are not kept beyond that round. */
  private takeInterruptedRound(round: number): ResumeState['openRound'] {
    const open = this.interruptedRound?.round === round ? this.interruptedRound : undefined;
    this.interruptedRound = undefined;
    return open;
  }

  private readyClients(): ClientState[] {
    return [...this.clients.values()].filter((c) => c.connection !== undefined && c.hello !== undefined);
  }

  private async waitForClients(): Promise<void> {
    const needed = this.options.sampling.minClients;
    let announced = -1;
    while (!this.abort.signal.aborted && !this.stopRequested && (this.paused || this.trainableClients().length < needed)) {
      const ready = this.trainableClients().length;
      const excluded = [...this.clients.keys()].filter((id) => this.options.secureAggregation?.blames.exclusion(id) !== undefined);
      // Exclusions last for the run (an operator's ban can be lifted): waiting for excluded clients would never end.
      if (this.clients.size - excluded.length < needed) {
        this.fail(
          `minClients ${needed} can no longer be met: ${excluded.join(', ')} excluded by secure aggregation, ${plural(this.clients.size - excluded.length, 'client')} left; ` +
            'restart the coordinator to lift the exclusions, or lower minClients',
        );
      }
      if (ready !== announced) {
        this.options.logger.info(
          { event: 'waiting_for_clients', ready, needed, excluded },
          `waiting for clients: ${ready}/${needed} ready${excluded.length > 0 ? ` (${excluded.join(', ')} excluded by secure aggregation, not counted)` : ''}`,
        );
        announced = ready;
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.abort.signal.removeEventListener('abort', done);
          this.membershipChanged = undefined;
          resolve();
        };
        this.membershipChanged = done;
        this.abort.signal.addEventListener('abort', done);
      });
    }
  }

  /**
   * Runs one round until it gathers at least `minUpdates` updates, retrying with a fresh sample otherwise;
   * `open` is the same round interrupted by a restart, continued with its sample and accepted updates.
   * Returns undefined when stopped.
   */
  private async runRound(round: number, open: (OpenRound & { updates: StoredUpdate[] }) | undefined): Promise<RoundRecord | undefined> {
    const { logger, strategy } = this.options;
    this.round = round;
    const started = open ? new Date(open.startedAt) : new Date();
    const resumable = open?.globalDigest === this.globalDigest ? open : undefined;
    for (let attempt = resumable?.attempt ?? 1; !this.abort.signal.aborted; attempt++) {
      await this.waitForClients();
      if (this.abort.signal.aborted || this.stopRequested) return undefined;
      this.setState('training');
      const restored = attempt === resumable?.attempt ? resumable : undefined;
      const sampled = restored
        ? restored.sampled.filter((id) => this.clients.has(id))
        : strategy.sampleClients(this.trainableClients().map((c) => c.id), this.options.sampling, this.random);
      const downstream = this.downstream(this.global, this.globalDigest);
      const clients = new Map(sampled.map((id) => [id, emptyClientRecord(id)]));
      const phase: TrainPhase = {
        kind: 'train',
        round,
        attempt,
        acceptedIds: new Map(),
        storing: new Set(),
        uploads: new UploadSlots(this.options.uploadBudgetBytes),
        globalDigest: downstream.digest,
        downstream,
        adapterSends: 0,
        hyperParams: {
          ...this.options.train,
          seed: (this.options.seed + round * 7919 + attempt) >>> 0,
          proximalMu: this.options.strategy.clientSettings.proximalMu,
        },
        deadlineUnixMs: Date.now() + this.options.roundTimeoutMs,
        waiting: new PendingSet(sampled),
        encoded: new Map(),
        aggregation: strategy.beginAggregation(trainedPart(this.global, this.options.lora)),
        clients,
        clipNorm: strategy.clientSettings.clipNorm ?? 0,
        secure: this.options.secureAggregation?.beginRound(
          round,
          trainedPart(this.global, this.options.lora),
          this.options.minUpdates,
          (id, message) => this.clients.get(id)?.connection?.send(message) ?? 0,
          (id, up, down) => {
            clients.get(id)!.bytes_up += up;
            clients.get(id)!.bytes_down += down;
          },
        ),
      };
      if (restored) {
        // One update in memory at a time, as when they arrived.
        for (const stored of restored.updates) {
          if (!phase.clients.has(stored.clientId)) continue;
          const update = await stored.load();
          if (update) this.fold(phase, update);
        }
      } else {
        await this.options.persistence.openRound({
          round,
          attempt,
          sampled,
          globalDigest: this.globalDigest,
          seed: phase.hyperParams.seed,
          startedAt: started.toISOString(),
        });
      }
      this.phase = phase;
      this.currentTrain = { clients: phase.clients, secure: phase.secure };
      logger.info({ event: 'round_started', round, attempt, sampled }, `round ${round}: ${plural(sampled.length, 'client')} sampled`);
      this.emit({ type: 'round_started', round, attempt, sampled });
      for (const id of phase.waiting.pending) this.sendTrain(this.clients.get(id)!, phase);
      await phase.waiting.wait(this.options.roundTimeoutMs, this.abort.signal);
      await Promise.all(phase.storing);
      this.phase = undefined;
      for (const id of phase.uploads.close()) {
        this.clients.get(id)!.connection?.send({ kind: 'error', code: 'STALE_ROUND', message: `round ${round} closed before an upload slot was free`, round });
      }
      for (const id of phase.waiting.pending) this.setClientStatus(phase, id, this.clients.get(id)!.connection ? 'timed_out' : 'dropped');
      try {
        if (this.abort.signal.aborted) return undefined;
        const usable = phase.secure ? await this.secureAggregate(phase) : phase.aggregation.updateCount;
        if (this.abort.signal.aborted) return undefined;
        if (usable < this.options.minUpdates) {
          const failure = phase.secureFailure ?? `${usable} usable update(s), ${this.options.minUpdates} needed`;
          if (attempt >= this.options.maxRoundAttempts) this.fail(`round ${round} failed in ${attempt} attempts (maxRoundAttempts ${this.options.maxRoundAttempts}); the last one: ${failure}`);
          logger.warn(
            { event: 'round_retried', round, attempt, updates: usable, min_updates: this.options.minUpdates },
            `round ${round}: ${failure}; retrying with a fresh sample`,
          );
          this.emit({ type: 'round_retried', round, attempt });
          continue;
        }
        return await this.closeRound(phase, started, attempt);
      } finally {
        phase.aggregation.dispose?.();
      }
    }
    return undefined;
  }

  /**
   * Runs the secure-aggregation phases after training and folds the unmasked mean into the round; returns how
   * many clients it covers (0 when the sum could not be recovered: the round is then retried).
   */
  private async secureAggregate(phase: TrainPhase): Promise<number> {
    try {
      const outcome = await phase.secure!.run(this.abort.signal);
      if (phase.aggregation.addSecureMean) phase.aggregation.addSecureMean({ ...outcome, count: outcome.survivors.length });
      else phase.aggregation.add('secure-aggregate', outcome.mean, outcome.weight);
      phase.secureSummary = outcome.summary;
      const survivors = new Set(outcome.survivors);
      for (const [id, record] of phase.clients) {
        if (survivors.has(id)) {
          this.setClientStatus(phase, id, 'done');
          this.emit({ type: 'update_accepted', round: phase.round, client: id, bytes: record.bytes_up, numExamples: record.num_examples });
        } else if (record.status === 'training') this.setClientStatus(phase, id, 'dropped');
      }
      this.markExcluded(phase);
      this.options.logger.info(
        { event: 'secure_aggregation_finished', round: phase.round, ...outcome.summary },
        `round ${phase.round}: secure sum of ${outcome.survivors.length} update(s) unmasked (${outcome.summary.dropouts_recovered} dropout(s) recovered)`,
      );
      return outcome.survivors.length;
    } catch (error) {
      // Whatever went wrong, it went wrong in this round only: the round is retried, the run goes on.
      const offenders = error instanceof SecureAggregationError ? error.offenders : [];
      const reason = error instanceof Error ? error.message : String(error);
      phase.secureFailure = `secure aggregation failed: ${reason}`;
      this.options.logger.warn(
        { event: 'secure_aggregation_failed', round: phase.round, reason, clients: offenders, err: error instanceof FedloraError ? undefined : error },
        `round ${phase.round}: secure aggregation failed: ${reason}`,
      );
      for (const id of offenders) {
        const record = phase.clients.get(id);
        if (!record) continue;
        record.refusal = reason;
        this.setClientStatus(phase, id, 'refused', reason);
      }
      this.markExcluded(phase);
      return 0;
    }
  }

  /** Shows, in the round's record, the clients that secure aggregation excluded for their peers' blames. */
  private markExcluded(phase: TrainPhase): void {
    for (const [id, record] of phase.clients) {
      const exclusion = this.options.secureAggregation?.blames.exclusion(id);
      // Excluded after its masked vector was summed: its update is in this round all the same.
      if (exclusion === undefined || record.status === 'done') continue;
      record.refusal = exclusion;
      this.setClientStatus(phase, id, 'refused', exclusion);
    }
  }

  /** Clients that may be sampled for training: ready, and not excluded by secure aggregation's blame rule. */
  private trainableClients(): ClientState[] {
    return this.readyClients().filter((c) => this.options.secureAggregation?.blames.exclusion(c.id) === undefined);
  }

  /** Folds an accepted (and stored) update into the round. */
  private fold(phase: TrainPhase, update: AcceptedUpdate, clock?: StageClock): void {
    clock?.mark('bookkeeping');
    phase.aggregation.add(update.clientId, update.adapter, update.numExamples);
    clock?.mark('aggregate');
    phase.acceptedIds.set(update.clientId, update.updateId);
    const record = phase.clients.get(update.clientId)!;
    record.num_examples = update.numExamples;
    record.raw_update_bytes = rawByteSize(update.adapter);
    record.train_loss = update.trainLoss;
    record.tokens_per_second = update.tokensPerSecond;
    record.bytes_up = Math.max(record.bytes_up, update.bytesUp);
    this.setClientStatus(phase, update.clientId, 'done');
    phase.waiting.settle(update.clientId);
  }

  /** Aggregates, commits the new global adapter (checkpoint, then record), then has it evaluated. */
  private async closeRound(phase: TrainPhase, started: Date, attempts: number): Promise<RoundRecord> {
    const round = phase.round;
    const aggregationStarted = performance.now();
    const aggregated = phase.aggregation.finish();
    this.global = aggregated.checkpoint ? aggregated.adapter : replaceTensors(this.global, aggregated.adapter);
    this.emit({ type: 'aggregation_finished', round, durationMs: performance.now() - aggregationStarted });
    this.globalDigest = adapterDigest(this.global);
    const participants = [...phase.clients.values()].filter((c) => c.status === 'done');
    const train = weightedMean(participants.map((c) => ({ value: c.train_loss ?? 0, weight: c.num_examples })));
    const clients = [...phase.clients.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const record: RoundRecord = {
      round,
      participants: participants.length,
      sampled: phase.clients.size,
      num_examples: train.weight,
      train_loss: train.weight > 0 ? train.mean : null,
      eval_loss: null,
      eval_examples: 0,
      bytes_up: clients.reduce((n, c) => n + c.bytes_up, 0),
      bytes_down: clients.reduce((n, c) => n + c.bytes_down, 0),
      duration_ms: Date.now() - started.getTime(),
      started_at: started.toISOString(),
      finished_at: new Date().toISOString(),
      attempts,
      global_digest: this.globalDigest,
      checkpoint: `rounds/${round}`,
      privacy: this.accountRound(phase.clipNorm),
      secure_aggregation: phase.secureSummary ?? null,
      update_encoding: this.options.encoding.update,
      raw_update_bytes: clients.reduce((n, c) => n + c.raw_update_bytes, 0),
      global_encoding: this.options.encoding.global,
      raw_global_bytes: globalBytesOf(phase).raw,
      global_wire_bytes: globalBytesOf(phase).wire,
      strategy_metrics: aggregated.metrics,
      clients,
    };
    await this.options.persistence.commitRound(record, aggregated.checkpoint ?? this.global, this.options.strategy.saveState());
    this.lastCommitted = { round, acceptedIds: phase.acceptedIds };
    this.records.push(record);
    return record;
  }

  /** Has the clients evaluate the global adapter of a committed round and completes its record. */
  private async evaluateRound(record: RoundRecord, started: Date): Promise<void> {
    const evaluation = await this.evaluate(record.round, this.global, this.globalDigest);
    // By id, so that completing the record stays linear in the number of clients.
    const byId = new Map(record.clients.map((c) => [c.id, c]));
    for (const [id, bytes] of evaluation.bytes) {
      let client = byId.get(id);
      if (!client) {
        // Evaluated without training this round: its evaluation bytes still count.
        client = { ...emptyClientRecord(id), status: 'evaluated' };
        record.clients.push(client);
      }
      client.eval_loss = evaluation.results.get(id)?.loss ?? null;
      client.bytes_up += bytes.up;
      client.bytes_down += bytes.down;
      record.bytes_up += bytes.up;
      record.bytes_down += bytes.down;
    }
    record.clients.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    record.raw_global_bytes += evaluation.globalBytes.raw;
    record.global_wire_bytes += evaluation.globalBytes.wire;
    record.eval_loss = evaluation.loss;
    record.eval_examples = evaluation.examples;
    record.finished_at = new Date().toISOString();
    record.duration_ms = Date.now() - started.getTime();
    this.options.persistence.updateRound(record);
  }

  /** Asks every ready client for the loss of `adapter` on its held-out data. */
  private async evaluate(
    round: number,
    adapter: AdapterWeights,
    exactDigest: string,
  ): Promise<{ loss: number | null; examples: number; results: EvalPhase['results']; bytes: EvalPhase['bytes']; globalBytes: GlobalBytes }> {
    const ready = this.readyClients().filter((c) => (c.hello?.numEvalExamples ?? 0) > 0);
    const downstream = this.downstream(adapter, exactDigest);
    const phase: EvalPhase = {
      kind: 'evaluate',
      round,
      digest: downstream.digest,
      adapter,
      downstream,
      adapterSends: 0,
      deadlineUnixMs: Date.now() + this.options.evalTimeoutMs,
      waiting: new PendingSet(ready.map((c) => c.id)),
      encoded: new Map(),
      results: new Map(),
      bytes: new Map(),
    };
    this.phase = phase;
    for (const client of ready) this.sendEvaluate(client, phase);
    await phase.waiting.wait(this.options.evalTimeoutMs, this.abort.signal);
    this.phase = undefined;
    if (phase.waiting.pending.size > 0) {
      this.options.logger.warn(
        { event: 'evaluation_incomplete', round, missing: [...phase.waiting.pending] },
        `round ${round}: ${phase.waiting.pending.size} client(s) did not report an evaluation in time`,
      );
    }
    const { mean, weight } = weightedMean([...phase.results.values()].map((r) => ({ value: r.loss, weight: r.numExamples })));
    return { loss: weight > 0 ? mean : null, examples: weight, results: phase.results, bytes: phase.bytes, globalBytes: globalBytesOf(phase) };
  }

  /** Adds the round to the privacy accountant; the record's privacy entry (null without DP). */
  private accountRound(clipNorm: number): RoundPrivacy | null {
    const dp = this.options.privacy;
    if (!dp) return null;
    this.accountant.compose(dp.samplingRate, dp.noiseMultiplier);
    const { epsilon, order } = this.accountant.spent(dp.delta);
    return { epsilon, delta: dp.delta, order, clip_norm: clipNorm, noise_multiplier: dp.noiseMultiplier, sampling_rate: dp.samplingRate };
  }

  /** True when one more round would spend more than the ε budget (then the run ends here, logged). */
  private privacyBudgetReached(): boolean {
    const dp = this.options.privacy;
    if (dp?.epsilonBudget === undefined) return false;
    const next = this.accountant.spent(dp.delta, { samplingRate: dp.samplingRate, noiseMultiplier: dp.noiseMultiplier });
    if (next.epsilon <= dp.epsilonBudget) return false;
    this.options.logger.warn(
      { event: 'privacy_budget_reached', rounds: this.records.length, epsilon_next: next.epsilon, budget: dp.epsilonBudget },
      `stopping after ${plural(this.records.length, 'round')}: one more would spend ε ${next.epsilon.toFixed(3)} > budget ${dp.epsilonBudget}`,
    );
    return true;
  }

  private emit(event: RunEvent): void {
    this.options.emit?.(event);
  }

  /** Ends the run in state `failed`: `run` rejects with the reason, which the status shows. */
  private fail(reason: string): never {
    this.failure = reason;
    this.setState('failed');
    throw new RunFailedError(reason);
  }

  private setState(state: RunState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit({ type: 'state_changed', state, round: this.round });
  }

  private setClientStatus(phase: TrainPhase, id: string, status: ClientRoundStatus, reason?: string): void {
    phase.clients.get(id)!.status = status;
    this.emit({ type: 'client_round_status', round: phase.round, client: id, status, reason });
  }

  /**
   * The adapter in the configured downstream encoding. int8's rounding is seeded by the run and the adapter, so
   * that the same adapter always travels the same way and a client holding it is not sent it again.
   */
  private downstream(adapter: AdapterWeights, digest: string): DownstreamAdapter {
    return encodeDownstream(adapter, digest, this.options.encoding.global, new SeededRandom((this.options.seed ^ Number.parseInt(digest.slice(0, 8), 16)) >>> 0));
  }

  /** Whether the client lacks the adapter with `digest`; after this call it is counted as holding it. */
  private needsAdapter(client: ClientState, digest: string): boolean {
    if (client.heldDigest === digest) return false;
    client.heldDigest = digest;
    return true;
  }


  /**
   * Every client of a phase gets the same instruction, with or without the adapter: each variant is encoded
   * once and shared, and its tensor bytes are those of the phase's adapter, never copied whole.
   */
  private encodedInstruction(phase: TrainPhase | EvalPhase, withAdapter: boolean): Payload {
    const cached = phase.encoded.get(withAdapter);
    if (cached) return cached;
    const message: Message =
      phase.kind === 'train'
        ? {
            kind: 'train',
            round: phase.round,
            globalDigest: phase.globalDigest,
            globalAdapter: withAdapter ? this.global : undefined,
            wireGlobalAdapter: withAdapter ? phase.downstream.wire : undefined,
            hyperParams: phase.hyperParams,
            lora: this.options.lora,
            deadlineUnixMs: phase.deadlineUnixMs,
            updateEncoding: this.options.encoding.update,
            errorFeedback: this.options.encoding.errorFeedback,
            clipNorm: phase.clipNorm,
            secureAggregation: phase.secure !== undefined,
          }
        : {
            kind: 'evaluate',
            round: phase.round,
            digest: phase.digest,
            adapter: withAdapter ? phase.adapter : undefined,
            wireAdapter: withAdapter ? phase.downstream.wire : undefined,
            maxSeqLen: this.options.train.maxSeqLen,
            lora: this.options.lora,
            deadlineUnixMs: phase.deadlineUnixMs,
          };
    const payload = new Payload(encodeMessageParts(message));
    phase.encoded.set(withAdapter, payload);
    return payload;
  }

  private sendTrain(client: ClientState, phase: TrainPhase): void {
    if (!client.connection) return;
    const withAdapter = this.needsAdapter(client, phase.globalDigest);
    if (withAdapter) phase.adapterSends += 1;
    const bytes = client.connection.send(this.encodedInstruction(phase, withAdapter));
    phase.clients.get(client.id)!.bytes_down += bytes;
    this.setClientStatus(phase, client.id, 'training');
  }

  private sendEvaluate(client: ClientState, phase: EvalPhase): void {
    if (!client.connection) return;
    const withAdapter = this.needsAdapter(client, phase.digest);
    if (withAdapter) phase.adapterSends += 1;
    const bytes = client.connection.send(this.encodedInstruction(phase, withAdapter));
    this.chargeEvalBytes(phase, client.id, 0, bytes);
  }

  private chargeEvalBytes(phase: EvalPhase, id: string, up: number, down: number): void {
    const entry = phase.bytes.get(id) ?? { up: 0, down: 0 };
    entry.up += up;
    entry.down += down;
    phase.bytes.set(id, entry);
  }

  private sendFinished(client: ClientState): void {
    client.connection?.send({ kind: 'finished', roundsCompleted: this.records.length, finalDigest: this.globalDigest });
  }

  /** The transport lets a client in only once its previous connection is closed (see transport.ts). */
  onConnect(connection: ClientConnection): void {
    const client = this.clients.get(connection.clientId)!;
    client.connection = connection;
    client.hello = undefined;
    client.heldDigest = undefined;
    client.lastSeen = new Date();
    this.options.logger.info({ event: 'client_connected', client: client.id, address: connection.remoteAddress }, `client ${client.id} connected`);
    this.emit({ type: 'client_connected', client: client.id });
  }

  onDisconnect(connection: ClientConnection, reason: string): void {
    const client = this.clients.get(connection.clientId)!;
    if (client.connection !== connection) return;
    client.connection = undefined;
    client.hello = undefined;
    client.lastSeen = new Date();
    this.options.logger.info({ event: 'client_disconnected', client: client.id, reason }, `client ${client.id} disconnected (${reason})`);
    // A sampled client stays pending until the deadline: it may reconnect and still submit.
    const phase = this.phase;
    if (phase?.kind === 'train' && phase.waiting.pending.has(client.id)) {
      this.setClientStatus(phase, client.id, 'dropped');
      // An update still to come frees its slot; it asks again after reconnecting.
      if (!phase.acceptedIds.has(client.id)) phase.uploads.release(client.id);
    }
    this.emit({ type: 'client_disconnected', client: client.id, reason });
  }

  onMessage(connection: ClientConnection, message: Message, byteLength: number, decodeMs = 0): void | Promise<void> {
    const client = this.clients.get(connection.clientId)!;
    if (client.connection !== connection) throw new ProtocolViolationError('this connection was replaced by a newer one');
    client.lastSeen = new Date();
    switch (message.kind) {
      case 'hello':
        this.onHello(client, message);
        return;
      case 'uploadRequest':
        this.onUploadRequest(client, message);
        return;
      case 'update':
        return this.onUpdate(client, message, byteLength, new StageClock(decodeMs));
      case 'secaggKeys':
        this.onSecureKeys(client, message, byteLength);
        return;
      case 'secaggShares':
      case 'secaggMasked':
      case 'secaggUnmask':
        this.secureRound(message).onMessage(client.id, message, byteLength);
        return;
      case 'evaluation':
        this.onEvaluation(client, message, byteLength);
        return;
      case 'error': {
        this.options.logger.warn(
          { event: 'client_error', client: client.id, code: message.code, round: message.round },
          `client ${client.id} reported ${message.code}: ${message.message}`,
        );
        // A client whose training failed (its GPU lost, its data unreadable) sends nothing this round: it is a
        // dropout now rather than at the deadline. Secure aggregation has its own dropout handling.
        const phase = this.phase;
        if (phase?.kind === 'train' && !phase.secure && message.round === phase.round && phase.waiting.pending.has(client.id) && !phase.acceptedIds.has(client.id)) {
          this.setClientStatus(phase, client.id, 'dropped', message.message);
          phase.uploads.release(client.id);
          phase.waiting.settle(client.id);
        }
        return;
      }
      default:
        throw new ProtocolViolationError(`clients may not send ${message.kind} messages`);
    }
  }

  private onHello(client: ClientState, hello: HelloMessage): void {
    const connection = client.connection!;
    if (hello.clientId !== '' && hello.clientId !== client.id) {
      throw new ProtocolViolationError(`this token belongs to client ${client.id}, not ${hello.clientId}`);
    }
    if (hello.softwareVersion !== PROTOCOL_VERSION) {
      connection.send({
        kind: 'error',
        code: 'PROTOCOL_VIOLATION',
        message: `this coordinator speaks protocol version ${PROTOCOL_VERSION}, your client ${JSON.stringify(hello.softwareVersion.slice(0, 32))}: install the same fedlora version as the coordinator`,
        round: 0,
      });
      this.options.logger.warn(
        { event: 'protocol_mismatch', client: client.id, version: hello.softwareVersion.slice(0, 32) },
        `client ${client.id} speaks another protocol version; disconnecting it`,
      );
      connection.disconnect();
      return;
    }
    if (hello.modelFingerprint !== this.options.modelFingerprint) {
      connection.send({
        kind: 'error',
        code: 'MODEL_MISMATCH',
        message: `this run fine-tunes ${this.options.model} (fingerprint ${this.options.modelFingerprint.slice(0, 12)}…); your base model differs (${hello.modelFingerprint.slice(0, 12) || 'none'}…)`,
        round: 0,
      });
      this.options.logger.warn({ event: 'model_mismatch', client: client.id }, `client ${client.id} has a different base model; disconnecting it`);
      connection.disconnect();
      return;
    }
    client.hello = hello;
    client.announced = hello;
    connection.send({
      kind: 'welcome',
      runId: this.options.runId,
      roundsTotal: this.options.rounds,
      model: this.options.model,
      clientId: client.id,
      ...this.options.transfer,
    });
    this.options.logger.info(
      { event: 'client_ready', client: client.id, backend: hello.backend, gpu: hello.gpu, train_examples: hello.numTrainExamples, eval_examples: hello.numEvalExamples, lora_rank: effectiveRank(hello.loraRank, this.options.lora.r) },
      `client ${client.id} ready (${hello.backend}, ${plural(hello.numTrainExamples, 'training example')})`,
    );
    this.emit({ type: 'client_ready', client: client.id, backend: hello.backend, gpu: hello.gpu ?? null });
    if (this.state === 'finished') {
      this.sendFinished(client);
      return;
    }
    this.membershipChanged?.();
    // A sampled client that reconnected mid-phase gets its instruction again.
    const phase = this.phase;
    if (phase?.waiting.pending.has(client.id)) {
      if (phase.kind === 'train') this.sendTrain(client, phase);
      else this.sendEvaluate(client, phase);
    }
    this.currentTrain?.secure?.resend(client.id);
  }

  /** The secure-aggregation round a client's message refers to. */
  private secureRound(message: SecAggMessage): SecureAggregationRound {
    const secure = this.currentTrain?.secure;
    if (!secure || secure.round !== message.round) throw new StaleRoundError(`${message.kind} for round ${message.round} refused: no secure aggregation is open for it`);
    return secure;
  }

  /** A sampled client's keys for secure aggregation: its answer to the training instruction. */
  private onSecureKeys(client: ClientState, keys: SecAggKeysMessage, byteLength: number): void {
    const phase = this.phase?.kind === 'train' && this.phase.round === keys.round ? this.phase : undefined;
    if (!phase?.secure) throw new StaleRoundError(`secure-aggregation keys for round ${keys.round} refused: no round is collecting them`);
    const record = phase.clients.get(client.id);
    if (!record) throw new FedloraError('NOT_SAMPLED', `client ${client.id} was not sampled for round ${phase.round}`);
    if (!phase.waiting.pending.has(client.id)) throw new ProtocolViolationError(`client ${client.id} already answered round ${phase.round}`);
    if (keys.globalDigest !== phase.globalDigest) throw new StaleRoundError(`keys for global adapter ${keys.globalDigest.slice(0, 12)}…, expected ${phase.globalDigest.slice(0, 12)}…`);
    try {
      phase.secure.acceptKeys(client.id, keys, byteLength);
    } catch (error) {
      if (!(error instanceof SecureAggregationError)) throw error;
      // Unusable keys: refused for this round, which goes on without the client instead of waiting for it.
      record.refusal = error.message;
      this.setClientStatus(phase, client.id, 'refused', error.message);
      this.options.logger.warn({ event: 'secagg_keys_refused', round: phase.round, client: client.id, reason: error.message }, `round ${phase.round}: ${error.message}`);
      this.emit({ type: 'update_refused', round: phase.round, client: client.id, code: error.code, reason: error.message });
      phase.waiting.settle(client.id);
      throw error;
    }
    record.bytes_up += byteLength;
    record.num_examples = keys.numExamples;
    record.train_loss = keys.trainLoss;
    record.tokens_per_second = keys.tokensPerSecond;
    phase.waiting.settle(client.id);
  }

  /** Whether `round` is the next round to train and it is not collecting updates yet. */
  private awaitsRound(round: number): boolean {
    const running = this.state === 'waiting' || this.state === 'training';
    return running && this.phase?.kind !== 'train' && round === this.records.length + 1 && round <= this.options.rounds;
  }

  /**
   * The open training phase that an update (or its upload request) is for, and the client's record in it;
   * undefined when this update was accepted already (a copy resent after a reconnect), which is acknowledged.
   */
  private phaseForUpdate(client: ClientState, round: number, updateId: string): { phase: TrainPhase; record: ClientRoundRecord } | undefined {
    const phase = this.phase?.kind === 'train' && this.phase.round === round ? this.phase : undefined;
    const knownId = phase?.acceptedIds.get(client.id) ?? (this.lastCommitted?.round === round ? this.lastCommitted.acceptedIds.get(client.id) : undefined);
    if (knownId === updateId) {
      client.connection!.send({ kind: 'ack', round });
      return undefined;
    }
    if (!phase) {
      throw new StaleRoundError(
        `update for round ${round} refused: ${this.phase?.kind === 'train' ? `round ${this.phase.round} is in progress` : 'no round is collecting updates'}`,
      );
    }
    if (phase.secure) throw new ProtocolViolationError(`round ${phase.round} uses secure aggregation: send secagg keys, not an update`);
    const record = phase.clients.get(client.id);
    if (!record) throw new FedloraError('NOT_SAMPLED', `client ${client.id} was not sampled for round ${phase.round}`);
    if (!phase.waiting.pending.has(client.id) || knownId !== undefined) {
      throw new ProtocolViolationError(`client ${client.id} already answered round ${phase.round}`);
    }
    return { phase, record };
  }

  /** A client's update is ready: it gets an upload slot now or when one frees up. */
  private onUploadRequest(client: ClientState, request: UploadRequestMessage): void {
    if (this.awaitsRound(request.round)) {
      // Trained before a restart (or between attempts): the client keeps it, and sends it once the round's
      // instruction arrives for the same global adapter, instead of training again.
      this.options.logger.info(
        { event: 'update_held', client: client.id, round: request.round },
        `round ${request.round}: ${client.id} holds an update; it is asked for once the round opens`,
      );
      return;
    }
    const target = this.phaseForUpdate(client, request.round, request.updateId);
    if (!target) return;
    const { chunkBytes, maxPayloadBytes } = this.options.transfer;
    if (request.bytes > maxPayloadBytes) throw new PayloadTooLargeError(`an update of ${request.bytes} bytes is over the limit of ${maxPayloadBytes} bytes`);
    // A chunked upload is spooled to disk: in memory it takes at most its window of chunks until it is complete.
    const charge = Math.min(request.bytes, CHUNK_WINDOW * chunkBytes);
    target.phase.uploads.request(client.id, request.updateId, request.bytes, charge, () => {
      this.clients.get(client.id)!.connection?.send({ kind: 'uploadGrant', round: request.round, updateId: request.updateId });
    });
  }

  /** Resolves once an accepted update is stored and folded in (or could not be stored). */
  private onUpdate(client: ClientState, update: UpdateMessage, byteLength: number, clock: StageClock): Promise<void> | undefined {
    const target = this.phaseForUpdate(client, update.round, update.updateId);
    if (!target) return undefined;
    const { phase, record } = target;
    const announcedBytes = phase.uploads.grantedBytes(client.id, update.updateId);
    if (announcedBytes === undefined) {
      throw new ProtocolViolationError(`update ${update.updateId} came without an upload slot: send an uploadRequest and wait for its uploadGrant`);
    }
    record.bytes_up += byteLength;
    clock.mark('bookkeeping');
    try {
      if (byteLength > announcedBytes) throw new ProtocolViolationError(`update of ${byteLength} bytes, but its upload request announced ${announcedBytes}`);
      if (update.globalDigest !== phase.globalDigest) {
        throw new StaleRoundError(`update computed from global adapter ${update.globalDigest.slice(0, 12)}…, expected ${phase.globalDigest.slice(0, 12)}…`);
      }
      // A client training a lower rank (announced in its hello) sends the leading components only.
      assertSameLayout(layoutAtRank(trainedPart(this.global, this.options.lora), effectiveRank(client.hello?.loraRank ?? 0, this.options.lora.r)), update.update);
      assertFinite(update.update);
      const maxNorm = this.options.maxUpdateNorm ?? Number.POSITIVE_INFINITY;
      const norm = maxNorm === Number.POSITIVE_INFINITY ? 0 : l2Norm(update.update);
      // Not `norm > maxNorm`, which a NaN norm would pass.
      if (!(norm <= maxNorm)) {
        throw new NormExceededError(`update norm ${norm.toPrecision(4)} exceeds maxUpdateNorm ${Number(maxNorm.toPrecision(4))}`);
      }
      if (!(update.numExamples >= 1)) throw new ProtocolViolationError('an update must report at least one training example');
      if (!Number.isFinite(update.trainLoss)) throw new NonFiniteError('train_loss is not finite');
      clock.mark('validate');
    } catch (error) {
      record.refusal = error instanceof Error ? error.message : String(error);
      this.setClientStatus(phase, client.id, 'refused', record.refusal);
      this.emit({ type: 'update_refused', round: phase.round, client: client.id, code: error instanceof FedloraError ? error.code : 'PROTOCOL_VIOLATION', reason: record.refusal });
      phase.waiting.settle(client.id);
      phase.uploads.release(client.id);
      throw error;
    }
    const accepted: AcceptedUpdate = {
      clientId: client.id,
      updateId: update.updateId,
      numExamples: update.numExamples,
      trainLoss: update.trainLoss,
      tokensPerSecond: update.tokensPerSecond,
      bytesUp: record.bytes_up,
      adapter: update.update,
    };
    phase.acceptedIds.set(client.id, update.updateId);
    const storing = this.options.persistence.saveAcceptedUpdate(phase.round, accepted).then(
      () => {
        clock.mark('store');
        this.fold(phase, accepted, clock);
        clock.mark('bookkeeping');
        client.connection?.send({ kind: 'ack', round: phase.round });
        clock.mark('acknowledge');
        this.options.logger.info(
          { event: 'update_accepted', client: client.id, round: phase.round, num_examples: update.numExamples, train_loss: update.trainLoss, bytes: byteLength },
          `round ${phase.round}: update from ${client.id} accepted`,
        );
        clock.mark('bookkeeping');
        this.emit({ type: 'update_accepted', round: phase.round, client: client.id, bytes: byteLength, numExamples: update.numExamples, timings: clock.spentMs });
      },
      (error: unknown) => {
        // Not stored, so not acknowledged: the client may send it again.
        phase.acceptedIds.delete(client.id);
        this.options.logger.error({ event: 'update_not_stored', client: client.id, round: phase.round, err: error }, `could not store the update of ${client.id}`);
        client.connection?.send({ kind: 'error', code: 'PROTOCOL_VIOLATION', message: 'the coordinator could not store this update; send it again', round: phase.round });
      },
    );
    phase.storing.add(storing);
    void storing.finally(() => {
      phase.storing.delete(storing);
      phase.uploads.release(client.id);
    });
    return storing;
  }

  private onEvaluation(client: ClientState, evaluation: EvaluationMessage, byteLength: number): void {
    const phase = this.phase;
    if (phase?.kind !== 'evaluate' || evaluation.round !== phase.round || evaluation.digest !== phase.digest) {
      throw new StaleRoundError(`evaluation for round ${evaluation.round} refused: no such evaluation is open`);
    }
    if (!phase.waiting.pending.has(client.id)) {
      throw new ProtocolViolationError(`client ${client.id} is not expected to report this evaluation`);
    }
    this.chargeEvalBytes(phase, client.id, byteLength, 0);
    phase.waiting.settle(client.id);
    if (!(evaluation.numExamples >= 1)) throw new ProtocolViolationError('an evaluation must cover at least one example');
    phase.results.set(client.id, { loss: evaluation.loss, numExamples: evaluation.numExamples });
    client.connection!.send({ kind: 'ack', round: phase.round });
  }
}

