import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import {
  BatchSampler,
  checkDataSources,
  loadExamples,
  MixedSampler,
  parseDataSource,
  makeBatch,
  packExamples,
  reportTruncation,
  splitHeldOut,
  type Example,
} from '../../client/data.js';
import { createLogger, type Logger } from '../../shared/infra/log.js';
import { ConfigError, DataError } from '../../shared/infra/errors.js';
import { ByteTokenizer } from '../../shared/model/tokenizer.js';

const tokenizer = new ByteTokenizer();
const { bosId: BOS, eosId: EOS, padId: PAD } = tokenizer;
const samplesDir = fileURLToPath(new URL('../../shared/samples/', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'fedlora-data-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileCount = 0;
function jsonlFile(content: string): string {
  const path = join(workDir, `data-${fileCount++}.jsonl`);
  writeFileSync(path, content);
  return path;
}

function bytes(text: string): number[] {
  return [...Buffer.from(text, 'utf8')];
}

describe('loadExamples', () => {
  it('learns every token of a text record, and EOS', async () => {
    const [example] = await loadExamples(jsonlFile('{"text": "hey"}\n'), tokenizer);
    expect(example.tokens).toEqual([BOS, ...bytes('hey'), EOS]);
    expect(example.lossMask).toEqual([0, 1, 1, 1, 1]);
  });

  it('learns only the completion and EOS of a prompt/completion record', async () => {
    const [example] = await loadExamples(jsonlFile('{"prompt": "Q: 2+2=", "completion": " 4"}\n'), tokenizer);
    expect(example.tokens).toEqual([BOS, ...bytes('Q: 2+2='), ...bytes(' 4'), EOS]);
    expect(example.lossMask).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('accepts a UTF-8 byte order mark before the first record', async () => {
    const examples = await loadExamples(jsonlFile('\uFEFF{"text": "a"}\n{"text": "b"}\n'), tokenizer);
    expect(examples.map((e) => e.tokens)).toEqual([
      [BOS, ...bytes('a'), EOS],
      [BOS, ...bytes('b'), EOS],
    ]);
  });

  it('refuses chat records on a model without a chat template, saying what to use instead', async () => {
    const path = jsonlFile('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n');
    await expect(loadExamples(path, tokenizer)).rejects.toThrow(
      new DataError(
        `${path}:1: {"messages"} records are rendered with the model's chat template, and this model has none (no chat_template in its ` +
          'tokenizer_config.json): use a chat or instruct checkpoint, or write the examples as {"prompt", "completion"}',
      ),
    );
  });

  it('skips blank lines and accepts CRLF line ends', async () => {
    const examples = await loadExamples(jsonlFile('{"text": "a"}\r\n\r\n   \n{"text": "b"}'), tokenizer);
    expect(examples.map((e) => e.tokens[1])).toEqual(bytes('ab'));
  });

  it.each([
    ['invalid JSON', '{"text": "ok"}\n\n{"text": oops}\n', /:3: invalid JSON/],
    ['an unknown field', '{"text": "ok"}\n{"txt": "typo"}\n', /:2: expected \{"text": string\}/],
    ['text mixed with prompt', '{"text": "a", "prompt": "b", "completion": "c"}\n', /:1: expected/],
    ['a prompt without completion', '{"text": "ok"}\n{"text": "ok"}\n{"prompt": "p"}\n', /:3: expected/],
    ['a text that is not a string', '{"text": 42}\n', /:1: expected/],
    ['an array', '["text"]\n', /:1: expected/],
  ])('refuses %s with a DataError naming file and line', async (_, content, message) => {
    const path = jsonlFile(content);
    const attempt = loadExamples(path, tokenizer);
    await expect(attempt).rejects.toThrow(DataError);
    await expect(attempt).rejects.toThrow(path);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses an empty file and a missing file', async () => {
    await expect(loadExamples(jsonlFile(''), tokenizer)).rejects.toThrow(/holds no records/);
    await expect(loadExamples(jsonlFile('\n \n'), tokenizer)).rejects.toThrow(DataError);
    await expect(loadExamples(join(workDir, 'absent.jsonl'), tokenizer)).rejects.toThrow(/cannot read data file/);
  });
});

function examplesOfLengths(lengths: number[]): Example[] {
  return lengths.map((length, i) => ({
    tokens: Array.from({ length }, (_, position) => (i * 10 + position) % 256),
    lossMask: Array.from({ length }, (_, position) => (position === 0 ? 0 : 1)),
  }));
}

describe('reportTruncation', () => {
  function capture(): { logger: Logger; records: () => Record<string, unknown>[] } {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _, done) => (lines.push(chunk.toString()), done()) });
    return { logger: createLogger('test', { format: 'json', destination }), records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('warns once with how many examples are longer than maxSeqLen and how many tokens they lose', () => {
    const { logger, records } = capture();
    reportTruncation(logger, 'silo.jsonl', examplesOfLengths([10, 4, 7]), 5);
    expect(records()).toEqual([
      expect.objectContaining({
        level: 40,
        event: 'examples_truncated',
        examples: 2,
        tokens_lost: 5 + 2,
        msg: 'silo.jsonl: 2 examples of 3 are longer than maxSeqLen 5 and truncated, losing 7 tokens; raise maxSeqLen or turn on packing to keep them',
      }),
    ]);
  });

  it('says nothing when every example fits, and uses the singular for one', () => {
    const { logger, records } = capture();
    reportTruncation(logger, 'silo.jsonl', examplesOfLengths([3, 5]), 5);
    expect(records()).toEqual([]);
    reportTruncation(logger, 'silo.jsonl', examplesOfLengths([6, 5]), 5);
    expect(records()[0].msg).toBe(
      'silo.jsonl: 1 example of 2 is longer than maxSeqLen 5 and truncated, losing 1 token; raise maxSeqLen or turn on packing to keep them',
    );
  });
});

describe('splitHeldOut', () => {
  it('holds out round(n · fraction) examples, deterministically, disjoint from training', () => {
    const examples = examplesOfLengths(Array.from({ length: 50 }, (_, i) => i + 2));
    const first = splitHeldOut(examples);
    expect(first.eval).toHaveLength(5);
    expect(first.train).toHaveLength(45);
    expect(new Set([...first.train, ...first.eval]).size).toBe(50);
    const again = splitHeldOut(examples);
    expect(again.eval).toEqual(first.eval);
    // Shuffled, not simply the first examples.
    expect(first.eval).not.toEqual(examples.slice(0, 5));
  });

  it('holds out at least one example when there are two, never all, none of a single one', () => {
    expect(splitHeldOut(examplesOfLengths([3, 4])).eval).toHaveLength(1);
    expect(splitHeldOut(examplesOfLengths([3, 4]), 0.9).train).toHaveLength(1);
    expect(splitHeldOut(examplesOfLengths([3])).eval).toHaveLength(0);
    expect(splitHeldOut(examplesOfLengths([3, 4, 5]), 0).eval).toHaveLength(0);
  });

  it('refuses a fraction outside [0, 1)', () => {
    expect(() => splitHeldOut(examplesOfLengths([3, 4]), 1)).toThrow(ConfigError);
    expect(() => splitHeldOut(examplesOfLengths([3, 4]), -0.1)).toThrow(ConfigError);
    expect(() => splitHeldOut(examplesOfLengths([3, 4]), Number.NaN)).toThrow(ConfigError);
  });
});

describe('makeBatch', () => {
  it('shifts targets by one, pads on the right, and never counts padding', () => {
    const batch = makeBatch(examplesOfLengths([3, 5]), 128, PAD);
    expect(batch.length).toBe(4);
    expect([...batch.inputIds]).toEqual([0, 1, PAD, PAD, 10, 11, 12, 13]);
    expect([...batch.targetIds]).toEqual([1, 2, PAD, PAD, 11, 12, 13, 14]);
    expect([...batch.lossWeights]).toEqual([1, 1, 0, 0, 1, 1, 1, 1]);
    expect(batch.tokenCount).toBe(6);
    expect(batch.targetCount).toBe(6);
  });

  it('truncates to maxSeqLen tokens', () => {
    const batch = makeBatch(examplesOfLengths([10, 4]), 6, PAD);
    expect(batch.length).toBe(5);
    expect([...batch.inputIds.slice(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect([...batch.targetIds.slice(0, 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(batch.tokenCount).toBe(5 + 3);
  });

  it('gives no weight to prompt tokens', async () => {
    const examples = await loadExamples(jsonlFile('{"prompt": "Customer: hi\\nAgent:", "completion": " Hello!"}\n{"text": "xy"}\n'), tokenizer);
    const batch = makeBatch(examples, 128, PAD);
    const row = (data: ArrayLike<number>) => Array.from(data).slice(0, batch.length);
    const weightedTargets = row(batch.targetIds).filter((_, i) => batch.lossWeights[i] === 1);
    expect(weightedTargets).toEqual([...bytes(' Hello!'), EOS]);
    expect(batch.targetCount).toBe(bytes(' Hello!').length + 1 + bytes('xy').length + 1);
  });

  it('refuses a maxSeqLen below 2', () => {
    expect(() => makeBatch(examplesOfLengths([3]), 1, PAD)).toThrow(ConfigError);
  });
});

describe('packExamples', () => {
  it('fills rows of maxSeqLen tokens, and every token after the first is a target exactly once with its own weight', () => {
    const examples: Example[] = [
      { tokens: [1, 2, 3], lossMask: [0, 1, 1] },
      { tokens: [4, 5, 6, 7, 8], lossMask: [0, 0, 1, 1, 1] },
      { tokens: [9, 10, 11, 12], lossMask: [0, 1, 0, 1] },
    ];
    const rows = packExamples(examples, 4);
    expect(rows.map((row) => row.tokens)).toEqual([
      [1, 2, 3, 4],
      [4, 5, 6, 7],
      [7, 8, 9, 10],
      [10, 11, 12],
    ]);
    const batch = makeBatch(rows, 4, PAD);
    const targets = Array.from(batch.targetIds).filter((id) => id !== PAD);
    const weights = Array.from(batch.lossWeights).filter((_, i) => batch.targetIds[i] !== PAD);
    expect(targets).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(weights).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1]);
    expect(batch.tokenCount).toBe(11);
  });

  it('splits an example longer than a row across rows instead of truncating it', () => {
    const rows = packExamples(examplesOfLengths([10]), 4);
    expect(rows.flatMap((row, i) => (i === 0 ? row.tokens : row.tokens.slice(1)))).toEqual(examplesOfLengths([10])[0].tokens);
  });

  it('refuses a maxSeqLen below 2', () => {
    expect(() => packExamples(examplesOfLengths([3]), 1)).toThrow(ConfigError);
  });
});

describe('named data sets', () => {
  it('reads NAME=FILE, and a bare file as the set default', () => {
    expect(parseDataSource('task=data/a=b.jsonl', false)).toEqual({ name: 'task', path: 'data/a=b.jsonl', qa: false });
    expect(parseDataSource('silo.jsonl', false)).toEqual({ name: 'default', path: 'silo.jsonl', qa: false });
    expect(parseDataSource('=x.jsonl', false)).toEqual({ name: 'default', path: '=x.jsonl', qa: false });
    expect(parseDataSource('facts=q.jsonl', true)).toEqual({ name: 'facts', path: 'q.jsonl', qa: true });
    expect(() => parseDataSource('q.jsonl', true)).toThrow(/--qa q.jsonl: give NAME=FILE/);
  });

  it('refuses two sets of one name and a silo with questions only', () => {
    const set = (name: string, qa = false) => ({ name, path: `${name}.jsonl`, qa });
    expect(() => checkDataSources([set('default'), set('default')])).toThrow(/more than one data file without a name/);
    expect(() => checkDataSources([set('a'), set('a', true)])).toThrow(/two data sets are named a/);
    expect(() => checkDataSources([set('q', true)])).toThrow(/no training data/);
    expect(() => checkDataSources([set('a'), set('q', true)])).not.toThrow();
  });
});

describe('MixedSampler', () => {
  it('draws one set exactly as BatchSampler does', () => {
    const mixed = new MixedSampler([10], [1], 42);
    const plain = new BatchSampler(10, 42);
    for (let i = 0; i < 5; i++) expect(mixed.next(4).map(([set, index]) => [set, index])).toEqual(plain.next(4).map((index) => [0, index]));
  });

  it('draws each set in proportion to its size times its weight, each without replacement', () => {
    const sampler = new MixedSampler([100, 100, 50], [1, 0.25, 1], 7);
    const counts = [0, 0, 0];
    for (const [set] of sampler.next(4000)) counts[set]++;
    // Expected shares: 100 : 25 : 50 of 175.
    expect(counts[0] / 4000).toBeCloseTo(100 / 175, 1);
    expect(counts[1] / 4000).toBeCloseTo(25 / 175, 1);
    expect(counts[2] / 4000).toBeCloseTo(50 / 175, 1);
    expect(new MixedSampler([100, 100, 50], [1, 0.25, 1], 7).next(50)).toEqual(new MixedSampler([100, 100, 50], [1, 0.25, 1], 7).next(50));
  });
});

describe('BatchSampler', () => {
  it('visits every example once per pass, in an order fixed by the seed', () => {
    const sampler = new BatchSampler(10, 42);
    const firstPass = [...sampler.next(4), ...sampler.next(4), ...sampler.next(2)];
    expect([...firstPass].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new BatchSampler(10, 42).next(10)).toEqual(firstPass);
    expect(new BatchSampler(10, 43).next(10)).not.toEqual(firstPass);
  });

  it('wraps around when a batch is larger than the data', () => {
    const picked = new BatchSampler(3, 1).next(7);
    expect(picked).toHaveLength(7);
    expect(new Set(picked)).toEqual(new Set([0, 1, 2]));
  });

  it('refuses an empty training set', () => {
    expect(() => new BatchSampler(0, 1)).toThrow(DataError);
  });
});

describe('bundled sample silos', () => {
  const silos = ['silo-a.jsonl', 'silo-b.jsonl', 'silo-c.jsonl', 'silo-d.jsonl'];

  it('are small, load cleanly and hold 150–300 examples each, some as prompt/completion', async () => {
    let promptCompletionSilos = 0;
    for (const silo of silos) {
      const path = join(samplesDir, silo);
      expect(statSync(path).size).toBeLessThan(60_000);
      const examples = await loadExamples(path, tokenizer);
      expect(examples.length).toBeGreaterThanOrEqual(150);
      expect(examples.length).toBeLessThanOrEqual(300);
      if (examples.some((e) => e.lossMask[1] === 0)) promptCompletionSilos++;
    }
    expect(promptCompletionSilos).toBeGreaterThanOrEqual(1);
  });

  it('differ from one another (non-IID): their byte distributions are far apart', async () => {
    const histograms = await Promise.all(
      silos.map(async (silo) => {
        const counts = new Float64Array(256);
        const examples = await loadExamples(join(samplesDir, silo), tokenizer);
        for (const { tokens } of examples) for (const t of tokens) if (t < 256) counts[t]++;
        const total = counts.reduce((a, b) => a + b, 0);
        return counts.map((c) => c / total);
      }),
    );
    for (let i = 0; i < histograms.length; i++) {
      for (let j = i + 1; j < histograms.length; j++) {
        const totalVariation = histograms[i].reduce((s, p, k) => s + Math.abs(p - histograms[j][k]), 0) / 2;
        expect(totalVariation).toBeGreaterThan(0.2);
      }
    }
  });

  it('are reproduced byte for byte by their generator', () => {
    const copyDir = mkdtempSync(join(workDir, 'samples-'));
    for (const file of ['generate.mjs', 'seeded-random.mjs']) copyFileSync(join(samplesDir, file), join(copyDir, file));
    execFileSync(process.execPath, [join(copyDir, 'generate.mjs')]);
    for (const silo of silos) {
      expect(readFileSync(join(copyDir, silo), 'utf8')).toBe(readFileSync(join(samplesDir, silo), 'utf8'));
    }
  });
});
