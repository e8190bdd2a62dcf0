/**
 * `npm run bench:train`: local LoRA training throughput of fedlora's trainer on each tfjs backend that loads,
 * against a PyTorch script of ours training the same model (same shapes, LoRA targets and rank, batch, sequence
 * length, Adam) on the same machine with all cores, where a python3 with torch is found. Prints tokens/s, the
 * ratio to PyTorch, the training GFLOP/s (bench/train-flops.ts) against the addon's own 1024³ SGEMM rate measured
 * in the same run, each side's peak RSS, native-cpu with FEDLORA_FUSED_KERNELS=0 (the tfjs compositions) and with
 * its fused kernels as rows of a before/after table, and the top tfjs kernels by time of each row; and writes the
 * figures as JSON (bench-results/train-<time>.json).
 *
 * Each measurement runs in its own process (bench/train-workload.ts), so that peak memory is that configuration's
 * alone and a backend that runs out of memory is reported instead of ending the benchmark.
 *
 * The webgpu row appears wherever Dawn finds an adapter, named after it (on lavapipe, a software renderer, it shows
 * the backend's exactness and overheads, not a GPU's speed).
 *
 * Environment: BENCH_TRAIN_RUNS (default 3) is how many runs of each native-cpu configuration the fastest is taken
 * from; FEDLORA_TORCH_PYTHON names the python with torch (default: the first of python3, /usr/bin/python3
 * that imports torch); FEDLORA_TORCH_DEVICE=cuda runs PyTorch on the GPU in fp32 instead of on the CPU;
 * BENCH_TRAIN_MODELS (default tiny,smollm2; also smollm2-batch8, llama-1b) and BENCH_TRAIN_BACKENDS (default
 * webgpu,native-cpu,wasm,cpu) choose what runs. bench/gpu-throughput.sh sets them for a GPU machine.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../shared/infra/package-root.js';
import { resolveModel, type LlamaConfig } from '../shared/model/model-config.js';
import type { BackendChoice } from '../shared/model/backend.js';
import { NATIVE_CPU_BACKEND } from '../shared/model/native-cpu-backend.js';
import { sgemmRate, trainingStepFlops } from './train-flops.js';
import { LEARNING_RATE, LLAMA_1B, LORA, measureInChild, SMOLLM2_135M, type WorkerResult, writeData, writeRandomCheckpoint } from './train-workload.js';

const run = promisify(execFile);

interface Scenario {
  readonly name: string;
  readonly batchSize: number;
  /** Sequences of maxSeqLen tokens give maxSeqLen − 1 input positions. */
  readonly maxSeqLen: number;
  readonly steps: number;
  /** The model id for the trainer: built-in, or a checkpoint directory written by prepare(). */
  prepare(dir: string): string;
  /** The shapes for the PyTorch script. */
  readonly config: LlamaConfig;
  /** Backends too slow to measure at this size in reasonable time, or that cannot hold the model. */
  readonly skip: ReadonlySet<string>;
  /** Measured only when BENCH_TRAIN_MODELS names it (sizes for a GPU machine). */
  readonly onRequest?: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'tiny',
    batchSize: 8,
    maxSeqLen: 129,
    steps: 30,
    prepare: () => 'builtin:tiny',
    config: resolveModel('builtin:tiny').config as LlamaConfig,
    skip: new Set(),
  },
  {
    name: 'smollm2',
    batchSize: 1,
    maxSeqLen: 256,
    steps: 2,
    prepare: (dir) => writeRandomCheckpoint(join(dir, 'smollm2-135m-shapes'), SMOLLM2_135M),
    config: SMOLLM2_135M,
    // The JavaScript cpu backend would take hours per step at this size.
    skip: new Set(['cpu']),
  },
  {
    name: 'smollm2-batch8',
    batchSize: 8,
    maxSeqLen: 257,
    steps: 2,
    prepare: (dir) => writeRandomCheckpoint(join(dir, 'smollm2-135m-shapes'), SMOLLM2_135M),
    config: SMOLLM2_135M,
    skip: new Set(['cpu', 'wasm']),
    onRequest: true,
  },
  {
    name: 'llama-1b',
    batchSize: 1,
    maxSeqLen: 513,
    steps: 2,
    prepare: (dir) => writeRandomCheckpoint(join(dir, 'llama-1b-shapes'), LLAMA_1B),
    config: LLAMA_1B,
    // Its 5 GB of float32 weights exceed the wasm heap's 4 GiB; native-cpu holds its projections packed outside it.
    skip: new Set(['wasm', 'cpu']),
    onRequest: true,
  },
];

const BACKENDS: readonly BackendChoice[] = ['webgpu', 'native-cpu', 'wasm', 'cpu'];

/**
 * Runs of each native-cpu configuration, of which the fastest is reported, as PyTorch's is the fastest of its three
 * thread layouts: on a shared machine a single run can lose a third of its speed to a neighbour.
 */
const NATIVE_RUNS = Number(process.env.BENCH_TRAIN_RUNS ?? 3);

/** The fastest of `runs` measurements, or the first failure when none succeeded. */
async function fastestOf(runs: number, measure: () => Promise<WorkerResult | { error: string }>): Promise<WorkerResult | { error: string }> {
  const results = [];
  for (let i = 0; i < Math.max(1, runs); i++) results.push(await measure());
  const succeeded = results.filter((result): result is WorkerResult => !('error' in result));
  return succeeded.sort((a, b) => b.tokensPerSecond - a.tokensPerSecond)[0] ?? results[0];
}

// ---------------------------------------------------------------------------------------------------------
// The run (parent process)

/** The python that imports torch: FEDLORA_TORCH_PYTHON, else the first candidate that does. */
function findTorchPython(): { python?: string; note: string } {
  const candidates = process.env.FEDLORA_TORCH_PYTHON ? [process.env.FEDLORA_TORCH_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return { python, note: `PyTorch from ${python}` };
  }
  return { note: `no python with torch among ${candidates.join(', ')}: set FEDLORA_TORCH_PYTHON, or install python3-torch and libopenblas0-pthread (Debian)` };
}

interface PyTorchResult {
  readonly tokensPerSecond: number;
  readonly threads: number;
  readonly torch: string;
  readonly blas: string;
  /** The thread layout that was fastest. */
  readonly layout: string;
  readonly peakRssMb: number;
}

/**
 * The fastest of three thread layouts, all using every core: OpenBLAS's own threads beside torch's intra-op threads
 * (the default); OpenBLAS on one thread and torch's threads doing the parallel work; torch on one thread and
 * OpenBLAS's threads parallelising the matrix products. On a busy machine OpenMP's spinning barriers can make the
 * default several times slower than the others.
 */
async function measurePyTorch(python: string, scenario: Scenario, device: string): Promise<PyTorchResult> {
  const spec = {
    device,
    config: scenario.config,
    r: LORA.r,
    alpha: LORA.alpha,
    targets: LORA.targetModules,
    learningRate: LEARNING_RATE,
    batchSize: scenario.batchSize,
    seqLen: scenario.maxSeqLen - 1,
    warmupSteps: 1,
    steps: scenario.steps,
  };
  const script = join(packageRoot(), 'bench', 'train_throughput.py');
  const cores = String(cpus().length);
  const layouts = [
    { layout: 'torch and OpenBLAS threads', torchThreads: cores, openblasThreads: undefined },
    { layout: 'torch threads, OpenBLAS 1 thread', torchThreads: cores, openblasThreads: '1' },
    { layout: 'torch 1 thread, OpenBLAS threads', torchThreads: '1', openblasThreads: cores },
  ];
  let best: PyTorchResult | undefined;
  // On a GPU the CPU threads hardly matter: one layout.
  for (const { layout, torchThreads, openblasThreads } of device === 'cpu' ? layouts : layouts.slice(0, 1)) {
    const env = openblasThreads ? { ...process.env, OPENBLAS_NUM_THREADS: openblasThreads } : process.env;
    const { stdout } = await run(python, [script, JSON.stringify({ ...spec, torchThreads: Number(torchThreads) })], { env, maxBuffer: 1 << 20 });
    const result = { ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<PyTorchResult, 'layout'>), layout };
    if (!best || result.tokensPerSecond > best.tokensPerSecond) best = result;
  }
  return best!;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The addon's 1024³ rate, or why it could not be measured. */
function sgemmRateOrError(): number | string {
  try {
    return sgemmRate();
  } catch (error) {
    return (error as Error).message;
  }
}

type Row = { requested: string; fusedKernels: boolean } & (WorkerResult | { error: string });

/** native-cpu with FEDLORA_FUSED_KERNELS=0 (the compositions) against its fused kernels, scenario by scenario. */
function printBeforeAfter(results: readonly { scenario: string; rows: readonly Row[] }[]): void {
  const lines = results.flatMap(({ scenario, rows }) => {
    const [before, after] = [false, true].map((fused) => rows.find((row) => row.requested === NATIVE_CPU_BACKEND && row.fusedKernels === fused));
    if (!before || !after || 'error' in before || 'error' in after) return [];
    const speed = `${fixed(before.tokensPerSecond)} → ${fixed(after.tokensPerSecond)} (×${fixed(after.tokensPerSecond / before.tokensPerSecond, 2)})`;
    return [`${scenario.padEnd(16)} ${speed.padEnd(28)} ${fixed(before.peakRssMb, 0)} → ${fixed(after.peakRssMb, 0)}`];
  });
  if (lines.length === 0) return;
  console.log('\nnative-cpu before/after (FEDLORA_FUSED_KERNELS=0 → fused kernels)');
  console.log(`${'scenario'.padEnd(16)} ${'tokens/s'.padEnd(28)} peak RSS MB`);
  for (const line of lines) console.log(line);
}

async function main(): Promise<void> {
  const selected = (variable: string, all: readonly string[]) => (process.env[variable]?.split(',') ?? all).filter((x) => all.includes(x));
  const defaultModels = SCENARIOS.filter((s) => !s.onRequest).map((s) => s.name);
  const scenarios = SCENARIOS.filter((s) => (process.env.BENCH_TRAIN_MODELS?.split(',') ?? defaultModels).includes(s.name));
  const torchDevice = process.env.FEDLORA_TORCH_DEVICE ?? 'cpu';
  const backends = selected('BENCH_TRAIN_BACKENDS', BACKENDS) as BackendChoice[];
  const torch = findTorchPython();
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${torch.note} on ${torchDevice}; LoRA r=${LORA.r} alpha=${LORA.alpha} on ${LORA.targetModules.join(',')}, Adam lr ${LEARNING_RATE}`);
  const out = join(process.cwd(), 'bench-results');
  await mkdir(out, { recursive: true });
  // Scratch space (a 540 MB checkpoint) beside the results rather than in a shared temporary directory.
  const dir = mkdtempSync(join(out, 'train-scratch-'));
  const dataPath = join(dir, 'data.jsonl');
  writeData(dataPath, 64, 600);
  // The addon's own rate on a plain 1024³ product, the yardstick of the training rates below.
  const sgemm = backends.includes(NATIVE_CPU_BACKEND) ? sgemmRateOrError() : undefined;
  if (sgemm) console.log(typeof sgemm === 'number' ? `addon SGEMM 1024³: ${fixed(sgemm)} GFLOP/s` : `addon SGEMM: ${sgemm}`);
  const results = [];
  try {
    for (const scenario of scenarios) {
      const model = scenario.prepare(dir);
      const pytorch = torch.python ? await measurePyTorch(torch.python, scenario, torchDevice).catch((error: Error) => ({ error: error.message })) : undefined;
      const reference = pytorch && 'tokensPerSecond' in pytorch ? pytorch : undefined;
      const rows = [];
      for (const backend of backends.filter((b) => !scenario.skip.has(b))) {
        // A backend with fused kernels is measured with them off too: the before/after of those kernels.
        for (const fusedKernels of backend === NATIVE_CPU_BACKEND ? [false, true] : [true]) {
          const spec = { model, dataPath, backend, batchSize: scenario.batchSize, maxSeqLen: scenario.maxSeqLen, steps: scenario.steps, fusedKernels };
          const runs = backend === NATIVE_CPU_BACKEND ? NATIVE_RUNS : 1;
          rows.push({ requested: backend, fusedKernels, ...(await fastestOf(runs, () => measureInChild(spec))) });
        }
      }
      const flops = trainingStepFlops(scenario.config, scenario.batchSize, scenario.maxSeqLen - 1, LORA);
      const gflops = (tokensPerSecond: number) => (flops * tokensPerSecond) / (scenario.batchSize * (scenario.maxSeqLen - 1)) / 1e9;
      console.log(
        `\n${scenario.name}: batch ${scenario.batchSize}, ${scenario.maxSeqLen - 1} positions, ${scenario.steps} timed steps after 1 warm-up; native-cpu the fastest of ${NATIVE_RUNS} runs`,
      );
      console.log(`${fixed(flops / 1e9)} GFLOP per step (trainingStepFlops: forward, input gradients, LoRA weight gradients)`);
      console.log('backend      kernels        tokens/s   × PyTorch   GFLOP/s   first loss   load s   peak RSS MB');
      for (const row of rows) {
        const kernels = row.fusedKernels ? 'fused' : 'compositions';
        if ('error' in row) {
          console.log(`${row.requested.padEnd(12)} ${kernels.padEnd(12)}   failed: ${row.error}`);
          continue;
        }
        const ratio = reference ? fixed(row.tokensPerSecond / reference.tokensPerSecond, 3) : '–';
        console.log(
          `${row.backend.padEnd(12)} ${kernels.padEnd(12)}   ${fixed(row.tokensPerSecond).padStart(8)}   ${ratio.padStart(9)}   ${fixed(gflops(row.tokensPerSecond)).padStart(7)}   ${fixed(row.firstLoss, 4).padStart(10)}   ${fixed(row.loadSeconds).padStart(6)}   ${fixed(row.peakRssMb, 0).padStart(11)}`,
        );
      }
      if (reference) {
        const where = torchDevice === 'cpu' ? `${reference.layout}, ${reference.blas}` : `fp32 on ${reference.blas}`;
        console.log(
          `${'pytorch'.padEnd(12)} ${''.padEnd(12)}   ${fixed(reference.tokensPerSecond).padStart(8)}   ${'1.000'.padStart(9)}   ${fixed(gflops(reference.tokensPerSecond)).padStart(7)}   ${''.padStart(10)}   ${''.padStart(6)}   ${fixed(reference.peakRssMb, 0).padStart(11)}   (torch ${reference.torch}, ${where})`,
        );
      } else if (pytorch && 'error' in pytorch) {
        console.log(`pytorch      failed: ${pytorch.error}`);
      }
      for (const row of rows) {
        if ('error' in row) continue;
        const kernels = row.topKernels.map((k) => `${k.kernel} ${fixed(k.ms, 0)} ms/${k.calls}`).join(', ');
        console.log(`  top kernels (${row.backend}, ${row.fusedKernels ? 'fused' : 'compositions'}, one step): ${kernels}`);
      }
      for (const row of rows) if (!('error' in row) && row.gpu) console.log(`  ${row.backend} ran on ${row.gpu}`);
      const native = rows.find((row) => row.requested === NATIVE_CPU_BACKEND && row.fusedKernels);
      if (native && !('error' in native)) {
        const versus = reference ? `native-cpu / PyTorch tokens/s ${fixed(native.tokensPerSecond / reference.tokensPerSecond, 3)}, ` : '';
        const ofSgemm = typeof sgemm === 'number' ? ` = ${fixed((100 * gflops(native.tokensPerSecond)) / sgemm, 0)}% of the addon's 1024³ SGEMM rate` : '';
        const memory = reference ? `, peak RSS ${fixed(native.peakRssMb, 0)} MB against PyTorch's ${fixed(reference.peakRssMb, 0)} MB` : '';
        console.log(`  ${versus}native-cpu ${fixed(gflops(native.tokensPerSecond))} GFLOP/s${ofSgemm}${memory}`);
      }
      results.push({
        scenario: scenario.name,
        batchSize: scenario.batchSize,
        maxSeqLen: scenario.maxSeqLen,
        flopsPerStep: flops,
        pytorchDevice: torchDevice,
        pytorch,
        rows,
      });
    }
    printBeforeAfter(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const file = join(out, `train-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = `${process.platform} ${process.arch}, ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
  await writeFile(file, `${JSON.stringify({ node: process.version, machine, sgemmGflops: sgemm, lora: LORA, results }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}

await main();
