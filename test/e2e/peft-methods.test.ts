/**
 * Each PEFT method federated end to end on builtin:tiny: two real clients lower the held-out loss, the run's
 * checkpoint exports as a PEFT directory of the method, and `eval --adapter` reads the export back with the loss
 * of the checkpoint itself. Config refusals name the method and the setting.
 */
import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../cli/eval.js';
import { exportRun } from '../../cli/export.js';
import { sampleSilos } from '../../cli/simulate.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { parameterCount } from '../../shared/lora/adapter.js';
import { DORA_MAGNITUDE_SUFFIX, DORA_OFFSET_METADATA } from '../../shared/lora/dora.js';
import { adapterConfig } from '../../shared/lora/lora.js';
import { PROMPT_EMBEDDINGS, peftSpecSchema, type PeftSpecInput } from '../../shared/lora/peft-method.js';
import { initialPeftAdapter } from '../../shared/model/run-start.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { silentLogger } from '../../shared/infra/log.js';
import { seededBaseWeights } from '../../shared/model/llama.js';
import { resolveModel, type LlamaDescriptor } from '../../shared/model/model-config.js';
import { clientCredentials, coordinatorFixture, MINIMAL_CONFIG, trainWithRealClients } from '../helpers/coordinator.js';

const METHODS: { peft: PeftSpecInput; lora?: { r: number; alpha: number; targetModules: string[] }; peftType: string }[] = [
  { peft: { method: 'dora' }, lora: { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] }, peftType: 'LORA' },
  { peft: { method: 'prompt-tuning', numVirtualTokens: 8 }, peftType: 'PROMPT_TUNING' },
  { peft: { method: 'prefix-tuning', numVirtualTokens: 4, prefixProjection: true, encoderHiddenSize: 16 }, peftType: 'PREFIX_TUNING' },
];

describe.each(METHODS)('peft.method $peft.method', ({ peft, lora, peftType }) => {
  const run = coordinatorFixture();

  it('federated: the held-out loss falls, and the export reads back in eval --adapter with the same loss', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      peft,
      lora,
      train: { localSteps: 8, batchSize: 4, learningRate: 2e-2, maxSeqLen: 48 },
    });
    await trainWithRealClients(coordinator, credentials);
    expect(coordinator.status().state).toBe('finished');
    // The dashboard and GET /api/v1/status show the method.
    expect(coordinator.status().peft_method).toBe(peft.method);
    expect(coordinator.roundRecords().at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);

    const checkpoint = join(coordinator.runDir, 'rounds', '2');
    const out = join(await mkdtemp(join(tmpdir(), 'fedlora-peft-')), 'adapter');
    await exportRun({ runDir: coordinator.runDir, out, model: 'builtin:tiny' });
    const exported = await readPeftAdapter(out);
    expect(JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8')).peft_type).toBe(peftType);
    expect(exported.metadata[DORA_OFFSET_METADATA]).toBeUndefined();
    if (peft.method === 'prompt-tuning') expect(exported.adapter.get(PROMPT_EMBEDDINGS)!.shape).toEqual([8, 64]);
    // builtin:tiny: 2 layers · keys and values · 2 kv heads · head dim 16, the projection folded in.
    if (peft.method === 'prefix-tuning') expect(exported.adapter.get(PROMPT_EMBEDDINGS)!.shape).toEqual([4, 2 * 2 * 2 * 16]);
    if (peft.method === 'dora') {
      const magnitudes = [...exported.adapter.keys()].filter((name) => name.endsWith(DORA_MAGNITUDE_SUFFIX));
      expect(magnitudes).toHaveLength(4);
      // PEFT's magnitude = the run's offset + the base weight's row norm ‖W_o‖.
      const offsets = (await readPeftAdapter(checkpoint)).adapter;
      const tiny = resolveModel('builtin:tiny') as LlamaDescriptor;
      const base = seededBaseWeights(tiny.config, tiny.config.initSeed!);
      for (const name of magnitudes) {
        const weight = base.get(`${name.slice('base_model.model.'.length, -DORA_MAGNITUDE_SUFFIX.length)}.weight`)!;
        const [rows, columns] = weight.shape;
        const values = weight.dataSync();
        const norms = Array.from({ length: rows }, (_, o) => Math.hypot(...values.subarray(o * columns, (o + 1) * columns)));
        const got = exported.adapter.get(name)!.data;
        norms.forEach((norm, o) => expect(got[o]).toBeCloseTo(offsets.get(name)!.data[o] + norm, 5));
      }
      tf.dispose([...base.values()]);
    }

    const data = sampleSilos()[0];
    const evaluate = (adapter: string) => evaluateModel({ model: 'builtin:tiny', adapter, data, maxSeqLen: 48, backend: 'wasm', logger: silentLogger() });
    const [fromCheckpoint, fromExport, base] = [
      await evaluate(checkpoint),
      await evaluate(out),
      await evaluateModel({ model: 'builtin:tiny', data, maxSeqLen: 48, backend: 'wasm', logger: silentLogger() }),
    ];
    expect(Math.abs(fromExport.loss - fromCheckpoint.loss)).toBeLessThan(1e-5);
    expect(fromExport.loss).toBeLessThan(base.loss);
    expect(parameterCount(exported.adapter)).toBeGreaterThan(0);
  }, 120_000);
});

describe('peft.method in the configuration', () => {
  it('refuses settings that make no sense for the method, naming both', () => {
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, peft: { method: 'prompt-tuning' } })).toThrow(
      /lora: peft\.method prompt-tuning trains no LoRA factors: lora \(and its aggregation fedavg\) applies to lora, qlora and dora only/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, peft: { method: 'prefix-tuning' }, lora: { r: 4, alpha: 8, aggregation: 'exact' } })).toThrow(
      /peft\.method prefix-tuning trains no LoRA factors: lora \(and its aggregation exact\)/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, peft: { method: 'dora' }, lora: { r: 4, alpha: 8, aggregation: 'exact' } })).toThrow(
      /lora\.aggregation: exact aggregation folds B·A into the base weight, which DoRA renormalises/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: undefined, peft: { method: 'qlora' } })).toThrow(
      /lora: required with peft\.method qlora/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, peft: { method: 'adapters' } })).toThrow(/peft\.method/);
  });

  it('LoRA is the default, and qlora is LoRA to the coordinator', async () => {
    expect(validateCoordinatorConfig(MINIMAL_CONFIG).peft.method).toBe('lora');
    const prompt = validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: undefined, peft: { method: 'prompt-tuning' } });
    expect(prompt.peft).toEqual({
      method: 'prompt-tuning',
      numVirtualTokens: 20,
      promptTuningInit: 'random',
      promptTuningInitText: '',
      prefixProjection: false,
      encoderHiddenSize: 0,
    });
    const qlora = validateCoordinatorConfig({ ...MINIMAL_CONFIG, peft: { method: 'qlora' } });
    const settings = { r: 4, alpha: 8, targetModules: qlora.lora!.targetModules };
    const tiny = resolveModel('builtin:tiny');
    const asLora = await initialPeftAdapter(tiny, adapterConfig(peftSpecSchema.parse({}), settings), 3);
    expect(await initialPeftAdapter(tiny, adapterConfig(qlora.peft, settings), 3)).toEqual(asLora);
  });
});
