/**
 * `fedlora generate`: continues a prompt with a model and optionally a PEFT adapter, so that a user can see what
 * fine-tuning changed. Greedy at temperature 0, otherwise sampled from softmax(logits / temperature); keys and
 * values of earlier positions are cached, so each new token costs one position's forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { ConfigError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { KvCache } from '../shared/model/causal-lm.js';
import { type LoadedModel, loadModelWithAdapter } from '../shared/model/load.js';
import { SeededRandom } from '../shared/infra/random.js';
import { plural } from '../shared/infra/plural.js';
import { assertWebGpuHealthy } from '../shared/model/webgpu-backend.js';

export interface GenerateOptions extends ContinueOptions {
  readonly model: string;
  readonly adapter?: string;
  /** Refuse an adapter recorded as trained on another base model (default: warn). */
  readonly strict?: boolean;
  readonly prompt: string;
  /** Wrap the prompt as one user turn in the model's chat template. */
  readonly chat?: boolean;
  readonly backend: BackendChoice;
  readonly logger: Logger;
}

export interface GenerateResult {
  readonly text: string;
  readonly tokenIds: number[];
  /** Whether generation ended at the end-of-sequence token rather than the token limit. */
  readonly stoppedAtEos: boolean;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (!(options.temperature >= 0)) throw new ConfigError(`temperature must be 0 or more, got ${options.temperature}`);
  await selectBackend(options.backend, options.logger);
  const loaded = await loadModelWithAdapter(options.model, { dir: options.adapter, strict: options.strict, logger: options.logger });
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

export interface ContinueOptions {
  readonly maxNewTokens: number;
  /** 0 picks the most likely token every time. */
  readonly temperature: number;
  readonly seed: number;
  /** Also stop once the continuation contains this text, which is cut off with what follows it. */
  readonly stopText?: string;
  /** Receives the text as it grows (the decoded continuation so far). */
  readonly onText?: (text: string) => void;
}

/** Continues `promptIds` (already tokenized, with any BOS) with a loaded model; the model stays loaded. */
export async function continuePrompt(
  { descriptor, model, tokenizer }: LoadedModel,
  promptIds: readonly number[],
  options: ContinueOptions,
): Promise<GenerateResult> {
  if (promptIds.length === 0) throw new ConfigError('the prompt is empty and the model has no BOS token to start from');
  const budget = Math.min(options.maxNewTokens, descriptor.config.maxPositionEmbeddings - promptIds.length);
  if (budget < 1)
    throw new ConfigError(
      `the prompt's ${plural(promptIds.length, 'token')} leave no room in the model's ${descriptor.config.maxPositionEmbeddings} positions`,
    );
  const cache = new KvCache();
  try {
    const random = new SeededRandom(options.seed);
    const generated: number[] = [];
    let input = [...promptIds];
    while (generated.length < budget) {
      const last = tf.tidy(() => {
        const out = model.forward(tf.tensor2d([input], [1, input.length], 'int32'), { cache });
        return tf.slice(out, [0, input.length - 1, 0], [1, 1, -1]);
      });
      // Read asynchronously: a GPU backend cannot block on a read.
      const logits = (await last.data()) as Float32Array;
      last.dispose();
      await assertWebGpuHealthy('generating');
      const next = options.temperature === 0 ? argmax(logits) : sample(logits, options.temperature, random);
      if (next === tokenizer.eosId) return { text: tokenizer.decode(generated), tokenIds: generated, stoppedAtEos: true };
      generated.push(next);
      const text = tokenizer.decode(generated);
      const stop = options.stopText === undefined ? -1 : text.indexOf(options.stopText);
      if (stop >= 0) return { text: text.slice(0, stop), tokenIds: generated, stoppedAtEos: false };
      options.onText?.(text);
      input = [next];
    }
    return { text: tokenizer.decode(generated), tokenIds: generated, stoppedAtEos: false };
  } finally {
    cache.dispose();
  }
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Draws from softmax(logits / temperature), computed in float64 after subtracting the maximum. */
function sample(logits: Float32Array, temperature: number, random: SeededRandom): number {
  const max = logits[argmax(logits)];
  const weights = Array.from(logits, (v) => Math.exp((v - max) / temperature));
  let threshold = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    threshold -= weights[i];
    if (threshold < 0) return i;
  }
  return weights.length - 1;
}
