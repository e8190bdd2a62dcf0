/**
 * The workflow on a Hugging Face checkpoint, end to end on loopback: a federated run lowers the held-out loss, a
 * client with another base model is refused at connect, a run can start from an existing PEFT adapter, and
 * `generate` / `eval` use the model with an adapter.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { runClient } from '../../client/client.js';
import { evaluateModel } from '../../cli/eval.js';
import { generate } from '../../cli/generate.js';
import { simulate } from '../../cli/simulate.js';
import { ConfigError, ModelMismatchError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { resolveModel, type LlamaConfig } from '../../shared/model/model-config.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { loadModelWithAdapter } from '../../shared/model/load.js';
import { prepareRunStart } from '../../shared/model/run-start.js';
import { readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { CHATML_TEMPLATE, llamaHfConfig, randomTensors, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { clientCredentials, startTestCoordinator } from '../helpers/coordinator.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-hf-workflow-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SMALL_LLAMA: LlamaConfig = {
  vocabSize: 272,
  hiddenSize: 32,
  intermediateSize: 64,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 8,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
  maxPositionEmbeddings: 128,
  tieWordEmbeddings: true,
};

function writeLlama(name: string, seed: number): string {
  const dir = join(root, name);
  writeCheckpoint(dir, {
    hfConfig: llamaHfConfig(SMALL_LLAMA, 'LlamaForCausalLM'),
    tensors: randomTensors(baseWeightShapes(SMALL_LLAMA), seed, 0.1),
    tokenizer: { addsBos: true, chatTemplate: `{{ bos_token }}${CHATML_TEMPLATE}` },
  });
  return dir;
}

const modelDir = writeLlama('base', 11);
const otherModelDir = writeLlama('other', 12);
/** What a coordinator needs of the checkpoint when it is given the fingerprint: the configuration alone. */
const configOnlyDir = join(root, 'config-only');
mkdirSync(configOnlyDir);
copyFileSync(join(modelDir, 'config.json'), join(configOnlyDir, 'config.json'));

/** Two silos with different phrasing, in the text and chat formats. */
function writeSilos(): string[] {
  const a = join(root, 'silo-a.jsonl');
  const b = join(root, 'silo-b.jsonl');
  writeFileSync(a, Array.from({ length: 24 }, (_, i) => JSON.stringify({ text: `the hello the hello ${i % 4}` })).join('\n'));
  writeFileSync(
    b,
    Array.from({ length: 24 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `say ${i % 3}` },
          { role: 'assistant', content: 'the hello' },
        ],
      }),
    ).join('\n'),
  );
  return [a, b];
}
const silos = writeSilos();

describe('federated fine-tuning of a Llama-style checkpoint', () => {
  it('lowers the held-out loss, and every round is a PEFT adapter for that checkpoint', async () => {
    const runDir = join(root, 'run');
    const result = await simulate({
      clients: 2,
      rounds: 2,
      localSteps: 6,
      port: 0,
      backend: 'wasm',
      runDir,
      model: modelDir,
      dataFiles: silos,
      logger: silentLogger(),
      print: () => undefined,
    });
    expect(result.rounds).toHaveLength(2);
    expect(result.baselineEvalLoss).not.toBeNull();
    expect(result.rounds.at(-1)!.eval_loss!).toBeLessThan(result.baselineEvalLoss!);
    const peft = await readPeftAdapter(join(runDir, 'rounds', '2'));
    expect(peft.baseModel).toBe(modelDir);
    expect(peft.adapter.get('base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight')!.shape).toEqual([16, 8]);
  }, 60_000);

  it('runs from a coordinator that holds only config.json, refusing a client whose base model differs, naming both fingerprints', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await startTestCoordinator({
      clients: credentials,
      minClients: 1,
      model: configOnlyDir,
      modelFingerprint: resolveModel(modelDir).fingerprint,
      lora: { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] },
    });
    try {
      const attempt = runClient({
        coordinatorUrl: coordinator.url,
        token: credentials[0].token,
        dataPath: silos[0],
        model: otherModelDir,
        backend: 'wasm',
        logger: silentLogger(),
        connectTimeoutMs: 10_000,
      });
      await expect(attempt).rejects.toBeInstanceOf(ModelMismatchError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain(resolveModel(modelDir).fingerprint.slice(0, 12));
      expect(message).toContain(resolveModel(otherModelDir).fingerprint.slice(0, 12));
      const session = await runClient({
        coordinatorUrl: coordinator.url,
        token: credentials[1].token,
        dataPath: silos[0],
        model: modelDir,
        backend: 'wasm',
        logger: silentLogger(),
        connectTimeoutMs: 10_000,
      });
      expect(session.roundsTrained).toBe(1);
      await coordinator.finished;
    } finally {
      await coordinator.close();
    }
  }, 30_000);
});

describe('starting a run', () => {
  const lora = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };

  it('starts from an existing PEFT adapter when given one that fits', async () => {
    const fresh = await prepareRunStart({ model: modelDir, lora, seed: 5 });
    const dir = join(root, 'initial-adapter');
    await writePeftAdapter(dir, fresh.initialAdapter, { lora, baseModel: modelDir });
    const resumed = await prepareRunStart({ model: modelDir, lora, seed: 99, initialAdapter: dir });
    expect(resumed.initialAdapter).toEqual(fresh.initialAdapter);
    await expect(prepareRunStart({ model: modelDir, lora: { ...lora, r: 4 }, seed: 0, initialAdapter: dir })).rejects.toThrow(/initialAdapter .* has r 2/);
  });

  it('shapes the run from config.json alone when given the fingerprint, and asks for the fingerprint otherwise', async () => {
    const full = await prepareRunStart({ model: modelDir, lora, seed: 3 });
    const configOnly = await prepareRunStart({ model: configOnlyDir, lora, seed: 3, modelFingerprint: full.model.fingerprint });
    expect(configOnly.model.fingerprint).toBe(full.model.fingerprint);
    expect(configOnly.initialAdapter).toEqual(full.initialAdapter);
    const attempt = prepareRunStart({ model: configOnlyDir, lora, seed: 3 });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/holds config\.json but no weights: set modelFingerprint/);
  });

  it('refuses a checkpoint whose fingerprint is not the configured one, naming both', async () => {
    const expected = resolveModel(otherModelDir).fingerprint;
    const attempt = prepareRunStart({ model: modelDir, lora, seed: 0, modelFingerprint: expected });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(new RegExp(`${resolveModel(modelDir).fingerprint}.*${expected}`));
  });
});

describe('generate and eval', () => {
  it('greedy generation with the KV cache continues as argmax of full forward passes, and sampling is seeded', async () => {
    const options = { model: modelDir, prompt: 'the hello', maxNewTokens: 6, temperature: 0, seed: 0, backend: 'wasm', logger: silentLogger() } as const;
    const greedy = await generate(options);
    const { model, tokenizer } = await loadModelWithAdapter(modelDir, { logger: silentLogger() });
    const ids = [tokenizer.bosId!, ...tokenizer.encode('the hello')];
    const expected: number[] = [];
    for (let i = 0; i < greedy.tokenIds.length; i++) {
      const next = tf.tidy(
        () =>
          tf
            .argMax(model.forward(tf.tensor2d([ids], undefined, 'int32')).squeeze([0]), -1)
            .dataSync()
            .at(-1)!,
      );
      expected.push(next);
      ids.push(next);
    }
    model.dispose();
    expect(greedy.tokenIds).toEqual(expected);
    const sampledTwice = await Promise.all([0, 0].map(() => generate({ ...options, temperature: 1.5, seed: 7 })));
    expect(sampledTwice[0].tokenIds).toEqual(sampledTwice[1].tokenIds);
  });

  it('eval prints loss, perplexity and scored tokens; an adapter changes the loss', async () => {
    const data = join(root, 'eval.jsonl');
    writeFileSync(data, `${JSON.stringify({ prompt: 'the', completion: ' hello' })}\n${JSON.stringify({ text: 'hello' })}\n`);
    const base = await evaluateModel({ model: modelDir, data, backend: 'wasm', logger: silentLogger() });
    // " hello" is 5 tokens (Ġ, he, l, l, o) and "hello" 4, each followed by EOS.
    expect(base.tokens).toBe(6 + 5);
    expect(base.perplexity).toBeCloseTo(Math.exp(base.loss), 6);
    expect(base.loss).toBeGreaterThan(0);
    const adapterDir = join(root, 'eval-adapter');
    const lora = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    const start = await prepareRunStart({ model: modelDir, lora, seed: 1 });
    const adapter = new Map([...start.initialAdapter].map(([name, t]) => [name, { shape: t.shape, data: t.data.map(() => 0.5) }]));
    await writePeftAdapter(adapterDir, adapter, { lora, baseModel: modelDir });
    const adapted = await evaluateModel({ model: modelDir, adapter: adapterDir, data, backend: 'wasm', logger: silentLogger() });
    expect(adapted.tokens).toBe(base.tokens);
    expect(adapted.loss).not.toBeCloseTo(base.loss, 3);
  });
});

describe('the fedlora command', () => {
  const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
  const run = (args: string[]) => promisify(execFile)(process.execPath, [cli, ...args], { env: { ...process.env, FEDLORA_LOG_LEVEL: 'warn' } });

  it('fingerprint, eval and generate work on a checkpoint directory', async () => {
    const fingerprint = await run(['fingerprint', '--model', modelDir]);
    expect(fingerprint.stdout.trim()).toBe(resolveModel(modelDir).fingerprint);
    const evaluation = await run(['eval', '--model', modelDir, '--data', silos[1], '--max-seq-len', '32', '--backend', 'cpu']);
    const report = JSON.parse(evaluation.stdout);
    expect(Object.keys(report).sort()).toEqual(['examples', 'loss', 'perplexity', 'tokens']);
    expect(report.examples).toBe(24);
    const generated = await run(['generate', '--model', modelDir, '--prompt', 'the', '--max-new-tokens', '3', '--backend', 'cpu']);
    expect(generated.stdout.length).toBeGreaterThan(1);
  }, 60_000);

  it("refuses an unsupported checkpoint with the architecture's name and exit status 2", async () => {
    const dir = join(root, 't5');
    writeCheckpoint(dir, { hfConfig: { architectures: ['T5ForConditionalGeneration'] }, tensors: new Map(), tokenizer: { addsBos: false } });
    const failure = await run(['eval', '--model', dir, '--data', silos[0], '--backend', 'cpu']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/architecture "T5ForConditionalGeneration" is not supported/);
  }, 30_000);
});
