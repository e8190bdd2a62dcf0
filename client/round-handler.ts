/**
 * The client's round policy, from an instruction and the trainer to the reply: the rank it trains at, DP clipping,
 * the update's encoding with error feedback, and secure aggregation's keys in place of the update. Never sees a
 * socket: the session sends what these functions return.
 */
import { randomUUID } from 'node:crypto';
import { clipToNorm, l2Norm } from '../shared/lora/adapter.js';
import type { Logger } from '../shared/infra/log.js';
import type { EvaluateMessage, EvaluationMessage, TrainMessage, UpdateMessage } from '../shared/wire/messages.js';
import type { SecAggKeysMessage } from '../shared/secagg/messages.js';
import { atRank, effectiveRank, zeroPadRank } from '../shared/lora/lora-ranks.js';
import { trainedPart } from '../shared/lora/lora.js';
import { SeededRandom } from '../shared/infra/random.js';
import { UpdateEncoder } from '../shared/wire/update-encoding.js';
import { plural } from '../shared/infra/plural.js';
import { HeldAdapter } from './held-adapter.js';
import type { LocalTrainer } from './local-trainer.js';
import { SecureAggregationClient } from './secure-aggregation.js';

/** Separates the stochastic-rounding stream from the round's batch-sampling stream (same round seed). */
const STOCHASTIC_ROUNDING_SALT = 0x5bd1e995;

export interface RoundSettings {
  /** Train this LoRA rank instead of the run's (capped at it); 0: the run's. */
  readonly loraRank: number;
  /** Log training progress every this many steps (and at the last step). */
  readonly progressEverySteps: number;
}

/** What a client carries from one instruction to the next. */
export interface RoundState {
  /** Quantizes updates as the coordinator asks, carrying residuals between rounds with error feedback. */
  readonly encoder: UpdateEncoder;
  /** This client's side of secure aggregation, when the coordinator asks for it. */
  readonly secure: SecureAggregationClient;
  readonly adapters: HeldAdapter;
}

export function freshRoundState(logger: Logger): RoundState {
  return { encoder: new UpdateEncoder(), secure: new SecureAggregationClient(logger), adapters: new HeldAdapter() };
}

export interface RoundContext {
  readonly trainer: LocalTrainer;
  readonly logger: Logger;
  readonly settings: RoundSettings;
  readonly state: RoundState;
  /** This client's id, from the coordinator's welcome. */
  readonly clientId: string;
}

export interface TrainOutcome {
  /** An update to send once the coordinator grants an upload slot, or secure aggregation's keys to send at once. */
  readonly reply: UpdateMessage | SecAggKeysMessage;
  /** False when the reply repeats the keys already advertised for this instruction, without training again. */
  readonly trained: boolean;
}

/** Identifies an instruction: the same round and global adapter asked again (after a reconnect) has the same key. */
export function instructionKey(instruction: TrainMessage): string {
  return `${instruction.round}:${instruction.globalDigest}`;
}

/** Trains one round as `instruction` says and builds the reply. */
export async function trainRound(instruction: TrainMessage, context: RoundContext): Promise<TrainOutcome> {
  const { trainer, logger, settings, state } = context;
  // Each attempt at a round gets fresh keys; the same attempt asked again (after a reconnect) gets the same.
  const secureKey = `${instructionKey(instruction)}:${instruction.hyperParams.seed}`;
  const advertised = state.secure.advertised(secureKey);
  if (advertised) return { reply: advertised, trained: false };
  const global = state.adapters.resolve(instruction.globalDigest, instruction.globalAdapter);
  const timeLeftMs = instruction.deadlineUnixMs - Date.now();
  logger.info(
    { event: 'round_started', round: instruction.round, steps: instruction.hyperParams.localSteps, time_left_ms: timeLeftMs },
    `round ${instruction.round}: training ${plural(instruction.hyperParams.localSteps, 'step')}`,
  );
  const local = atRank(global, instruction.lora, effectiveRank(settings.loraRank, instruction.lora.r));
  const result = await trainer.train(
    local.adapter,
    local.lora,
    instruction.hyperParams,
    (progress) => {
      if (progress.step % settings.progressEverySteps === 0 || progress.step === progress.totalSteps) {
        logger.info(
          {
            event: 'train_progress',
            round: instruction.round,
            step: progress.step,
            steps: progress.totalSteps,
            loss: progress.loss,
            tokens_per_second: progress.tokensPerSecond,
          },
          `round ${instruction.round} step ${progress.step}/${progress.totalSteps} loss ${progress.loss.toFixed(4)} ${Math.round(progress.tokensPerSecond)} tokens/s`,
        );
      }
    },
    instruction.data,
  );
  if (Date.now() > instruction.deadlineUnixMs) {
    logger.warn({ event: 'deadline_missed', round: instruction.round }, `round ${instruction.round}: finished after the deadline; sending anyway`);
  }
  // DP-FedAvg bounds each client's influence: the whole update is clipped before it is encoded.
  const clipped = instruction.clipNorm > 0 ? clipToNorm(result.update, instruction.clipNorm) : result.update;
  if (instruction.secureAggregation) {
    // The update leaves this client only masked, in the secure-aggregation phases that follow; a lower rank is
    // zero-padded first, since every masked vector must have the run's layout.
    const withinClipNorm = instruction.clipNorm > 0 && l2Norm(result.update) <= instruction.clipNorm;
    const update = zeroPadRank(clipped, trainedPart(global, instruction.lora));
    const keys = state.secure.advertise(secureKey, context.clientId, instruction.round, instruction.globalDigest, { ...result, update, withinClipNorm });
    logger.info(
      { event: 'secagg_keys_sent', round: instruction.round, train_loss: result.trainLoss },
      `round ${instruction.round}: trained; secure aggregation started`,
    );
    return { reply: keys, trained: true };
  }
  const encoded = state.encoder.encode(
    clipped,
    instruction.updateEncoding,
    instruction.errorFeedback,
    new SeededRandom(instruction.hyperParams.seed ^ STOCHASTIC_ROUNDING_SALT),
  );
  const update: UpdateMessage = {
    kind: 'update',
    updateId: randomUUID(),
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update: encoded.values,
    wireUpdate: encoded.wire,
    numExamples: result.numExamples,
    trainLoss: result.trainLoss,
    tokensPerSecond: result.tokensPerSecond,
    steps: result.steps,
    durationMs: result.durationMs,
  };
  return { reply: update, trained: true };
}

/** Evaluates the adapter `instruction` names on the held-out slices, and answers the QA sets it names. */
export async function evaluateRound(instruction: EvaluateMessage, context: RoundContext): Promise<EvaluationMessage> {
  const adapter = context.state.adapters.resolve(instruction.digest, instruction.adapter);
  const qa = { sets: instruction.qaSets ?? [], maxNewTokens: instruction.qaMaxNewTokens ?? 0 };
  const result = await context.trainer.evaluate(adapter, instruction.lora, instruction.maxSeqLen, qa);
  const perSet = (result.sets ?? []).map((set) =>
    set.qa ? `${set.name} exact match ${set.exactMatch.toFixed(3)} F1 ${set.f1.toFixed(3)}` : `${set.name} ${set.loss.toFixed(4)}`,
  );
  context.logger.info(
    { event: 'evaluated', round: instruction.round, eval_loss: result.loss, sets: result.sets },
    `round ${instruction.round}: eval loss ${result.loss.toFixed(4)}${perSet.length > 1 || qa.sets.length > 0 ? ` (${perSet.join(', ')})` : ''}`,
  );
  return {
    kind: 'evaluation',
    round: instruction.round,
    digest: instruction.digest,
    loss: result.loss,
    numExamples: result.numExamples,
    ...(result.sets ? { sets: result.sets } : {}),
  };
}
