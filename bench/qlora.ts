/**
 * `npm run bench:qlora`: what `--quantize nf4` buys a client. Peak resident memory and training tokens/s of a client
 * training SmolLM2-135M's shapes and a 1B-class Llama's (Llama 3.2 1B) with its base model in float32, in NF4 and
 * in NF4 with double quantisation, on native-cpu. A few steps each, every measurement in its own process
 * (bench/train-workload.ts); the machine's load is printed beside each row, since a busy machine moves tokens/s.
 *
 * The float32 1B client trains on native-cpu too: its decoder projections are packed outside the 4 GiB wasm heap,
 * which holds the 1 GB of tied embeddings and the activations.
 *
 * Environment: BENCH_QLORA_MODELS (default smollm2,llama-1b) chooses the shapes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LlamaConfig } from '../shared/model/model-config.js';
import type { Quantization } from '../shared/model/quantize.js';
import { LLAMA_1B, LORA, loadAverage, measureInChild, SMOLLM2_135M, type WorkerSpec, writeData, writeRandomCheckpoint } from './train-workload.js';

interface Variant {
  readonly quantize?: Quantization;
  readonly backend: WorkerSpec['backend'];
}

interface Scenario {
  readonly name: string;
  readonly config: LlamaConfig;
  readonly batchSize: number;
  readonly maxSeqLen: number;
  readonly steps: number;
  /** The float32 client first: the others are compared with it. */
  readonly variants: readonly Variant[];
}

const QUANTIZED: readonly Variant[] = [
  { quantize: 'nf4', backend: 'native-cpu' },
  { quantize: 'nf4-dq', backend: 'native-cpu' },
];

const SCENARIOS: readonly Scenario[] = [
  { name: 'smollm2', config: SMOLLM2_135M, batchSize: 1, maxSeqLen: 129, steps: 2, variants: [{ backend: 'native-cpu' }, ...QUANTIZED] },
  // Loading and quantising 1.2 billion weights takes minutes on a small machine: NF4 only, no second NF4 variant.
  { name: 'llama-1b', config: LLAMA_1B, batchSize: 1, maxSeqLen: 65, steps: 1, variants: [{ backend: 'native-cpu' }, QUANTIZED[0]] },
];

/** The targets of the QLoRA work: NF4's peak against full for the 1B shape, and its speed against full. */
const MEMORY_TARGET = 0.4;
const SPEED_TARGET = 0.7;

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

async function main(): Promise<void> {
  const names = process.env.BENCH_QLORA_MODELS?.split(',') ?? SCENARIOS.map((s) => s.name);
  console.log(`${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadAverage()}`);
  console.log(`LoRA r=${LORA.r} alpha=${LORA.alpha} on ${LORA.targetModules.join(',')}; every decoder projection quantised in the NF4 rows`);
  const out = join(process.cwd(), 'bench-results');
  await mkdir(out, { recursive: true });
  const dir = mkdtempSync(join(out, 'qlora-scratch-'));
  const dataPath = join(dir, 'data.jsonl');
  writeData(dataPath, 16, 600);
  const results = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => names.includes(s.name))) {
      const model = writeRandomCheckpoint(join(dir, scenario.name), scenario.config);
      const rows = [];
      for (const variant of scenario.variants) {
        const loadBefore = loadAverage();
        const spec: WorkerSpec = { model, dataPath, batchSize: scenario.batchSize, maxSeqLen: scenario.maxSeqLen, steps: scenario.steps, ...variant };
        rows.push({
          variant: variant.quantize ?? 'fp32',
          loadBefore,
          ...(await measureInChild(spec)),
          loadAfter: loadAverage(),
        });
      }
      console.log(`\n${scenario.name}: batch ${scenario.batchSize}, ${scenario.maxSeqLen - 1} positions, ${scenario.steps} timed steps after 1 warm-up`);
      console.log('weights   backend      tokens/s   × fp32   peak RSS MB   × fp32   after loading MB   load s   first loss   load average before → after');
      const full = rows[0];
      const ratio = (value: number | undefined, reference: number | undefined) => (value && reference ? fixed(value / reference, 2) : '–');
      for (const row of rows) {
        if ('error' in row) {
          console.log(`${row.variant.padEnd(9)} failed: ${row.error}`);
          continue;
        }
        const fullRow = 'error' in full ? undefined : full;
        console.log(
          `${row.variant.padEnd(9)} ${row.backend.padEnd(12)} ${fixed(row.tokensPerSecond).padStart(8)}   ${ratio(row.tokensPerSecond, fullRow?.tokensPerSecond).padStart(6)}   ` +
            `${fixed(row.peakRssMb, 0).padStart(11)}   ${ratio(row.peakRssMb, fullRow?.peakRssMb).padStart(6)}   ${fixed(row.loadPeakRssMb, 0).padStart(16)}   ${fixed(row.loadSeconds).padStart(6)}   ${fixed(row.firstLoss, 4).padStart(10)}   ${row.loadBefore} → ${row.loadAfter}`,
        );
        const { loadedRssMb, loadedArrayBuffersMb, loadedWasmHeapMb, trainedWasmHeapMb } = row.memory;
        console.log(
          `          once loaded: RSS ${fixed(loadedRssMb, 0)} MB, of which JS buffers ${fixed(loadedArrayBuffersMb, 0)} MB, wasm heap ${fixed(loadedWasmHeapMb ?? Number.NaN, 0)} MB; ` +
            `wasm heap after training ${fixed(trainedWasmHeapMb ?? Number.NaN, 0)} MB`,
        );
      }
      results.push({ scenario: scenario.name, batchSize: scenario.batchSize, maxSeqLen: scenario.maxSeqLen, steps: scenario.steps, rows });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\ntargets: NF4 peak ≤ ${MEMORY_TARGET}× the full client's for llama-1b; NF4 tokens/s ≥ ${SPEED_TARGET}× full on native-cpu`);
  const file = join(out, `qlora-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = `${process.platform} ${process.arch}, ${cpus().length} cores, load average ${loadAverage()}`;
  await writeFile(file, `${JSON.stringify({ node: process.version, machine, lora: LORA, results }, null, 2)}\n`);
  console.log(`written to ${file}`);
}

await main();
