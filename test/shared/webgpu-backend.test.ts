/**
 * The webgpu backend computes what native-cpu computes: logits and one training step's loss and gradients on builtin:tiny and on
 * a small checkpoint of each Hugging Face architecture, a whole simulation's eval losses, eval and generate; GPU
 * memory does not grow from round to round; `auto` leaves a software renderer alone unless webgpu is asked for.
 *
 * CI runs these on Mesa's lavapipe (a Vulkan device on the CPU). They fail, not skip, where no WebGPU adapter
 * exists, unless FEDLORA_WEBGPU_TESTS=off says that this machine has no GPU stack on purpose.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from '../../cli/eval.js';
import { generate } from '../../cli/generate.js';
import { simulate } from '../../cli/simulate.js';
import { makeBatch } from '../../client/data.js';
import { accumulatedGradients, createTrainer } from '../../client/trainer.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { selectBackend, type BackendChoice } from '../../shared/model/backend.js';
import { BackendUnavailableError, GpuFailureError } from '../../shared/infra/errors.js';
import { createLogger, silentLogger } from '../../shared/infra/log.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { loraTargets, resolveModel, type LlamaConfig } from '../../shared/model/model-config.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModel } from '../../shared/model/load.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';
import { assertFitsBinding, assertWebGpuHealthy, destroyWebGpuDevice, gpuLabel, WEBGPU_BACKEND, webGpuDescription } from '../../shared/model/webgpu-backend.js';
import { gpt2HfConfig, llamaHfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';

const logger = silentLogger();
const root = mkdtempSync(join(tmpdir(), 'fedlora-webgpu-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LLAMA: LlamaConfig = {
  vocabSize: 270,
  hiddenSize: 16,
  intermediateSize: 24,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 4,
  rmsNormEps: 1e-5,
  ropeTheta: 10_000,
  maxPositionEmbeddings: 32,
  tieWordEmbeddings: false,
};
const QWEN2: LlamaConfig = { ...LLAMA, numKvHeads: 1, tieWordEmbeddings: true, qkvBias: true, ropeTheta: 1_000_000 };
const LLAMA_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

function checkpoint(name: string, hfConfig: Record<string, unknown>, shapes: [string, number[]][], seed: number): string {
  const dir = join(root, name);
  writeCheckpoint(dir, { hfConfig, tensors: randomTensors(shapes, seed, 0.3), tokenizer: { addsBos: false } });
  return dir;
}

const models = [
  { name: 'builtin:tiny', model: 'builtin:tiny', modules: LLAMA_MODULES },
  { name: 'llama', model: checkpoint('llama', llamaHfConfig(LLAMA, 'LlamaForCausalLM'), baseWeightShapes(LLAMA), 1), modules: LLAMA_MODULES },
  { name: 'qwen2', model: checkpoint('qwen2', llamaHfConfig(QWEN2, 'Qwen2ForCausalLM'), baseWeightShapes(QWEN2), 2), modules: LLAMA_MODULES },
  { name: 'gpt2', model: checkpoint('gpt2', gpt2HfConfig(TINY_GPT2), gpt2WeightShapes(TINY_GPT2), 3), modules: ['c_attn', 'c_proj', 'c_fc'] },
];

const data = join(root, 'silo.jsonl');
writeFileSync(data, `${Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: `the hello ${i % 3} the hello world` })).join('\n')}\n`);

/** max |actual − expected| over max |expected|: a relative error that near-zero entries cannot inflate. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(actual[i] - expected[i]));
  }
  return error / scale;
}

async function logitsOn(backend: BackendChoice, model: string): Promise<Float32Array> {
  await selectBackend(backend, logger);
  const loaded = await loadModel(resolveModel(model));
  const logits = tf.tidy(() =>
    loaded.forward(
      tf.tensor2d(
        [
          [5, 72, 101, 108, 108, 111, 33, 10],
          [3, 0, 255, 31, 32, 33, 58, 1],
        ],
        undefined,
        'int32',
      ),
    ),
  );
  const values = (await logits.data()) as Float32Array;
  logits.dispose();
  loaded.dispose();
  return values;
}

/** Bytes of tensors held on the GPU (the webgpu backend's figure in tf.memory()). */
const gpuBytes = (): number => (tf.memory() as tf.MemoryInfo & { numBytesInGPU: number }).numBytesInGPU;

/** A non-zero B, so that every factor has a gradient. */
function startingAdapter(model: string, lora: LoraConfig): AdapterWeights {
  const adapter = initialAdapter(loraTargets(resolveModel(model), lora.targetModules), lora.r, 11);
  const random = new SeededRandom(12);
  for (const [name, tensor] of adapter) if (name.endsWith('lora_B.weight')) random.fillNormal(tensor.data as Float32Array, 0.1);
  return adapter;
}

/**
 * One training step's objective and its gradients with respect to the adapter's variables, for a
 * batch of two sequences, one padded. Gradients, not Adam's update: Adam's first step moves a value by
 * lr·g/(|g| + ε), which for the few gradients within a few ε (1e-7) of zero turns float32 rounding into
 * differences of a tenth of lr; the whole simulation below covers the optimizer.
 */
async function lossAndGradientsOn(backend: BackendChoice, model: string, modules: string[]) {
  await selectBackend(backend, logger);
  const lora: LoraConfig = { r: 2, alpha: 4, targetModules: modules };
  const loaded = await loadModel(resolveModel(model));
  try {
    loaded.loadAdapter(lora, startingAdapter(model, lora));
    const batch = makeBatch(
      [
        { tokens: [5, 72, 101, 108, 108, 111, 33, 10, 72, 101], lossMask: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
        { tokens: [3, 0, 255, 31, 32, 33, 58], lossMask: [1, 1, 1, 1, 1, 1, 1] },
      ],
      16,
      0,
    );
    const variables = loaded.trainableVariables();
    const { cost, grads } = accumulatedGradients(loaded, [batch], batch.targetCount, variables, [], 0);
    // In the variables' order (their names are per load); read back asynchronously, as webgpu in Node requires.
    const gradients = await Promise.all(variables.map(async (variable) => (await grads[variable.name].data()) as Float32Array));
    const loss = (await cost.data())[0];
    tf.dispose([cost, ...Object.values(grads)]);
    return { backend: tf.getBackend(), loss, gradients };
  } finally {
    loaded.dispose();
  }
}

describe.skipIf(process.env.FEDLORA_WEBGPU_TESTS === 'off')('webgpu backend', () => {
  beforeAll(async () => {
    // Forced, webgpu takes whatever adapter there is, lavapipe included.
    expect(await selectBackend(WEBGPU_BACKEND, logger)).toBe(WEBGPU_BACKEND);
  });

  it('names the adapter it runs on', () => {
    const gpu = webGpuDescription()!;
    expect(gpu.description.length + gpu.device.length).toBeGreaterThan(0);
    expect(gpu.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(2 ** 27);
  });

  describe.each(models)('$name', ({ model, modules }) => {
    it('gives the same logits as native-cpu to 1e-4 relative', async () => {
      const expected = await logitsOn(NATIVE_CPU_BACKEND, model);
      expect(relativeError(await logitsOn(WEBGPU_BACKEND, model), expected)).toBeLessThan(1e-4);
    });

    it("a training step's loss and gradients equal native-cpu's to 1e-4 relative", async () => {
      const expected = await lossAndGradientsOn(NATIVE_CPU_BACKEND, model, modules);
      const actual = await lossAndGradientsOn(WEBGPU_BACKEND, model, modules);
      expect(actual.backend).toBe(WEBGPU_BACKEND);
      expect(Math.abs(actual.loss - expected.loss) / expected.loss).toBeLessThan(1e-4);
      expect(actual.gradients).toHaveLength(expected.gradients.length);
      expected.gradients.forEach((gradient, i) => expect(relativeError(actual.gradients[i], gradient), `variable ${i}`).toBeLessThan(1e-4));
    });
  });

  it("eval and generate give native-cpu's loss and tokens", async () => {
    const model = models[1].model;
    const evalOn = (backend: BackendChoice) => evaluateModel({ model, data, maxSeqLen: 16, backend, logger });
    const generateOn = (backend: BackendChoice) => generate({ model, prompt: 'the hello', maxNewTokens: 5, temperature: 0, seed: 1, backend, logger });
    const [cpuEval, cpuText] = [await evalOn(NATIVE_CPU_BACKEND), await generateOn(NATIVE_CPU_BACKEND)];
    const [gpuEval, gpuText] = [await evalOn(WEBGPU_BACKEND), await generateOn(WEBGPU_BACKEND)];
    expect(Math.abs(gpuEval.loss - cpuEval.loss) / cpuEval.loss).toBeLessThan(1e-4);
    expect(gpuEval.tokens).toBe(cpuEval.tokens);
    expect(gpuText.tokenIds).toEqual(cpuText.tokenIds);
    expect(gpuText.tokenIds).toHaveLength(5);
  });

  it('GPU memory stays flat from round to round, and the model gives it all back', async () => {
    await selectBackend(WEBGPU_BACKEND, logger);
    const before = gpuBytes();
    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: data, backend: WEBGPU_BACKEND });
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    const global = startingAdapter('builtin:tiny', lora);
    const params: TrainHyperParams = { localSteps: 2, batchSize: 2, learningRate: 1e-2, maxSeqLen: 16, seed: 1, proximalMu: 0.01 };
    const afterRound: number[] = [];
    for (let round = 0; round < 3; round++) {
      await trainer.train(global, lora, params);
      await trainer.evaluate(global, lora, 16);
      afterRound.push(gpuBytes());
    }
    expect(afterRound[1]).toBe(afterRound[0]);
    expect(afterRound[2]).toBe(afterRound[0]);
    trainer.dispose();
    expect(gpuBytes()).toBe(before);
  });

  it('a GPU lost mid-round fails that round, and the next round trains on a new device', async () => {
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    const params: TrainHyperParams = { localSteps: 3, batchSize: 2, learningRate: 1e-2, maxSeqLen: 16, seed: 2, proximalMu: 0 };
    const global = startingAdapter('builtin:tiny', lora);
    const cpu = await createTrainer({ model: 'builtin:tiny', dataPath: data, backend: NATIVE_CPU_BACKEND });
    const expected = await cpu.train(global, lora, params);
    cpu.dispose();
    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: data, backend: WEBGPU_BACKEND });
    const lost = trainer.train(global, lora, params, (progress) => progress.step === 1 && destroyWebGpuDevice());
    await expect(lost).rejects.toThrow(GpuFailureError);
    await expect(lost).rejects.toThrow(/^training: the GPU failed \(device lost, destroyed/);
    const recovered = await trainer.train(global, lora, params);
    // Three Adam steps amplify rounding differences beyond one step's 1e-4.
    for (const [name, tensor] of expected.update) expect(relativeError(recovered.update.get(name)!.data, tensor.data), name).toBeLessThan(1e-3);
    expect((await trainer.evaluate(global, lora, 16)).loss).toBeGreaterThan(0);
    trainer.dispose();
  });

  it('an error the GPU reports (a buffer over its limit) is raised with its message, and the next round recovers', async () => {
    const trainer = await createTrainer({ model: 'builtin:tiny', dataPath: data, backend: WEBGPU_BACKEND });
    const limit = webGpuDescription()!.maxStorageBufferBindingSize;
    const sum = tf.tidy(() => tf.sum(tf.ones([limit / 4 + 256])));
    await expect(assertWebGpuHealthy('summing')).rejects.toThrow(
      /^summing: the GPU failed \(GPUValidationError: Binding size \(\d+\).* is larger than the maximum storage buffer binding size/,
    );
    sum.dispose();
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj'] };
    const result = await trainer.train(startingAdapter('builtin:tiny', lora), lora, {
      localSteps: 1,
      batchSize: 2,
      learningRate: 1e-2,
      maxSeqLen: 16,
      seed: 1,
      proximalMu: 0,
    });
    expect(Number.isFinite(result.trainLoss)).toBe(true);
    await expect(assertWebGpuHealthy('training')).resolves.toBeUndefined();
    trainer.dispose();
  });

  it("a simulation on webgpu gives native-cpu's eval losses, round by round, to 1e-3", async () => {
    const simulateOn = async (backend: BackendChoice) => {
      const result = await simulate({
        clients: 2,
        rounds: 2,
        localSteps: 2,
        port: 0,
        backend,
        runDir: join(root, `sim-${backend}`),
        dataFiles: [data, data],
        logger,
        print: () => undefined,
      });
      return result.rounds.map((round) => round.eval_loss!);
    };
    const expected = await simulateOn(NATIVE_CPU_BACKEND);
    const actual = await simulateOn(WEBGPU_BACKEND);
    expect(actual).toHaveLength(2);
    actual.forEach((loss, round) => expect(Math.abs(loss - expected[round]) / expected[round], `round ${round + 1}`).toBeLessThan(1e-3));
  });

  it('auto takes a hardware GPU but leaves a software renderer alone, saying why; forced, webgpu takes either', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const chosen = await selectBackend('auto', createLogger('test', { format: 'json', destination }));
    const gpu = webGpuDescription()!;
    if (gpu.software) {
      expect(chosen).not.toBe(WEBGPU_BACKEND);
      expect(lines.join('')).toContain(`webgpu: skipping ${gpuLabel(gpu)}, a software renderer slower than the CPU backends`);
    } else {
      expect(chosen).toBe(WEBGPU_BACKEND);
      expect(lines.join('')).toContain(`webgpu: using ${gpuLabel(gpu)}`);
    }
    expect(await selectBackend(WEBGPU_BACKEND, logger)).toBe(WEBGPU_BACKEND);
  });

  it('without a Vulkan driver, webgpu is refused saying what is missing, and auto falls back', () => {
    const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
    const run = (backend: string) =>
      spawnSync(
        process.execPath,
        [cli, 'eval', '--model', 'builtin:tiny', '--data', data, '--max-seq-len', '16', '--backend', backend, '--log-format', 'json'],
        {
          env: { ...process.env, VK_DRIVER_FILES: join(root, 'no-such-driver.json'), VK_ICD_FILENAMES: join(root, 'no-such-driver.json') },
          encoding: 'utf8',
        },
      );
    if (process.platform !== 'linux') return;
    const forced = run(WEBGPU_BACKEND);
    // 3: the environment lacks something (here a Vulkan driver), as `--help` lists the exit statuses.
    expect(forced.status).toBe(3);
    expect(forced.stderr).toMatch(/webgpu backend found no GPU adapter: no Vulkan driver is installed/);
    const auto = run('auto');
    expect(auto.status, auto.stderr).toBe(0);
    expect(auto.stdout).toMatch(/loss/);
    expect(auto.stderr).toMatch(/"unavailable":\{"webgpu":"[^"]*no Vulkan driver is installed/);
  });

  it('refuses a tensor larger than the largest storage buffer, naming it, its size and the limit', async () => {
    await selectBackend(WEBGPU_BACKEND, logger);
    const limit = webGpuDescription()!.maxStorageBufferBindingSize;
    expect(() => assertFitsBinding('model.embed_tokens.weight', [limit / 4 / 1024 + 1, 1024])).toThrow(BackendUnavailableError);
    expect(() => assertFitsBinding('model.embed_tokens.weight', [limit / 4 / 1024 + 1, 1024])).toThrow(
      /model\.embed_tokens\.weight \[\d+, 1024\] takes [\d.]+ MiB, more than this GPU's largest storage buffer \(maxStorageBufferBindingSize [\d.]+ MiB/,
    );
    expect(() => assertFitsBinding('fits', [limit / 4])).not.toThrow();
  });
});
