/** One evaluation phase: every ready client reports the loss of an adapter on its held-out data. */
import { ProtocolViolationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { EvaluationMessage } from '../../shared/wire/messages.js';
import type { Member } from '../membership/membership.js';
import { PendingSet } from './pending-set.js';
import type { GlobalBytes, Instruction } from './instructions.js';

export interface EvaluationResult {
  /** Mean loss weighted by examples; null when nobody reported. */
  readonly loss: number | null;
  readonly examples: number;
  readonly results: ReadonlyMap<string, { loss: number; numExamples: number }>;
  /** Bytes spent on this evaluation, per client, charged to its round. */
  readonly bytes: ReadonlyMap<string, { up: number; down: number }>;
  readonly globalBytes: GlobalBytes;
}

export class Evaluation {
  readonly kind = 'evaluate';
  readonly waiting: PendingSet;
  private readonly results = new Map<string, { loss: number; numExamples: number }>();
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
    if (!(evaluation.numExamples >= 1)) throw new ProtocolViolationError('an evaluation must cover at least one example');
    this.results.set(client.id, { loss: evaluation.loss, numExamples: evaluation.numExamples });
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
    const { mean, weight } = weightedMean([...this.results.values()].map((r) => ({ value: r.loss, weight: r.numExamples })));
    return { loss: weight > 0 ? mean : null, examples: weight, results: this.results, bytes: this.bytes, globalBytes: this.instruction.globalBytes() };
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
