/**
 * Prompt-tuning's TEXT initialisation (PEFT `prompt_tuning_init: "TEXT"`): the virtual tokens start at the word
 * embeddings of the tokens of `promptTuningInitText`, as the model's tokenizer writes them by default, repeated or
 * cut to numVirtualTokens.
 *
 * Only a holder of the base weights and tokenizer knows those embeddings, and the coordinator holds neither: a
 * run's adapters (initial adapter, updates, global adapter, checkpoints) carry the prompt embeddings as their
 * offset from the text's embeddings, which starts at zero and averages as the embeddings do. PEFT directories
 * written by `export`, and those of other tools, hold the embeddings themselves.
 */
import { makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import { peftMethod, type LoraConfig } from './lora.js';
import { PROMPT_EMBEDDINGS, type PeftSpec } from './peft-method.js';
import { ConfigError, TensorMismatchError } from '../infra/errors.js';
import type { CausalLM } from '../model/causal-lm.js';
import type { Tokenizer } from '../model/tokenizer.js';

/** Safetensors `__metadata__` key marking an adapter whose prompt embeddings are offsets from the text's. */
export const PROMPT_OFFSET_METADATA = 'fedlora_prompt_embeddings';
export const PROMPT_OFFSET_VALUE = 'offset_from_text_embeddings';

/** Whether the run's prompt embeddings start at a text's word embeddings, and so travel as offsets from them. */
export function startsFromText(lora: LoraConfig): boolean {
  return peftMethod(lora) === 'prompt-tuning' && lora.peft!.promptTuningInit === 'text';
}

/** Whether a PEFT directory's metadata says its prompt embeddings are a run's offsets rather than the embeddings. */
export function holdsPromptOffsets(metadata: Readonly<Record<string, string>>): boolean {
  return metadata[PROMPT_OFFSET_METADATA] === PROMPT_OFFSET_VALUE;
}

/** PEFT's PromptEmbedding: the text's token ids cut to `count`, or repeated ⌈count / length⌉ times and then cut. */
export function initTokenIds(textIds: readonly number[], count: number): number[] {
  if (textIds.length === 0) throw new ConfigError('peft.promptTuningInitText has no tokens to start the virtual tokens from');
  const repeats = Math.ceil(count / textIds.length);
  return Array.from({ length: repeats }, () => textIds)
    .flat()
    .slice(0, count);
}

/**
 * The text-initialised prompt embeddings [numVirtualTokens, hidden size]: the model's word embeddings of the ids
 * `tokenizer(text)["input_ids"]` gives in transformers, i.e. with the BOS its post-processor adds by default.
 */
export async function textPromptEmbeddings(model: CausalLM, tokenizer: Tokenizer, spec: PeftSpec): Promise<TensorData> {
  const bos = tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
  return model.wordEmbeddings(initTokenIds([...bos, ...tokenizer.encode(spec.promptTuningInitText)], spec.numVirtualTokens));
}

/**
 * A run's adapter with its prompt embeddings whole: each offset plus the text's embeddings, computed from the
 * model and its tokenizer. The adapter of any other run is returned as it is.
 */
export async function withTextEmbeddings(adapter: AdapterWeights, lora: LoraConfig, model: CausalLM, tokenizer: Tokenizer): Promise<AdapterWeights> {
  if (!startsFromText(lora)) return adapter;
  const text = await textPromptEmbeddings(model, tokenizer, lora.peft!);
  const offsets = adapter.get(PROMPT_EMBEDDINGS);
  if (!offsets) throw new TensorMismatchError(`adapter lacks tensor ${PROMPT_EMBEDDINGS}`);
  if (offsets.data.length !== text.data.length) {
    throw new TensorMismatchError(
      `adapter tensor ${PROMPT_EMBEDDINGS} has shape [${offsets.shape.join(', ')}], and the text's embeddings [${text.shape.join(', ')}]`,
    );
  }
  const embeddings = { shape: [...offsets.shape], data: offsets.data.map((value, i) => value + text.data[i]) };
  return makeAdapter([...adapter].map(([name, tensor]): [string, TensorData] => [name, name === PROMPT_EMBEDDINGS ? embeddings : tensor]));
}
