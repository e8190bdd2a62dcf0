/**
 * A Hugging Face tokenizer directory (`tokenizer.json`, `tokenizer_config.json`) behind our Tokenizer interface:
 * tokenization by @huggingface/tokenizers, chat templates by @huggingface/jinja, special tokens from the config.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Template } from '@huggingface/jinja';
import { Tokenizer as HubTokenizer } from '@huggingface/tokenizers';
import { CheckpointError } from '../infra/errors.js';
import type { ChatMessage, Tokenizer } from './tokenizer.js';

export const TOKENIZER_FILE = 'tokenizer.json';
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';
/** Older checkpoints (GPT-2) name their special tokens here rather than in tokenizer_config.json. */
const SPECIAL_TOKENS_MAP_FILE = 'special_tokens_map.json';
/** GPT2Tokenizer's class default for bos, eos and unk, which the original GPT-2 files rely on. */
const GPT2_DEFAULT_EOS = '<|endoftext|>';

/** `bos_token` and friends are a string or an AddedToken object `{content, ...}`. */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content;
  }
  return undefined;
}

/** `chat_template` is a string, or a list of named templates of which "default" is the one to use. */
function chatTemplateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const named = value.find((t: { name?: unknown }) => t?.name === 'default');
    return typeof named?.template === 'string' ? named.template : undefined;
  }
  return undefined;
}

async function readJson(path: string, optional = false): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CheckpointError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

export class HfTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number;
  readonly padId: number;
  readonly renderChat?: (messages: readonly ChatMessage[], addGenerationPrompt: boolean) => string;

  private constructor(
    private readonly tokenizer: HubTokenizer,
    config: Record<string, unknown>,
    source: string,
  ) {
    const idOf = (key: string): number | undefined => {
      const text = tokenText(config[key]);
      if (text === undefined) return undefined;
      const id = tokenizer.token_to_id(text);
      if (id === undefined) throw new CheckpointError(`${source}: ${key} ${JSON.stringify(text)} is not in the vocabulary`);
      return id;
    };
    const eosId = idOf('eos_token') ?? tokenizer.token_to_id(GPT2_DEFAULT_EOS);
    if (eosId === undefined) throw new CheckpointError(`${source}: ${TOKENIZER_CONFIG_FILE} names no eos_token`);
    this.eosId = eosId;
    this.padId = idOf('pad_token') ?? eosId;
    let largestId = 0;
    for (const id of tokenizer.get_vocab(true).values()) largestId = Math.max(largestId, id);
    this.vocabSize = largestId + 1;
    // Prepend BOS exactly when the tokenizer's own post-processor would, as transformers does.
    const bos = idOf('bos_token');
    const withSpecial = tokenizer.encode('a', { add_special_tokens: true }).ids;
    this.bosId = bos !== undefined && withSpecial[0] === bos && this.encode('a')[0] !== bos ? bos : undefined;

    const template = chatTemplateText(config.chat_template);
    if (template !== undefined) {
      const compiled = new Template(template);
      const specialTokens = {
        bos_token: tokenText(config.bos_token) ?? '',
        eos_token: tokenText(config.eos_token) ?? '',
        pad_token: tokenText(config.pad_token) ?? '',
        unk_token: tokenText(config.unk_token) ?? '',
      };
      this.renderChat = (messages, addGenerationPrompt) => compiled.render({ ...specialTokens, messages, add_generation_prompt: addGenerationPrompt });
    }
  }

  static async load(dir: string): Promise<HfTokenizer> {
    const [tokenizerJson, tokenizerConfig, specialTokens] = await Promise.all([
      readJson(join(dir, TOKENIZER_FILE)),
      readJson(join(dir, TOKENIZER_CONFIG_FILE)),
      readJson(join(dir, SPECIAL_TOKENS_MAP_FILE), true),
    ]);
    const config = { ...specialTokens, ...tokenizerConfig };
    return new HfTokenizer(new HubTokenizer(tokenizerJson, config), config, dir);
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  decode(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }
}
