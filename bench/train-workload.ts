/**
 * What the training benchmarks share: the model shapes they train, random checkpoints and data of those shapes,
 * and one measurement of fedlora's trainer run in a child process of its own, so that peak memory is that
 * configuration's alone and a configuration that runs out of memory is reported instead of ending the benchmark.
 * Run as `node train-workload.js --measure <spec>`, it is that child.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createTrainer } from '../client/trainer.js';
import { SeededRandom } from '../shared/infra/random.js';
import { elementCount } from '../shared/lora/adapter.js';
import type { LoraConfig } from '../shared/lora/lora.js';
import type { BackendChoice } from '../shared/model/backend.js';
import { baseWeightShapes } from '../shared/model/llama.js';
import { resolveModel, type LlamaConfig } from '../shared/model/model-config.js';
import type { Quantization } from '../shared/model/quantize.js';
import { initialPeftAdapter } from '../shared/model/run-start.js';
import { safetensorsParts } from '../shared/model/safetensors.js';
import { llamaHfConfig, SMOLLM2_135M, writeTokenizer } from '../tools/hf-checkpoint.js';
import { residentBytes } from '../tools/resident-memory.js';

/** Llama 3.2 1B's shapes (meta-llama/Llama-3.2-1B config.json), with fewer positions: only their tables shrink. */
export const LLAMA_1B: LlamaConfig = {
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

export { SMOLLM2_135M };

/** The load average, printed beside every figure: the machine may be busy with other work. */
export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export const LORA: LoraConfig = { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] };
export const LEARNING_RATE = 1e-3;

/**
 * A Hugging Face checkpoint directory with the given shapes and seeded random float32 weights, written tensor by
 * tensor: a 5 GB checkpoint is never held in memory. The header is laid out over placeholders that share one
 * zero-filled buffer per size (never written to, so never resident).
 */
export function writeRandomCheckpoint(dir: string, config: LlamaConfig): string {
  const file = join(dir, 'model.safetensors');
  if (existsSync(file)) return dir;
  const shapes = baseWeightShapes(config);
  const placeholders = new Map<number, Float32Array>();
  const placeholder = (count: number) => placeholders.get(count) ?? placeholders.set(count, new Float32Array(count)).get(count)!;
  const [header] = safetensorsParts(
    shapes.map(([name, shape]) => [name, { shape, data: placeholder(elementCount(shape)) }] as const),
    { format: 'pt' },
    'F32',
  );
  placeholders.clear();
  mkdirSync(dir, { recursive: true });
  writeTokenizer(dir, { addsBos: false });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(llamaHfConfig(config, 'LlamaForCausalLM')));
  const random = new SeededRandom(1);
  const fd = openSync(`${file}.partial`, 'w');
  try {
    writeSync(fd, header);
    for (const [name, shape] of shapes) {
      const data = random.fillNormal(new Float32Array(elementCount(shape)), 0.02);
      if (name.endsWith('norm.weight')) data.fill(1);
      writeSync(fd, new Uint8Array(data.buffer));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.partial`, file);
  return dir;
}

/** Lines of random lowercase text, long enough to fill maxSeqLen tokens of a byte-level tokenizer. */
export function writeData(path: string, lines: number, chars: number): void {
  const random = new SeededRandom(2);
  const text = () => Array.from({ length: chars }, () => ' abcdefghijklmnopqrstuvwxyz'[Math.floor(random.next() * 27)]).join('');
  writeFileSync(path, Array.from({ length: lines }, () => JSON.stringify({ text: text() })).join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// One measurement (child process)

export interface WorkerSpec {
  readonly model: string;
  readonly dataPath: string;
  readonly backend: BackendChoice;
  readonly quantize?: Quantization;
  readonly batchSize: number;
  readonly maxSeqLen: number;
  readonly steps: number;
  /** What the client trains (a PEFT method's adapter config); LORA when absent. */
  readonly lora?: LoraConfig;
  /** False: FEDLORA_FUSED_KERNELS=0, the tfjs compositions instead of a backend's fused kernels (the "before"). */
  readonly fusedKernels?: boolean;
}

interface KernelTime {
  readonly kernel: string;
  readonly ms: number;
  readonly calls: number;
}

export interface WorkerResult {
  readonly backend: string;
  /** The adapter a webgpu backend ran on. */
  readonly gpu?: string;
  readonly loadSeconds: number;
  readonly tokensPerSecond: number;
  readonly firstLoss: number;
  readonly peakRssMb: number;
  /** The values the client trains and sends: the adapter's elements. */
  readonly trainableValues: number;
  /** The peak once the model is loaded, before training. */
  readonly loadPeakRssMb: number;
  /** Where the memory is: once loaded, and the wasm heap's size after training (wasm and native-cpu). */
  readonly memory: MemoryBreakdown;
  readonly topKernels: readonly KernelTime[];
}

export interface MemoryBreakdown {
  /** Resident memory once loaded (not the peak of loading). */
  readonly loadedRssMb: number;
  /** JavaScript ArrayBuffers once loaded: NF4 weights, and read buffers not yet collected. */
  readonly loadedArrayBuffersMb: number;
  readonly loadedWasmHeapMb?: number;
  readonly trainedWasmHeapMb?: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;
/** The wasm heap's size (it only grows): float32 weights and every activation, on wasm and native-cpu. */
const wasmHeapMb = () => {
  const heap = (tf.backend() as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8;
  return heap && mb(heap.length);
};

async function measure(spec: WorkerSpec): Promise<WorkerResult> {
  const loadStarted = performance.now();
  const trainer = await createTrainer({ model: spec.model, dataPath: spec.dataPath, backend: spec.backend, quantize: spec.quantize, evalFraction: 0 });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
  const loadPeakRssMb = peakRssMb();
  const loaded = {
    loadedRssMb: mb(residentBytes(process.pid, 'VmRSS') ?? Number.NaN),
    loadedArrayBuffersMb: mb(process.memoryUsage().arrayBuffers),
    loadedWasmHeapMb: wasmHeapMb(),
  };
  const lora = spec.lora ?? LORA;
  const adapter = await initialPeftAdapter(resolveModel(spec.model), lora, 3);
  const params = { batchSize: spec.batchSize, maxSeqLen: spec.maxSeqLen, learningRate: LEARNING_RATE, seed: 4, proximalMu: 0 };
  // The warm-up step also gives the loss every backend must agree on.
  const warmUp = await trainer.train(adapter, lora, { ...params, localSteps: 1 });
  const timed = await trainer.train(adapter, lora, { ...params, localSteps: spec.steps });
  const profile = await tf.profile(async () => {
    await trainer.train(adapter, lora, { ...params, localSteps: 1 });
  });
  const byKernel = new Map<string, KernelTime>();
  // Kernels only: custom gradients' scopes are listed too, and would count their kernels' time twice.
  for (const kernel of profile.kernels.filter(({ name }) => tf.getKernel(name, tf.getBackend()) !== undefined)) {
    // A GPU without timestamp queries reports an error object instead of a time.
    const time = await kernel.kernelTimeMs;
    const ms = typeof time === 'number' ? time : 0;
    const seen = byKernel.get(kernel.name) ?? { kernel: kernel.name, ms: 0, calls: 0 };
    byKernel.set(kernel.name, { kernel: kernel.name, ms: seen.ms + ms, calls: seen.calls + 1 });
  }
  const memory = { ...loaded, trainedWasmHeapMb: wasmHeapMb() };
  trainer.dispose();
  return {
    backend: trainer.backend,
    gpu: trainer.gpu,
    loadSeconds,
    tokensPerSecond: timed.tokensPerSecond,
    firstLoss: warmUp.trainLoss,
    peakRssMb: peakRssMb(),
    trainableValues: [...adapter.values()].reduce((n, tensor) => n + elementCount(tensor.shape), 0),
    loadPeakRssMb,
    memory,
    topKernels: [...byKernel.values()].sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
}

/** Runs one measurement in a child process; its failure (e.g. out of memory) is returned as the error's line. */
export async function measureInChild(spec: WorkerSpec): Promise<WorkerResult | { error: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), '--measure', JSON.stringify(spec)], {
      maxBuffer: 1 << 20,
      env: { ...process.env, FEDLORA_FUSED_KERNELS: spec.fusedKernels === false ? '0' : '1' },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const lines = (stderr ?? message).trim().split('\n');
    return { error: lines.find((line) => /error|abort|memory/i.test(line)) ?? lines.pop() ?? message };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--measure') {
  measure(JSON.parse(process.argv[3]) as WorkerSpec).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(`error: ${error.message}`);
      process.exit(1);
    },
  );
}
