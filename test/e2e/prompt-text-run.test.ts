/**
 * Prompt-tuning with TEXT initialisation federated end to end on builtin:tiny: the run carries offsets from the
 * text's embeddings (zero at first), two real clients lower the held-out loss, `export --model` writes PEFT's
 * prompt_embeddings (offsets + the model's embeddings of the text's tokens) with PEFT's TEXT config, and
 * `eval --adapter` reads the export and the checkpoint alike. A run starts only from offsets of the same text.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../cli/eval.js';
import { exportRun } from '../../cli/export.js';
import { sampleSilos } from '../../cli/simulate.js';
import { silentLogger } from '../../shared/infra/log.js';
import { adapterConfig } from '../../shared/lora/lora.js';
import { PROMPT_EMBEDDINGS, peftSpecSchema } from '../../shared/lora/peft-method.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { PROMPT_OFFSET_METADATA, PROMPT_OFFSET_VALUE } from '../../shared/lora/prompt-text-init.js';
import { seededBaseWeights } from '../../shared/model/llama.js';
import { resolveModel, type LlamaDescriptor } from '../../shared/model/model-config.js';
import { prepareRunStart } from '../../shared/model/run-start.js';
import { decodeSafetensors } from '../../shared/model/safetensors.js';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';

const TEXT = 'Roast the';
const peft = { method: 'prompt-tuning', numVirtualTokens: 8, promptTuningInit: 'text', promptTuningInitText: TEXT } as const;

/** builtin:tiny's word embeddings of BOS and the text's UTF-8 bytes (its tokens), cut to 8: independent of the code under test. */
function textEmbeddings(): Float32Array {
  const tiny = resolveModel('builtin:tiny') as LlamaDescriptor;
  const base = seededBaseWeights(tiny.config, tiny.config.initSeed!);
  const table = base.get('model.embed_tokens.weight')!;
  const ids = [256, ...new TextEncoder().encode(TEXT)].slice(0, 8);
  const rows = tf.tidy(() => tf.gather(table, ids).dataSync() as Float32Array);
  tf.dispose([...base.values()]);
  return rows;
}

describe('prompt-tuning with text initialisation', () => {
  const run = coordinatorFixture();

  it('federated: the loss falls, the run carries offsets, and the export holds the embeddings in PEFT TEXT form', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({
      clients: credentials,
      rounds: 2,
      peft,
      lora: undefined,
      train: { localSteps: 6, batchSize: 4, learningRate: 2e-2, maxSeqLen: 32 },
    });
    await trainWithRealClients(coordinator, credentials);
    expect(coordinator.status().state).toBe('finished');
    expect(coordinator.roundRecords().at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);

    const checkpointDir = join(coordinator.runDir, 'rounds', '2');
    const checkpoint = await readPeftAdapter(checkpointDir);
    expect(checkpoint.metadata[PROMPT_OFFSET_METADATA]).toBe(PROMPT_OFFSET_VALUE);
    expect(checkpoint.lora.peft).toMatchObject({ promptTuningInit: 'text', promptTuningInitText: TEXT });
    const offsets = checkpoint.adapter.get(PROMPT_EMBEDDINGS)!;
    // Trained away from the text's embeddings.
    expect(offsets.data.some((v) => v !== 0)).toBe(true);

    const out = join(await mkdtemp(join(tmpdir(), 'fedlora-prompt-text-')), 'adapter');
    await expect(exportRun({ runDir: coordinator.runDir, out: `${out}-without-model` })).rejects.toThrow(/needs --model/);
    await exportRun({ runDir: coordinator.runDir, out, model: 'builtin:tiny' });
    // PEFT's PromptTuningConfig, as save_pretrained writes it for TEXT.
    const config = JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8'));
    expect(config).toMatchObject({
      peft_type: 'PROMPT_TUNING',
      task_type: 'CAUSAL_LM',
      num_virtual_tokens: 8,
      token_dim: 64,
      num_transformer_submodules: 1,
      prompt_tuning_init: 'TEXT',
      prompt_tuning_init_text: TEXT,
      tokenizer_name_or_path: 'builtin:tiny',
      base_model_name_or_path: 'builtin:tiny',
    });
    const file = decodeSafetensors(readFileSync(join(out, 'adapter_model.safetensors')));
    expect([...file.tensors.keys()]).toEqual([PROMPT_EMBEDDINGS]);
    expect(file.metadata[PROMPT_OFFSET_METADATA]).toBeUndefined();
    const exported = file.tensors.get(PROMPT_EMBEDDINGS)!;
    expect(exported.shape).toEqual([8, 64]);
    const text = textEmbeddings();
    exported.data.forEach((value, i) => expect(value).toBeCloseTo(offsets.data[i] + text[i], 5));

    const data = sampleSilos()[0];
    const evaluate = (adapter?: string) => evaluateModel({ model: 'builtin:tiny', adapter, data, maxSeqLen: 32, backend: 'wasm', logger: silentLogger() });
    const [fromCheckpoint, fromExport, base] = [await evaluate(checkpointDir), await evaluate(out), await evaluate()];
    expect(Math.abs(fromExport.loss - fromCheckpoint.loss)).toBeLessThan(1e-5);
    expect(fromExport.loss).toBeLessThan(base.loss);

    // A run continues from offsets of the same text only: whole embeddings, or another text's offsets, are refused.
    const lora = adapterConfig(peftSpecSchema.parse(peft), undefined);
    const resumed = await prepareRunStart({ model: 'builtin:tiny', lora, seed: 1, initialAdapter: checkpointDir });
    expect(resumed.initialAdapter.get(PROMPT_EMBEDDINGS)!.data).toEqual(offsets.data);
    await expect(prepareRunStart({ model: 'builtin:tiny', lora, seed: 1, initialAdapter: out })).rejects.toThrow(
      /holds whole prompt embeddings, and the run carries offsets from the embeddings of "Roast the": only a holder of the base weights/,
    );
    const otherText = adapterConfig(peftSpecSchema.parse({ ...peft, promptTuningInitText: 'Stir' }), undefined);
    await expect(prepareRunStart({ model: 'builtin:tiny', lora: otherText, seed: 1, initialAdapter: checkpointDir })).rejects.toThrow(
      /holds offsets from the embeddings of the text "Roast the", and the run carries offsets from the embeddings of "Stir"/,
    );
    const random = adapterConfig(peftSpecSchema.parse({ method: 'prompt-tuning', numVirtualTokens: 8 }), undefined);
    await expect(prepareRunStart({ model: 'builtin:tiny', lora: random, seed: 1, initialAdapter: checkpointDir })).rejects.toThrow(
      /and the run starts from random embeddings/,
    );
    expect((await prepareRunStart({ model: 'builtin:tiny', lora: random, seed: 1, initialAdapter: out })).initialAdapter.get(PROMPT_EMBEDDINGS)!.data).toEqual(
      exported.data,
    );
  }, 120_000);
});
