/**
 * The fused kernels (shared/model/fused/) compute what their tfjs compositions compute, gradients included, on
 * native-cpu; the addon's portable code, forced by FEDLORA_CPU_KERNELS_PORTABLE=1, computes what its AVX2 code
 * does; and training with every fused kernel on gives the losses of training with all of them off.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTrainer } from '../../client/trainer.js';
import { silentLogger } from '../../shared/infra/log.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import { selectBackend } from '../../shared/model/backend.js';
import type { CpuKernels } from '../../shared/model/cpu-kernels.js';
import { RMS_NORM, rmsNorm } from '../../shared/model/fused/rms-norm.js';
import { ROTARY_HEADS, rotaryHeads } from '../../shared/model/fused/rotary.js';
import { SWIGLU, swiGlu } from '../../shared/model/fused/swiglu.js';
import { useFusedKernels } from '../../shared/model/fused/seam.js';
import { KvCache } from '../../shared/model/causal-lm.js';
import { createModel } from '../../shared/model/llama.js';
import { type LlamaDescriptor, loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';
import { FUSED_CASES, type FusedCase, fusedResults } from '../helpers/fused-cases.js';

const kernels = optionalCpuKernels();

function expectClose(actual: ArrayLike<number>[], expected: ArrayLike<number>[], what: string): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((values, i) => expect(maxRelativeError(actual[i], values), `${what}, tensor ${i}`).toBeLessThan(1e-5));
}

/** A case's output and gradients, with fused kernels on or off, and which of the addon's functions ran. */
function runCase({ run, kernels: names }: FusedCase, fused: boolean): { values: Float32Array[]; ran: Set<string> } {
  useFusedKernels(fused);
  const spies = names.map((name) => [name, vi.spyOn(kernels!, name as 'rmsNorm')] as const);
  const tensors = run();
  const values = tensors.map((tensor) => tensor.dataSync() as Float32Array);
  tf.dispose(tensors);
  const ran = new Set(spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name));
  for (const [, spy] of spies) spy.mockRestore();
  return { values, ran };
}

describe.runIf(kernels)('fused kernels on native-cpu', () => {
  beforeEach(async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
  });
  afterEach(() => useFusedKernels(true));

  it.each(FUSED_CASES)('$name equals the tfjs composition, gradients included, and leaves no tensor behind', (fusedCase) => {
    const composed = runCase(fusedCase, false);
    expect(composed.ran.size).toBe(0);
    const tensors = tf.memory().numTensors;
    const fused = runCase(fusedCase, true);
    expect(tf.memory().numTensors).toBe(tensors);
    expect([...fused.ran].sort()).toEqual([...fusedCase.kernels].sort());
    expectClose(fused.values, composed.values, fusedCase.name);
  });

  /** cos and sin tables of random values, [seqLen, headDim] each. */
  const unrelatedTables = (seqLen: number, headDim: number) =>
    [8, 9].map((seed) => tf.randomNormal<tf.Rank.R2>([seqLen, headDim], 0, 1, 'float32', seed)) as [tf.Tensor2D, tf.Tensor2D];

  // Each op's gradient in tfjs ops, which runs where a backend has the forward kernel only (here: fused kernels
  // turned off between the forward and the backward pass), against its gradient kernel.
  const gradientFormulas: [keyof CpuKernels, number[][], (...inputs: tf.Tensor[]) => tf.Tensor][] = [
    ['rmsNormGrad', [[37, 21], [21]], (x, weight) => rmsNorm(x as tf.Tensor2D, weight as tf.Tensor1D, 1e-6)],
    [
      'swiGluGrad',
      [
        [37, 21],
        [37, 21],
      ],
      (gate, up) => swiGlu(tf.mul(gate, 4), up),
    ],
    ['rotaryHeads', [[2 * 9, 3 * 10]], (x) => rotaryHeads(x as tf.Tensor2D, 2, 3, ...unrelatedTables(9, 10))],
  ];
  it.each(gradientFormulas)("%s's formula in tfjs ops equals the kernel", (gradientKernel, shapes, op) => {
    const gradients = (fusedBackward: boolean) =>
      tf.tidy(() => {
        useFusedKernels(true);
        const inputs = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 3 + i));
        const dy = tf.randomNormal(op(...inputs).shape, 0, 1, 'float32', 2);
        return tf.grads((...xs: tf.Tensor[]) => {
          const y = op(...xs);
          useFusedKernels(fusedBackward);
          return y;
        })(inputs, dy);
      });
    // The gradient kernel runs once more with fused kernels on in the backward pass than with them off.
    const kernel = vi.spyOn(kernels!, gradientKernel as 'rmsNormGrad');
    const formula = gradients(false).map((tensor) => tensor.dataSync());
    const callsWithout = kernel.mock.calls.length;
    const fused = gradients(true).map((tensor) => tensor.dataSync());
    expect(kernel.mock.calls.length - callsWithout).toBe(callsWithout + 1);
    kernel.mockRestore();
    expectClose(formula, fused, 'gradients');
  });

  it('the addon refuses arrays shorter than the shapes say instead of reading or writing past them', () => {
    const k = kernels!;
    const six = new Float32Array(6);
    const two = new Float32Array(2);
    expect(() => k.rmsNorm(six, two, six, 2, 3, 1e-5)).toThrow(RangeError); // weight shorter than a row
    expect(() => k.rmsNorm(six, six, six, 3, 3, 1e-5)).toThrow(RangeError);
    expect(() => k.rmsNorm(six, six, six, 2, 3, Number.NaN)).toThrow(RangeError);
    expect(() => k.rmsNormGrad(six, six, six, six, two, 2, 3, 1e-5)).toThrow(RangeError);
    expect(() => k.swiGlu(six, six, new Float32Array(5), 6)).toThrow(RangeError);
    expect(() => k.swiGluGrad(six, six, six, six, six, 7)).toThrow(RangeError);
    expect(() => k.rotaryHeads(six, six, six, six, 1, 1, 2, 3, false)).toThrow(RangeError); // odd head dimension
    expect(() => k.rotaryHeads(six, two, six, six, 1, 3, 1, 2, false)).toThrow(RangeError); // cos shorter than its 3 positions
    expect(() => k.rotaryHeads(six, six, six, six, 2 ** 40, 2 ** 40, 2 ** 40, 2, true)).toThrow(RangeError);
    expect(() => k.swiGlu(new Int32Array(6) as never, six, six, 6)).toThrow(TypeError);
  });

  it('a fused kernel refuses inputs whose shapes disagree', () => {
    tf.tidy(() => {
      const x = tf.zeros([2, 3]);
      const weight = tf.zeros([4]);
      expect(() => tf.engine().runKernel(RMS_NORM, { x, weight }, { eps: 1e-5 })).toThrow(/weight must be float32 \[3\], got float32 \[4\]/);
      expect(() => tf.engine().runKernel(SWIGLU, { gate: x, up: tf.zeros([3, 2]) })).toThrow(/up must be float32 \[2, 3\]/);
      expect(() => tf.engine().runKernel(ROTARY_HEADS, { x, cos: tf.zeros([1, 2]), sin: tf.zeros([1, 2]) }, { batch: 2, heads: 1 })).toThrow(
        /x must be float32 \[2, 2\]/,
      );
    });
  });

  it('FEDLORA_CPU_KERNELS_PORTABLE=1 makes the addon run its portable code, which computes what this process does', async () => {
    // Bundled into a script that Node runs as it is, beside node_modules where its packages are found.
    const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'fused-results-'));
    const script = join(dir, 'fused-results.mjs');
    let stdout: string;
    try {
      await build({
        entryPoints: [fileURLToPath(new URL('../helpers/fused-results-main.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: script,
        logLevel: 'warning',
      });
      ({ stdout } = await promisify(execFile)(process.execPath, [script], {
        env: { ...process.env, FEDLORA_CPU_KERNELS_PORTABLE: '1' },
        maxBuffer: 256 * 1024 * 1024,
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const portable = JSON.parse(stdout) as { microkernel: string; results: Record<string, number[][]> };
    expect(portable.microkernel).toBe('generic');
    const here = fusedResults();
    expect(Object.keys(portable.results).sort()).toEqual(Object.keys(here).sort());
    for (const [name, values] of Object.entries(here)) expectClose(portable.results[name], values, name);
  });

  it('with a KV cache, token by token, the fused model gives the logits of the full unfused pass (positions after the cache)', () => {
    const model = createModel(resolveModel('builtin:tiny') as LlamaDescriptor);
    const ids = [5, 17, 2, 40, 33, 9, 21];
    const logits = (fused: boolean, cache?: KvCache, part = ids) =>
      tf.tidy(() => {
        useFusedKernels(fused);
        return Array.from(model.forward(tf.tensor2d([part], undefined, 'int32'), { cache }).dataSync());
      });
    const unfused = logits(false);
    const rotary = vi.spyOn(kernels!, 'rotaryHeads');
    const cache = new KvCache();
    const stepwise = [logits(true, cache, ids.slice(0, 3)), ...ids.slice(3).map((id) => logits(true, cache, [id]))].flat();
    expect(rotary).toHaveBeenCalled();
    rotary.mockRestore();
    cache.dispose();
    model.dispose();
    expect(maxRelativeError(stepwise, unfused)).toBeLessThan(1e-5);
  });

  it('training builtin:tiny for 20 steps gives the same losses with fused kernels as without', async () => {
    const siloA = fileURLToPath(new URL('../../shared/samples/silo-a.jsonl', import.meta.url));
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] };
    const params: TrainHyperParams = { localSteps: 20, batchSize: 2, learningRate: 1e-2, maxSeqLen: 32, seed: 5, proximalMu: 0 };
    const global = initialAdapter(loraTargets(resolveModel('builtin:tiny'), lora.targetModules), lora.r, 7);
    const losses = async (fused: boolean) => {
      useFusedKernels(fused);
      const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: siloA, backend: NATIVE_CPU_BACKEND });
      const seen: number[] = [];
      await trainer.train(global, lora, params, (progress) => seen.push(progress.loss));
      trainer.dispose();
      return seen;
    };
    const unfused = await losses(false);
    // Every fused kernel that the cases cover runs in training.
    const spies = [...new Set(FUSED_CASES.flatMap((fusedCase) => fusedCase.kernels))].map((name) => vi.spyOn(kernels!, name as 'rmsNorm'));
    const fused = await losses(true);
    for (const spy of spies) {
      expect(spy).toHaveBeenCalled();
      spy.mockRestore();
    }
    expect(fused).toHaveLength(params.localSteps);
    fused.forEach((loss, step) => expect(Math.abs(loss - unfused[step]) / Math.abs(unfused[step]), `step ${step}`).toBeLessThan(1e-4));
  });
});
