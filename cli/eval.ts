/**
 * `fedlora eval`: the mean token cross-entropy (natural log) of a model, optionally with a PEFT adapter, on a JSONL
 * file in any of the training formats; only the tokens training would learn are scored.
 */
import { heldOutLoss } from '../client/trainer.js';
import { loadExamples } from '../client/data.js';
import { selectBackend, type BackendChoice } from '../shared/backend.js';
import type { Logger } from '../shared/log.js';
import { loadModelWithAdapter } from '../shared/model/load.js';
import { assertWebGpuHealthy } from '../shared/webgpu-backend.js';

export interface EvalOptions {
  readonly model: string;
  readonly adapter?: string;
  readonly data: string;
  /** Sequences are truncated to this many tokens; the model's positions + 1 at most. */
  readonly maxSeqLen?: number;
  readonly backend: BackendChoice;
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
  const { descriptor, model, tokenizer } = await loadModelWithAdapter(options.model, options.adapter);
  try {
    const examples = await loadExamples(options.data, tokenizer);
    // A sequence of n tokens occupies n − 1 input positions.
    const maxSeqLen = Math.min(options.maxSeqLen ?? Number.MAX_SAFE_INTEGER, descriptor.config.maxPositionEmbeddings + 1);
    const { loss, targetCount } = await heldOutLoss(model, examples, maxSeqLen, tokenizer.padId);
    await assertWebGpuHealthy('evaluating');
    return { loss, perplexity: Math.exp(loss), tokens: targetCount, examples: examples.length };
  } finally {
    model.dispose();
  }
}
