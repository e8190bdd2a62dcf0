/**
 * BitFit federated end to end on a GPT-2 checkpoint (builtin:tiny has no biases): two real clients lower the
 * held-out loss, `export --model` writes the trained biases under transformers' names with the BITFIT config, which
 * `eval --adapter` reads at the checkpoint's loss, and `export --merged` writes a model with that loss on its own.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../cli/eval.js';
import { exportRun } from '../../cli/export.js';
import { sampleSilos } from '../../cli/simulate.js';
import { silentLogger } from '../../shared/infra/log.js';
import { savedDifferenceName } from '../../shared/lora/lora.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { decodeSafetensors } from '../../shared/model/safetensors.js';
import { gpt2HfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';

describe('peft.method bitfit on GPT-2', () => {
  const run = coordinatorFixture();

  it('federated: the loss falls, and the export and the merged model read back at the checkpoint loss', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fedlora-bitfit-'));
    const modelDir = join(root, 'gpt2');
    const stored = writeCheckpoint(modelDir, {
      hfConfig: gpt2HfConfig(TINY_GPT2),
      tensors: randomTensors(gpt2WeightShapes(TINY_GPT2), 3, 0.3),
      tokenizer: { addsBos: false },
    });
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      model: modelDir,
      peft: { method: 'bitfit' },
      lora: undefined,
      train: { localSteps: 8, batchSize: 4, learningRate: 2e-2, maxSeqLen: 32 },
    });
    await trainWithRealClients(coordinator, credentials, [], modelDir);
    expect(coordinator.status().state).toBe('finished');
    expect(coordinator.status().peft_method).toBe('bitfit');
    expect(coordinator.roundRecords().at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);

    const checkpointDir = join(coordinator.runDir, 'rounds', '2');
    const differences = (await readPeftAdapter(checkpointDir)).adapter;
    const biases = gpt2WeightShapes(TINY_GPT2)
      .map(([name]) => name)
      .filter((name) => name.endsWith('.bias'));
    expect([...differences.keys()]).toEqual(biases.map(savedDifferenceName).sort());

    const out = join(root, 'export');
    await exportRun({ runDir: coordinator.runDir, out, model: modelDir, merged: true });
    expect(JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8'))).toEqual({
      base_model_name_or_path: modelDir,
      peft_type: 'BITFIT',
      task_type: 'CAUSAL_LM',
    });
    // load_state_dict(strict=False): the model's own names, holding base + trained difference.
    const file = decodeSafetensors(readFileSync(join(out, 'adapter_model.safetensors')));
    expect([...file.tensors.keys()].sort()).toEqual([...biases].sort());
    for (const name of biases) {
      const base = stored.get(name) ?? stored.get(name.replace(/^transformer\./, ''))!;
      const difference = differences.get(savedDifferenceName(name))!.data;
      file.tensors.get(name)!.data.forEach((value, i) => expect(value).toBeCloseTo(base[i] + difference[i], 6));
    }

    const data = sampleSilos()[0];
    const evaluate = (model: string, adapter?: string) => evaluateModel({ model, adapter, data, maxSeqLen: 32, backend: 'wasm', logger: silentLogger() });
    const [fromCheckpoint, fromExport, merged, base] = [
      await evaluate(modelDir, checkpointDir),
      await evaluate(modelDir, out),
      await evaluate(out),
      await evaluate(modelDir),
    ];
    expect(Math.abs(fromExport.loss - fromCheckpoint.loss)).toBeLessThan(1e-5);
    expect(Math.abs(merged.loss - fromExport.loss)).toBeLessThan(1e-5);
    expect(fromExport.loss).toBeLessThan(base.loss);
  }, 120_000);
});
