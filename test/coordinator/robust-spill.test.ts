import { existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAdapter, rawByteSize, type AdapterWeights } from '../../shared/lora/adapter.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import type { Message } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { createStrategy, strategyConfigSchema } from '../../coordinator/strategies/registry.js';
import { FedMedian, Krum, TrimmedMean, type SpillSettings } from '../../coordinator/strategies/robust.js';
import { UpdateSpool } from '../../coordinator/strategies/update-spool.js';
import type { AggregationResult, Strategy } from '../../coordinator/strategies/strategy.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';

// Tensors of odd sizes (15, 7 and 22 coordinates), so that blocks and ranges end inside tensors.
const SHAPES: [string, number[]][] = [
  ['a', [3, 5]],
  ['b', [7]],
  ['c', [2, 11]],
];
const COORDINATES = 44;

function randomAdapter(random: SeededRandom, scale: number): AdapterWeights {
  return makeAdapter(SHAPES.map(([name, shape]) => [name, { shape, data: random.fillNormal(new Float32Array(shape.reduce((n, d) => n * d, 1)), scale) }]));
}

function flattened(adapter: AdapterWeights): Float32Array {
  const out = new Float32Array(COORDINATES);
  let offset = 0;
  for (const t of adapter.values()) {
    out.set(t.data, offset);
    offset += t.data.length;
  }
  return out;
}

/** Files of `directory` this process holds open (Linux: /proc/self/fd). */
function openFilesUnder(directory: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(directory) ? [target] : [];
    } catch {
      return []; // closed since it was listed (the listing's own descriptor)
    }
  });
}

const canListOpenFiles = existsSync('/proc/self/fd');

let directory: string;
beforeEach(() => {
  directory = realpathSync(mkdtempSync(join(tmpdir(), 'fedlora-spill-test-')));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('UpdateSpool', () => {
  const random = new SeededRandom(11);
  const global = randomAdapter(random, 1);
  const updates = Array.from({ length: 5 }, () => randomAdapter(random, 0.1));

  /** The first two updates in memory, the other three spilled. */
  function filledSpool(): UpdateSpool {
    const spool = new UpdateSpool(global, 2 * rawByteSize(global), join(directory, 'spill'));
    for (const update of updates) spool.add(update);
    return spool;
  }

  it('gives back any range of coordinates of any update, held in memory or spilled', () => {
    const spool = filledSpool();
    const spilled = readdirSync(join(directory, 'spill'));
    expect(spilled).toHaveLength(1);
    expect(statSync(join(directory, 'spill', spilled[0])).size).toBe(3 * rawByteSize(global));
    // Within a tensor, across one boundary, across all three, the whole adapter, empty.
    const ranges = [
      [2, 9],
      [15, 22],
      [10, 30],
      [14, 38],
      [0, COORDINATES],
      [43, 44],
      [20, 20],
    ];
    updates.forEach((update, k) => {
      const expected = flattened(update);
      for (const [start, end] of ranges) {
        // Into the middle of a larger buffer, whose other values stay untouched.
        const into = new Float32Array(COORDINATES + 4).fill(-1);
        spool.read(k, start, end, into.subarray(2));
        expect([...into.subarray(2, 2 + end - start)]).toEqual([...expected.subarray(start, end)]);
        expect([...into.subarray(0, 2), ...into.subarray(2 + end - start)].every((v) => v === -1)).toBe(true);
      }
    });
    spool.close();
  });

  it('refuses a range outside the adapter or larger than the buffer', () => {
    const spool = filledSpool();
    expect(() => spool.read(0, 40, 45, new Float32Array(5))).toThrow(RangeError);
    expect(() => spool.read(3, 0, 10, new Float32Array(9))).toThrow(RangeError);
    expect(() => spool.read(5, 0, 1, new Float32Array(1))).toThrow(RangeError);
    spool.close();
  });

  it('visits blocks in order, never across tensors, each holding the chosen updates one after another', () => {
    const spool = filledSpool();
    const chosen = [4, 0, 2];
    const rebuilt = chosen.map(() => new Float32Array(COORDINATES));
    const tensorStarts = new Map([
      ['a', 0],
      ['b', 15],
      ['c', 22],
    ]);
    const lengths: number[] = [];
    spool.forEachBlock(chosen, 4, (block, length, name, from) => {
      lengths.push(length);
      chosen.forEach((_, i) => rebuilt[i].set(block.subarray(i * length, (i + 1) * length), tensorStarts.get(name)! + from));
    });
    expect(lengths).toEqual([4, 4, 4, 3, 4, 3, 4, 4, 4, 4, 4, 2]);
    chosen.forEach((k, i) => expect([...rebuilt[i]]).toEqual([...flattened(updates[k])]));
    spool.close();
  });

  it('refuses an update of another layout', () => {
    const spool = new UpdateSpool(global, 0, directory);
    expect(() => spool.add(makeAdapter([['a', { shape: [15], data: new Float32Array(15) }]]))).toThrow(/shape|missing/);
    spool.close();
  });

  it.runIf(canListOpenFiles)('deletes its spill file and closes it on close', () => {
    const spool = filledSpool();
    const path = join(directory, 'spill', readdirSync(join(directory, 'spill'))[0]);
    // Writing leaves nothing open; reading a spilled update keeps the file open until close.
    expect(openFilesUnder(directory)).toEqual([]);
    spool.read(4, 0, 1, new Float32Array(1));
    expect(openFilesUnder(directory)).toEqual([path]);
    spool.close();
    expect(existsSync(path)).toBe(false);
    expect(openFilesUnder(directory)).toEqual([]);
  });
});

describe('robust strategies with spilled updates', () => {
  const random = new SeededRandom(5);
  const global = randomAdapter(random, 1);
  // Seven clients, one of them far off, with different numbers of examples (Multi-Krum weighs them).
  const clients = Array.from({ length: 7 }, (_, k) => ({ id: `c${k}`, update: randomAdapter(random, k === 3 ? 10 : 0.1), examples: 1 + ((k * 5) % 9) }));

  const strategies: [string, (spill: SpillSettings) => Strategy][] = [
    ['FedMedian', (spill) => new FedMedian(spill)],
    ['trimmed mean', (spill) => new TrimmedMean(0.2, spill)],
    ['Krum', (spill) => new Krum(1, undefined, spill)],
    ['Multi-Krum', (spill) => new Krum(1, 3, spill)],
  ];

  function aggregate(strategy: Strategy, expectSpillFile: boolean): AggregationResult {
    const aggregation = strategy.beginAggregation(global);
    for (const { id, update, examples } of clients) aggregation.add(id, update, examples);
    expect(existsSync(directory) ? readdirSync(directory) : []).toHaveLength(expectSpillFile ? 1 : 0);
    const result = aggregation.finish();
    expect(readdirSync(directory)).toEqual([]);
    return result;
  }

  it.each(strategies)('%s aggregates spilled updates, a few coordinates at a time, exactly as held ones', (_name, create) => {
    const inMemory = aggregate(create({ memoryBudgetBytes: 1 << 30, directory }), false);
    // Blocks of 4 and 1 coordinates of each update: several blocks per tensor.
    for (const blockCoordinates of [4, 1]) {
      for (const memoryBudgetBytes of [0, 1, 3 * rawByteSize(global)]) {
        const spilled = aggregate(create({ memoryBudgetBytes, directory, blockCoordinates }), true);
        expect(spilled.metrics).toEqual(inMemory.metrics);
        for (const [name, t] of inMemory.adapter) expect([...spilled.adapter.get(name)!.data]).toEqual([...t.data]);
      }
    }
  });

  it.runIf(canListOpenFiles)('deletes the spill file and leaves no file open when the aggregation fails', () => {
    // Multi-Krum keeping every update refuses one without examples, once the updates are spilled.
    const aggregation = new Krum(0, clients.length, { memoryBudgetBytes: 0, directory }).beginAggregation(global);
    clients.forEach(({ id, update }, k) => aggregation.add(id, update, k === 2 ? 0 : 1));
    expect(readdirSync(directory)).toHaveLength(1);
    expect(() => aggregation.finish()).toThrow(/weight/);
    expect(readdirSync(directory)).toEqual([]);
    expect(openFilesUnder(directory)).toEqual([]);
  });

  it('deletes the spill file of a round dropped before it finished when it is disposed of', () => {
    const strategy = new FedMedian({ memoryBudgetBytes: 0, directory });
    const abandoned = strategy.beginAggregation(global);
    abandoned.add('c0', clients[0].update, 1);
    expect(readdirSync(directory)).toHaveLength(1);
    abandoned.dispose?.();
    expect(readdirSync(directory)).toEqual([]);
    const next = strategy.beginAggregation(global);
    next.add('c0', clients[0].update, 1);
    expect(next.finish().metrics.update_norms).toHaveProperty('c0');
    next.dispose?.();
  });

  it('takes its memory budget from the strategy config and spills into the given directory', () => {
    expect(() => strategyConfigSchema.parse({ name: 'krum', memoryBudgetBytes: -1 })).toThrow(/memoryBudgetBytes/);
    expect(() => strategyConfigSchema.parse({ name: 'fedavg', memoryBudgetBytes: 0 })).toThrow(/memoryBudgetBytes/);
    const spillDirectory = join(directory, 'spill');
    for (const name of ['fedmedian', 'trimmedmean', 'krum', 'multikrum'] as const) {
      const aggregation = createStrategy(strategyConfigSchema.parse({ name, memoryBudgetBytes: rawByteSize(global) }), spillDirectory).beginAggregation(global);
      clients.slice(0, 3).forEach(({ id, update, examples }) => aggregation.add(id, update, examples));
      // The first update fits in the budget; the other two are spilled.
      expect(readdirSync(spillDirectory)).toHaveLength(1);
      aggregation.finish();
      expect(readdirSync(spillDirectory)).toEqual([]);
    }
  });
});

describe('a coordinator with a robust strategy', () => {
  const run = coordinatorFixture();

  it('spills the updates under its run directory and removes them once aggregated', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await run.start({ clients: credentials, rounds: 1, strategy: { name: 'fedmedian', memoryBudgetBytes: 0 } });
    const spillDirectory = join(coordinator.runDir, 'spill');
    const sent: { global?: AdapterWeights; updates: AdapterWeights[] } = { updates: [] };
    credentials.forEach((credential, k) =>
      run.connect({
        token: credential.token,
        onTrain: (instruction, global): Message => {
          const random = new SeededRandom(k + 1);
          const update = makeAdapter(
            [...global].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 1e-2) }]),
          );
          sent.global = global;
          sent.updates[k] = update;
          return {
            kind: 'update',
            updateId: `u${k}`,
            round: instruction.round,
            globalDigest: instruction.globalDigest,
            update,
            numExamples: 10,
            trainLoss: 1,
            tokensPerSecond: 1,
            steps: 1,
            durationMs: 1,
          };
        },
      }),
    );
    await coordinator.finished;
    // Created by the first spilled update, emptied when the round was aggregated.
    expect(readdirSync(spillDirectory)).toEqual([]);
    // Global + the median of three updates, coordinate by coordinate.
    const { adapter: saved } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    for (const [name, t] of sent.global!) {
      const expected = t.data.map((g, i) => g + sent.updates.map((u) => u.get(name)!.data[i]).sort((a, b) => a - b)[1]);
      expect([...saved.get(name)!.data]).toEqual([...expected]);
    }
    await coordinator.close();
    expect(existsSync(spillDirectory)).toBe(false);
  });
});
