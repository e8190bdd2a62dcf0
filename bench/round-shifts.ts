/**
 * `npm run bench:shifts`: what explaining a round costs the coordinator on a large adapter, next to what aggregating
 * it costs. A Llama-7B-shaped adapter (32 layers, q/k/v/o of 4096 × 4096, r = 16: 16.8 M values, 64 MiB) and
 * CLIENTS updates stored in a real run store, as a round leaves them before its commit; the figures are the
 * factored ‖ΔW‖ map alone, and the whole computation with every client's norm and cosine read back from disk.
 * Timings are medians of a few repetitions; nothing here asserts a timing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRoundShifts } from '../coordinator/round/round-shifts.js';
import { RunStore } from '../coordinator/store/run-store.js';
import { WeightedMean } from '../coordinator/strategies/weighted-mean.js';
import { makeAdapter, rawByteSize, type AdapterWeights, type TensorData } from '../shared/lora/adapter.js';
import { silentLogger } from '../shared/infra/log.js';
import { SeededRandom } from '../shared/infra/random.js';
import { loraScaling, loraTensorNames, type LoraConfig } from '../shared/lora/lora.js';
import { roundShifts } from '../shared/lora/shifts.js';
import { reportFigures } from './figures.js';

const LAYERS = 32;
const WIDTH = 4096;
const MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
const CLIENTS = 8;
const lora: LoraConfig = { r: 16, alpha: 32, targetModules: MODULES };

function randomAdapter(seed: number, std: number): AdapterWeights {
  const random = new SeededRandom(seed);
  const tensor = (shape: [number, number]): TensorData => ({ shape, data: random.fillNormal(new Float32Array(shape[0] * shape[1]), std) });
  const entries: [string, TensorData][] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const module of MODULES) {
      const names = loraTensorNames(`model.layers.${layer}.self_attn.${module}`);
      entries.push([names.a, tensor([lora.r, WIDTH])], [names.b, tensor([WIDTH, lora.r])]);
    }
  }
  return makeAdapter(entries);
}

async function medianMs(work: () => unknown, repetitions = 3): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[repetitions >> 1];
}

const previous = randomAdapter(1, 0.01);
const next = randomAdapter(2, 0.01);
const updates = Array.from({ length: CLIENTS }, (_, k) => randomAdapter(10 + k, 0.001));
const runDir = await mkdtemp(join(tmpdir(), 'fedlora-bench-shifts-'));
const store = await RunStore.open(runDir, { model: 'bench', modelFingerprint: 'bench', strategy: 'fedavg', lora }, 'bench', silentLogger());
try {
  await store.openRound({ round: 1, attempt: 1, sampled: updates.map((_, k) => `c${k}`), globalDigest: 'd', seed: 1, startedAt: new Date().toISOString() });
  for (const [k, adapter] of updates.entries()) {
    await store.saveAcceptedUpdate(1, { clientId: `c${k}`, updateId: `u${k}`, numExamples: 10, trainLoss: 1, tokensPerSecond: 1, bytesUp: 0, adapter });
  }
  const aggregateMs = await medianMs(() => {
    const mean = new WeightedMean(previous);
    for (const update of updates) mean.add(update, 10);
    return mean.mean();
  });
  const mapMs = await medianMs(() => [...roundShifts(previous, next, loraScaling(lora))]);
  const wholeMs = await medianMs(() => computeRoundShifts(1, previous, next, lora, { missing: 'bench' }, { updates: store.acceptedUpdates() }));
  const megabytes = rawByteSize(previous) / 2 ** 20;
  process.stdout.write(
    `adapter: ${LAYERS} layers × ${MODULES.length} modules of ${WIDTH} × ${WIDTH}, r = ${lora.r}: ${megabytes.toFixed(0)} MiB; ${CLIENTS} client updates\n`,
  );
  await reportFigures(
    [
      {
        name: 'shifts: ‖ΔW‖ map (factored)',
        value: mapMs,
        unit: 'ms',
        baseline: aggregateMs,
        ratio: mapMs / aggregateMs,
        target: 'baseline: FedAvg of the round',
      },
      {
        name: `shifts: map + ${CLIENTS} clients from disk`,
        value: wholeMs,
        unit: 'ms',
        baseline: aggregateMs,
        ratio: wholeMs / aggregateMs,
        target: 'baseline: FedAvg of the round',
      },
    ],
    { benchmark: 'round-shifts', adapter_mib: megabytes, clients: CLIENTS },
  );
} finally {
  store.close();
  await rm(runDir, { recursive: true, force: true });
}
