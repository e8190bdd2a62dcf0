/** The client's public entry point: a trainer on the silo's data plus a session with the coordinator. */
import type { BackendChoice } from '../shared/backend.js';
import { readConfiguredFile } from '../shared/configured-file.js';
import type { Logger } from '../shared/log.js';
import { runSession, type SessionResult } from './session.js';
import { createTrainer } from './trainer.js';

export interface ClientOptions {
  readonly coordinatorUrl: string;
  readonly token: string;
  /** PEM file of the certificate authority of an `https://` coordinator (default: Node's bundled ones). */
  readonly caFile?: string;
  readonly dataPath: string;
  readonly model: string;
  readonly backend: BackendChoice;
  readonly evalFraction?: number;
  readonly connectTimeoutMs?: number;
  /** Give up when a lost connection cannot be made again for this long (default: keep trying). */
  readonly reconnectTimeoutMs?: number;
  /** LoRA rank to train instead of the run's (capped at it). */
  readonly loraRank?: number;
  readonly logger: Logger;
}

export async function runClient(options: ClientOptions): Promise<SessionResult> {
  const ca = options.caFile === undefined ? undefined : (await readConfiguredFile(options.caFile, 'the CA')).toString('utf8');
  const trainer = await createTrainer({
    model: options.model,
    dataPath: options.dataPath,
    backend: options.backend,
    evalFraction: options.evalFraction,
    logger: options.logger,
  });
  options.logger.info(
    { event: 'client_ready', backend: trainer.backend, gpu: trainer.gpu, train_examples: trainer.numTrainExamples, eval_examples: trainer.numEvalExamples },
    `loaded ${options.dataPath}: ${trainer.numTrainExamples} training and ${trainer.numEvalExamples} held-out examples; backend ${trainer.backend}${trainer.gpu ? ` on ${trainer.gpu}` : ''}`,
  );
  try {
    return await runSession({
      url: options.coordinatorUrl,
      token: options.token,
      ca,
      trainer,
      logger: options.logger,
      connectTimeoutMs: options.connectTimeoutMs,
      reconnectTimeoutMs: options.reconnectTimeoutMs,
      loraRank: options.loraRank,
    });
  } finally {
    trainer.dispose();
  }
}
