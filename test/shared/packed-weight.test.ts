/**
 * Frozen weights packed once for the addon's SGEMM: the packed products equal the plain ones (both directions,
 * odd shapes, one row, the edges of the kernel's blocks), a packed weight unpacks to itself, and a model holding
 * packed weights computes, trains, takes DoRA and modules_to_save, and exports as one holding tensors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createTrainer } from '../../client/trainer.js';
import { silentLogger } from '../../shared/infra/log.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { adapterConfig, initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { peftSpecSchema } from '../../shared/lora/peft-method.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import { selectBackend } from '../../shared/model/backend.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { loadModel } from '../../shared/model/load.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { PackedWeight } from '../../shared/model/packed-weight.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { initialPeftAdapter } from '../../shared/model/run-start.js';
import { gpt2HfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();
const logger = silentLogger();
const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));

function randomValues(count: number, seed: number): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(count), 1);
}

const root = mkdtempSync(join(tmpdir(), 'fedlora-packed-'));

afterEach(() => {
  useFusedKernels(true);
  vi.restoreAllMocks();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.runIf(kernels)('products with a packed weight', () => {
  // [m, K, N] of x[m, K] · op(W)[K, N]: one row, odd sizes, the block edges (MR 6, NR 16, KC 256, MC 120, NC 512).
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 576, 576],
    [5, 1, 9],
    [6, 8, 16],
    [7, 300, 17],
    [13, 33, 47],
    [121, 257, 513],
    [255, 576, 192],
    [250, 513, 1030],
  ];
  const cases = shapes.flatMap((shape) => [true, false].map((transposed) => [shape, transposed] as const));

  it.each(cases)('%j, W stored transposed %s: x · op(W) and dy · op(W)ᵀ equal the plain products', ([m, k, n], transposed) => {
    const w = randomValues(k * n, 1); // [n, k] when transposed, else [k, n]
    const weight = PackedWeight.pack(w, transposed ? [n, k] : [k, n], transposed);
    const x = randomValues(m * k, 2);
    const packed = new Float32Array(m * n);
    const plain = new Float32Array(m * n);
    kernels!.packedMatMul(x, weight.panels, packed, m, k, n, false);
    kernels!.batchMatMul(x, w, plain, 1, 1, 1, m, n, k, false, transposed);
    expect(maxRelativeError(packed, plain)).toBeLessThan(1e-5);
    const dy = randomValues(m * n, 3);
    const packedGradient = new Float32Array(m * k);
    const plainGradient = new Float32Array(m * k);
    kernels!.packedMatMul(dy, weight.panels, packedGradient, m, k, n, true);
    kernels!.batchMatMul(dy, w, plainGradient, 1, 1, 1, m, k, n, false, !transposed);
    expect(maxRelativeError(packedGradient, plainGradient)).toBeLessThan(1e-5);
    expect(maxRelativeError(weight.unpack(), w)).toBe(0);
  });

  it('the addon refuses arrays shorter than the shapes say', () => {
    const a = new Float32Array(32);
    expect(() => kernels!.packMatrix(a, new Float32Array(31), 2, 16, false)).toThrow(RangeError);
    expect(() => kernels!.packMatrix(a, new Float32Array(64), 2, 17, false)).toThrow(RangeError);
    expect(() => kernels!.packedMatMul(a, new Float32Array(31), a, 1, 2, 16, false)).toThrow(RangeError);
    expect(() => kernels!.packedMatMul(a, a, new Float32Array(15), 1, 2, 16, false)).toThrow(RangeError);
    expect(() => kernels!.packedMatMul(a, a, a, 1, 2 ** 40, 2 ** 40, true)).toThrow(RangeError);
  });

  it('training gives the losses and update of the same model holding tensors', async () => {
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] };
    const params: TrainHyperParams = { localSteps: 3, batchSize: 2, learningRate: 1e-2, maxSeqLen: 40, seed: 5, proximalMu: 0 };
    const global = initialAdapter(loraTargets(resolveModel('builtin:tiny'), lora.targetModules), lora.r, 7);
    const train = async (packed: boolean) => {
      useFusedKernels(packed);
      const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: siloA, backend: NATIVE_CPU_BACKEND });
      const losses: number[] = [];
      const result = await trainer.train(global, lora, params, (progress) => losses.push(progress.loss));
      trainer.dispose();
      return { losses, update: result.update };
    };
    const plain = await train(false);
    const products = vi.spyOn(kernels!, 'packedMatMul');
    const packed = await train(true);
    // Forward and input gradient of every layer's projections, every step.
    expect(products.mock.calls.filter((call) => call[6]).length).toBeGreaterThan(0);
    expect(products.mock.calls.filter((call) => !call[6]).length).toBeGreaterThan(0);
    packed.losses.forEach((loss, step) => expect(loss).toBeCloseTo(plain.losses[step], 5));
    for (const [name, tensor] of plain.update) expect(maxRelativeError(packed.update.get(name)!.data, tensor.data), name).toBeLessThan(1e-4);
  });

  it('DoRA norms, modules_to_save and their export read the packed weights as the tensors they replace', async () => {
    await selectBackend(NATIVE_CPU_BACKEND, logger);
    const descriptor = resolveModel('builtin:tiny');
    const dora = adapterConfig(peftSpecSchema.parse({ method: 'dora' }), {
      r: 2,
      alpha: 4,
      targetModules: ['q_proj'],
      modulesToSave: ['o_proj', 'embed_tokens'],
    });
    const adapter = await initialPeftAdapter(descriptor, dora, 1);
    const ids = tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], 'int32');
    const run = async (packed: boolean) => {
      useFusedKernels(packed);
      const model = await loadModel(descriptor);
      model.loadAdapter(dora, adapter);
      const logits = tf.tidy(() => model.forward(ids));
      const result = { norms: await model.doraRowNorms(), logits: await logits.data(), exported: await model.readAdapter() };
      logits.dispose();
      model.dispose();
      return result;
    };
    const plain = await run(false);
    const packed = await run(true);
    ids.dispose();
    expect(packed.norms.size).toBeGreaterThan(0);
    for (const [name, norms] of plain.norms) expect(packed.norms.get(name)).toEqual(norms);
    expect(maxRelativeError(packed.logits, plain.logits)).toBeLessThan(1e-5);
    expect([...packed.exported.keys()]).toEqual([...plain.exported.keys()]);
    for (const [name, tensor] of plain.exported) expect(packed.exported.get(name)!.data).toEqual(tensor.data);
  });

  it('a GPT-2 checkpoint (Conv1D weights [in, out], products x · W) computes the logits of its tensors', async () => {
    await selectBackend(NATIVE_CPU_BACKEND, logger);
    const dir = join(root, 'gpt2');
    writeCheckpoint(dir, { hfConfig: gpt2HfConfig(TINY_GPT2), tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 11, 0.2), tokenizer: { addsBos: false } });
    const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7]], [1, 7], 'int32');
    const logitsOf = async (packed: boolean) => {
      useFusedKernels(packed);
      const model = await loadModel(resolveModel(dir));
      const logits = tf.tidy(() => model.forward(ids));
      const values = await logits.data();
      logits.dispose();
      model.dispose();
      return values;
    };
    const plain = await logitsOf(false);
    const products = vi.spyOn(kernels!, 'packedMatMul');
    const packed = await logitsOf(true);
    ids.dispose();
    expect(products).toHaveBeenCalled();
    expect(maxRelativeError(packed, plain)).toBeLessThan(1e-5);
  });
});
