import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalTrainer } from '../../client/local-trainer.js';
import { createTrainer } from '../../client/trainer.js';
import { add } from '../../shared/lora/adapter.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { modelWeightShapes } from '../../shared/model/base-weights.js';
import { LlavaModel } from '../../shared/model/llava.js';
import { llavaVisionLinears } from '../../shared/model/llava-layout.js';
import { loraTargets, resolveModel, type LlavaDescriptor } from '../../shared/model/model-config.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { savedWeights } from '../../shared/model/weight-shapes.js';

const silo = fileURLToPath(new URL('../../shared/samples/scans/silo-1.jsonl', import.meta.url));
const vlm = resolveModel('builtin:tiny-vlm') as LlavaDescriptor;
const params = { localSteps: 6, batchSize: 8, learningRate: 1e-2, maxSeqLen: 96, seed: 1, proximalMu: 0 };

function globalAdapter(lora: LoraConfig) {
  return initialAdapter(loraTargets(vlm, lora.targetModules), lora.r, 1, savedWeights(vlm, modelWeightShapes(vlm), lora.modulesToSave ?? []));
}

describe('LocalTrainer on image data (builtin:tiny-vlm)', () => {
  let trainer: LocalTrainer;
  beforeAll(async () => {
    trainer = await createTrainer({ model: 'builtin:tiny-vlm', dataPath: silo, backend: NATIVE_CPU_BACKEND });
  });
  afterAll(() => trainer.dispose());

  it('trains LoRA and the projector on scans, encoding each image once across steps and rounds while the tower is frozen', async () => {
    const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'], modulesToSave: ['multi_modal_projector'] };
    const global = globalAdapter(lora);
    const encode = vi.spyOn(LlavaModel.prototype, 'encodeImages');
    const before = await trainer.evaluate(global, lora, params.maxSeqLen);
    const encodedForEval = encode.mock.calls.reduce((n, [pixels]) => n + pixels.shape[0], 0);
    expect(encodedForEval).toBe(trainer.numEvalExamples);

    const first = await trainer.train(global, lora, params);
    const second = await trainer.train(add(global, first.update), lora, params);
    const encoded = encode.mock.calls.reduce((n, [pixels]) => n + pixels.shape[0], 0);
    // Every image at most once: 6 steps of 8 over 43 training examples, twice, would be 96 encodings without the cache.
    expect(encoded).toBeLessThanOrEqual(trainer.numTrainExamples + trainer.numEvalExamples);
    encode.mockRestore();

    const projector = first.update.get('base_model.model.multi_modal_projector.linear_1.weight.modules_to_save_difference')!;
    expect(projector.data.some((v) => v !== 0)).toBe(true);
    const after = await trainer.evaluate(add(add(global, first.update), second.update), lora, params.maxSeqLen);
    expect(after.loss).toBeLessThan(before.loss);
  }, 60_000);

  it('runs the tower inside each step when LoRA adapts it, so that its adapter trains', async () => {
    const towerModule = llavaVisionLinears(vlm.config)[0].modulePath;
    const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', towerModule] };
    const encode = vi.spyOn(LlavaModel.prototype, 'encodeImages');
    const { update } = await trainer.train(globalAdapter(lora), lora, { ...params, localSteps: 2 });
    expect(encode).toHaveBeenCalledTimes(2);
    encode.mockRestore();
    expect(update.get(`base_model.model.${towerModule}.lora_B.weight`)!.data.some((v) => v !== 0)).toBe(true);
  }, 60_000);
});
