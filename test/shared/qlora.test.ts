/**
 * QLoRA (`--quantize nf4`): the NF4 matrix product and its gradient against plain float64 products of the
 * dequantised weight, the native-cpu kernel against the portable dequantise-then-multiply path, the losses of
 * quantised models against reference models built from the dequantised weights, and a run mixing a quantised and
 * a full client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulate } from '../../cli/simulate.js';
import { type Example, loadExamples, makeBatch } from '../../client/data.js';
import { accumulatedGradients, heldOutLoss } from '../../client/trainer.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { selectBackend } from '../../shared/model/backend.js';
import { adapterConfig } from '../../shared/lora/lora.js';
import { peftSpecSchema } from '../../shared/lora/peft-method.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { initialPeftAdapter } from '../../shared/model/run-start.js';
import type { BaseWeight, CausalLM } from '../../shared/model/causal-lm.js';
import { Gpt2Model, gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { LlamaModel, seededBaseWeights } from '../../shared/model/llama.js';
import { LlavaModel, seededLlavaWeights } from '../../shared/model/llava.js';
import { loadModel, loadTokenizer } from '../../shared/model/load.js';
import {
  loraTargets,
  resolveModel,
  textModelConfig,
  type Gpt2Descriptor,
  type LlamaDescriptor,
  type LlavaDescriptor,
  type ModelDescriptor,
} from '../../shared/model/model-config.js';
import type { CpuKernels } from '../../shared/model/cpu-kernels.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { Nf4Tensor, quantizeNf4 } from '../../shared/model/nf4.js';
import { assertWebGpuHealthy, uploadWeight, WEBGPU_BACKEND } from '../../shared/model/webgpu-backend.js';
import { dequantizedMatMul, nf4MatMul } from '../../shared/model/nf4-matmul.js';
import { type Quantization, quantizedWeightNames } from '../../shared/model/quantize.js';
import { gpt2HfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();
/**
 * The backends the NF4 product runs on here: the fused kernel where the addon loaded, and the portable path on wasm
 * and on webgpu (lavapipe on a machine without a GPU), unless FEDLORA_WEBGPU_TESTS=off says there is no GPU stack.
 */
const BACKENDS = [...(kernels ? [NATIVE_CPU_BACKEND] : []), 'wasm', ...(process.env.FEDLORA_WEBGPU_TESTS === 'off' ? [] : [WEBGPU_BACKEND])];

const logger = silentLogger();
const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'fedlora-qlora-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function normal(count: number, seed: number, std = 1): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(count), std);
}

/** out[m, n] = x[m, k] · op(w) in float64, op(w) = wᵀ for w [n, k] when transposed, else w [k, n]. */
function referenceProduct(x: Float32Array, w: Float32Array, m: number, k: number, n: number, transposed: boolean): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += x[i * k + p] * (transposed ? w[j * k + p] : w[p * n + j]);
      out[i * n + j] = sum;
    }
  }
  return out;
}

// [m, rows, cols]: the weight is [rows, cols]; sizes around the SGEMM's blocks (MR 6, NR 16, KC 256, MC 120), the
// WGSL kernel's tiles (32) and NF4's blocks (64 values, 256 nested scales), with partial blocks; and an empty weight.
const SHAPES: [number, number, number][] = [
  [2, 3, 0],
  [1, 1, 64],
  [5, 17, 33],
  [7, 70, 130],
  [130, 40, 300],
  [9, 300, 257],
];
const CASES = SHAPES.flatMap((shape) => [true, false].flatMap((transposed) => [false, true].map((nested) => [...shape, transposed, nested] as const)));

describe.each(BACKENDS)('the NF4 product on %s', (backend) => {
  it.each(CASES)('x[%i] with W[%i, %i] (transposed %s, nested scales %s) equals x · op(dequantised W)', async (m, rows, cols, transposed, nested) => {
    await selectBackend(backend as 'wasm', logger);
    const weight = quantizeNf4(normal(rows * cols, 1, 0.05), [rows, cols], nested);
    const k = transposed ? cols : rows;
    const n = transposed ? rows : cols;
    const x = normal(m * k, 2);
    const fused = kernels && vi.spyOn(kernels, 'nf4MatMul');
    const dequantized = vi.spyOn(weight, 'dequantize');
    const product = tf.tidy(() => nf4MatMul(tf.tensor2d(x, [m, k]), weight, transposed));
    expect(product.shape).toEqual([m, n]);
    const actual = await product.data();
    // A GPU reports invalid work (an empty binding, say) to the device, not to the caller.
    await assertWebGpuHealthy('the NF4 product');
    // native-cpu multiplies in its addon (an empty product needs no call), webgpu in its WGSL kernel, both
    // dequantising inside the product; every other backend dequantises the whole weight first.
    expect(fused ? fused.mock.calls.length : 0).toBe(backend === NATIVE_CPU_BACKEND && m * n > 0 ? 1 : 0);
    expect(dequantized).toHaveBeenCalledTimes(backend === 'wasm' ? 1 : 0);
    fused?.mockRestore();
    dequantized.mockRestore();
    const expected = referenceProduct(x, weight.dequantize(), m, k, n, transposed);
    expect(maxRelativeError(actual, expected)).toBeLessThan(1e-5);
    // The backend's kernel and the portable path agree.
    const portable = tf.tidy(() => dequantizedMatMul(tf.tensor2d(x, [m, k]), weight, transposed));
    expect(maxRelativeError(actual, await portable.data())).toBeLessThan(1e-5);
    tf.dispose([product, portable]);
    // And the native-cpu kernel.
    if (kernels && backend !== NATIVE_CPU_BACKEND) {
      await selectBackend(NATIVE_CPU_BACKEND, logger);
      const native = tf.tidy(() => nf4MatMul(tf.tensor2d(x, [m, k]), weight, transposed));
      expect(maxRelativeError(actual, await native.data())).toBeLessThan(1e-5);
      native.dispose();
    }
    weight.dispose();
  });

  it.each([true, false])('the gradient of Σ R ⊙ (x · op(W)) is R · op(W)ᵀ, and finite differences agree (transposed %s)', async (transposed) => {
    await selectBackend(backend as 'wasm', logger);
    const [m, rows, cols] = [6, 40, 96];
    const weight = quantizeNf4(normal(rows * cols, 3, 0.05), [rows, cols], true);
    const k = transposed ? cols : rows;
    const n = transposed ? rows : cols;
    const [x, r] = [normal(m * k, 4), normal(m * n, 5)];
    const objective = (input: tf.Tensor) => tf.sum(tf.mul(nf4MatMul(input as tf.Tensor2D, weight, transposed), tf.tensor2d(r, [m, n])));
    const gradient = tf.tidy(() => tf.grad(objective)(tf.tensor2d(x, [m, k])));
    const actual = await gradient.data();
    gradient.dispose();
    // R[m, n] · op(W)ᵀ: op(W)ᵀ is W itself when transposed ([n, k]), else Wᵀ.
    const dequantized = weight.dequantize();
    const expected = referenceProduct(r, dequantized, m, n, k, !transposed);
    expect(maxRelativeError(actual, expected)).toBeLessThan(1e-5);
    // Read asynchronously: a GPU backend cannot read synchronously.
    const value = async (input: Float32Array) => {
      const result = tf.tidy(() => objective(tf.tensor2d(input, [m, k])));
      const [read] = await result.data();
      result.dispose();
      return read;
    };
    for (const index of [0, 7, m * k - 1]) {
      const [up, down] = [Float32Array.from(x), Float32Array.from(x)];
      up[index] += 0.5;
      down[index] -= 0.5;
      expect((await value(up)) - (await value(down))).toBeCloseTo(expected[index], 2);
    }
    weight.dispose();
  });
});

describe.skipIf(process.env.FEDLORA_WEBGPU_TESTS === 'off')('an NF4 weight on webgpu', () => {
  it.each([false, true])('is uploaded once (nested scales %s), reused by every product and gradient, and freed with the weight', async (nested) => {
    await selectBackend(WEBGPU_BACKEND, logger);
    const backend = tf.backend() as unknown as { makeTensorInfo(...args: unknown[]): unknown; memory(): { numBytesInGPU: number } };
    const [m, rows, cols] = [3, 40, 96];
    const weight = quantizeNf4(normal(rows * cols, 6, 0.05), [rows, cols], nested);
    const x = uploadWeight('x', normal(m * cols, 7), [m, cols]) as tf.Tensor2D;
    const dy = uploadWeight('dy', normal(m * rows, 8), [m, rows]);
    // A training step's products: x · Wᵀ forward, dy · W for the gradient of x.
    const step = async () => {
      const gradient = tf.grad((input: tf.Tensor) => nf4MatMul(input as tf.Tensor2D, weight, true))(x, dy);
      await gradient.data();
      gradient.dispose();
    };
    const bytesHeld = () => backend.memory().numBytesInGPU;
    const before = bytesHeld();
    const makeTensorInfo = vi.spyOn(backend, 'makeTensorInfo');
    // The packed codes, and the nested scales' packed indices.
    const packedUploads = () => makeTensorInfo.mock.calls.filter(([, dtype, values]) => dtype === 'int32' && values !== undefined).length;
    await step();
    expect(packedUploads()).toBe(nested ? 2 : 1);
    const held = bytesHeld() - before;
    // The codes and scales stay, a fraction of the float32 weight; nothing else does.
    expect(held).toBeGreaterThanOrEqual((rows * cols) / 2);
    expect(held).toBeLessThan(rows * cols);
    for (let i = 0; i < 3; i++) await step();
    expect(packedUploads()).toBe(nested ? 2 : 1);
    expect(bytesHeld() - before).toBe(held);
    makeTensorInfo.mockRestore();
    weight.dispose();
    expect(bytesHeld()).toBe(before);
    tf.dispose([x, dy]);
  });
});

describe.runIf(kernels)('the addon', () => {
  it('refuses NF4 arrays shorter than the shapes say, or of the wrong type, instead of reading past them', () => {
    const [x, out, codes, absmax] = [new Float32Array(128), new Float32Array(2), new Uint8Array(64), new Float32Array(2)];
    const [bytes, floats, code] = [new Uint8Array(0), new Float32Array(0), new Float32Array(256)];
    const call = (...args: Partial<Parameters<CpuKernels['nf4MatMul']>>) => {
      const defaults: Parameters<CpuKernels['nf4MatMul']> = [x, out, 1, true, codes, 2, 64, absmax, bytes, floats, floats, 0];
      return () => kernels!.nf4MatMul(...(defaults.map((value, i) => (args[i] === undefined ? value : args[i])) as Parameters<CpuKernels['nf4MatMul']>));
    };
    expect(call()).not.toThrow();
    expect(call(undefined, undefined, undefined, undefined, codes.subarray(1))).toThrow(RangeError);
    expect(call(undefined, undefined, 3)).toThrow(RangeError); // x and out hold one row of 64 and 2
    expect(call(undefined, undefined, undefined, undefined, undefined, undefined, undefined, absmax.subarray(1))).toThrow(RangeError);
    // Nested scales: one index per block, one absmax per 256 blocks, a 256-value map.
    const nested = [floats, new Uint8Array(2), new Float32Array(1), code] as const;
    expect(call(undefined, undefined, undefined, undefined, undefined, undefined, undefined, ...nested)).not.toThrow();
    expect(call(undefined, undefined, undefined, undefined, undefined, undefined, undefined, floats, new Uint8Array(1), nested[2], code)).toThrow(RangeError);
    expect(call(undefined, undefined, undefined, undefined, undefined, undefined, undefined, floats, nested[1], nested[2], code.subarray(1))).toThrow(
      RangeError,
    );
    expect(call(undefined, undefined, undefined, undefined, new Float32Array(64) as never)).toThrow(TypeError);
    expect(() => (kernels!.nf4MatMul as (...args: unknown[]) => void)(x, out)).toThrow(TypeError);
  });
});

/** A LoRA adapter on every projection with B ≠ 0, so that the low-rank path changes the loss too. */
function testAdapter(descriptor: ModelDescriptor, lora: LoraConfig): AdapterWeights {
  const random = new SeededRandom(9);
  return makeAdapter(
    loraTargets(descriptor, lora.targetModules).flatMap((target) => {
      const names = loraTensorNames(target.modulePath);
      return [
        [names.a, { shape: [lora.r, target.inFeatures], data: random.fillNormal(new Float32Array(lora.r * target.inFeatures), 0.1) }],
        [names.b, { shape: [target.outFeatures, lora.r], data: random.fillNormal(new Float32Array(target.outFeatures * lora.r), 0.1) }],
      ] as const;
    }),
  );
}

/** Eight examples of silo A and how to batch them for `model`, with the test adapter loaded. */
async function withTestAdapter(model: CausalLM, lora: LoraConfig) {
  const tokenizer = await loadTokenizer(model.descriptor);
  const examples = (await loadExamples(siloA, tokenizer)).slice(0, 8);
  model.loadAdapter(lora, testAdapter(model.descriptor, lora));
  const maxSeqLen = Math.min(48, textModelConfig(model.descriptor).config.maxPositionEmbeddings + 1);
  return { examples, maxSeqLen, batchOf: (batch: readonly Example[]) => makeBatch(batch, maxSeqLen, tokenizer.padId) };
}

async function lossOf(model: CausalLM, lora: LoraConfig): Promise<number> {
  const { examples, maxSeqLen, batchOf } = await withTestAdapter(model, lora);
  return (await heldOutLoss(model, examples, maxSeqLen, batchOf)).loss;
}

/** The gradients of a training step's loss with respect to the adapter's weights, in the model's variable order. */
async function adapterGradientsOf(model: CausalLM, lora: LoraConfig): Promise<Float32Array[]> {
  const { examples, batchOf } = await withTestAdapter(model, lora);
  const batch = batchOf(examples);
  const variables = model.trainableVariables();
  const { cost, grads } = accumulatedGradients(model, [batch], batch.targetCount, variables, [], 0);
  const read = await Promise.all(variables.map(async (variable) => (await grads[variable.name].data()) as Float32Array));
  tf.dispose([cost, ...Object.values(grads)]);
  return read;
}

/** The weights of `descriptor` as float tensors, the quantised ones replaced by their dequantised values. */
function dequantizedStore(descriptor: ModelDescriptor, quantize: Quantization) {
  const names = quantizedWeightNames(descriptor);
  return (name: string, values: Float32Array, shape: readonly number[]): BaseWeight =>
    tf.tensor(names.has(name) ? quantizeNf4(values, shape, quantize === 'nf4-dq').dequantize() : values, [...shape]);
}

describe.each(BACKENDS)('a model loaded with --quantize on %s', (backend) => {
  it.each(['nf4', 'nf4-dq'] as const)(
    'builtin:tiny with %s: holds every decoder projection in NF4, and its loss is the dequantised model’s to 1e-4',
    async (quantize) => {
      await selectBackend(backend as 'wasm', logger);
      const descriptor = resolveModel('builtin:tiny') as LlamaDescriptor;
      const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] };
      const bytesOf = async (load: () => Promise<CausalLM>) => {
        const before = tf.memory().numBytes;
        const model = await load();
        return { model, bytes: tf.memory().numBytes - before };
      };
      const { model: quantized, bytes: quantizedBytes } = await bytesOf(() => loadModel(descriptor, quantize));
      // The full model holds tensors: on native-cpu its projections would otherwise be packed outside the backend too.
      useFusedKernels(false);
      const { model: full, bytes: fullBytes } = await bytesOf(() => loadModel(descriptor)).finally(() => useFusedKernels(true));
      const reference = new LlamaModel(descriptor, seededBaseWeights(descriptor.config, descriptor.config.initSeed!, dequantizedStore(descriptor, quantize)));
      try {
        // Every projection of every layer, and nothing else, is held outside the backend, in NF4.
        const projections = loraTargets(descriptor, ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']);
        expect([...quantizedWeightNames(descriptor)].sort()).toEqual(projections.map((target) => `${target.modulePath}.weight`).sort());
        expect(fullBytes - quantizedBytes).toBe(4 * projections.reduce((sum, target) => sum + target.inFeatures * target.outFeatures, 0));
        const dequantized = vi.spyOn(Nf4Tensor.prototype, 'dequantize');
        const quantizedLoss = await lossOf(quantized, lora);
        // native-cpu and webgpu dequantise inside their kernels, never the whole weight.
        expect(dequantized.mock.calls.length > 0).toBe(backend === 'wasm');
        dequantized.mockRestore();
        const [referenceLoss, fullLoss] = [await lossOf(reference, lora), await lossOf(full, lora)];
        expect(Math.abs(quantizedLoss - referenceLoss)).toBeLessThan(1e-4);
        // Quantisation did change the weights.
        expect(Math.abs(quantizedLoss - fullLoss)).toBeGreaterThan(1e-4);
      } finally {
        for (const model of [quantized, reference, full]) model.dispose();
      }
    },
  );

  it('builtin:tiny with nf4-dq: a training step’s adapter gradients, through x · W of every later projection, are the dequantised model’s', async () => {
    await selectBackend(backend as 'wasm', logger);
    const descriptor = resolveModel('builtin:tiny') as LlamaDescriptor;
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] };
    const quantized = await loadModel(descriptor, 'nf4-dq');
    const reference = new LlamaModel(descriptor, seededBaseWeights(descriptor.config, descriptor.config.initSeed!, dequantizedStore(descriptor, 'nf4-dq')));
    try {
      const [actual, expected] = [await adapterGradientsOf(quantized, lora), await adapterGradientsOf(reference, lora)];
      // A and B of q_proj and v_proj in both layers.
      expect(actual).toHaveLength(8);
      expect(expected).toHaveLength(8);
      expected.forEach((gradient, i) => expect(maxRelativeError(actual[i], gradient)).toBeLessThan(1e-4));
    } finally {
      quantized.dispose();
      reference.dispose();
    }
  });

  it('a GPT-2 checkpoint (Conv1D weights [in, out]) with nf4: its loss is the dequantised model’s to 1e-4', async () => {
    await selectBackend(backend as 'wasm', logger);
    const dir = join(root, `gpt2-${backend}`);
    const stored = writeCheckpoint(dir, {
      hfConfig: gpt2HfConfig(TINY_GPT2),
      tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 11, 0.2),
      tokenizer: { addsBos: false },
    });
    const descriptor = resolveModel(dir) as Gpt2Descriptor;
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['c_attn', 'c_fc'] };
    const store = dequantizedStore(descriptor, 'nf4');
    const quantized = await loadModel(descriptor, 'nf4');
    const reference = new Gpt2Model(descriptor, new Map([...stored].map(([name, data]) => [name, store(name, data, shapeOf(name))])));
    try {
      expect(Math.abs((await lossOf(quantized, lora)) - (await lossOf(reference, lora)))).toBeLessThan(1e-4);
    } finally {
      quantized.dispose();
      reference.dispose();
    }
  });

  it('builtin:tiny-vlm with nf4: only its language model is quantised, and its loss is the dequantised model’s to 1e-4', async () => {
    await selectBackend(backend as 'wasm', logger);
    const descriptor = resolveModel('builtin:tiny-vlm') as LlavaDescriptor;
    const textProjections = loraTargets(descriptor, ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']);
    expect([...quantizedWeightNames(descriptor)].sort()).toEqual(textProjections.map((target) => `${target.modulePath}.weight`).sort());
    expect(textProjections.every((target) => target.modulePath.includes('language_model'))).toBe(true);
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] };
    const quantized = await loadModel(descriptor, 'nf4');
    const reference = new LlavaModel(descriptor, seededLlavaWeights(descriptor.config, descriptor.config.initSeed!, dequantizedStore(descriptor, 'nf4')));
    const full = await loadModel(descriptor);
    try {
      const [quantizedLoss, referenceLoss, fullLoss] = [await lossOf(quantized, lora), await lossOf(reference, lora), await lossOf(full, lora)];
      expect(Math.abs(quantizedLoss - referenceLoss)).toBeLessThan(1e-4);
      expect(Math.abs(quantizedLoss - fullLoss)).toBeGreaterThan(1e-4);
    } finally {
      for (const model of [quantized, reference, full]) model.dispose();
    }
  });
});

describe('a quantised model and the methods that read its weights in float32', () => {
  it('refuses DoRA and modules_to_save of a quantised projection by name, and keeps modules_to_save elsewhere', async () => {
    await selectBackend('wasm', logger);
    const descriptor = resolveModel('builtin:tiny') as LlamaDescriptor;
    const model = await loadModel(descriptor, 'nf4');
    try {
      const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'] };
      const dora = adapterConfig(peftSpecSchema.parse({ method: 'dora' }), lora);
      const doraAdapter = await initialPeftAdapter(descriptor, dora, 1);
      expect(() => model.loadAdapter(dora, doraAdapter)).toThrow(/q_proj\.weight is held in NF4 \(--quantize\)/);
      const savedProjection = { ...lora, modulesToSave: ['o_proj'] };
      model.loadAdapter(savedProjection, await initialPeftAdapter(descriptor, savedProjection, 1));
      const ids = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
      expect(() => model.forward(ids)).toThrow(/o_proj\.weight is held in NF4/);
      const savedNorm = { ...lora, modulesToSave: ['norm'] };
      model.loadAdapter(savedNorm, await initialPeftAdapter(descriptor, savedNorm, 1));
      tf.dispose(model.forward(ids));
      ids.dispose();
    } finally {
      model.dispose();
    }
  });
});

const GPT2_SHAPES = new Map(gpt2WeightShapes(TINY_GPT2));
function shapeOf(name: string): number[] {
  return GPT2_SHAPES.get(name)!;
}

describe('a run with a quantised and a full client', () => {
  it('both train and send updates in the same round, and the quantised one multiplies by NF4 weights', async () => {
    const backend = kernels ? NATIVE_CPU_BACKEND : 'wasm';
    const nf4Products = kernels ? vi.spyOn(kernels, 'nf4MatMul') : vi.spyOn(Nf4Tensor.prototype, 'dequantize');
    const lines: string[] = [];
    const result = await simulate({
      clients: 2,
      rounds: 1,
      localSteps: 2,
      port: 0,
      backend,
      runDir: join(root, 'mixed'),
      dataFiles: [siloA, siloA],
      quantize: ['nf4', undefined],
      logger,
      print: (line) => lines.push(line),
    });
    expect(nf4Products).toHaveBeenCalled();
    nf4Products.mockRestore();
    expect(lines[0]).toContain('base weights nf4/fp32');
    expect(lines.filter((line) => line.includes('trained and sent its update'))).toHaveLength(2);
    expect(result.rounds).toHaveLength(1);
    expect(result.rounds[0].participants).toBe(2);
    expect(Number.isFinite(result.rounds[0].eval_loss)).toBe(true);
  });
});
