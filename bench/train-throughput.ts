/**
 * `npm run bench:train`: local LoRA training throughput of fedlora's trainer on each tfjs backend that loads,
 * against a PyTorch script of ours training the same model (same shapes, LoRA targets and rank, batch, sequence
 * length, Adam) on the same machine with all cores, where a python3 with torch is found. Prints tokens/s, the
 * ratio to PyTorch and the top tfjs kernels by time, and writes the figures as JSON (bench-results/train-<time>.json).
 *
 * Each measurement runs in its own process, so that peak memory is that configuration's alone and a backend that
 * runs out of memory is reported instead of ending the benchmark.
 *
 * The webgpu row appears wherever Dawn finds an adapter, named after it (on lavapipe, a software renderer, it shows
 * the backend's exactness and overheads, not a GPU's speed).
 *
 * Environment: FEDLORA_TORCH_PYTHON names the python with torch (default: the first of python3, /usr/bin/python3
 * that imports torch); FEDLORA_TORCH_DEVICE=cuda runs PyTorch on the GPU in fp32 instead of on the CPU;
 * BENCH_TRAIN_MODELS (default tiny,smollm2; also smollm2-batch8, llama-1b) and BENCH_TRAIN_BACKENDS (default
 * webgpu,native-cpu,wasm,cpu) choose what runs. bench/gpu-throughput.sh sets them for a GPU machine.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createTrainer } from '../client/trainer.js';
import { elementCount } from '../shared/lora/adapter.js';
import { packageRoot } from '../shared/infra/package-root.js';
import { initialAdapter, type LoraConfig } from '../shared/lora/lora.js';
import { loraTargets, resolveModel, type LlamaConfig } from '../shared/model/model-config.js';
import { baseWeightShapes } from '../shared/model/llama.js';
import { SeededRandom } from '../shared/infra/random.js';
import { encodeSafetensors } from '../shared/model/safetensors.js';
import { llamaHfConfig, SMOLLM2_135M, writeTokenizer } from '../tools/hf-checkpoint.js';
import type { BackendChoice } from '../shared/model/backend.js';

const run = promisify(execFile);

/** Llama 3.2 1B's shapes (meta-llama/Llama-3.2-1B config.json), with fewer positions: only their tables shrink. */
const LLAMA_1B: LlamaConfig = {
  vocabSize: 128256,
  hiddenSize: 2048,
  intermediateSize: 8192,
  numLayers: 16,
  numHeads: 32,
  numKvHeads: 8,
  headDim: 64,
  rmsNormEps: 1e-5,
  ropeTheta: 500000,
  maxPositionEmbeddings: 4096,
  tieWordEmbeddings: true,
};

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

const LORA: LoraConfig = { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] };
const LEARNING_RATE = 1e-3;

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'tiny',
    batchSize: 8,
    maxSeqLen: 129,
    steps: 10,
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
    // Its 5 GB of float32 weights exceed the wasm heap's 4 GiB, which native-cpu shares.
    skip: new Set(['native-cpu', 'wasm', 'cpu']),
    onRequest: true,
  },
];

const BACKENDS: readonly BackendChoice[] = ['webgpu', 'native-cpu', 'wasm', 'cpu'];

/** A Hugging Face checkpoint directory with the given shapes and seeded random float32 weights. */
function writeRandomCheckpoint(dir: string, config: LlamaConfig): string {
  if (existsSync(join(dir, 'model.safetensors'))) return dir;
  const random = new SeededRandom(1);
  const tensors = baseWeightShapes(config).map(([name, shape]): [string, { shape: number[]; data: Float32Array }] => {
    const data = random.fillNormal(new Float32Array(elementCount(shape)), 0.02);
    if (name.endsWith('norm.weight')) data.fill(1);
    return [name, { shape, data }];
  });
  mkdirSync(dir, { recursive: true });
  writeTokenizer(dir, { addsBos: false });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(llamaHfConfig(config, 'LlamaForCausalLM')));
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors, { format: 'pt' }, 'F32'));
  return dir;
}

/** Lines of random lowercase text, long enough to fill maxSeqLen tokens of a byte-level tokenizer. */
function writeData(path: string, lines: number, chars: number): void {
  const random = new SeededRandom(2);
  const text = () => Array.from({ length: chars }, () => ' abcdefghijklmnopqrstuvwxyz'[Math.floor(random.next() * 27)]).join('');
  writeFileSync(path, Array.from({ length: lines }, () => JSON.stringify({ text: text() })).join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// One measurement (child process)

interface WorkerSpec {
  readonly model: string;
  readonly dataPath: string;
  readonly backend: BackendChoice;
  readonly batchSize: number;
  readonly maxSeqLen: number;
  readonly steps: number;
}

interface KernelTime {
  readonly kernel: string;
  readonly ms: number;
  readonly calls: number;
}

interface WorkerResult {
  readonly backend: string;
  /** The adapter a webgpu backend ran on. */
  readonly gpu?: string;
  readonly loadSeconds: number;
  readonly tokensPerSecond: number;
  readonly firstLoss: number;
  readonly peakRssMb: number;
  readonly topKernels: readonly KernelTime[];
}

async function measure(spec: WorkerSpec): Promise<WorkerResult> {
  const loadStarted = performance.now();
  const trainer = await createTrainer({ model: spec.model, dataPath: spec.dataPath, backend: spec.backend, evalFraction: 0 });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const adapter = initialAdapter(loraTargets(resolveModel(spec.model), LORA.targetModules), LORA.r, 3);
  const params = { batchSize: spec.batchSize, maxSeqLen: spec.maxSeqLen, learningRate: LEARNING_RATE, seed: 4, proximalMu: 0 };
  // The warm-up step also gives the loss every backend must agree on.
  const warmUp = await trainer.train(adapter, LORA, { ...params, localSteps: 1 });
  const timed = await trainer.train(adapter, LORA, { ...params, localSteps: spec.steps });
  const profile = await tf.profile(async () => {
    await trainer.train(adapter, LORA, { ...params, localSteps: 1 });
  });
  const byKernel = new Map<string, KernelTime>();
  for (const kernel of profile.kernels) {
    // A GPU without timestamp queries reports an error object instead of a time.
    const time = await kernel.kernelTimeMs;
    const ms = typeof time === 'number' ? time : 0;
    const seen = byKernel.get(kernel.name) ?? { kernel: kernel.name, ms: 0, calls: 0 };
    byKernel.set(kernel.name, { kernel: kernel.name, ms: seen.ms + ms, calls: seen.calls + 1 });
  }
  trainer.dispose();
  return {
    backend: trainer.backend,
    gpu: trainer.gpu,
    loadSeconds,
    tokensPerSecond: timed.tokensPerSecond,
    firstLoss: warmUp.trainLoss,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    topKernels: [...byKernel.values()].sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
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

async function measureInChild(spec: WorkerSpec): Promise<WorkerResult | { error: string }> {
  try {
    const { stdout } = await run(process.execPath, [fileURLToPath(import.meta.url), '--measure', JSON.stringify(spec)], {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const lines = (stderr ?? message).trim().split('\n');
    return { error: lines.find((line) => /error|abort|memory/i.test(line)) ?? lines.pop() ?? message };
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

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
  const results = [];
  try {
    for (const scenario of scenarios) {
      const model = scenario.prepare(dir);
      const pytorch = torch.python ? await measurePyTorch(torch.python, scenario, torchDevice).catch((error: Error) => ({ error: error.message })) : undefined;
      const reference = pytorch && 'tokensPerSecond' in pytorch ? pytorch.tokensPerSecond : undefined;
      const rows = [];
      for (const backend of backends.filter((b) => !scenario.skip.has(b))) {
        const spec = { model, dataPath, backend, batchSize: scenario.batchSize, maxSeqLen: scenario.maxSeqLen, steps: scenario.steps };
        const result = await measureInChild(spec);
        rows.push({ requested: backend, ...result });
      }
      console.log(`\n${scenario.name}: batch ${scenario.batchSize}, ${scenario.maxSeqLen - 1} positions, ${scenario.steps} timed steps after 1 warm-up`);
      console.log('backend      tokens/s   × PyTorch   first loss   load s   peak RSS MB');
      for (const row of rows) {
        if ('error' in row) {
          console.log(`${row.requested.padEnd(12)} failed: ${row.error}`);
          continue;
        }
        const ratio = reference ? fixed(row.tokensPerSecond / reference, 3) : '–';
        console.log(
          `${row.backend.padEnd(12)} ${fixed(row.tokensPerSecond).padStart(8)}   ${ratio.padStart(9)}   ${fixed(row.firstLoss, 4).padStart(10)}   ${fixed(row.loadSeconds).padStart(6)}   ${fixed(row.peakRssMb, 0).padStart(11)}`,
        );
      }
      if (pytorch && 'tokensPerSecond' in pytorch) {
        const where = torchDevice === 'cpu' ? `${pytorch.layout}, ${pytorch.blas}` : `fp32 on ${pytorch.blas}`;
        console.log(`${'pytorch'.padEnd(12)} ${fixed(pytorch.tokensPerSecond).padStart(8)}   ${'1.000'.padStart(9)}   (torch ${pytorch.torch}, ${where})`);
      } else if (pytorch) {
        console.log(`pytorch      failed: ${pytorch.error}`);
      }
      for (const row of rows) {
        if ('error' in row) continue;
        const kernels = row.topKernels.map((k) => `${k.kernel} ${fixed(k.ms, 0)} ms/${k.calls}`).join(', ');
        console.log(`  top kernels (${row.backend}, one step): ${kernels}`);
      }
      for (const row of rows) if (!('error' in row) && row.gpu) console.log(`  ${row.backend} ran on ${row.gpu}`);
      results.push({ scenario: scenario.name, batchSize: scenario.batchSize, maxSeqLen: scenario.maxSeqLen, pytorchDevice: torchDevice, pytorch, rows });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const file = join(out, `train-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = `${process.platform} ${process.arch}, ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
  await writeFile(file, `${JSON.stringify({ node: process.version, machine, lora: LORA, results }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}

if (process.argv[2] === '--measure') {
  measure(JSON.parse(process.argv[3]) as WorkerSpec).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(`error: ${error.message}`);
      process.exit(1);
    },
  );
} else {
  await main();
}
