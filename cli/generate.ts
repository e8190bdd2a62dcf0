/**
 * `fedlora generate`: continues a prompt with a model and optionally a PEFT adapter, so that a user can see what
 * fine-tuning changed (shared/model/generation.ts generates).
 */
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { ConfigError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { loadModelWithAdapter } from '../shared/model/load.js';
import type { Quantization } from '../shared/model/quantize.js';
import { continuePrompt, type ContinueOptions, type GenerateResult } from '../shared/model/generation.js';

export interface GenerateOptions extends ContinueOptions {
  readonly model: string;
  readonly adapter?: string;
  /** Refuse an adapter recorded as trained on another base model (default: warn). */
  readonly strict?: boolean;
  readonly prompt: string;
  /** Wrap the prompt as one user turn in the model's chat template. */
  readonly chat?: boolean;
  readonly backend: BackendChoice;
  /** Hold the base model's linear projections in NF4. */
  readonly quantize?: Quantization;
  readonly logger: Logger;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (!(options.temperature >= 0)) throw new ConfigError(`temperature must be 0 or more, got ${options.temperature}`);
  await selectBackend(options.backend, options.logger);
  const loaded = await loadModelWithAdapter(options.model, { dir: options.adapter, strict: options.strict, logger: options.logger }, options.quantize);
  try {
    const { descriptor, tokenizer } = loaded;
    let promptIds: number[];
    if (options.chat) {
      if (!tokenizer.renderChat) throw new ConfigError(`model ${descriptor.id} has no chat template`);
      promptIds = tokenizer.encode(tokenizer.renderChat([{ role: 'user', content: options.prompt }], true));
    } else {
      promptIds = [...(tokenizer.bosId === undefined ? [] : [tokenizer.bosId]), ...tokenizer.encode(options.prompt)];
    }
    return await continuePrompt(loaded, promptIds, options);
  } finally {
    loaded.model.dispose();
  }
}
