#!/usr/bin/env node
/** The `fedlora` command: coordinator, client, hash-token, simulate, generate, eval, export, fingerprint. */
import { constants } from 'node:os';
import { text } from 'node:stream/consumers';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runClient } from '../client/client.js';
import { DATA_FORMATS_HELP, DEFAULT_EVAL_FRACTION, parseDataSource, type DataSource } from '../client/data.js';
import { QA_SET_FORMATS_HELP } from '../client/qa.js';
import { DEFAULT_DATA_SET } from '../shared/wire/messages.js';
import { readConfigFile, validateCoordinatorConfig } from '../coordinator/coordinator-config.js';
import { startCoordinator } from '../coordinator/coordinator.js';
import { hashTokenInput } from '../coordinator/edge/token-hash.js';
import { BACKEND_CHOICES, type BackendChoice } from '../shared/model/backend.js';
import { QUANTIZATIONS, type Quantization } from '../shared/model/quantize.js';
import { ConfigError } from '../shared/infra/errors.js';
import { createLogger, type LogFormat, type Logger } from '../shared/infra/log.js';
import { packageVersion } from '../shared/infra/package-root.js';
import { EXIT_STATUS_HELP, ExitStatus, reportAndExit } from './exit-status.js';
import { registerInspectCommand } from './inspect.js';
import { registerModelCommands } from './model-commands.js';
import { simulate } from './simulate.js';
import { curriculumDemo, knowledgeDemo } from './demos.js';
import { DEFAULT_MAX_IMAGE_PIXELS } from '../shared/model/image-processor.js';
import { STRATEGY_NAMES, type StrategyConfig } from '../coordinator/strategies/registry.js';
import { LORA_AGGREGATIONS, type LoraAggregation } from '../coordinator/strategies/lora-aggregation.js';
import { PEFT_METHODS, type PeftMethod } from '../shared/lora/peft-method.js';
import { UPDATE_ENCODINGS, type UpdateEncoding } from '../shared/wire/update-encoding.js';
import { RdpAccountant } from '../shared/privacy/rdp-accountant.js';
import { plural } from '../shared/infra/plural.js';

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

/** Collects each `--data` (or `--qa`) flag as a data set; a wrong one is a usage error. */
function collectDataSource(qa: boolean) {
  return (value: string, previous: DataSource[]): DataSource[] => {
    try {
      return [...previous, parseDataSource(value, qa)];
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

interface LogFlags {
  logFormat?: LogFormat;
  logLevel?: string;
}

function loggerFor(name: string, flags: LogFlags): Logger {
  return createLogger(name, { format: flags.logFormat, level: flags.logLevel });
}

const backendOption = () =>
  new Option(
    '--backend <backend>',
    'tfjs backend: auto takes the first that loads of webgpu (a hardware GPU through Vulkan, Metal or D3D12; forced, it also takes a software renderer), tensorflow (native, CUDA), native-cpu (wasm with multithreaded native matrix products), wasm, cpu',
  )
    .choices(BACKEND_CHOICES as string[])
    .default('auto');

const QUANTIZE_HELP =
  "hold the base model's decoder linear projections in 4-bit NF4 as bitsandbytes does (QLoRA: 4.5 bits per weight instead of 32); nf4-dq also quantises their block scales to 8 bits (4.13 bits)";

const quantizeOption = () => new Option('--quantize <format>', QUANTIZE_HELP).choices([...QUANTIZATIONS]);

/** `--quantize` of simulate: one format per client in turn, `none` for a full-precision client. */
function quantizeList(value: string): (Quantization | undefined)[] {
  return value.split(',').map((format) => {
    if (format === 'none') return undefined;
    if (!(QUANTIZATIONS as readonly string[]).includes(format))
      throw new InvalidArgumentError(`expected ${[...QUANTIZATIONS, 'none'].join(', ')}, got ${format}`);
    return format as Quantization;
  });
}

function addLogOptions(command: Command): Command {
  return command
    .addOption(new Option('--log-format <format>', 'json lines, or pretty for terminals (default: pretty on a TTY)').choices(['json', 'pretty']))
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']));
}

const program = new Command()
  .name('fedlora')
  .description(
    'Federated LoRA fine-tuning of large language models: a coordinator aggregates low-rank updates from clients that train next to their private data.',
  )
  .version(packageVersion())
  .showHelpAfterError()
  // Commander ends a usage error with 1, which the exit statuses give to a failed run; subcommands inherit this.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? ExitStatus.ok : ExitStatus.usage))
  .addHelpText('afterAll', EXIT_STATUS_HELP);

addLogOptions(
  program
    .command('coordinator')
    .description('Run the coordinator: authenticate clients, schedule rounds, aggregate LoRA updates with FedAvg, serve /dashboard, /api/v1 and /metrics.')
    .requiredOption('-c, --config <file>', 'YAML or JSON configuration (see docs/configuration.md)')
    .option('--host <host>', 'override host: address to listen on')
    .option('--port <port>', 'override port (0 picks a free one)', integer(0, 65535))
    .option('--run-dir <dir>', "override runDir: where the run's state (state.sqlite) and round checkpoints are kept")
    .option('--rounds <n>', 'override rounds', integer(1))
    .option('--min-clients <n>', 'override minClients', integer(1))
    .option('--exit-when-done', 'exit after the last round instead of serving the HTTP endpoints until stopped'),
).action(
  async (flags: LogFlags & { config: string; host?: string; port?: number; runDir?: string; rounds?: number; minClients?: number; exitWhenDone?: boolean }) => {
    const logger = loggerFor('coordinator', flags);
    let runDir: string | undefined;
    try {
      const raw = await readConfigFile(flags.config);
      const overrides = { host: flags.host, port: flags.port, runDir: flags.runDir, rounds: flags.rounds, minClients: flags.minClients };
      for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
      const config = validateCoordinatorConfig(raw, `configuration ${flags.config}`);
      runDir = config.runDir;
      const coordinator = await startCoordinator(config, logger);
      const shutdown = (signal: string): void => {
        logger.info({ event: 'signal', signal }, `received ${signal}; shutting down`);
        void coordinator.close().then(() => process.exit(0));
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      await coordinator.finished;
      // Stopped by a signal: the shutdown above exits, and the scheduler has said where the run stopped.
      if (coordinator.status().state !== 'finished') return;
      if (flags.exitWhenDone) {
        await coordinator.close();
        process.exit(0);
      }
      logger.info({ event: 'serving' }, `run finished; still serving ${coordinator.url}/api/v1/status until stopped (Ctrl-C)`);
    } catch (error) {
      reportAndExit(error, {
        port: '--port (or port in the configuration)',
        host: '--host (or host in the configuration)',
        paths: [{ setting: '--run-dir (or runDir in the configuration)', path: runDir }],
      });
    }
  },
);

addLogOptions(
  program
    .command('client')
    .description('Run a client next to a private data set: train the LoRA adapter locally and send only the low-rank update.')
    .requiredOption('--coordinator <url>', 'coordinator URL, e.g. https://coordinator.example:8080')
    .option('--token <token>', "this client's token from the coordinator's config (or set FEDLORA_TOKEN)")
    .option('--ca <file>', "PEM certificate authority that signed an https:// coordinator's certificate (default: Node's bundled authorities)")
    .requiredOption(
      '--data <[name=]file.jsonl>',
      `training data, a named set per flag (repeat it; a file without a name is the set ${DEFAULT_DATA_SET}), each with its own held-out slice: ${DATA_FORMATS_HELP}`,
      collectDataSource(false),
      [],
    )
    .option(
      '--qa <name=file.jsonl>',
      `questions to answer after each round when the run asks for them (evaluation.qa), never trained on: ${QA_SET_FORMATS_HELP}`,
      collectDataSource(true),
      [],
    )
    .option('--model <model>', 'base model: builtin:tiny, builtin:tiny-vlm or a Hugging Face checkpoint directory', 'builtin:tiny')
    .addOption(backendOption())
    .addOption(quantizeOption())
    .option('--eval-fraction <f>', 'share of the data held out for evaluation (none of a single example)', fraction, DEFAULT_EVAL_FRACTION)
    .option('--max-image-pixels <n>', 'vision-language models: a data line whose image has more pixels is skipped', integer(1), DEFAULT_MAX_IMAGE_PIXELS)
    .option('--connect-timeout <ms>', 'give up if the coordinator cannot be reached for this long', integer(1), 60_000)
    .option('--reconnect-timeout <ms>', 'give up if a lost coordinator cannot be reached again for this long (default: keep trying)', integer(1))
    .option('--lora-rank <n>', "train this LoRA rank instead of the run's lora.r (capped at it), e.g. for less memory", integer(1)),
).action(
  async (
    flags: LogFlags & {
      coordinator: string;
      token?: string;
      ca?: string;
      data: DataSource[];
      qa: DataSource[];
      model: string;
      backend: BackendChoice;
      quantize?: Quantization;
      evalFraction: number;
      maxImagePixels: number;
      connectTimeout: number;
      reconnectTimeout?: number;
      loraRank?: number;
    },
  ) => {
    const logger = loggerFor('client', flags);
    const token = flags.token ?? process.env.FEDLORA_TOKEN;
    if (!token) reportAndExit(new ConfigError('no token: pass --token or set FEDLORA_TOKEN'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        logger.warn({ event: 'stopped', signal }, `stopped (${signal}); the same command joins the run again`);
        // The status a shell gives a process ended by the signal.
        process.exit(128 + constants.signals[signal]);
      });
    }
    try {
      const result = await runClient({
        coordinatorUrl: flags.coordinator,
        token,
        caFile: flags.ca,
        dataSets: [...flags.data, ...flags.qa],
        model: flags.model,
        backend: flags.backend,
        quantize: flags.quantize,
        evalFraction: flags.evalFraction,
        maxImagePixels: flags.maxImagePixels,
        connectTimeoutMs: flags.connectTimeout,
        reconnectTimeoutMs: flags.reconnectTimeout,
        loraRank: flags.loraRank,
        logger,
      });
      logger.info(
        { event: 'done', rounds_trained: result.roundsTrained },
        `done: trained in ${result.roundsTrained} of ${plural(result.roundsCompleted, 'round')}`,
      );
      process.exit(0);
    } catch (error) {
      reportAndExit(error);
    }
  },
);

program
  .command('hash-token')
  .description("Print the SHA-256 of a client token read from standard input, for `tokenSha256` in the coordinator's config.")
  .action(async () => {
    try {
      process.stdout.write(`${hashTokenInput(await text(process.stdin))}\n`);
    } catch (error) {
      reportAndExit(error);
    }
  });

addLogOptions(
  program
    .command('simulate')
    .description('Run a coordinator and several clients on this machine (loopback), each on a bundled sample silo or on your own files.')
    .option('--clients <n>', 'number of clients (with --data: one per file)', integer(1, 64), 3)
    .option(
      '--model <model>',
      'base model: builtin:tiny, builtin:tiny-vlm (trains on the bundled scans) or a Hugging Face checkpoint directory',
      'builtin:tiny',
    )
    .option(
      '--data <files>',
      `comma-separated JSONL files, one client each; a client's named sets joined by +, e.g. task=a.jsonl+fr=b.jsonl: ${DATA_FORMATS_HELP}`,
      (value: string) =>
        value
          .split(',')
          .filter((silo) => silo !== '')
          .map((silo) => silo.split('+').map((file) => parseDataSource(file, false))),
    )
    .option('--rounds <n>', 'number of rounds', integer(1), 5)
    .option('--local-steps <n>', 'local training steps per round', integer(1), 30)
    .option('--run-dir <dir>', 'run directory (default: runs/sim-<time>)')
    .option('--port <port>', 'coordinator port (0 picks a free one)', integer(0, 65535), 0)
    .addOption(new Option('--strategy <name>', 'aggregation strategy, with its default parameters').choices([...STRATEGY_NAMES]).default('fedavg'))
    .addOption(
      new Option(
        '--lora-aggregation <mode>',
        'fedavg averages A and B; ffa freezes A and sends only B; exact aggregates the products B·A (default: fedavg; exact for --knowledge)',
      ).choices([...LORA_AGGREGATIONS]),
    )
    .addOption(new Option('--peft-method <method>', 'what clients train (peft.method), with its default settings').choices([...PEFT_METHODS]).default('lora'))
    .option('--lora-ranks <ranks>', 'comma-separated LoRA ranks, one per client in turn (default: 8 for all); lora.r is the largest', (value: string) =>
      value.split(',').map((rank) => integer(1, 1024)(rank)),
    )
    .addOption(new Option('--encoding <encoding>', 'how clients encode their updates').choices([...UPDATE_ENCODINGS]).default('fp32'))
    .option('--error-feedback', 'clients carry quantization residuals into their next update')
    .option('--packing', 'clients concatenate their examples into full rows of 128 tokens instead of padding')
    .option('--quantize <formats>', `comma-separated, one per client in turn (none: full precision): ${QUANTIZE_HELP}`, quantizeList)
    .option('--phases', 'the bundled curriculum: an English task on silo-1, then French on silo-2; prints each set after every round')
    .option(
      '--knowledge',
      "the bundled knowledge demo: invented facts on two silos, then updates to some; prints each round's exact match on new and updated facts",
    )
    .option('--mix <weight>', 'with --phases: phase 2 replays the English task at this weight in (0, 1]', mixWeight)
    .addOption(backendOption()),
).action(
  async (
    flags: LogFlags & {
      clients: number;
      rounds: number;
      localSteps: number;
      runDir?: string;
      port: number;
      backend: BackendChoice;
      model: string;
      data?: DataSource[][];
      strategy: StrategyConfig['name'];
      loraAggregation?: LoraAggregation;
      peftMethod: PeftMethod;
      loraRanks?: number[];
      encoding: UpdateEncoding;
      errorFeedback?: boolean;
      packing?: boolean;
      quantize?: (Quantization | undefined)[];
      phases?: boolean;
      knowledge?: boolean;
      mix?: number;
    },
  ) => {
    const logger = createLogger('simulate', { format: flags.logFormat, level: flags.logLevel ?? 'warn' });
    try {
      if (flags.mix !== undefined && !flags.phases) throw new ConfigError('--mix replays a phase: give it with --phases');
      if ((flags.phases || flags.knowledge) && flags.data) throw new ConfigError('--phases and --knowledge run bundled demos: leave out --data');
      if (flags.phases && flags.knowledge) throw new ConfigError('give one of --phases and --knowledge');
      const demo = flags.phases ? curriculumDemo(flags.rounds, flags.mix) : flags.knowledge ? knowledgeDemo(flags.rounds) : undefined;
      const result = await simulate({
        ...flags,
        strategy: { name: flags.strategy },
        peft: { method: flags.peftMethod },
        dataFiles: demo?.silos ?? flags.data,
        phases: demo?.phases,
        qa: demo?.qa,
        evalFraction: demo?.evalFraction,
        loraAggregation: flags.loraAggregation ?? demo?.loraAggregation,
        logger,
        print: (line) => process.stdout.write(`${line}\n`),
      });
      process.stdout.write(`finished in ${(result.durationMs / 1000).toFixed(1)} s\n`);
      process.exit(0);
    } catch (error) {
      reportAndExit(error, { port: '--port', paths: [{ setting: '--run-dir', path: flags.runDir }] });
    }
  },
);

function mixWeight(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a weight in (0, 1]');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

program
  .command('privacy-budget')
  .description('Print the (ε, δ) that DP-FedAvg spends with Gaussian noise on Poisson-sampled clients (RDP accountant), as JSON.')
  .requiredOption('--noise-multiplier <z>', 'noise standard deviation divided by the clipping norm', positiveNumber)
  .requiredOption('--sampling-rate <q>', 'probability that a client takes part in a round', positiveNumber)
  .requiredOption('--rounds <t>', 'number of rounds', integer(1))
  .requiredOption('--delta <d>', 'target δ', positiveNumber)
  .action((flags: { noiseMultiplier: number; samplingRate: number; rounds: number; delta: number }) => {
    try {
      const accountant = new RdpAccountant();
      accountant.compose(flags.samplingRate, flags.noiseMultiplier, flags.rounds);
      const { epsilon, order } = accountant.spent(flags.delta);
      process.stdout.write(
        `${JSON.stringify({ epsilon, order, delta: flags.delta, noise_multiplier: flags.noiseMultiplier, sampling_rate: flags.samplingRate, rounds: flags.rounds })}\n`,
      );
    } catch (error) {
      reportAndExit(error instanceof RangeError ? new ConfigError(error.message) : error);
    }
  });

registerModelCommands(program, { addLogOptions, backendOption, quantizeOption, integer, loggerFor });
registerInspectCommand(program);

await program.parseAsync(process.argv);
