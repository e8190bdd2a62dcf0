/** Greedy answers to knowledge questions (client/qa.ts), for `fedlora eval --task qa` and for clients after a round. */
import { ConfigError, DataError } from '../shared/infra/errors.js';
import { continuePrompt } from '../shared/model/generation.js';
import type { LoadedModel } from '../shared/model/load.js';
import type { QaItem } from './qa.js';

/** The model's greedy answer: at most `maxNewTokens` tokens, up to the end-of-sequence token or a newline, trimmed. */
export async function answerGreedily(loaded: LoadedModel, item: QaItem, maxNewTokens: number): Promise<string> {
  try {
    const { text } = await continuePrompt(loaded, item.promptIds, { maxNewTokens, temperature: 0, seed: 0, stopText: '\n' });
    return text.trim();
  } catch (error) {
    // A question too long for the model's positions is the data's fault: say which.
    if (error instanceof ConfigError) throw new DataError(`${item.location}: ${error.message}`);
    throw error;
  }
}
