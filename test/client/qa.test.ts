import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { continuePrompt } from '../../shared/model/generation.js';
import { evaluateQa, exactMatch, loadQaItems, normalizeAnswer, type QaItem, scoreAnswer, tokenF1 } from '../../client/qa.js';
import { DataError } from '../../shared/infra/errors.js';
import { resolveModel } from '../../shared/model/model-config.js';
import type { CausalLM } from '../../shared/model/causal-lm.js';
import { ByteTokenizer, type ChatMessage, type Tokenizer } from '../../shared/model/tokenizer.js';

const bytesTokenizer = new ByteTokenizer();
/** The byte tokenizer with a plain chat template: `<role>content\n` per turn, `<assistant>` as the generation prompt. */
const chatTokenizer: Tokenizer = {
  vocabSize: bytesTokenizer.vocabSize,
  bosId: bytesTokenizer.bosId,
  eosId: bytesTokenizer.eosId,
  padId: bytesTokenizer.padId,
  encode: (text) => bytesTokenizer.encode(text),
  decode: (ids) => bytesTokenizer.decode(ids),
  renderChat: (messages: readonly ChatMessage[], addGenerationPrompt: boolean) =>
    messages.map((m) => `<${m.role}>${m.content}\n`).join('') + (addGenerationPrompt ? '<assistant>' : ''),
};

const workDir = mkdtempSync(join(tmpdir(), 'fedlora-qa-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileCount = 0;
function jsonlFile(content: string): string {
  const path = join(workDir, `qa-${fileCount++}.jsonl`);
  writeFileSync(path, content);
  return path;
}

describe('SQuAD scoring', () => {
  it('normalises case, punctuation, articles and whitespace', () => {
    expect(normalizeAnswer('The Cat!')).toBe('cat');
    expect(normalizeAnswer('  An   apple,\ta pear  and THE plum. ')).toBe('apple pear and plum');
    // Articles go only as whole words; punctuation is removed, not replaced, as SQuAD does.
    expect(normalizeAnswer('theatre anew')).toBe('theatre anew');
    expect(normalizeAnswer("Don't-stop")).toBe('dontstop');
    expect(normalizeAnswer('thé')).toBe('thé');
  });

  it('counts an exact match after normalisation only', () => {
    expect(exactMatch('The Cat!', 'cat')).toBe(1);
    expect(exactMatch('a cat', 'the cat.')).toBe(1);
    expect(exactMatch('cats', 'cat')).toBe(0);
  });

  it('scores partial overlap by token precision and recall, words counted with multiplicity', () => {
    // Shared: "paris" — precision 1/3 ("in", "paris", "france"), recall 1/1.
    expect(tokenF1('in Paris, France', 'Paris')).toBeCloseTo((2 * (1 / 3) * 1) / (1 / 3 + 1), 12);
    // "york york": one "york" shared with "new york" — precision 1/2, recall 1/2.
    expect(tokenF1('york york', 'New York')).toBeCloseTo(0.5, 12);
    expect(tokenF1('the New York', 'new york!')).toBe(1);
    expect(tokenF1('London', 'Paris')).toBe(0);
  });

  it('gives an empty prediction 0, unless the answer normalises to nothing as well', () => {
    expect(tokenF1('', 'Paris')).toBe(0);
    expect(exactMatch('', 'Paris')).toBe(0);
    expect(tokenF1('the', 'a')).toBe(1);
    expect(tokenF1('Paris', '')).toBe(0);
  });

  it('takes the best exact match and the best F1 over the answer and its aliases, each on its own', () => {
    expect(scoreAnswer('Big Apple', ['New York City', 'the Big Apple'])).toEqual({ exactMatch: 1, f1: 1 });
    const score = scoreAnswer('New York', ['New York City', 'NYC']);
    expect(score.exactMatch).toBe(0);
    expect(score.f1).toBeCloseTo(0.8, 12);
  });
});

describe('evaluateQa', () => {
  it('averages the scores of the predictions it is given and reports each one', async () => {
    const items = await loadQaItems(
      jsonlFile(
        [
          { question: 'Capital of France?', answer: 'Paris' },
          { question: 'Largest US city?', answer: 'New York City', aliases: ['NYC'] },
          { question: 'Author of Hamlet?', answer: 'William Shakespeare' },
        ]
          .map((record) => JSON.stringify(record))
          .join('\n'),
      ),
      bytesTokenizer,
    );
    const answers = new Map([
      ['Capital of France?', 'The Paris.'],
      ['Largest US city?', 'nyc'],
      ['Author of Hamlet?', 'Shakespeare'],
    ]);
    const asked: QaItem[] = [];
    const { report, predictions } = await evaluateQa(items, async (item) => {
      asked.push(item);
      return answers.get(item.question) ?? '';
    });
    expect(asked).toEqual(items);
    expect(report).toEqual({ task: 'qa', exact_match: 2 / 3, f1: expect.closeTo((1 + 1 + 2 / 3) / 3, 12), questions: 3 });
    expect(predictions[2]).toEqual({
      question: 'Author of Hamlet?',
      answers: ['William Shakespeare'],
      prediction: 'Shakespeare',
      exactMatch: 0,
      f1: expect.closeTo(2 / 3, 12),
    });
  });
});

describe('loadQaItems', () => {
  it('asks a plain question through the documented template, after BOS', async () => {
    const [item] = await loadQaItems(jsonlFile('{"question": "Who?", "answer": "Me", "aliases": ["I"]}\n'), bytesTokenizer);
    expect(item.promptIds).toEqual([bytesTokenizer.bosId, ...bytesTokenizer.encode('Question: Who?\nAnswer:')]);
    expect(item.answers).toEqual(['Me', 'I']);
    expect(item.question).toBe('Who?');
  });

  it("asks a conversation through the chat template, up to the assistant's last turn, which is the answer", async () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris' },
      { role: 'user', content: 'And of Italy?' },
      { role: 'assistant', content: 'Rome' },
    ];
    const [item] = await loadQaItems(jsonlFile(`${JSON.stringify({ messages })}\n`), chatTokenizer);
    expect(bytesTokenizer.decode(item.promptIds)).toBe('<system>Be brief.\n<user>Capital of France?\n<assistant>Paris\n<user>And of Italy?\n<assistant>');
    expect(item.answers).toEqual(['Rome']);
    expect(item.question).toBe('And of Italy?');
  });

  it('refuses a conversation on a model without a chat template, saying what to write instead', async () => {
    const path = jsonlFile('{"question": "a", "answer": "b"}\n{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n');
    await expect(loadQaItems(path, bytesTokenizer)).rejects.toThrow(
      new DataError(
        `${path}:2: {"messages"} records are rendered with the model's chat template, and this model has none (no chat_template in its ` +
          'tokenizer_config.json): use a chat or instruct checkpoint, or write the examples as {"question", "answer"}',
      ),
    );
  });

  it.each([
    ['invalid JSON', '{"question": "a", "answer": "b"}\n{"question": oops}\n', ':2: invalid JSON'],
    ['a missing answer', '{"question": "a"}\n', ':1: expected {"question": string'],
    ['an alias that is not a string', '{"question": "a", "answer": "b", "aliases": [1]}\n', ':1: expected'],
    ['an unknown field', '{"question": "a", "answer": "b", "hint": "c"}\n', ':1: expected'],
    ['a training record', '{"prompt": "a", "completion": "b"}\n', ':1: expected'],
    ['a conversation ending with the user', '{"messages": [{"role": "user", "content": "hi"}]}\n', ":1: the conversation must end with the assistant's answer"],
    ['an answer with no question', '{"messages": [{"role": "assistant", "content": "hi"}]}\n', ":1: the conversation must end with the assistant's answer"],
    ['an empty file', '\n\n', 'holds no records; expected one {"question": string'],
  ])('refuses %s with a DataError naming the file and line', async (_, content, message) => {
    const path = jsonlFile(content);
    const attempt = loadQaItems(path, chatTokenizer);
    await expect(attempt).rejects.toBeInstanceOf(DataError);
    await expect(attempt).rejects.toThrow(path);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('continuePrompt with a stop text, as eval --task qa answers', () => {
  /** A model that always predicts the next token of `script`, one per forward pass. */
  function scriptedModel(script: readonly number[]): CausalLM {
    let step = 0;
    const descriptor = resolveModel('builtin:tiny');
    return {
      descriptor,
      forward: (inputIds: tf.Tensor2D) => {
        const logits = new Float32Array(inputIds.shape[1] * bytesTokenizer.vocabSize);
        logits[(inputIds.shape[1] - 1) * bytesTokenizer.vocabSize + script[step++]] = 1;
        return tf.tensor3d(logits, [1, inputIds.shape[1], bytesTokenizer.vocabSize]);
      },
      dispose: () => {},
    } as unknown as CausalLM;
  }

  it('stops at the stop text and drops it and what follows, or at EOS', async () => {
    await tf.setBackend('cpu');
    const descriptor = resolveModel('builtin:tiny');
    const answer = (script: number[]) =>
      continuePrompt({ descriptor, model: scriptedModel(script), tokenizer: bytesTokenizer }, [bytesTokenizer.bosId as number], {
        maxNewTokens: 32,
        temperature: 0,
        seed: 0,
        stopText: '\n',
      });
    const atNewline = await answer([...bytesTokenizer.encode('Paris\nQuestion'), bytesTokenizer.eosId]);
    expect(atNewline).toMatchObject({ text: 'Paris', stoppedAtEos: false });
    expect(atNewline.tokenIds).toEqual(bytesTokenizer.encode('Paris\n'));
    expect(await answer([...bytesTokenizer.encode('Rome'), bytesTokenizer.eosId])).toMatchObject({ text: 'Rome', stoppedAtEos: true });
  });
});

describe('questions about images', () => {
  const image = { imageTokenId: 300, imagePositions: 3 };

  it('asks a question naming an image with the image first, as training data puts it, and resolves its path', async () => {
    const path = jsonlFile('{"image": "scans/a.png", "question": "Modality?", "answer": "CT"}\n');
    const [item] = await loadQaItems(path, bytesTokenizer, image);
    expect(item.image).toBe(join(workDir, 'scans', 'a.png'));
    const text = [...Buffer.from('\nQuestion: Modality?\nAnswer:')];
    expect(item.promptIds).toEqual([bytesTokenizer.bosId, 300, 300, 300, ...text]);
  });

  it('refuses an image for a text model, and with a conversation, naming the line', async () => {
    const path = jsonlFile('{"image": "a.png", "question": "Modality?", "answer": "CT"}\n');
    await expect(loadQaItems(path, bytesTokenizer)).rejects.toThrow(new DataError(`${path}:1: the question names an image, and this model reads none`));
    const chat = jsonlFile('{"image": "a.png", "messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}\n');
    await expect(loadQaItems(chat, bytesTokenizer, image)).rejects.toThrow(
      new DataError(`${chat}:1: an image goes with a plain {"question", "answer"} record`),
    );
  });
});
