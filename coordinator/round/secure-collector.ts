/**
 * Secure collection: each sampled client answers the training instruction with its keys; after the deadline the
 * secure-aggregation phases (shares, masked vectors, unmasking) recover the sum of the survivors' updates, and
 * only their mean is folded into the round.
 */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { FedloraError, ProtocolViolationError, SecureAggregationError, StaleRoundError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { SecAggKeysMessage } from '../../shared/secagg/messages.js';
import type { RunEvent } from './events.js';
import type { Member } from '../membership/membership.js';
import type { SecureAggregation, SecureAggregationRound, SecureAggregationSummary } from './secure-aggregation.js';
import type { RoundAggregation } from '../strategies/strategy.js';
import type { Collected, RoundCollector, RoundMessage, TrainingRound } from './collector.js';

export interface SecureCollectorSettings {
  readonly secureAggregation: SecureAggregation;
  /** The trained part of the global adapter: the layout of the vectors summed. */
  readonly layout: AdapterWeights;
  /** Fewest survivors whose sum may be unmasked. */
  readonly minUpdates: number;
  readonly member: (id: string) => Member | undefined;
  readonly logger: Logger;
  readonly emit: (event: RunEvent) => void;
}

export class SecureCollector implements RoundCollector {
  readonly secure = true;
  /** Secure rounds accept no update of their own: nothing to acknowledge again. */
  readonly acceptedIds: ReadonlyMap<string, string> = new Map();
  summary: SecureAggregationSummary | null = null;
  private readonly protocol: SecureAggregationRound;
  private aggregation: RoundAggregation | undefined;

  constructor(
    readonly training: TrainingRound,
    aggregation: RoundAggregation,
    private readonly settings: SecureCollectorSettings,
  ) {
    this.aggregation = aggregation;
    const { clients } = training;
    this.protocol = settings.secureAggregation.beginRound(
      training.round,
      settings.layout,
      settings.minUpdates,
      (id, message) => settings.member(id)?.connection?.send(message) ?? 0,
      (id, up, down) => {
        clients.get(id)!.bytes_up += up;
        clients.get(id)!.bytes_down += down;
      },
    );
  }

  uploads(): { waiting: number; bytesInFlight: number } {
    return { waiting: 0, bytesInFlight: 0 };
  }

  /** Secure rounds store no updates: a restarted one starts its protocol afresh. */
  async restore(): Promise<void> {}

  onMessage(client: Member, message: RoundMessage, byteLength: number): void {
    switch (message.kind) {
      case 'uploadRequest':
      case 'update':
        throw new ProtocolViolationError(`round ${this.training.round} uses secure aggregation: send secagg keys, not an update`);
      case 'secaggKeys':
        this.onKeys(client, message, byteLength);
        return;
      default:
        this.protocol.onMessage(client.id, message, byteLength);
    }
  }

  /** Secure aggregation has its own dropout handling. */
  onClientError(): void {}

  onDisconnect(): void {}

  onReconnect(clientId: string): void {
    this.protocol.resend(clientId);
  }

  async close(): Promise<void> {}

  /**
   * Runs the secure-aggregation phases after training and folds the unmasked mean into the round; covers no
   * client when the sum could not be recovered (the round is then retried).
   */
  async aggregate(signal: AbortSignal): Promise<Collected> {
    const { training, settings } = this;
    const { round } = training;
    try {
      const outcome = await this.protocol.run(signal);
      const aggregation = this.aggregation!;
      if (aggregation.addSecureMean) aggregation.addSecureMean({ ...outcome, count: outcome.survivors.length });
      else aggregation.add('secure-aggregate', outcome.mean, outcome.weight);
      this.summary = outcome.summary;
      const survivors = new Set(outcome.survivors);
      for (const [id, record] of training.clients) {
        if (survivors.has(id)) {
          training.setStatus(id, 'done');
          settings.emit({ type: 'update_accepted', round, client: id, bytes: record.bytes_up, numExamples: record.num_examples });
        } else if (record.status === 'training') training.setStatus(id, 'dropped');
      }
      this.markExcluded();
      settings.logger.info(
        { event: 'secure_aggregation_finished', round, ...outcome.summary },
        `round ${round}: secure sum of ${outcome.survivors.length} update(s) unmasked (${outcome.summary.dropouts_recovered} dropout(s) recovered)`,
      );
      return { usable: outcome.survivors.length };
    } catch (error) {
      // Whatever went wrong, it went wrong in this round only: the round is retried, the run goes on.
      const offenders = error instanceof SecureAggregationError ? error.offenders : [];
      const reason = error instanceof Error ? error.message : String(error);
      settings.logger.warn(
        { event: 'secure_aggregation_failed', round, reason, clients: offenders, err: error instanceof FedloraError ? undefined : error },
        `round ${round}: secure aggregation failed: ${reason}`,
      );
      for (const id of offenders) {
        const record = training.clients.get(id);
        if (!record) continue;
        record.refusal = reason;
        training.setStatus(id, 'refused', reason);
      }
      this.markExcluded();
      return { usable: 0, failure: `secure aggregation failed: ${reason}` };
    }
  }

  release(): void {
    this.aggregation = undefined;
  }

  /** A sampled client's keys for secure aggregation: its answer to the training instruction. */
  private onKeys(client: Member, keys: SecAggKeysMessage, byteLength: number): void {
    const { training } = this;
    const record = training.expecting(client.id);
    if (keys.globalDigest !== training.globalDigest) {
      throw new StaleRoundError(`keys for global adapter ${keys.globalDigest.slice(0, 12)}…, expected ${training.globalDigest.slice(0, 12)}…`);
    }
    try {
      this.protocol.acceptKeys(client.id, keys, byteLength);
    } catch (error) {
      if (!(error instanceof SecureAggregationError)) throw error;
      // Unusable keys: refused for this round, which goes on without the client instead of waiting for it.
      this.settings.logger.warn(
        { event: 'secagg_keys_refused', round: training.round, client: client.id, reason: error.message },
        `round ${training.round}: ${error.message}`,
      );
      training.refuse(client.id, error.message, error.code);
      throw error;
    }
    record.bytes_up += byteLength;
    record.num_examples = keys.numExamples;
    record.train_loss = keys.trainLoss;
    record.tokens_per_second = keys.tokensPerSecond;
    training.waiting.settle(client.id);
  }

  /** Shows, in the round's record, the clients that secure aggregation excluded for their peers' blames. */
  private markExcluded(): void {
    for (const [id, record] of this.training.clients) {
      const exclusion = this.settings.secureAggregation.blames.exclusion(id);
      // Excluded after its masked vector was summed: its update is in this round all the same.
      if (exclusion === undefined || record.status === 'done') continue;
      record.refusal = exclusion;
      this.training.setStatus(id, 'refused', exclusion);
    }
  }
}
