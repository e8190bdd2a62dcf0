/**
 * Knowledge evaluation: questions with known answers, scored as SQuAD scores them — exact match and token F1 of
 * the normalised prediction, the best over the answer and its aliases. Free of tfjs: whoever evaluates supplies the
 * predictions (the CLI generates them greedily).
 */
import { DataError } from '../shared/infra/errors.js';
import type { ChatMessage, Tokenizer } from '../shared/model/tokenizer.js';
import { dirname, resolve } from 'node:path';
import { encodeWithImages, type ImageTokens } from '../shared/model/image-tokens.js';
import { abbreviate, chatTemplate, isChatMessage, parseJsonLine, readJsonl } from './data.js';
import { imageFirst } from './image-data.js';

/** How a plain `{"question"}` record is put to the model; `{"messages"}` records use the model's chat template. */
export const QA_PROMPT_TEMPLATE = 'Question: {question}\nAnswer:';

/** The formats of a file of questions (a client's `--qa` set), for --help. */
export const QA_SET_FORMATS_HELP =
  'JSONL lines of {"question": ..., "answer": ..., "aliases": [...]} (aliases optional; asked as ' +
  `${JSON.stringify(QA_PROMPT_TEMPLATE)}) or {"messages": [...]} ending with the assistant's answer (needs a model with a chat template)`;

/** The formats, for --help. */
export const QA_FORMATS_HELP = `with --task qa, ${QA_SET_FORMATS_HELP}`;

const ACCEPTED_FORMS =
  '{"question": string, "answer": string, "aliases"?: [string, ...]} or {"messages": [{"role": string, "content": string}, ...]} ending with an assistant turn';

export interface QaItem {
  /** `path:line` of the record. */
  readonly location: string;
  /** The question as a person reads it: the question, or the last turn before the answer. */
  readonly question: string;
  /** The prompt's token ids: BOS and the template filled in, or the chat up to the answer with the generation prompt. */
  readonly promptIds: readonly number[];
  /** The answer first, then its aliases. */
  readonly answers: readonly string[];
  /** The image the question is about (resolved from the file's folder), for a vision-language model. */
  readonly image?: string;
}

/**
 * Reads a QA file, one question per line; errors name the file and line. With `image` (a vision-language model's
 * image tokens), a plain question may also name an `"image"`, asked with the image before it as training data is.
 */
export async function loadQaItems(path: string, tokenizer: Tokenizer, image?: ImageTokens): Promise<QaItem[]> {
  const folder = dirname(resolve(path));
  return readJsonl(path, ACCEPTED_FORMS, (line, location) => {
    const value = parseJsonLine(line, location);
    const file = value !== null && typeof value === 'object' && 'image' in value ? (value as { image: unknown }).image : undefined;
    if (file === undefined) return toQaItem(value, line, location, tokenizer);
    if (image === undefined) throw new DataError(`${location}: the question names an image, and this model reads none`);
    if (typeof file !== 'string' || file.length === 0) throw new DataError(`${location}: "image" must be a file path, got ${abbreviate(JSON.stringify(file))}`);
    const { image: _, ...rest } = value as Record<string, unknown>;
    if ('messages' in rest) throw new DataError(`${location}: an image goes with a plain {"question", "answer"} record`);
    const item = toQaItem(rest, line, location, tokenizer);
    const bos = tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
    const prompt = encodeWithImages(tokenizer, imageFirst(QA_PROMPT_TEMPLATE.replace('{question}', item.question)), image, false).ids;
    return { ...item, promptIds: [...bos, ...prompt], image: resolve(folder, file) };
  });
}

function toQaItem(value: unknown, line: string, location: string, tokenizer: Tokenizer): QaItem {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort().join(',');
    const { question, answer, aliases } = record;
    if (
      (keys === 'answer,question' || keys === 'aliases,answer,question') &&
      typeof question === 'string' &&
      typeof answer === 'string' &&
      (aliases === undefined || (Array.isArray(aliases) && aliases.every((alias) => typeof alias === 'string')))
    ) {
      const bos = tokenizer.bosId === undefined ? [] : [tokenizer.bosId];
      return {
        location,
        question,
        promptIds: [...bos, ...tokenizer.encode(QA_PROMPT_TEMPLATE.replace('{question}', question))],
        answers: [answer, ...((aliases as string[] | undefined) ?? [])],
      };
    }
    if (keys === 'messages' && Array.isArray(record.messages) && record.messages.every(isChatMessage)) {
      return chatItem(record.messages, location, tokenizer);
    }
  }
  throw new DataError(`${location}: expected ${ACCEPTED_FORMS}, got ${abbreviate(line)}`);
}

/** The last turn is the answer; the prompt is the conversation before it, ending with the assistant's turn header. */
function chatItem(messages: readonly ChatMessage[], location: string, tokenizer: Tokenizer): QaItem {
  const render = chatTemplate(tokenizer, location, '{"question", "answer"}');
  const answer = messages.at(-1);
  if (answer?.role !== 'assistant' || messages.length < 2) {
    throw new DataError(`${location}: the conversation must end with the assistant's answer, after at least one turn that asks the question`);
  }
  const asked = messages.slice(0, -1).map(({ role, content }) => ({ role, content }));
  return { location, question: asked[asked.length - 1].content, promptIds: tokenizer.encode(render(asked, true)), answers: [answer.content] };
}

/** SQuAD's normalisation: lower case, no ASCII punctuation, no articles (a, an, the), single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '')
    .replace(/(?<![\p{L}\p{M}\p{N}_])(a|an|the)(?![\p{L}\p{M}\p{N}_])/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');
}

/** 1 when the normalised texts are equal, else 0. */
export function exactMatch(prediction: string, answer: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(answer) ? 1 : 0;
}

/**
 * SQuAD's token F1: the harmonic mean of the precision and recall of the normalised words the prediction shares
 * with the answer (counted with multiplicity). When either has no words, 1 if both have none, else 0 (SQuAD 2.0).
 */
export function tokenF1(prediction: string, answer: string): number {
  const predicted = words(prediction);
  const expected = words(answer);
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const remaining = new Map<string, number>();
  for (const word of expected) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of predicted) {
    const left = remaining.get(word) ?? 0;
    if (left > 0) {
      shared++;
      remaining.set(word, left - 1);
    }
  }
  if (shared === 0) return 0;
  const precision = shared / predicted.length;
  const recall = shared / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

function words(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized === '' ? [] : normalized.split(' ');
}

export interface AnswerScore {
  readonly exactMatch: number;
  readonly f1: number;
}

/** The best exact match and the best F1 over the accepted answers (each maximised on its own, as SQuAD does). */
export function scoreAnswer(prediction: string, answers: readonly string[]): AnswerScore {
  return {
    exactMatch: Math.max(...answers.map((answer) => exactMatch(prediction, answer))),
    f1: Math.max(...answers.map((answer) => tokenF1(prediction, answer))),
  };
}

export interface QaPrediction extends AnswerScore {
  readonly question: string;
  readonly answers: readonly string[];
  readonly prediction: string;
}

export interface QaReport {
  readonly task: 'qa';
  /** Mean over the questions, in [0, 1]. */
  readonly exact_match: number;
  /** Mean over the questions, in [0, 1]. */
  readonly f1: number;
  readonly questions: number;
}

/** Asks `predict` each question in turn and scores its answer. */
export async function evaluateQa(
  items: readonly QaItem[],
  predict: (item: QaItem) => Promise<string>,
): Promise<{ report: QaReport; predictions: QaPrediction[] }> {
  const predictions: QaPrediction[] = [];
  for (const item of items) {
    const prediction = await predict(item);
    predictions.push({ question: item.question, answers: item.answers, prediction, ...scoreAnswer(prediction, item.answers) });
  }
  const mean = (pick: (p: QaPrediction) => number) => predictions.reduce((sum, p) => sum + pick(p), 0) / predictions.length;
  return { report: { task: 'qa', exact_match: mean((p) => p.exactMatch), f1: mean((p) => p.f1), questions: predictions.length }, predictions };
}
