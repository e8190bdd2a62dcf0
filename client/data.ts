/**
 * A silo's private training data: JSONL records turned into token sequences with a loss mask, a fixed
 * held-out split, and right-padded batches. Free of tfjs, so that it is testable and reusable on its own.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, DataError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { plural } from '../shared/infra/plural.js';
import type { ChatMessage, Tokenizer } from '../shared/model/tokenizer.js';
import { SeededRandom } from '../shared/infra/random.js';
import { DATA_SET_NAME, DEFAULT_DATA_SET, MAX_DATA_SETS } from '../shared/wire/messages.js';

/** One of a silo's named data sets: a file of training examples, or of questions (`qa`) that are only evaluated. */
export interface DataSource {
  readonly name: string;
  readonly path: string;
  readonly qa: boolean;
}

/** `NAME=FILE`, or a bare `FILE` named `default`; `qa` for the questions of `--qa`. */
export function parseDataSource(value: string, qa: boolean): DataSource {
  const separator = value.indexOf('=');
  const name = separator > 0 ? value.slice(0, separator) : '';
  if (DATA_SET_NAME.test(name)) return { name, path: value.slice(separator + 1), qa };
  if (qa) throw new ConfigError(`--qa ${value}: give NAME=FILE, NAME made of 1–64 letters, digits, dots, dashes or underscores`);
  return { name: DEFAULT_DATA_SET, path: value, qa };
}

/** Refuses two sets of one name (two bare files are both `default`) and a silo without training data. */
export function checkDataSources(sources: readonly DataSource[]): void {
  const seen = new Set<string>();
  for (const { name } of sources) {
    if (seen.has(name)) {
      throw new ConfigError(
        name === DEFAULT_DATA_SET ? 'more than one data file without a name: give each NAME=FILE' : `two data sets are named ${name}: give each its own name`,
      );
    }
    seen.add(name);
  }
  if (!sources.some((source) => !source.qa)) throw new ConfigError('no training data: give at least one --data file');
  if (sources.length > MAX_DATA_SETS) throw new ConfigError(`${sources.length} data sets, more than the ${MAX_DATA_SETS} a client may hold`);
}

/** One record as tokens, e.g. BOS, text, EOS (never truncated here: the round's maxSeqLen decides). */
export interface Example {
  readonly tokens: readonly number[];
  /** 1 where the token is a target of the loss (predicted from the tokens before it), else 0. */
  readonly lossMask: readonly number[];
}

/** The formats, for --help. */
export const DATA_FORMATS_HELP =
  'JSONL lines of {"text": ...}, {"prompt": ..., "completion": ...} or {"messages": [...]} (needs a model with a chat template, e.g. an instruct checkpoint; builtin:tiny has none)';

const ACCEPTED_FORMS = '{"text": string}, {"prompt": string, "completion": string} or {"messages": [{"role": string, "content": string}, ...]}';

/**
 * Reads a JSONL file, one record per line (blank lines are skipped): `{"text": ...}` (every token is learned),
 * `{"prompt": ..., "completion": ...}` (only the completion and EOS are learned) or `{"messages": [...]}` (a chat
 * rendered with the model's template; only the assistant turns are learned).
 */
export async function loadExamples(path: string, tokenizer: Tokenizer): Promise<Example[]> {
  return readJsonl(path, ACCEPTED_FORMS, (line, location) => toExample(parseRecord(parseJsonLine(line, location), line, location), tokenizer, location));
}

/**
 * The records of a JSONL file, each made by `toRecord` from its line and `path:line` (blank lines are skipped);
 * a file without records is refused, saying that one `expected` is wanted per line.
 */
export async function readJsonl<T>(path: string, expected: string, toRecord: (line: string, location: string) => T): Promise<T[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataError(`cannot read data file ${path}: ${(error as Error).message}`);
  }
  const records: T[] = [];
  // Editors on Windows start UTF-8 files with a byte order mark, which is no part of the first record.
  content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      records.push(toRecord(line, `${path}:${index + 1}`));
    });
  if (records.length === 0) throw new DataError(`data file ${path} holds no records; expected one ${expected} per line`);
  return records;
}

export type DataRecord = { text: string } | { prompt: string; completion: string } | { messages: ChatMessage[] };

export function isChatMessage(value: unknown): value is ChatMessage {
  if (value === null || typeof value !== 'object') return false;
  const { role, content } = value as Record<string, unknown>;
  return typeof role === 'string' && typeof content === 'string';
}

/** The line's JSON value; invalid JSON is refused naming its location. */
export function parseJsonLine(line: string, location: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new DataError(`${location}: invalid JSON (${(error as Error).message})`);
  }
}

/** The record `value` (parsed from `line`) holds, in one of the accepted forms, or a refusal naming its location. */
export function parseRecord(value: unknown, line: string, location: string): DataRecord {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort().join(',');
    if (keys === 'text' && typeof record.text === 'string') return { text: record.text };
    if (keys === 'completion,prompt' && typeof record.prompt === 'string' && typeof record.completion === 'string') {
      return { prompt: record.prompt, completion: record.completion };
    }
    if (keys === 'messages' && Array.isArray(record.messages) && record.messages.every(isChatMessage)) {
      return { messages: record.messages.map(({ role, content }) => ({ role, content })) };
    }
  }
  throw new DataError(`${location}: expected ${ACCEPTED_FORMS}, got ${abbreviate(line)}`);
}

/** A line quoted in an error: its first 80 characters. */
export function abbreviate(line: string): string {
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** Text to token ids: the tokenizer's, or one that also expands placeholders (image-data.ts). */
export type Encode = (text: string) => number[];

export function toExample(record: DataRecord, tokenizer: Tokenizer, location: string, encode: Encode = (text) => tokenizer.encode(text)): Example {
  if ('messages' in record) return chatExample(record.messages, tokenizer, location, encode);
  const bos = tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
  const context = 'text' in record ? [] : encode(record.prompt);
  const learned = encode('text' in record ? record.text : record.completion);
  return {
    tokens: [...bos, ...context, ...learned, tokenizer.eosId],
    lossMask: [...bos.map(() => 0), ...context.map(() => 0), ...learned.map(() => 1), 1],
  };
}

/** The model's chat template, or a refusal saying to use a chat model or write the records as `plainForm`. */
export function chatTemplate(tokenizer: Tokenizer, location: string, plainForm: string): NonNullable<Tokenizer['renderChat']> {
  if (!tokenizer.renderChat) {
    throw new DataError(
      `${location}: {"messages"} records are rendered with the model's chat template, and this model has none ` +
        `(no chat_template in its tokenizer_config.json): use a chat or instruct checkpoint, or write the examples as ${plainForm}`,
    );
  }
  return tokenizer.renderChat;
}

/**
 * Renders the chat with the model's template and learns only the assistant turns: each assistant turn is the text
 * that rendering it adds after the conversation so far with the generation prompt. The template writes any BOS
 * itself, so none is prepended.
 */
function chatExample(messages: readonly ChatMessage[], tokenizer: Tokenizer, location: string, encode: Encode): Example {
  const render = chatTemplate(tokenizer, location, '{"prompt", "completion"}');
  if (!messages.some((m) => m.role === 'assistant')) throw new DataError(`${location}: the conversation has no assistant turn to learn`);
  const tokens: number[] = [];
  const lossMask: number[] = [];
  let rendered = '';
  const append = (text: string, learned: boolean) => {
    if (!text.startsWith(rendered)) {
      throw new DataError(`${location}: the chat template does not render this conversation turn by turn; it cannot be learned per turn`);
    }
    const ids = encode(text.slice(rendered.length));
    tokens.push(...ids);
    lossMask.push(...ids.map(() => (learned ? 1 : 0)));
    rendered = text;
  };
  messages.forEach((message, i) => {
    if (message.role === 'assistant') append(render(messages.slice(0, i), true), false);
    append(render(messages.slice(0, i + 1), false), message.role === 'assistant');
  });
  return { tokens, lossMask };
}

/**
 * Logs once, as a warning, how many of a file's examples are longer than `maxSeqLen` tokens and how many tokens
 * truncating them loses, so that a maxSeqLen too short for the data does not go unnoticed.
 */
export function reportTruncation(logger: Logger, path: string, examples: readonly Example[], maxSeqLen: number): void {
  const longer = examples.filter((example) => example.tokens.length > maxSeqLen);
  if (longer.length === 0) return;
  const lost = longer.reduce((sum, example) => sum + example.tokens.length - maxSeqLen, 0);
  logger.warn(
    { event: 'examples_truncated', data: path, examples: longer.length, tokens_lost: lost, max_seq_len: maxSeqLen },
    `${path}: ${plural(longer.length, 'example')} of ${examples.length} ${longer.length === 1 ? 'is' : 'are'} longer than ` +
      `maxSeqLen ${maxSeqLen} and truncated, losing ${plural(lost, 'token')}; raise maxSeqLen or turn on packing to keep them`,
  );
}

/** The share of a silo's examples held out for evaluation unless told otherwise. */
export const DEFAULT_EVAL_FRACTION = 0.1;

/** Fixed, so that a silo's held-out slice stays the same from round to round and run to run. */
const SPLIT_SEED = 0x5eed;

/**
 * Shuffles with a fixed seed and holds out round(n · evalFraction) examples: at least one when there are two
 * or more examples and evalFraction > 0, and never all of them.
 */
export function splitHeldOut(examples: readonly Example[], evalFraction = DEFAULT_EVAL_FRACTION): { train: Example[]; eval: Example[] } {
  if (!(evalFraction >= 0 && evalFraction < 1)) {
    throw new ConfigError(`evalFraction must be in [0, 1), got ${evalFraction}`);
  }
  const shuffled = new SeededRandom(SPLIT_SEED).shuffle([...examples]);
  const evalCount = evalFraction === 0 || shuffled.length < 2 ? 0 : Math.min(shuffled.length - 1, Math.max(1, Math.round(shuffled.length * evalFraction)));
  return { eval: shuffled.slice(0, evalCount), train: shuffled.slice(evalCount) };
}

/**
 * Sequence packing: the examples' tokens concatenated, in order, and cut into rows of `maxSeqLen` tokens, so that
 * no step computes on padding. Consecutive rows overlap by one token — a row's first token is only an input — so
 * every token after the first is a target in exactly one row, with its example's loss mask. As in TRL's packing,
 * attention in a row spans the example boundaries; each example's BOS and EOS mark them.
 */
export function packExamples(examples: readonly Example[], maxSeqLen: number): Example[] {
  if (!Number.isInteger(maxSeqLen) || maxSeqLen < 2) {
    throw new ConfigError(`maxSeqLen must be an integer of at least 2, got ${maxSeqLen}`);
  }
  const tokens = examples.flatMap((example) => example.tokens);
  const lossMask = examples.flatMap((example) => example.lossMask);
  const rows: Example[] = [];
  for (let start = 0; start < tokens.length - 1; start += maxSeqLen - 1) {
    rows.push({ tokens: tokens.slice(start, start + maxSeqLen), lossMask: lossMask.slice(start, start + maxSeqLen) });
  }
  return rows;
}

/** Next-token prediction inputs, targets and weights, [batchSize, length] row-major. */
export interface Batch {
  readonly batchSize: number;
  /** Positions per row: the longest truncated example minus one (the last token is only a target). */
  readonly length: number;
  /** Right-padded with the pad id. */
  readonly inputIds: Int32Array;
  /** The token after each input position (the pad id where padded). */
  readonly targetIds: Int32Array;
  /** 1 where the target counts in the loss; 0 for padding and unlearned (prompt) tokens. */
  readonly lossWeights: Float32Array;
  /** Non-pad input tokens: what a tokens-per-second figure counts. */
  readonly tokenCount: number;
  /** Sum of lossWeights. */
  readonly targetCount: number;
}

export function makeBatch(examples: readonly Example[], maxSeqLen: number, padId: number): Batch {
  if (!Number.isInteger(maxSeqLen) || maxSeqLen < 2) {
    throw new ConfigError(`maxSeqLen must be an integer of at least 2, got ${maxSeqLen}`);
  }
  const rowLengths = examples.map((example) => Math.min(example.tokens.length, maxSeqLen) - 1);
  const length = Math.max(...rowLengths);
  const batchSize = examples.length;
  const inputIds = new Int32Array(batchSize * length).fill(padId);
  const targetIds = new Int32Array(batchSize * length).fill(padId);
  const lossWeights = new Float32Array(batchSize * length);
  let tokenCount = 0;
  let targetCount = 0;
  examples.forEach(({ tokens, lossMask }, row) => {
    for (let position = 0; position < rowLengths[row]; position++) {
      const cell = row * length + position;
      inputIds[cell] = tokens[position];
      targetIds[cell] = tokens[position + 1];
      lossWeights[cell] = lossMask[position + 1];
      targetCount += lossMask[position + 1];
    }
    tokenCount += rowLengths[row];
  });
  return { batchSize, length, inputIds, targetIds, lossWeights, tokenCount, targetCount };
}

/** Separates the stream that picks each example's set from the sets' own batch streams (same round seed). */
const SET_CHOICE_SALT = 0x9e3779b9;

/**
 * Draws examples from several sets, each slot of a batch from set i with probability ∝ weights[i] · sizes[i] (a
 * set of weight w counts each example w times), each set without replacement as BatchSampler does. With one set
 * it draws exactly as BatchSampler(sizes[0], seed).
 */
export class MixedSampler {
  private readonly samplers: BatchSampler[];
  private readonly cumulative: number[];
  private readonly random: SeededRandom;

  constructor(sizes: readonly number[], weights: readonly number[], seed: number) {
    this.samplers = sizes.map((size, i) => new BatchSampler(size, (seed + i * 0x10001) >>> 0));
    let total = 0;
    this.cumulative = sizes.map((size, i) => (total += size * weights[i]));
    this.random = new SeededRandom((seed ^ SET_CHOICE_SALT) >>> 0);
  }

  /** `batchSize` draws, each `[set, example]`. */
  next(batchSize: number): [number, number][] {
    const total = this.cumulative[this.cumulative.length - 1];
    return Array.from({ length: batchSize }, () => {
      const point = this.samplers.length === 1 ? 0 : this.random.next() * total;
      const set = Math.max(
        0,
        this.cumulative.findIndex((bound) => point < bound),
      );
      return [set, this.samplers[set].next(1)[0]];
    });
  }
}

/** Draws example indices without replacement, reshuffling after each pass over the data. */
export class BatchSampler {
  private readonly random: SeededRandom;
  private order: number[] = [];
  private position = 0;

  constructor(
    private readonly exampleCount: number,
    seed: number,
  ) {
    if (exampleCount < 1) throw new DataError('no training examples to sample from');
    this.random = new SeededRandom(seed);
  }

  next(batchSize: number): number[] {
    const picked: number[] = [];
    while (picked.length < batchSize) {
      if (this.position === this.order.length) {
        this.order = this.random.shuffle(Array.from({ length: this.exampleCount }, (_, i) => i));
        this.position = 0;
      }
      picked.push(this.order[this.position++]);
    }
    return picked;
  }
}
