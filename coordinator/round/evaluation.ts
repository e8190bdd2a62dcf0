/**
 * One evaluation phase: every ready client reports the loss of an adapter on the held-out data of each of its named
 * sets, and the scores of its answers to the QA sets asked for.
 */
import { ProtocolViolationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { EvaluationMessage, SetEvaluation } from '../../shared/wire/messages.js';
import type { SetMetrics } from './records.js';
import type { Member } from '../membership/membership.js';
import { PendingSet } from './pending-set.js';
import type { GlobalBytes, Instruction } from './instructions.js';

/** What one client reported. */
export interface ClientEvaluation {
  /** Over all its loss sets' held-out examples; null when it has none (it answered questions only). */
  readonly loss: number | null;
  readonly numExamples: number;
  readonly sets: Record<string, SetMetrics>;
}

export interface EvaluationResult {
  /** Mean loss weighted by examples; null when nobody reported. */
  readonly loss: number | null;
  readonly examples: number;
  /** Per named set, over the clients that reported it. */
  readonly sets: Record<string, SetMetrics>;
  readonly results: ReadonlyMap<string, ClientEvaluation>;
  /** Bytes spent on this evaluation, per client, charged to its round. */
  readonly bytes: ReadonlyMap<string, { up: number; down: number }>;
  readonly globalBytes: GlobalBytes;
}

export class Evaluation {
  readonly kind = 'evaluate';
  readonly waiting: PendingSet;
  private readonly results = new Map<string, ClientEvaluation>();
  private readonly bytes = new Map<string, { up: number; down: number }>();

  constructor(
    readonly round: number,
    private readonly instruction: Instruction,
    clients: readonly Member[],
  ) {
    this.waiting = new PendingSet(clients.map((c) => c.id));
  }

  send(client: Member): void {
    const bytes = this.instruction.sendTo(client);
    if (bytes !== undefined) this.charge(client.id, 0, bytes);
  }

  onEvaluation(client: Member, evaluation: EvaluationMessage, byteLength: number): void {
    if (evaluation.round !== this.round || evaluation.digest !== this.instruction.digest) {
      throw new StaleRoundError(`evaluation for round ${evaluation.round} refused: no such evaluation is open`);
    }
    if (!this.waiting.pending.has(client.id)) {
      throw new ProtocolViolationError(`client ${client.id} is not expected to report this evaluation`);
    }
    this.charge(client.id, byteLength, 0);
    this.waiting.settle(client.id);
    const sets = evaluation.sets ?? [];
    checkAnnounced(client, sets);
    if (!(evaluation.numExamples >= 1) && !sets.some((set) => set.qa && set.numExamples >= 1)) {
      throw new ProtocolViolationError('an evaluation must cover at least one example');
    }
    this.results.set(client.id, {
      loss: evaluation.numExamples >= 1 ? evaluation.loss : null,
      numExamples: evaluation.numExamples,
      sets: Object.fromEntries(sets.filter((set) => set.numExamples >= 1).map((set) => [set.name, setMetrics(set)])),
    });
    client.connection!.send({ kind: 'ack', round: this.round });
  }

  /** Waits for the reports until the deadline (or a stop); logs who did not report. */
  async collect(timeoutMs: number, signal: AbortSignal, logger: Logger): Promise<EvaluationResult> {
    await this.waiting.wait(timeoutMs, signal);
    const missing = this.waiting.pending;
    if (missing.size > 0) {
      logger.warn(
        { event: 'evaluation_incomplete', round: this.round, missing: [...missing] },
        `round ${this.round}: ${missing.size} client(s) did not report an evaluation in time`,
      );
    }
    const reports = [...this.results.values()];
    const { mean, weight } = weightedMean(reports.flatMap((r) => (r.loss === null ? [] : [{ value: r.loss, weight: r.numExamples }])));
    return {
      loss: weight > 0 ? mean : null,
      examples: weight,
      sets: combineSets(reports.map((r) => r.sets)),
      results: this.results,
      bytes: this.bytes,
      globalBytes: this.instruction.globalBytes(),
    };
  }

  private charge(id: string, up: number, down: number): void {
    const entry = this.bytes.get(id) ?? { up: 0, down: 0 };
    entry.up += up;
    entry.down += down;
    this.bytes.set(id, entry);
  }
}

/** Clients' losses averaged by their examples (NaN when there are none), and the examples counted. */
export function weightedMean(items: Iterable<{ value: number; weight: number }>): { mean: number; weight: number } {
  let sum = 0;
  let weight = 0;
  for (const item of items) {
    sum += item.value * item.weight;
    weight += item.weight;
  }
  return { mean: weight > 0 ? sum / weight : Number.NaN, weight };
}

/** Refuses figures for a set the client did not announce in its hello, or of another kind (QA or not). */
function checkAnnounced(client: Member, sets: readonly SetEvaluation[]): void {
  const announced = new Map((client.hello?.dataSets ?? []).map((set) => [set.name, set.qa]));
  for (const set of sets) {
    if (announced.get(set.name) !== set.qa) {
      throw new ProtocolViolationError(
        `client ${client.id} reported ${set.qa ? 'answers to' : 'a loss on'} ${set.name}, a set its hello did not announce as such`,
      );
    }
  }
}

/** A set's evaluation as recorded: the figures its kind has, null for the others. */
function setMetrics(set: SetEvaluation): SetMetrics {
  return set.qa
    ? { loss: null, exact_match: set.exactMatch, f1: set.f1, examples: set.numExamples }
    : { loss: set.loss, exact_match: null, f1: null, examples: set.numExamples };
}

/** Each set over the clients that reported it: every figure weighted by the clients' examples (or questions). */
export function combineSets(reports: readonly Record<string, SetMetrics>[]): Record<string, SetMetrics> {
  const names = [...new Set(reports.flatMap((sets) => Object.keys(sets)))].sort();
  return Object.fromEntries(
    names.map((name) => {
      const held = reports.flatMap((sets) => (sets[name] ? [sets[name]] : []));
      const mean = (pick: (set: SetMetrics) => number | null): number | null => {
        const { mean: value, weight } = weightedMean(held.flatMap((set) => (pick(set) === null ? [] : [{ value: pick(set)!, weight: set.examples }])));
        return weight > 0 ? value : null;
      };
      const metrics: SetMetrics = {
        loss: mean((set) => set.loss),
        exact_match: mean((set) => set.exact_match),
        f1: mean((set) => set.f1),
        examples: held.reduce((n, set) => n + set.examples, 0),
      };
      return [name, metrics];
    }),
  );
}
