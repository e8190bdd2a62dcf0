/** The client's public entry point: a trainer on the silo's data plus a session with the coordinator. */
import { X509Certificate } from 'node:crypto';
import type { BackendChoice } from '../shared/model/backend.js';
import type { Quantization } from '../shared/model/quantize.js';
import { readConfiguredFile } from '../shared/infra/configured-file.js';
import { ConfigError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { runSession, type SessionResult } from './session.js';
import { createTrainer } from './trainer.js';
import type { DataSource } from './data.js';
import { plural } from '../shared/infra/plural.js';

export interface ClientOptions {
  readonly coordinatorUrl: string;
  readonly token: string;
  /** PEM file of the certificate authority of an `https://` coordinator (default: Node's bundled ones). */
  readonly caFile?: string;
  /** JSONL file of the silo's examples, its one set named `default` (or give `dataSets`). */
  readonly dataPath?: string;
  /** The silo's named sets (`--data NAME=FILE`, `--qa NAME=FILE`). */
  readonly dataSets?: readonly DataSource[];
  readonly model: string;
  readonly backend: BackendChoice;
  /** Hold the base model's linear projections in NF4 (QLoRA); float32 when absent. */
  readonly quantize?: Quantization;
  readonly evalFraction?: number;
  /** Images with more pixels are refused (vision-language models). */
  readonly maxImagePixels?: number;
  readonly connectTimeoutMs?: number;
  /** Give up when a lost connection cannot be made again for this long (default: keep trying). */
  readonly reconnectTimeoutMs?: number;
  /** LoRA rank to train instead of the run's (capped at it). */
  readonly loraRank?: number;
  readonly logger: Logger;
}

/** Refuses a coordinator URL that is not http:// or https://, e.g. `127.0.0.1:8080` without its scheme. */
function checkCoordinatorUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Not a URL at all, e.g. `127.0.0.1:8080`.
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  const suggestion = url.includes('://') ? '' : `: use http://${url}, or https://${url} for a coordinator with TLS`;
  throw new ConfigError(`the coordinator URL ${url} must start with http:// or https://${suggestion}`);
}

/** The PEM in `file`, refused at once unless it holds a certificate (a key or a CSR would fail every connection). */
async function readCertificateAuthority(file: string): Promise<string> {
  const pem = (await readConfiguredFile(file, 'the CA')).toString('utf8');
  try {
    new X509Certificate(pem);
  } catch {
    throw new ConfigError(
      `the --ca file ${file} holds no PEM certificate: give the certificate authority's certificate, a file that starts with -----BEGIN CERTIFICATE-----`,
    );
  }
  return pem;
}

export async function runClient(options: ClientOptions): Promise<SessionResult> {
  checkCoordinatorUrl(options.coordinatorUrl);
  const ca = options.caFile === undefined ? undefined : await readCertificateAuthority(options.caFile);
  const trainer = await createTrainer({
    model: options.model,
    dataPath: options.dataPath,
    dataSets: options.dataSets,
    backend: options.backend,
    quantize: options.quantize,
    evalFraction: options.evalFraction,
    maxImagePixels: options.maxImagePixels,
    logger: options.logger,
  });
  const sets = (trainer.dataSets ?? []).map((set) =>
    set.qa ? `${set.name}: ${plural(set.numEvalExamples, 'question')}` : `${set.name}: ${set.numTrainExamples} training and ${set.numEvalExamples} held-out`,
  );
  options.logger.info(
    {
      event: 'client_ready',
      backend: trainer.backend,
      gpu: trainer.gpu,
      train_examples: trainer.numTrainExamples,
      eval_examples: trainer.numEvalExamples,
      data_sets: trainer.dataSets,
    },
    `loaded ${sets.join('; ')}; backend ${trainer.backend}${trainer.gpu ? ` on ${trainer.gpu}` : ''}`,
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
