/**
 * `npm run bench:coordinator` (the first part of `npm run bench`): measures the wire codec and aggregation against plain baselines measured in the same run,
 * then the coordinator's memory and its rounds with many clients (coordinator-scale.ts), prints a table of
 * ratios and writes the figures as JSON (bench-results/<time>.json) for later comparison.
 * Timings are medians of several repetitions; nothing here asserts a timing.
 */
import { makeAdapter, rawByteSize, type AdapterWeights } from '../shared/lora/adapter.js';
import { decodeMessage, encodeMessage } from '../shared/wire/protocol.js';
import type { Message } from '../shared/wire/messages.js';
import { SeededRandom } from '../shared/infra/random.js';
import { WeightedMean } from '../coordinator/strategies/weighted-mean.js';
import { encodeAdapterAs } from '../shared/wire/update-encoding.js';
import { coordinatorBenchmarks } from './coordinator-scale.js';
import { reportFigures, type Figure } from './figures.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Median wall time in ms of `repetitions` runs of `work` (after one warm-up run). */
function time(work: () => void, repetitions = 5): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** An adapter of about `megabytes` MB in `tensors` LoRA-like tensors. */
function syntheticAdapter(megabytes: number, tensors: number, seed: number): AdapterWeights {
  const perTensor = Math.floor((megabytes * 1024 * 1024) / 4 / tensors);
  const random = new SeededRandom(seed);
  return makeAdapter(
    Array.from({ length: tensors }, (_, i) => {
      const data = new Float32Array(perTensor);
      for (let j = 0; j < data.length; j += 97) data[j] = random.normal() * 1e-3;
      return [`base_model.model.model.layers.${i >> 1}.self_attn.${i % 2 ? 'v' : 'q'}_proj.lora_${i % 4 < 2 ? 'A' : 'B'}.weight`, { shape: [perTensor], data }];
    }),
  );
}

function updateMessage(update: AdapterWeights): Message {
  return {
    kind: 'update',
    updateId: 'bench',
    round: 1,
    globalDigest: 'd'.repeat(64),
    update,
    numExamples: 100,
    trainLoss: 1,
    tokensPerSecond: 1,
    steps: 1,
    durationMs: 1,
  };
}

function codecFigures(): Figure[] {
  const update = syntheticAdapter(50, 64, 1);
  const raw = rawByteSize(update);
  // The baseline is what any encoder must at least do: copy the bytes into a new buffer.
  const source = new Uint8Array(raw).fill(1);
  const copyMs = time(() => source.slice());
  let encoded: Uint8Array = new Uint8Array(0);
  const encodeMs = time(() => {
    encoded = encodeMessage(updateMessage(update));
  });
  const decodeMs = time(() => {
    decodeMessage(encoded);
  });
  const mbps = (ms: number): number => raw / 1024 / 1024 / (ms / 1000);
  return [
    {
      name: 'encode 50 MB update (fp32)',
      value: mbps(encodeMs),
      unit: 'MB/s',
      baseline: mbps(copyMs),
      ratio: copyMs / encodeMs,
      target: '>= 0.33 of memory copy',
    },
    {
      name: 'decode 50 MB update (fp32)',
      value: mbps(decodeMs),
      unit: 'MB/s',
      baseline: mbps(copyMs),
      ratio: copyMs / decodeMs,
      target: '>= 0.33 of memory copy',
    },
    {
      name: 'wire bytes / raw tensor bytes (fp32)',
      value: encoded.byteLength,
      unit: 'bytes',
      baseline: raw,
      ratio: encoded.byteLength / raw,
      target: '< 1.01',
    },
    ...(['fp16', 'bf16', 'int8'] as const).map((encoding): Figure => {
      const wire = encodeAdapterAs(update, encoding, new SeededRandom(1));
      const bytes = encodeMessage({ ...updateMessage(update), wireUpdate: wire } as Message).byteLength;
      return {
        name: `wire bytes / raw fp32 bytes (${encoding})`,
        value: bytes,
        unit: 'bytes',
        baseline: raw,
        ratio: bytes / raw,
        target: encoding === 'int8' ? '<= 0.27' : '~0.5',
      };
    }),
  ];
}

function aggregationFigures(): Figure[] {
  const figures: Figure[] = [];
  const layout = syntheticAdapter(4, 16, 2);
  const elements = rawByteSize(layout) / 4;
  for (const clients of [10, 100]) {
    const updates = Array.from({ length: clients }, (_, k) => syntheticAdapter(4, 16, 100 + (k % 10)));
    const fedavgMs = time(() => {
      const mean = new WeightedMean(layout);
      for (const update of updates) mean.add(update, 10);
      mean.mean();
    }, 3);
    // The plain loop: one flat accumulator, a[i] += w * b[i] over every tensor of every update.
    const flat = updates.map((u) => [...u.values()].map((t) => t.data));
    const plainMs = time(() => {
      const sums = [...layout.values()].map((t) => new Float32Array(t.data.length));
      for (const tensors of flat) {
        for (let t = 0; t < tensors.length; t++) {
          const a = sums[t];
          const b = tensors[t];
          for (let i = 0; i < a.length; i++) a[i] += 10 * b[i];
        }
      }
    }, 3);
    const throughput = (ms: number): number => (clients * elements) / (ms / 1000) / 1e6;
    figures.push({
      name: `FedAvg over ${clients} updates of 4 MB`,
      value: throughput(fedavgMs),
      unit: 'M elements/s',
      baseline: throughput(plainMs),
      ratio: plainMs / fedavgMs,
      target: '>= 0.5 of the plain loop',
    });
  }
  return figures;
}

const benchmarks: Record<string, () => Figure[] | Promise<Figure[]>> = { codec: codecFigures, aggregation: aggregationFigures, ...coordinatorBenchmarks };

/** Runs the benchmarks named on the command line (all by default), printing each one's figures as it finishes. */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose among ${Object.keys(benchmarks).join(', ')}`);
  const started = performance.now();
  const figures: Figure[] = [];
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
    const partStarted = performance.now();
    const part = await benchmarks[name]();
    process.stderr.write(
      `${name}: ${part.length} figures in ${Math.round((performance.now() - partStarted) / 1000)} s\n${part.map((f) => `  ${f.name}: ${f.value.toFixed(3)} ${f.unit} (ratio ${f.ratio.toFixed(3)})`).join('\n')}\n`,
    );
    figures.push(...part);
  }
  await reportFigures(figures, { duration_s: Math.round((performance.now() - started) / 1000) });
}

await main();
