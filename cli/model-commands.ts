/** The commands that work on a model directly, without a coordinator: generate, eval, export, fingerprint. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DATA_FORMATS_HELP } from '../client/data.js';
import { QA_FORMATS_HELP } from '../client/qa.js';
import type { BackendChoice } from '../shared/model/backend.js';
import type { Logger } from '../shared/infra/log.js';
import { resolveModel } from '../shared/model/model-config.js';
import { evaluateModel, evaluateQaTask } from './eval.js';
import { reportAndExit } from './exit-status.js';
import { exportRun } from './export.js';
import { generate } from './generate.js';

/** Helpers of the main program that every command shares. */
export interface CommandKit {
  addLogOptions(command: Command): Command;
  backendOption(): Option;
  integer(min: number, max?: number): (value: string) => number;
  loggerFor(name: string, flags: object): Logger;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && Number.isFinite(n))) throw new InvalidArgumentError('expected a number of at least 0');
  return n;
}

const STRICT_HELP = 'refuse an adapter trained on another base model (by its recorded fingerprint or base_model_name_or_path) instead of warning';
const MODEL_HELP = 'base model: builtin:tiny, builtin:tiny-vlm or a Hugging Face checkpoint directory (config.json, *.safetensors, tokenizer.json)';

export function registerModelCommands(program: Command, kit: CommandKit): void {
  kit
    .addLogOptions(
      program
        .command('generate')
        .description('Continue a prompt with a model, optionally with a PEFT adapter (e.g. a round of a run), and print the text.')
        .requiredOption('--model <model>', MODEL_HELP)
        .option('--adapter <dir>', 'PEFT adapter directory (adapter_config.json + adapter_model.safetensors)')
        .option('--strict', STRICT_HELP)
        .requiredOption('--prompt <text>', 'text to continue')
        .option('--chat', "send the prompt as a user turn through the model's chat template")
        .option('--image <file>', 'PNG or JPEG image for a vision-language model; placed where the prompt writes <image>, else before the text')
        .option('--max-new-tokens <n>', 'stop after this many tokens (or at the end-of-sequence token)', kit.integer(1), 64)
        .option('--temperature <t>', '0 is greedy; higher samples more freely', nonNegative, 0)
        .option('--seed <n>', 'seed of the sampling', kit.integer(0), 0)
        .addOption(kit.backendOption()),
    )
    .action(
      async (flags: {
        model: string;
        adapter?: string;
        strict?: boolean;
        prompt: string;
        chat?: boolean;
        image?: string;
        maxNewTokens: number;
        temperature: number;
        seed: number;
        backend: BackendChoice;
      }) => {
        try {
          const result = await generate({ ...flags, logger: kit.loggerFor('generate', flags) });
          process.stdout.write(`${result.text}\n`);
        } catch (error) {
          reportAndExit(error);
        }
      },
    );

  kit
    .addLogOptions(
      program
        .command('eval')
        .description(
          'Print {"loss", "perplexity", "tokens", "examples"} of a model (and adapter) on a JSONL file, as JSON; with --task qa, ' +
            '{"task": "qa", "exact_match", "f1", "questions"} of its greedy answers, scored as SQuAD does (normalised exact match and token F1, best over the answer and its aliases).',
        )
        .requiredOption('--model <model>', MODEL_HELP)
        .option('--adapter <dir>', 'PEFT adapter directory')
        .option('--strict', STRICT_HELP)
        .addOption(new Option('--task <task>', 'loss: the mean token cross-entropy; qa: answers to questions').choices(['loss', 'qa']).default('loss'))
        .requiredOption('--data <file.jsonl>', `${DATA_FORMATS_HELP}; ${QA_FORMATS_HELP}`)
        .option('--max-seq-len <n>', 'truncate sequences to this many tokens', kit.integer(2), 1024)
        .option(
          '--max-new-tokens <n>',
          'with --task qa: an answer stops after this many tokens, at the end-of-sequence token or at a newline',
          kit.integer(1),
          32,
        )
        .option('--predictions <file.jsonl>', "with --task qa: also write each question's prediction and scores here")
        .addOption(kit.backendOption()),
    )
    .action(
      async (flags: {
        model: string;
        adapter?: string;
        strict?: boolean;
        task: 'loss' | 'qa';
        data: string;
        maxSeqLen: number;
        maxNewTokens: number;
        predictions?: string;
        backend: BackendChoice;
      }) => {
        try {
          const logger = kit.loggerFor('eval', flags);
          const report = flags.task === 'qa' ? await evaluateQaTask({ ...flags, logger }) : await evaluateModel({ ...flags, logger });
          process.stdout.write(`${JSON.stringify(report)}\n`);
        } catch (error) {
          reportAndExit(error, { paths: flags.predictions === undefined ? [] : [{ setting: '--predictions', path: flags.predictions }] });
        }
      },
    );

  program
    .command('export')
    .description("Write a round's global adapter as a PEFT directory; with --merged also the base model with the adapter merged in.")
    .requiredOption('--run-dir <dir>', "the coordinator's run directory")
    .option('--round <n>', 'round to export (default: the last finished one)', kit.integer(1))
    .requiredOption('--out <dir>', 'output directory')
    .option('--merged', 'also write the merged weights (safetensors, same layout and dtypes as the base checkpoint)')
    .option('--model <model>', 'the base model: a checkpoint directory (needed with --merged), or builtin:tiny; needed when the run trains modules_to_save')
    .action(async (flags: { runDir: string; round?: number; out: string; merged?: boolean; model?: string }) => {
      try {
        const { round, files } = await exportRun(flags);
        process.stdout.write(`exported round ${round} to ${flags.out}: ${files.join(', ')}\n`);
      } catch (error) {
        reportAndExit(error, {
          paths: [
            { setting: '--out', path: flags.out },
            { setting: '--run-dir', path: flags.runDir },
          ],
        });
      }
    });

  program
    .command('fingerprint')
    .description("Print the SHA-256 fingerprint of a base model, for `modelFingerprint` in the coordinator's config.")
    .requiredOption('--model <model>', MODEL_HELP)
    .action((flags: { model: string }) => {
      try {
        process.stdout.write(`${resolveModel(flags.model).fingerprint}\n`);
      } catch (error) {
        reportAndExit(error);
      }
    });
}
