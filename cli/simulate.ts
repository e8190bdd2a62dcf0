/**
 * `fedlora simulate`: a coordinator and N clients on loopback in one process, each client on its own silo file
 * (the bundled samples unless given). Composes coordinator and client through their public entry points only.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runClient } from '../client/client.js';
import { validateCoordinatorConfig, type CoordinatorConfigInput } from '../coordinator/coordinator-config.js';
import { startCoordinator } from '../coordinator/coordinator.js';
import type { RunEventListener } from '../coordinator/round/events.js';
import type { RoundRecord } from '../coordinator/round/records.js';
import type { StrategyConfigInput } from '../coordinator/strategies/registry.js';
import type { LoraAggregation } from '../coordinator/strategies/lora-aggregation.js';
import type { UpdateEncoding } from '../shared/wire/update-encoding.js';
import type { BackendChoice } from '../shared/model/backend.js';
import type { Logger } from '../shared/infra/log.js';
import { defaultTargetModules, resolveModel } from '../shared/model/model-config.js';
import { packageRoot } from '../shared/infra/package-root.js';
import { readPeftAdapter } from '../shared/lora/peft.js';
import { loadModelWithAdapter } from '../shared/model/load.js';
import { answerQuestions } from './eval.js';
import { plural } from '../shared/infra/plural.js';

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
  /** LoRA rank of each client in turn (heterogeneous ranks); lora.r is the largest. 8 for all by default. */
  readonly loraRanks?: readonly number[];
  /** How clients encode their updates, and whether they use error feedback. */
  readonly encoding?: UpdateEncoding;
  readonly errorFeedback?: boolean;
  /** Clients pack their examples into full rows (see `train.packing`). */
  readonly packing?: boolean;
  /** `builtin:tiny` (default) or a Hugging Face checkpoint directory. */
  readonly model?: string;
  /** One JSONL file per client (default: the bundled sample silos, cycled over `clients`). */
  readonly dataFiles?: readonly string[];
  /** Logger for the coordinator and clients (quiet by default so the round lines stay readable). */
  readonly logger: Logger;
  /** Where the human-readable summary goes. */
  readonly print: (line: string) => void;
}

export interface SimulationResult {
  readonly runDir: string;
  readonly rounds: readonly RoundRecord[];
  readonly baselineEvalLoss: number | null;
  /**
   * Vision-language models on the bundled scans: the exact match of greedy answers to the held-out questions, of
   * the untouched model and after each round.
   */
  readonly answerAccuracy?: { readonly baseline: number; readonly rounds: readonly number[] };
  readonly durationMs: number;
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

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const model = options.model ?? 'builtin:tiny';
  const descriptor = resolveModel(model);
  const images = descriptor.architecture === 'llava';
  const silos = options.dataFiles ?? sampleSilos(images);
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
  }));
  const input: CoordinatorConfigInput = {
    host: '127.0.0.1',
    port: options.port,
    runDir: resolve(options.runDir ?? join('runs', `sim-${timestamp()}`)),
    rounds: options.rounds,
    minClients: clientCount,
    model,
    clients: clients.map(({ id, token }) => ({ id, token })),
    lora: { r: rank, alpha: 2 * rank, targetModules, modulesToSave, aggregation: options.loraAggregation ?? 'fedavg' },
    train: { localSteps: options.localSteps, batchSize: 8, learningRate: images ? 2e-2 : 3e-3, maxSeqLen: 128, packing: options.packing ?? false },
    strategy: options.strategy ?? { name: 'fedavg' },
    encoding: { update: options.encoding ?? 'fp32', errorFeedback: options.errorFeedback ?? false },
  };
  const config = validateCoordinatorConfig(input, 'simulation settings');
  options.print(
    `fedlora simulation: ${plural(clientCount, 'client')}, ${plural(options.rounds, 'round')}, model ${model}, LoRA r=${ranks.join('/')} on ${targetModules.join(',')}` +
      `${modulesToSave.length > 0 ? `, ${modulesToSave.join(',')} in full` : ''}, ` +
      `strategy ${config.strategy.name}, LoRA aggregation ${config.lora.aggregation}, updates ${config.encoding.update}${config.encoding.errorFeedback ? ' with error feedback' : ''}`,
  );
  const coordinator = await startCoordinator(config, options.logger.child({ component: 'coordinator' }), {
    onRoundFinished: (record) => {
      const loss = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));
      options.print(
        `round ${record.round}/${options.rounds}  participants ${record.participants}/${record.sampled}  ` +
          `train loss ${loss(record.train_loss)}  eval loss ${loss(record.eval_loss)}  ` +
          `up ${formatBytes(record.bytes_up)}  down ${formatBytes(record.bytes_down)}  ${(record.duration_ms / 1000).toFixed(1)} s`,
      );
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
        dataPath: client.data,
        model: config.model,
        backend: options.backend,
        loraRank: client.loraRank,
        logger: options.logger.child({ component: client.id }),
      }),
    );
    await Promise.all([coordinator.finished, ...sessions]);
    const status = coordinator.status();
    options.print(`baseline eval loss (untouched base model): ${status.baseline_eval_loss?.toFixed(4) ?? 'n/a'}`);
    options.print(`run directory: ${coordinator.runDir} (PEFT adapters under rounds/<n>/)`);
    const rounds = [...coordinator.roundRecords()];
    const answerAccuracy = images && options.dataFiles === undefined ? await accuracyByRound(model, coordinator.runDir, rounds.length, options) : undefined;
    return {
      runDir: coordinator.runDir,
      rounds,
      baselineEvalLoss: status.baseline_eval_loss,
      answerAccuracy,
      durationMs: Date.now() - started,
    };
  } finally {
    await coordinator.close();
  }
}

/** Exact match on the bundled held-out scan questions, of the untouched model and of each round's global adapter. */
async function accuracyByRound(model: string, runDir: string, rounds: number, options: SimulationOptions): Promise<SimulationResult['answerAccuracy']> {
  const questions = join(packageRoot(), 'shared', 'samples', 'scans', 'held-out-qa.jsonl');
  const loaded = await loadModelWithAdapter(model, { logger: options.logger });
  try {
    const accuracy = async () => (await answerQuestions(loaded, questions, 8)).report.exact_match;
    const baseline = await accuracy();
    options.print(`answer accuracy (exact match, held-out scan questions): untouched model ${baseline.toFixed(3)}`);
    const byRound: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const peft = await readPeftAdapter(join(runDir, 'rounds', String(round)));
      loaded.model.loadAdapter(peft.lora, peft.adapter);
      byRound.push(await accuracy());
      options.print(`answer accuracy after round ${round}: ${byRound[round - 1].toFixed(3)}`);
    }
    return { baseline, rounds: byRound };
  } finally {
    loaded.model.dispose();
  }
}
