/**
 * The native-cpu backend computes what the wasm backend computes: matrix products of every shape the kernel
 * handles specially (edges of its blocks, rank-1 factors, batch 1, broadcast batches, transposed operands), and
 * whole training runs (losses and updates). Where the addon did not build, the suite checks the fallback instead.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { createTrainer } from '../../client/trainer.js';
import { selectBackend } from '../../shared/model/backend.js';
import { BackendUnavailableError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { type CpuKernels, loadCpuKernels } from '../../shared/model/cpu-kernels.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import { maxRelativeError } from '../helpers/cpu-kernels.js';

function tryLoad(): { kernels?: CpuKernels; why?: string } {
  try {
    return { kernels: loadCpuKernels() };
  } catch (error) {
    return { why: (error as Error).message };
  }
}
const { kernels, why } = tryLoad();
if (!kernels) console.warn(`fedlora-cpu-kernels did not load, testing the wasm fallback only: ${why}`);

const logger = silentLogger();
const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));

function randomValues(count: number, seed: number): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(count), 1);
}

/**
 * `op`'s result on wasm and on native-cpu, as plain values, and how many times native-cpu called the addon's
 * `kernel` for it. `op` builds its inputs itself, on the backend it runs on.
 */
async function wasmAndNative(kernel: keyof CpuKernels, op: () => tf.Tensor) {
  const valuesOn = async (backend: 'wasm' | typeof NATIVE_CPU_BACKEND) => {
    await selectBackend(backend, logger);
    const result = tf.tidy(op);
    const values = { shape: result.shape, dtype: result.dtype, data: [...(await result.data())] };
    result.dispose();
    return values;
  };
  const expected = await valuesOn('wasm');
  const spy = vi.spyOn(kernels!, kernel as 'batchMatMul');
  const actual = await valuesOn(NATIVE_CPU_BACKEND);
  const calls = spy.mock.calls.length;
  spy.mockRestore();
  return { expected, actual, calls };
}

describe.runIf(kernels)('native-cpu backend', () => {
  // [batch dims of a, batch dims of b, m, k, n]: block edges (MR 6, NR 16, KC 256, MC 120, NC 512) and beyond.
  const shapes: [number[], number[], number, number, number][] = [
    [[], [], 1, 1, 1],
    [[], [], 1, 7, 1],
    [[], [], 5, 1, 9], // rank-1 factor: an outer product
    [[], [], 6, 8, 16],
    [[], [], 7, 300, 17],
    [[], [], 250, 257, 530],
    [[1], [1], 3, 5, 2], // batch 1
    [[4], [4], 13, 19, 11],
    [[2, 3], [2, 3], 9, 8, 33],
    [[5], [1], 7, 6, 21], // b broadcast over a's batch
    [[1], [5], 7, 6, 21], // a broadcast over b's batch
    [[3], [], 10, 12, 14], // b 2-D
  ];
  const cases = shapes.flatMap((shape) => [false, true].flatMap((ta) => [false, true].map((tb) => [shape, ta, tb] as const)));

  it.each(cases)('matMul %j transposeA=%s transposeB=%s equals wasm', async ([batchA, batchB, m, k, n], transposeA, transposeB) => {
    const aShape = [...batchA, ...(transposeA ? [k, m] : [m, k])];
    const bShape = [...batchB, ...(transposeB ? [n, k] : [k, n])];
    const a: [Float32Array, number[]] = [
      randomValues(
        aShape.reduce((x, y) => x * y, 1),
        1,
      ),
      aShape,
    ];
    const b: [Float32Array, number[]] = [
      randomValues(
        bShape.reduce((x, y) => x * y, 1),
        2,
      ),
      bShape,
    ];
    const op = () => tf.matMul(tf.tensor(...a), tf.tensor(...b), transposeA, transposeB);
    const { expected, actual, calls } = await wasmAndNative('batchMatMul', op);
    // The addon itself computes the product, not the wasm kernel it falls back to.
    expect(calls).toBe(1);
    expect(actual.shape).toEqual(expected.shape);
    expect(maxRelativeError(actual.data, expected.data)).toBeLessThan(1e-5);
  });

  // [table shape, indices, their shape, axis]: an embedding lookup, repeated and 2-D indices, a middle and the last axis.
  const gathers: [number[], number[], number[], number][] = [
    [[7, 5], [3, 0, 6, 3], [4], 0],
    [[259, 64], [1, 258, 0, 17, 17, 5], [2, 3], 0],
    [[2, 4, 3], [3, 1], [2], 1],
    [[3, 5], [4, 0, 2], [3], 1],
    [[4, 1], [], [0], 0],
  ];

  it.each(gathers)('gather of %j at %j (shape %j, axis %i) equals wasm, in the addon', async (shape, indices, indicesShape, axis) => {
    const table = randomValues(
      shape.reduce((x, y) => x * y, 1),
      3,
    );
    const op = () => tf.gather(tf.tensor(table, shape), tf.tensor(indices, indicesShape, 'int32'), axis);
    const { expected, actual, calls } = await wasmAndNative('gatherRows', op);
    expect(calls).toBe(indices.length > 0 ? 1 : 0);
    expect(actual).toEqual(expected);
  });

  it('gather refuses an index outside the table, naming it, and leaves int32 tables to the wasm kernel', async () => {
    await selectBackend(NATIVE_CPU_BACKEND, logger);
    const before = tf.memory().numTensors;
    const table = tf.zeros([4, 2]);
    for (const index of [4, -1]) {
      expect(() => tf.gather(table, tf.tensor1d([0, index], 'int32'))).toThrow(`GatherV2: index ${index} at position 1 is not in [0, 4)`);
    }
    expect(() => kernels!.gatherRows(new Float32Array(8), new Int32Array([1]), new Float32Array(1), 1, 4, 2)).toThrow(RangeError);
    const native = vi.spyOn(kernels!, 'gatherRows');
    // The wasm kernel set up on this backend's module (it was never set up here before).
    const ints = tf.tidy(() => tf.gather(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor1d([1], 'int32')));
    expect(native).not.toHaveBeenCalled();
    native.mockRestore();
    expect([...(await ints.data())]).toEqual([3, 4]);
    tf.dispose([table, ints]);
    tf.disposeVariables();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2);
  });

  // [shape, perm]: splitting and merging heads, a full reversal (no contiguous run), size-1 axes, rank 1 and 6.
  const transposes: [number[], number[]][] = [
    [
      [8, 128, 2, 16],
      [0, 2, 1, 3],
    ],
    [
      [3, 5, 7],
      [2, 1, 0],
    ],
    [
      [2, 1, 3, 1, 4],
      [4, 0, 3, 2, 1],
    ],
    [
      [1, 1],
      [1, 0],
    ],
    [[9], [0]],
    [
      [2, 3, 2, 3, 2, 3],
      [5, 3, 1, 0, 2, 4],
    ],
    [
      [4, 0, 3],
      [2, 0, 1],
    ],
  ];

  it.each(transposes)('transpose of %j by %j equals wasm, in the addon', async (shape, perm) => {
    const values = randomValues(
      shape.reduce((x, y) => x * y, 1),
      4,
    );
    const { expected, actual, calls } = await wasmAndNative('transpose', () => tf.transpose(tf.tensor(values, shape), perm));
    // tfjs handles a rank-1 tensor without the kernel, and the kernel has nothing to copy for an empty one.
    const empty = shape.includes(0);
    expect(calls).toBe(shape.length > 1 && !empty ? 1 : 0);
    expect(actual).toEqual(expected);
  });

  it('the addon refuses a transpose whose perm is no permutation of the axes', () => {
    const x = new Float32Array(6);
    expect(() => kernels!.transpose(x, x, Int32Array.of(2, 3), Int32Array.of(0, 0))).toThrow(RangeError);
    expect(() => kernels!.transpose(x, x, Int32Array.of(2, 3), Int32Array.of(1, 2))).toThrow(RangeError);
    expect(() => kernels!.transpose(x, new Float32Array(5), Int32Array.of(2, 3), Int32Array.of(1, 0))).toThrow(RangeError);
  });

  it('the addon refuses arrays shorter than the shapes say instead of reading past them', () => {
    const a = new Float32Array(6);
    expect(() => kernels!.batchMatMul(a, new Float32Array(6), new Float32Array(4), 1, 1, 1, 2, 2, 4, false, false)).toThrow(RangeError);
    expect(() => kernels!.batchMatMul(a, a, a, 2, 3, 1, 1, 1, 1, false, false)).toThrow(RangeError);
    expect(() => kernels!.batchMatMul(a, a, a, 1, 1, 1, 2 ** 40, 2 ** 40, 2 ** 40, false, false)).toThrow(RangeError);
    expect(() => kernels!.batchMatMul(a, a, a, 1, 1, 1, -1, 1, 1, false, false)).toThrow(RangeError);
    expect(() => kernels!.batchMatMul(new Int32Array(6) as never, a, a, 1, 1, 1, 1, 1, 1, false, false)).toThrow(TypeError);
    expect(['avx2-fma', 'generic']).toContain(kernels!.microkernel);
    expect(kernels!.threads).toBeGreaterThanOrEqual(1);
  });

  it('training gives the same losses and updates as on wasm', async () => {
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] };
    const params: TrainHyperParams = { localSteps: 4, batchSize: 4, learningRate: 1e-2, maxSeqLen: 48, seed: 5, proximalMu: 0 };
    const global = initialAdapter(loraTargets(resolveModel('builtin:tiny'), lora.targetModules), lora.r, 7);
    const trainOn = async (backend: 'wasm' | typeof NATIVE_CPU_BACKEND) => {
      const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: siloA, backend });
      const losses: number[] = [];
      const result = await trainer.train(global, lora, params, (progress) => losses.push(progress.loss));
      trainer.dispose();
      return { backend: trainer.backend, losses, update: result.update };
    };
    const wasm = await trainOn('wasm');
    // The frozen products and the LoRA paths' gradients run in the addon.
    const products = vi.spyOn(kernels!, 'packedMatMul');
    const loraGradients = vi.spyOn(kernels!, 'loraPathGrad');
    const native = await trainOn(NATIVE_CPU_BACKEND);
    expect(products).toHaveBeenCalled();
    expect(loraGradients).toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(native.backend).toBe(NATIVE_CPU_BACKEND);
    expect(native.losses).toHaveLength(params.localSteps);
    native.losses.forEach((loss, step) => expect(loss).toBeCloseTo(wasm.losses[step], 4));
    for (const [name, tensor] of wasm.update) {
      expect(maxRelativeError(native.update.get(name)!.data, tensor.data), name).toBeLessThan(1e-3);
    }
  });

  it('auto picks native-cpu when the native TensorFlow binding is absent', async () => {
    expect(await selectBackend('auto', logger)).toBe(NATIVE_CPU_BACKEND);
  });
});

describe.skipIf(kernels)('without the native addon', () => {
  it('native-cpu is refused with what to do, and auto falls back to wasm', async () => {
    await expect(selectBackend(NATIVE_CPU_BACKEND, logger)).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend(NATIVE_CPU_BACKEND, logger)).rejects.toThrow(/npm install.*--backend wasm/);
    expect(await selectBackend('auto', logger)).toBe('wasm');
  });
});

describe('wasm Identity', () => {
  it('shares the data of its input instead of copying it, and each tensor outlives the other', async () => {
    await selectBackend('wasm', logger);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const x = tf.tensor1d([1, 2, 3]);
    const before = backend.numDataIds();
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(before);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3]);
    y.dispose();
    expect(backend.numDataIds()).toBe(before - 1);
  });
});
