/**
 * `fedlora eval`: the mean token cross-entropy (natural log) of a model, optionally with a PEFT adapter, on a JSONL
 * file in any of the training formats; only the tokens training would learn are scored. With the `qa` task, the
 * exact match and token F1 of its greedy answers to a file of questions instead.
 */
import { writeFile } from 'node:fs/promises';
import { heldOutLoss } from '../client/trainer.js';
import { loadExamples, makeBatch, reportTruncation } from '../client/data.js';
import { evaluateQa, loadQaItems, type QaReport } from '../client/qa.js';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import type { Logger } from '../shared/infra/log.js';
import { isVisionLanguageModel } from '../shared/model/causal-lm.js';
import { loadModelWithAdapter, type LoadedModel } from '../shared/model/load.js';
import { textModelConfig } from '../shared/model/model-config.js';
import type { Quantization } from '../shared/model/quantize.js';
import { assertWebGpuHealthy } from '../shared/model/webgpu-backend.js';
import { greedyAnswers } from '../client/qa-answers.js';

export interface EvalOptions {
  readonly model: string;
  readonly adapter?: string;
  /** Refuse an adapter recorded as trained on another base model (default: warn). */
  readonly strict?: boolean;
  readonly data: string;
  /** Sequences are truncated to this many tokens; the model's positions + 1 at most. */
  readonly maxSeqLen?: number;
  readonly backend: BackendChoice;
  /** Hold the base model's linear projections in NF4. */
  readonly quantize?: Quantization;
  readonly logger: Logger;
}

export interface EvalReport {
  readonly loss: number;
  readonly perplexity: number;
  /** Scored tokens. */
  readonly tokens: number;
  readonly examples: number;
}

export async function evaluateModel(options: EvalOptions): Promise<EvalReport> {
  await selectBackend(options.backend, options.logger);
  const { descriptor, model, tokenizer } = await loadModelWithAdapter(
    options.model,
    { dir: options.adapter, strict: options.strict, logger: options.logger },
    options.quantize,
  );
  try {
    const examples = await loadExamples(options.data, tokenizer);
    // A sequence of n tokens occupies n − 1 input positions.
    const maxSeqLen = Math.min(options.maxSeqLen ?? Number.MAX_SAFE_INTEGER, textModelConfig(descriptor).config.maxPositionEmbeddings + 1);
    reportTruncation(options.logger, options.data, examples, maxSeqLen);
    const { loss, targetCount } = await heldOutLoss(model, examples, maxSeqLen, (batch) => makeBatch(batch, maxSeqLen, tokenizer.padId));
    await assertWebGpuHealthy('evaluating');
    return { loss, perplexity: Math.exp(loss), tokens: targetCount, examples: examples.length };
  } finally {
    model.dispose();
  }
}

export interface QaEvalOptions {
  readonly model: string;
  readonly adapter?: string;
  readonly strict?: boolean;
  readonly data: string;
  /** Each answer stops after this many tokens, at the end-of-sequence token or at a newline. */
  readonly maxNewTokens: number;
  /** Also write each question's prediction and scores here, as JSONL. */
  readonly predictions?: string;
  readonly backend: BackendChoice;
  /** Hold the base model's linear projections in NF4. */
  readonly quantize?: Quantization;
  readonly logger: Logger;
}

/** Answers each question greedily and scores the answers (client/qa.ts). */
export async function evaluateQaTask(options: QaEvalOptions): Promise<QaReport> {
  await selectBackend(options.backend, options.logger);
  const loaded = await loadModelWithAdapter(options.model, { dir: options.adapter, strict: options.strict, logger: options.logger }, options.quantize);
  try {
    const { report, predictions } = await answerQuestions(loaded, options.data, options.maxNewTokens);
    await assertWebGpuHealthy('evaluating');
    if (options.predictions !== undefined) {
      await writeFile(options.predictions, predictions.map((prediction) => `${JSON.stringify(prediction)}\n`).join(''));
    }
    return report;
  } finally {
    loaded.model.dispose();
  }
}

/**
 * Loads the questions of `data` and answers each greedily (at most `maxNewTokens`, stopping at EOS or a newline);
 * a question about an image is asked with its pixels, for a vision-language model.
 */
export async function answerQuestions(loaded: LoadedModel, data: string, maxNewTokens: number): ReturnType<typeof evaluateQa> {
  const { model } = loaded;
  const items = await loadQaItems(data, loaded.tokenizer, isVisionLanguageModel(model) ? model : undefined);
  return evaluateQa(items, greedyAnswers(loaded, maxNewTokens));
}
