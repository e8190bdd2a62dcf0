/**
 * The round scheduler owns time: it waits for clients, and runs each round in Flower's shape — configure (sample,
 * build the instruction), send and collect until every sampled client answered or the deadline passed, aggregate,
 * commit the new global adapter, and have the clients evaluate it. What it delegates sits behind small pieces:
 * membership (connections, hellos, bans), the round's collector (plain or secure), the instructions, the privacy
 * ledger. The maths lives in the strategy; the bytes on the wire live in the transport.
 */
import { adapterDigest, rawByteSize, replaceTensors, type AdapterWeights } from '../../shared/lora/adapter.js';
import { COLLECTABLE_BYTES, collectGarbage } from '../../shared/infra/collect-garbage.js';
import { RunFailedError } from '../../shared/infra/errors.js';
import { peftMethod, trainedPart } from '../../shared/lora/lora.js';
import { plural } from '../../shared/infra/plural.js';
import type { Message } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { RunEvent } from './events.js';
import { Membership, type Member } from '../membership/membership.js';
import type { RoundRecord, RunState, RunStatus, SetMetrics } from './records.js';
import type { OpenRound, ResumeState, StoredUpdate } from './persistence.js';
import type { RoundAggregation } from '../strategies/strategy.js';
import type { ClientConnection, ConnectionHandler } from './connection-handler.js';
import { TrainingRound, type RoundCollector } from './collector.js';
import { collectorFactory, type NewCollector } from './collector-factory.js';
import { CurrentPhase } from './current-phase.js';
import { Curriculum, type RoundPlan } from './curriculum.js';
import { Evaluation, type EvaluationResult } from './evaluation.js';
import { InstructionBuilder, type Instruction } from './instructions.js';
import { PrivacyLedger } from './privacy-ledger.js';
import { addEvaluation, roundRecord } from './round-record.js';
import { explainRound, SECURE_AGGREGATION_HIDES_CLIENTS, type ClientUpdates, type RoundShifts } from './round-shifts.js';
import type { SchedulerOptions } from './scheduler-options.js';

export type { SchedulerOptions } from './scheduler-options.js';

export class RoundScheduler implements ConnectionHandler {
  private readonly membership: Membership;
  private readonly instructions: InstructionBuilder;
  private readonly privacy: PrivacyLedger;
  private readonly newCollector: NewCollector;
  private readonly random: SeededRandom;
  private readonly startedAt = new Date();
  private readonly abort = new AbortController();
  private readonly records: RoundRecord[] = [];
  private readonly shifts: RoundShifts[] = [];
  /** The last committed round's shifts being measured (see explain). */
  private explaining: Promise<void> = Promise.resolve();
  private global: AdapterWeights;
  private globalDigest: string;
  private state: RunState = 'waiting';
  /** Why the run failed, once it has. */
  private failure: string | null = null;
  private round = 0;
  private baselineEvalLoss: number | null = null;
  private baselineEvalSets: Record<string, SetMetrics> = {};
  private readonly phase: CurrentPhase;
  private readonly curriculum: Curriculum;
  /** Operator controls (admin API): no new round starts while paused; the run ends after the round in progress. */
  private paused = false;
  private stopRequested = false;
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
    // Pieces are handed `kept`, never `options`: the initial adapter must not outlive its first round.
    const { logger, secureAggregation } = kept;
    const emit = (event: RunEvent): void => this.emit(event);
    this.membership = new Membership({ ...kept, blames: secureAggregation?.blames, emit });
    this.instructions = new InstructionBuilder(kept);
    this.privacy = new PrivacyLedger(kept.privacy, logger);
    const member = (id: string): Member | undefined => this.membership.get(id);
    this.newCollector = collectorFactory({ ...kept, member, emit }, () => this.global);
    this.phase = new CurrentPhase(() => this.nextRound(), logger);
    this.curriculum = new Curriculum(kept.phases, { ...kept, minClients: kept.sampling.minClients });
    this.random = new SeededRandom(options.seed);
    this.global = options.strategy.currentGlobal?.() ?? initialAdapter;
    this.globalDigest = adapterDigest(this.global);
  }

  status(): RunStatus {
    return {
      run_id: this.options.runId,
      state: this.state,
      round: this.round,
      rounds_total: this.options.rounds,
      strategy: this.options.strategy.name,
      peft_method: peftMethod(this.options.lora),
      model: this.options.model,
      started_at: this.startedAt.toISOString(),
      baseline_eval_loss: this.baselineEvalLoss,
      baseline_eval_sets: this.baselineEvalSets,
      paused: this.paused,
      failure: this.failure,
      global_digest: this.globalDigest,
      clients: this.membership.infos((id) => this.phase.roundStatus(id)).map((client) => ({ ...client, sits_out: this.sitsOut(client.id) ?? null })),
    };
  }

  /** Why a ready client sits out the phase of the round in progress (or next), undefined when it takes part. */
  private sitsOut(id: string): string | undefined {
    const round = Math.min(Math.max(this.round, this.records.length + 1), this.options.rounds);
    return this.curriculum.sitsOut(this.curriculum.plan(round), this.membership.get(id)?.hello);
  }

  roundRecords(): readonly RoundRecord[] {
    return this.records;
  }

  /** What each committed round changed (see round-shifts.ts), for the rounds that have it. */
  roundShifts(): readonly RoundShifts[] {
    return this.shifts;
  }

  uploads(): { waiting: number; bytesInFlight: number } {
    return this.phase.uploads();
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
    this.membership.notifyChanged();
  }

  /** Operator request: the run ends once the round in progress is committed and evaluated. */
  stopAfterRound(): void {
    this.stopRequested = true;
    this.options.logger.warn({ event: 'stop_requested', round: this.round }, 'an operator asked to stop the run after the round in progress');
    this.membership.notifyChanged();
  }

  /** Whether an operator banned the client: its token is refused until it is unbanned. */
  isBanned(id: string): boolean {
    return this.membership.isBanned(id);
  }

  /** Operator request: disconnects the client, refuses its token and stops waiting for it. False if unknown. */
  ban(id: string): boolean {
    return this.membership.ban(id, () => this.phase.release(id, 'banned by an operator'));
  }

  /** Operator request: the client may connect again. False if unknown. */
  unban(id: string): boolean {
    return this.membership.unban(id);
  }

  /** Runs every round; resolves when the run is finished (or stopped). */
  async run(): Promise<void> {
    const { logger } = this.options;
    this.restore();
    if (this.records.length >= this.options.rounds || this.privacy.budgetReached(this.records.length)) {
      // Started again on a finished run: nothing to wait for, its results are served as they are.
      logger.info(
        { event: 'run_already_finished', rounds: this.records.length },
        `this run finished earlier, after ${this.records.length} rounds; serving its results`,
      );
    } else {
      await this.runRounds();
      if (this.abort.signal.aborted) {
        this.logInterrupted();
        return;
      }
    }
    this.setState('finished');
    for (const client of this.membership.all()) this.sendFinished(client);
    this.emit({ type: 'run_finished', rounds: this.records.length });
    logger.info({ event: 'run_finished', rounds: this.records.length }, 'run finished');
  }

  /** Logs where a stop (SIGINT, SIGTERM, close) left the run: a restart continues from there. */
  private logInterrupted(): void {
    const committed = this.records.length;
    const where = this.round > committed ? `during round ${this.round}` : committed === 0 ? 'before round 1' : `after round ${committed}`;
    const message = `run stopped ${where} of ${this.options.rounds}; start the coordinator again to resume it`;
    this.options.logger.warn({ event: 'run_interrupted', round: this.round, rounds_committed: committed }, message);
  }

  /** Runs the rounds left; returns when they are done, the budget is spent, or the run is stopped. */
  private async runRounds(): Promise<void> {
    const { logger } = this.options;
    await this.waitForClients(this.curriculum.plan(this.records.length + 1));
    if (this.abort.signal.aborted) return;
    if (this.baselineEvalLoss === null && this.records.length === 0) {
      const baseline = await this.evaluate(0);
      this.baselineEvalLoss = baseline.loss;
      this.baselineEvalSets = baseline.sets;
      this.options.persistence.setBaseline(baseline.loss, baseline.sets);
      logger.info({ event: 'baseline', eval_loss: this.baselineEvalLoss }, `baseline eval loss ${this.baselineEvalLoss?.toFixed(4)}`);
    }
    const last = this.records.at(-1);
    // The coordinator stopped after committing this round but before its evaluation came back.
    if (last && last.eval_loss === null) await this.evaluateRound(last);
    for (let round = this.records.length + 1; round <= this.options.rounds && !this.abort.signal.aborted && !this.stopRequested; round++) {
      if (this.privacy.budgetReached(this.records.length)) break;
      const record = await this.runRound(round, this.takeInterruptedRound(round));
      if (!record) break;
      // The round's phase is gone: with it the last update is garbage (the previous global adapter too, once the
      // round's shifts are measured). Large ones are collected now, before the next buffers are allocated, not
      // whenever V8's heuristics decide.
      if (rawByteSize(this.global) >= COLLECTABLE_BYTES) collectGarbage();
      await Promise.all([this.evaluateRound(record), this.explaining]);
      this.emit({ type: 'round_finished', record });
      const { participants, train_loss, eval_loss, bytes_up, bytes_down, duration_ms } = record;
      logger.info(
        { event: 'round_finished', round, participants, train_loss, eval_loss, bytes_up, bytes_down, duration_ms },
        `round ${round}/${this.options.rounds} finished`,
      );
    }
    if (this.stopRequested && !this.abort.signal.aborted) {
      logger.warn({ event: 'run_stopped', rounds: this.records.length }, `run stopped by an operator after ${plural(this.records.length, 'round')}`);
    }
  }

  /** Continues an interrupted run, if any: committed rounds, their global adapter and the baseline. */
  private restore(): void {
    const resume = this.resumeState;
    if (!resume) return;
    this.resumeState = undefined;
    this.interruptedRound = resume.openRound;
    this.records.push(...resume.rounds);
    this.shifts.push(...resume.shifts);
    this.options.strategy.loadState(resume.strategyState);
    const global = this.options.strategy.currentGlobal?.() ?? resume.global;
    if (global) {
      this.global = global;
      this.globalDigest = adapterDigest(global);
    }
    this.privacy.restore(resume.rounds);
    this.baselineEvalLoss = resume.baselineEvalLoss;
    this.baselineEvalSets = resume.baselineEvalSets;
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

  /** Waits until enough clients may train on `plan`'s data, the run is not paused, and no stop was asked for. */
  private async waitForClients(plan: RoundPlan): Promise<void> {
    const wait = { signal: this.abort.signal, paused: () => this.paused, stopped: () => this.stopRequested };
    const holding = this.curriculum.phased
      ? { holds: (member: Member) => this.curriculum.sitsOut(plan, member.hello) === undefined, what: `phase ${plan.phase}'s data` }
      : undefined;
    const unmeetable = await this.membership.waitForTrainable(plan.minClients, wait, holding);
    if (unmeetable !== undefined) this.fail(unmeetable);
  }

  /** The ready clients that may train on `plan`'s data; at the phase's start, logs it and who sits it out. */
  private eligible(plan: RoundPlan, round: number, attempt: number): string[] {
    const eligible = this.membership
      .trainable()
      .filter((member) => this.curriculum.sitsOut(plan, member.hello) === undefined)
      .map((member) => member.id);
    if (!this.curriculum.phased || round !== plan.firstRound || attempt !== 1) return eligible;
    const satOut = this.satOut(plan);
    for (const id of satOut) {
      const reason = this.curriculum.sitsOut(plan, this.membership.get(id)!.announced);
      this.options.logger.info({ event: 'sitting_out', client: id, phase: plan.phase, round }, `client ${id} sits out phase ${plan.phase}: it ${reason}`);
    }
    this.options.logger.info(
      { event: 'phase_started', phase: plan.phase, round, data: plan.data, clients: eligible, sitting_out: satOut },
      `phase ${plan.phase} starts at round ${round}: training on ${plan.data.map((share) => (share.weight === 1 ? share.name : `${share.name} (weight ${share.weight})`)).join(', ')}`,
    );
    return eligible;
  }

  /** The clients known (by their latest hello) to hold none of `plan`'s data. */
  private satOut(plan: RoundPlan): string[] {
    return [...this.membership.all()].filter((member) => this.curriculum.sitsOut(plan, member.announced) !== undefined).map((member) => member.id);
  }

  /**
   * Runs one round until it gathers at least `minUpdates` updates, retrying with a fresh sample otherwise;
   * `open` is the same round interrupted by a restart, continued with its sample and accepted updates.
   * Returns undefined when stopped.
   */
  private async runRound(round: number, open: (OpenRound & { updates: StoredUpdate[] }) | undefined): Promise<RoundRecord | undefined> {
    const { logger, strategy, minUpdates, maxRoundAttempts } = this.options;
    this.round = round;
    const started = open ? new Date(open.startedAt) : new Date();
    const resumable = open?.globalDigest === this.globalDigest ? open : undefined;
    const plan = this.curriculum.plan(round);
    for (let attempt = resumable?.attempt ?? 1; !this.abort.signal.aborted; attempt++) {
      await this.waitForClients(plan);
      if (this.abort.signal.aborted || this.stopRequested) return undefined;
      this.setState('training');
      // Configure: whom to ask, and what.
      const restored = attempt === resumable?.attempt ? resumable : undefined;
      const sampled = restored
        ? restored.sampled.filter((id) => this.membership.has(id))
        : strategy.sampleClients(this.eligible(plan, round, attempt), { ...this.options.sampling, minClients: plan.minClients }, this.random);
      const clipNorm = strategy.clientSettings.clipNorm ?? 0;
      const instruction = this.instructions.train({
        round,
        plan,
        attempt,
        global: this.global,
        globalDigest: this.globalDigest,
        deadlineUnixMs: Date.now() + this.options.roundTimeoutMs,
        proximalMu: strategy.clientSettings.proximalMu,
        clipNorm,
        secureAggregation: this.options.secureAggregation !== undefined,
      });
      const training = new TrainingRound(round, instruction.digest, sampled, (event) => this.emit(event));
      const aggregation = strategy.beginAggregation(trainedPart(this.global, this.options.lora));
      const collector = this.newCollector(training, aggregation);
      if (restored) await collector.restore(restored.updates);
      else {
        const seed = this.instructions.trainSeed(round, attempt);
        await this.options.persistence.openRound({ round, attempt, sampled, globalDigest: this.globalDigest, seed, startedAt: started.toISOString() });
      }
      // Send and collect until everyone answered or the deadline.
      this.phase.startTraining(collector, instruction);
      logger.info({ event: 'round_started', round, attempt, sampled }, `round ${round}: ${plural(sampled.length, 'client')} sampled`);
      this.emit({ type: 'round_started', round, attempt, sampled });
      this.phase.sendTraining((id) => this.membership.get(id)!);
      await training.waiting.wait(this.options.roundTimeoutMs, this.abort.signal);
      await collector.close();
      this.phase.end();
      for (const id of training.waiting.pending) training.setStatus(id, this.membership.get(id)!.connection ? 'timed_out' : 'dropped');
      try {
        if (this.abort.signal.aborted) return undefined;
        // Aggregate, then commit, or retry when too few answers are usable.
        const { usable, failure = `${usable} usable update(s), ${minUpdates} needed` } = await collector.aggregate(this.abort.signal);
        if (this.abort.signal.aborted) return undefined;
        if (usable < minUpdates) {
          if (attempt >= maxRoundAttempts)
            this.fail(`round ${round} failed in ${attempt} attempts (maxRoundAttempts ${maxRoundAttempts}); the last one: ${failure}`);
          logger.warn(
            { event: 'round_retried', round, attempt, updates: usable, min_updates: minUpdates },
            `round ${round}: ${failure}; retrying with a fresh sample`,
          );
          this.emit({ type: 'round_retried', round, attempt });
          continue;
        }
        return await this.commit(collector, aggregation, instruction, { clipNorm, started, attempts: attempt, phase: plan.phase, satOut: this.satOut(plan) });
      } finally {
        collector.release();
        aggregation.dispose?.();
      }
    }
    return undefined;
  }

  /** Aggregates and commits the new global adapter (checkpoint, then record). */
  private async commit(
    collector: RoundCollector,
    aggregation: RoundAggregation,
    instruction: Instruction,
    { clipNorm, started, attempts, phase, satOut }: { clipNorm: number; started: Date; attempts: number; phase: string | null; satOut: string[] },
  ): Promise<RoundRecord> {
    const round = collector.training.round;
    const aggregationStarted = performance.now();
    const aggregated = aggregation.finish();
    const previous = this.global;
    this.global = aggregated.checkpoint ? aggregated.adapter : replaceTensors(this.global, aggregated.adapter);
    this.emit({ type: 'aggregation_finished', round, durationMs: performance.now() - aggregationStarted });
    this.globalDigest = adapterDigest(this.global);
    const record = roundRecord({
      round,
      phase,
      satOut,
      attempts,
      started,
      clients: [...collector.training.clients.values()],
      globalDigest: this.globalDigest,
      privacy: this.privacy.accountRound(clipNorm),
      secureAggregation: collector.summary,
      encoding: this.options.encoding,
      globalBytes: instruction.globalBytes(),
      metrics: aggregated.metrics,
    });
    // Read before the commit, which drops their rows; their files stay until the round is explained.
    const updates: ClientUpdates = collector.secure ? { missing: SECURE_AGGREGATION_HIDES_CLIENTS } : { updates: this.options.persistence.acceptedUpdates() };
    await this.options.persistence.commitRound(record, aggregated.checkpoint ?? this.global, this.options.strategy.saveState());
    this.phase.committed(collector);
    this.records.push(record);
    const { logger, persistence, lora, baseWeightNorms } = this.options;
    this.explaining = explainRound({ round, previous, next: this.global, updates, lora, baseWeightNorms, persistence, logger }).then((shifts) => {
      if (shifts) this.shifts.push(shifts);
    });
    return record;
  }

  /** Has the clients evaluate the global adapter of a committed round and completes its record. */
  private async evaluateRound(record: RoundRecord): Promise<void> {
    addEvaluation(record, await this.evaluate(record.round), new Date(record.started_at));
    this.options.persistence.updateRound(record);
  }

  /**
   * Asks every ready client holding held-out data (or questions asked for) for the loss of the global adapter on
   * each of its sets, whichever phase the round belongs to: what a phase makes the model forget shows on the sets
   * of earlier phases.
   */
  private async evaluate(round: number): Promise<EvaluationResult> {
    const asked = new Set(this.options.qaEvaluation?.sets ?? []);
    const ready = this.membership
      .ready()
      .filter((c) => (c.hello?.numEvalExamples ?? 0) > 0 || (c.hello?.dataSets ?? []).some((set) => set.qa && asked.has(set.name)));
    const plan = this.curriculum.plan(round);
    const instruction = this.instructions.evaluate(round, plan, this.global, this.globalDigest, Date.now() + this.options.evalTimeoutMs);
    const evaluation = new Evaluation(round, instruction, ready);
    this.phase.startEvaluation(evaluation, ready);
    const result = await evaluation.collect(this.options.evalTimeoutMs, this.abort.signal, this.options.logger);
    this.phase.end();
    return result;
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

  private sendFinished(client: Member): void {
    client.connection?.send({ kind: 'finished', roundsCompleted: this.records.length, finalDigest: this.globalDigest });
  }

  onConnect(connection: ClientConnection): void {
    this.membership.connect(connection);
  }

  onDisconnect(connection: ClientConnection, reason: string): void {
    const client = this.membership.disconnect(connection, reason);
    if (!client) return;
    this.phase.onDisconnect(client.id);
    this.emit({ type: 'client_disconnected', client: client.id, reason });
  }

  onMessage(connection: ClientConnection, message: Message, byteLength: number, decodeMs = 0): void | Promise<void> {
    const client = this.membership.speaker(connection);
    if (message.kind !== 'hello') return this.phase.onMessage(client, message, byteLength, decodeMs);
    if (!this.membership.admit(client, message)) return;
    if (this.state === 'finished') {
      this.sendFinished(client);
      return;
    }
    this.membership.notifyChanged();
    this.phase.onReconnect(client);
  }

  /** The next round to train, while the run trains; undefined once it no longer does. */
  private nextRound(): number | undefined {
    const next = this.records.length + 1;
    return (this.state === 'waiting' || this.state === 'training') && next <= this.options.rounds ? next : undefined;
  }
}
