/**
 * Continuing a prompt token by token, greedy at temperature 0, otherwise sampled from softmax(logits / temperature).
 * Keys and values of earlier positions are cached, so each new token costs one position's forward pass. Used by
 * `fedlora generate`, by knowledge evaluation and by clients that evaluate answers after a round.
 */
import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../infra/errors.js';
import { plural } from '../infra/plural.js';
import { SeededRandom } from '../infra/random.js';
import { KvCache, type ImageInput } from './causal-lm.js';
import type { LoadedModel } from './load.js';
import { textModelConfig } from './model-config.js';
import { assertWebGpuHealthy } from './webgpu-backend.js';

export interface GenerateResult {
  readonly text: string;
  readonly tokenIds: number[];
  /** Whether generation ended at the end-of-sequence token rather than the token limit. */
  readonly stoppedAtEos: boolean;
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
  /** A vision-language model's images, whose image tokens the prompt holds; read with the prompt, then cached. */
  readonly images?: ImageInput;
}

/** Continues `promptIds` (already tokenized, with any BOS) with a loaded model; the model stays loaded. */
export async function continuePrompt(
  { descriptor, model, tokenizer }: LoadedModel,
  promptIds: readonly number[],
  options: ContinueOptions,
): Promise<GenerateResult> {
  if (promptIds.length === 0) throw new ConfigError('the prompt is empty and the model has no BOS token to start from');
  const { maxPositionEmbeddings } = textModelConfig(descriptor).config;
  const budget = Math.min(options.maxNewTokens, maxPositionEmbeddings - promptIds.length);
  if (budget < 1) throw new ConfigError(`the prompt's ${plural(promptIds.length, 'token')} leave no room in the model's ${maxPositionEmbeddings} positions`);
  const cache = new KvCache();
  try {
    const random = new SeededRandom(options.seed);
    const generated: number[] = [];
    let input = [...promptIds];
    while (generated.length < budget) {
      const last = tf.tidy(() => {
        const images = generated.length === 0 ? options.images : undefined;
        const out = model.forward(tf.tensor2d([input], [1, input.length], 'int32'), { cache, images });
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
