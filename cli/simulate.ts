/**
 * `fedlora simulate`: a coordinator and N clients on loopback in one process, each client on its own silo file
 * (the bundled samples unless given). Composes coordinator and client through their public entry points only.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runClient } from '../client/client.js';
import type { DataSource } from '../client/data.js';
import { DEFAULT_DATA_SET } from '../shared/wire/messages.js';
import { validateCoordinatorConfig, type CoordinatorConfig, type CoordinatorConfigInput } from '../coordinator/coordinator-config.js';
import { startCoordinator } from '../coordinator/coordinator.js';
import type { RunEventListener } from '../coordinator/round/events.js';
import type { RoundRecord } from '../coordinator/round/records.js';
import type { StrategyConfigInput } from '../coordinator/strategies/registry.js';
import type { LoraAggregation } from '../coordinator/strategies/lora-aggregation.js';
import type { UpdateEncoding } from '../shared/wire/update-encoding.js';
import type { BackendChoice } from '../shared/model/backend.js';
import type { Quantization } from '../shared/model/quantize.js';
import type { Logger } from '../shared/infra/log.js';
import { defaultTargetModules, resolveModel } from '../shared/model/model-config.js';
import { packageRoot } from '../shared/infra/package-root.js';
import { plural } from '../shared/infra/plural.js';
import { usesLoraFactors, type PeftSpecInput } from '../shared/lora/peft-method.js';

export interface SimulationOptions {
  readonly clients: number;
  readonly rounds: number;
  readonly runDir?: string;
  readonly port: number;
  readonly backend: BackendChoice;
  readonly localSteps: number;
  /** Aggregation strategy, e.g. `{name: 'fedadam', eta: 0.01}` (FedAvg when absent). */
  readonly strategy?: StrategyConfigInput;
  /** How LoRA's A and B are aggregated: fedavg, ffa (A frozen) or exact (the products B·A). */
  readonly loraAggregation?: LoraAggregation;
  /** The PEFT method and its settings (LoRA when absent). */
  readonly peft?: PeftSpecInput;
  /** LoRA rank of each client in turn (heterogeneous ranks); lora.r is the largest. 8 for all by default. */
  readonly loraRanks?: readonly number[];
  /** How clients encode their updates, and whether they use error feedback. */
  readonly encoding?: UpdateEncoding;
  readonly errorFeedback?: boolean;
  /** How each client in turn holds the base model's linear projections (undefined: float32); none is quantised by default. */
  readonly quantize?: readonly (Quantization | undefined)[];
  /** Clients pack their examples into full rows (see `train.packing`). */
  readonly packing?: boolean;
  /** `builtin:tiny` (default) or a Hugging Face checkpoint directory. */
  readonly model?: string;
  /** One JSONL file, or named sets, per client (default: the bundled sample silos, cycled over `clients`). */
  readonly dataFiles?: readonly (string | readonly DataSource[])[];
  /** A curriculum (the coordinator's `phases`); clients then wait for no more than one client holding a phase's data. */
  readonly phases?: CoordinatorConfigInput['phases'];
  /** Sequences are truncated to this many tokens (128 by default). */
  readonly maxSeqLen?: number;
  /** QA sets clients answer after every round (the coordinator's `evaluation.qa`). */
  readonly qa?: readonly string[];
  /** Share of each client's sets held out for evaluation (the clients' default when absent). */
  readonly evalFraction?: number;
  /** Logger for the coordinator and clients (quiet by default so the round lines stay readable). */
  readonly logger: Logger;
  /** Where the human-readable summary goes. */
  readonly print: (line: string) => void;
}

export interface SimulationResult {
  readonly runDir: string;
  readonly rounds: readonly RoundRecord[];
  readonly baselineEvalLoss: number | null;
  readonly durationMs: number;
}

function describeMethod(config: CoordinatorConfig, ranks: readonly number[]): string {
  const { lora, peft } = config;
  if (!lora) return peft.method;
  const saved = lora.modulesToSave.length > 0 ? `, ${lora.modulesToSave.join(',')} in full` : '';
  return `${peft.method} r=${ranks.join('/')} on ${lora.targetModules.join(',')}${saved}, aggregation ${lora.aggregation}`;
}

/** The bundled silos: text, or the synthetic scans for a vision-language model. */
export function sampleSilos(images = false): string[] {
  const dir = join(packageRoot(), 'shared', 'samples', ...(images ? ['scans'] : []));
  return readdirSync(dir)
    .filter((name) => name.startsWith('silo-') && name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** A line whenever a sampled client's update is in or refused, so that a long round shows it is moving. */
function progressPrinter(print: (line: string) => void): RunEventListener {
  let sampled = 0;
  let answered = 0;
  return (event) => {
    if (event.type === 'round_started') {
      sampled = event.sampled.length;
      answered = 0;
    } else if (event.type === 'update_accepted' || event.type === 'update_refused') {
      answered++;
      const what = event.type === 'update_accepted' ? 'trained and sent its update' : `had its update refused (${event.code})`;
      print(`  round ${event.round}: ${event.client} ${what} (${answered}/${sampled})`);
    }
  };
}

/** A round's phase and each set's figures: `phase task  eval task 2.1234  fr 3.4567  (sat out: silo-2)`. */
function setLine(record: RoundRecord): string {
  const sets = Object.entries(record.eval_sets).map(([name, set]) =>
    set.loss === null ? `${name} exact match ${set.exact_match?.toFixed(2)} F1 ${set.f1?.toFixed(2)}` : `${name} ${set.loss.toFixed(4)}`,
  );
  const phase = record.phase === null ? '' : `phase ${record.phase}  `;
  return `${phase}eval ${sets.join('  ')}${record.sat_out.length > 0 ? `  (sat out: ${record.sat_out.join(', ')})` : ''}`;
}

/** The bundled held-out questions about scans, answered after every round of a vision-language model's simulation. */
const SCAN_QUESTIONS = 'scan-questions';

/** The bundled scan silos; the first also answers the held-out questions, so that each round reports their accuracy. */
function scanSilos(): (string | DataSource[])[] {
  const questions = join(packageRoot(), 'shared', 'samples', 'scans', 'held-out-qa.jsonl');
  return sampleSilos(true).map((file, i) =>
    i > 0
      ? file
      : [
          { name: DEFAULT_DATA_SET, path: file, qa: false },
          { name: SCAN_QUESTIONS, path: questions, qa: true },
        ],
  );
}

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const model = options.model ?? 'builtin:tiny';
  const descriptor = resolveModel(model);
  const images = descriptor.architecture === 'llava';
  const silos = options.dataFiles ?? (images ? scanSilos() : sampleSilos());
  const clientCount = options.dataFiles?.length ?? options.clients;
  const targetModules = defaultTargetModules(descriptor);
  // LLaVA's recipe: the projector, which maps image features into the language model, trains in full.
  const modulesToSave = images ? ['multi_modal_projector'] : [];
  const ranks = options.loraRanks ?? [8];
  const rank = Math.max(...ranks);
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    id: `silo-${i + 1}`,
    token: randomBytes(24).toString('hex'),
    data: silos[i % silos.length],
    loraRank: ranks[i % ranks.length],
    quantize: options.quantize?.[i % options.quantize.length],
  }));
  const input: CoordinatorConfigInput = {
    host: '127.0.0.1',
    port: options.port,
    runDir: resolve(options.runDir ?? join('runs', `sim-${timestamp()}`)),
    rounds: options.rounds,
    minClients: options.phases ? 1 : clientCount,
    phases: options.phases,
    evaluation: { qa: [...(options.qa ?? (images && options.dataFiles === undefined ? [SCAN_QUESTIONS] : []))] },
    model,
    clients: clients.map(({ id, token }) => ({ id, token })),
    peft: options.peft,
    lora: usesLoraFactors(options.peft?.method ?? 'lora')
      ? { r: rank, alpha: 2 * rank, targetModules, modulesToSave, aggregation: options.loraAggregation ?? 'fedavg' }
      : undefined,
    train: {
      localSteps: options.localSteps,
      batchSize: 8,
      learningRate: images ? 2e-2 : 3e-3,
      maxSeqLen: options.maxSeqLen ?? 128,
      packing: options.packing ?? false,
    },
    strategy: options.strategy ?? { name: 'fedavg' },
    encoding: { update: options.encoding ?? 'fp32', errorFeedback: options.errorFeedback ?? false },
  };
  const config = validateCoordinatorConfig(input, 'simulation settings');
  options.print(
    `fedlora simulation: ${plural(clientCount, 'client')}, ${plural(options.rounds, 'round')}, model ${model}, ${describeMethod(config, ranks)}, ` +
      `strategy ${config.strategy.name}, updates ${config.encoding.update}${config.encoding.errorFeedback ? ' with error feedback' : ''}` +
      (options.quantize ? `, base weights ${clients.map((client) => client.quantize ?? 'fp32').join('/')}` : ''),
  );
  const coordinator = await startCoordinator(config, options.logger.child({ component: 'coordinator' }), {
    onRoundFinished: (record) => {
      const loss = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));
      options.print(
        `round ${record.round}/${options.rounds}  participants ${record.participants}/${record.sampled}  ` +
          `train loss ${loss(record.train_loss)}  eval loss ${loss(record.eval_loss)}  ` +
          `up ${formatBytes(record.bytes_up)}  down ${formatBytes(record.bytes_down)}  ${(record.duration_ms / 1000).toFixed(1)} s`,
      );
      if (record.phase !== null || Object.keys(record.eval_sets).length > 1) options.print(`  ${setLine(record)}`);
    },
  });
  const resumedAfter = coordinator.roundRecords().length;
  if (resumedAfter > 0) options.print(`resumed the run in ${coordinator.runDir} after round ${resumedAfter} of ${options.rounds}`);
  options.print(`dashboard (live while the simulation runs): ${coordinator.url}/dashboard`);
  coordinator.subscribe(progressPrinter(options.print));
  try {
    const sessions = clients.map((client) =>
      runClient({
        coordinatorUrl: coordinator.url,
        token: client.token,
        ...(typeof client.data === 'string' ? { dataPath: client.data } : { dataSets: client.data }),
        model: config.model,
        backend: options.backend,
        quantize: client.quantize,
        loraRank: client.loraRank,
        evalFraction: options.evalFraction,
        logger: options.logger.child({ component: client.id }),
      }),
    );
    await Promise.all([coordinator.finished, ...sessions]);
    const status = coordinator.status();
    options.print(`baseline eval loss (untouched base model): ${status.baseline_eval_loss?.toFixed(4) ?? 'n/a'}`);
    options.print(`run directory: ${coordinator.runDir} (PEFT adapters under rounds/<n>/)`);
    const rounds = [...coordinator.roundRecords()];
    return {
      runDir: coordinator.runDir,
      rounds,
      baselineEvalLoss: status.baseline_eval_loss,
      durationMs: Date.now() - started,
    };
  } finally {
    await coordinator.close();
  }
}
