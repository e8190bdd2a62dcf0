/**
 * A client's session with the coordinator: connects with its token, announces itself, and answers train and
 * evaluate instructions one at a time, in arrival order. Wires a CoordinatorConnection (the socket) to the round
 * handler (the round policy); knows nothing of tfjs.
 */
import { type FedloraError, ModelMismatchError, ProtocolViolationError, UnauthorizedError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { PROTOCOL_VERSION, errorMessageFor, type ErrorMessage, type Message, type TrainMessage } from '../shared/wire/messages.js';
import { plural } from '../shared/infra/plural.js';
import { CoordinatorConnection } from './connection.js';
import type { LocalTrainer } from './local-trainer.js';
import { evaluateRound, freshRoundState, instructionKey, trainRound, type RoundContext } from './round-handler.js';

export interface SessionOptions {
  /** Coordinator base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly token: string;
  /** PEM certificate authority that signed an `https://` coordinator's certificate. */
  readonly ca?: string;
  readonly trainer: LocalTrainer;
  readonly logger: Logger;
  /** Give up when no connection could be made for this long. */
  readonly connectTimeoutMs?: number;
  /**
   * Give up when a lost connection could not be made again for this long. Unset: keep reconnecting, so that a
   * coordinator restart of any length is only a log line.
   */
  readonly reconnectTimeoutMs?: number;
  /** Log training progress every this many steps (and at the last step). */
  readonly progressEverySteps?: number;
  /** Train this LoRA rank instead of the run's (capped at it), e.g. for a smaller memory; announced in the hello. */
  readonly loraRank?: number;
}

export interface SessionResult {
  readonly clientId: string;
  readonly roundsTrained: number;
  readonly roundsCompleted: number;
  readonly finalDigest: string;
}

/** Wire errors after which staying connected is pointless. */
const FATAL_CODES = new Set(['MODEL_MISMATCH', 'UNAUTHORIZED']);

function fatalErrorFor(message: ErrorMessage): FedloraError {
  return message.code === 'MODEL_MISMATCH' ? new ModelMismatchError(message.message) : new UnauthorizedError(message.message);
}

/** Runs until the coordinator says the run is finished; rejects on a fatal error. */
export function runSession(options: SessionOptions): Promise<SessionResult> {
  const { trainer, logger } = options;
  const settings = { loraRank: options.loraRank ?? 0, progressEverySteps: options.progressEverySteps ?? 10 };
  const state = freshRoundState(logger);
  let clientId = '';
  let roundsTrained = 0;
  /** Instructions are handled one at a time, in arrival order. */
  let work: Promise<void> = Promise.resolve();

  return new Promise<SessionResult>((resolve, reject) => {
    const connection = new CoordinatorConnection(options);
    const end = (outcome: () => void): void => {
      connection.close();
      outcome();
    };
    const context = (): RoundContext => ({ trainer, logger, settings, state, clientId });

    const train = async (instruction: TrainMessage): Promise<void> => {
      const key = instructionKey(instruction);
      if (connection.resendUpdate(key)) {
        // The coordinator asks again (it restarted, or this client reconnected): the update already exists.
        logger.info({ event: 'update_resent', round: instruction.round }, `round ${instruction.round}: the update exists already; asking to send it again`);
        return;
      }
      const { reply, trained } = await trainRound(instruction, context());
      if (trained) roundsTrained += 1;
      if (reply.kind !== 'update') {
        connection.send(reply);
        return;
      }
      const bytes = connection.holdUpdate(key, reply);
      logger.info(
        { event: 'update_ready', round: reply.round, bytes, train_loss: reply.trainLoss, tokens_per_second: reply.tokensPerSecond },
        `round ${reply.round}: trained (train loss ${reply.trainLoss.toFixed(4)}); asking for an upload slot`,
      );
    };

    const handle = (message: Message): void => {
      switch (message.kind) {
        case 'welcome':
          clientId = message.clientId;
          logger.info({ event: 'welcome', client: clientId, run_id: message.runId, rounds: message.roundsTotal }, `joined run ${message.runId} as ${clientId}`);
          return;
        case 'train':
        case 'evaluate':
        case 'secaggRoster':
        case 'secaggMaskRequest':
        case 'secaggUnmaskRequest': {
          const job =
            message.kind === 'train'
              ? () => train(message)
              : message.kind === 'evaluate'
                ? async () => connection.send(await evaluateRound(message, context()))
                : async () => connection.send(state.secure.respond(message));
          work = work.then(job).catch((error: unknown) => {
            logger.error({ event: 'instruction_failed', round: message.round, err: error }, `round ${message.round}: ${(error as Error).message}`);
            if (connection.state === 'connected') connection.send(errorMessageFor(error, message.round));
          });
          return;
        }
        case 'finished':
          logger.info({ event: 'run_finished', rounds: message.roundsCompleted }, `run finished after ${plural(message.roundsCompleted, 'round')}`);
          void work.then(() => end(() => resolve({ clientId, roundsTrained, roundsCompleted: message.roundsCompleted, finalDigest: message.finalDigest })));
          return;
        case 'error':
          logger.warn({ event: 'refused', code: message.code, round: message.round }, `coordinator refused: ${message.code}: ${message.message}`);
          if (FATAL_CODES.has(message.code)) end(() => reject(fatalErrorFor(message)));
          return;
        default:
          throw new ProtocolViolationError(`coordinators may not send ${message.kind} messages`);
      }
    };

    connection.on('connected', () =>
      connection.send({
        kind: 'hello',
        clientId: '',
        modelFingerprint: trainer.modelFingerprint,
        backend: trainer.backend,
        numTrainExamples: trainer.numTrainExamples,
        numEvalExamples: trainer.numEvalExamples,
        softwareVersion: PROTOCOL_VERSION,
        loraRank: settings.loraRank,
        gpu: trainer.gpu,
        dataSets: trainer.dataSets,
      }),
    );
    connection.on('message', handle);
    connection.on('failed', reject);
  });
}
