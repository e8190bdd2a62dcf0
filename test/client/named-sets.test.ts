import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTrainer } from '../../client/local-trainer.js';
import { createTrainer } from '../../client/trainer.js';
import { DataError } from '../../shared/infra/errors.js';
import { initialAdapter, type LoraConfig } from '../../shared/lora/lora.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import type { TrainHyperParams } from '../../shared/lora/training.js';

const silo = (name: string) => fileURLToPath(new URL(`../../shared/samples/${name}.jsonl`, import.meta.url));
const lora: LoraConfig = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
const params: TrainHyperParams = { localSteps: 2, batchSize: 4, learningRate: 1e-2, maxSeqLen: 48, seed: 5, proximalMu: 0 };
const global = initialAdapter(loraTargets(resolveModel('builtin:tiny'), lora.targetModules), lora.r, 1);

describe('a client with named data sets (builtin:tiny, wasm)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'fedlora-sets-'));
  const questions = join(workDir, 'questions.jsonl');
  let both: LocalTrainer;
  let taskOnly: LocalTrainer;

  beforeAll(async () => {
    writeFileSync(
      questions,
      ['{"question": "What colour is the sky?", "answer": "blue"}', '{"question": "Two plus two?", "answer": "four", "aliases": ["4"]}'].join('\n'),
    );
    both = await createTrainer({
      model: 'builtin:tiny',
      backend: 'wasm',
      dataSets: [
        { name: 'task', path: silo('silo-a'), qa: false },
        { name: 'fr', path: silo('silo-c'), qa: false },
        { name: 'quiz', path: questions, qa: true },
      ],
    });
    taskOnly = await createTrainer({ model: 'builtin:tiny', backend: 'wasm', dataSets: [{ name: 'task', path: silo('silo-a'), qa: false }] });
  });
  afterAll(() => {
    both.dispose();
    taskOnly.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('announces each set with its own held-out slice; questions are held out whole', () => {
    expect(both.dataSets).toEqual([
      { name: 'task', numTrainExamples: 180, numEvalExamples: 20, qa: false },
      { name: 'fr', numTrainExamples: 180, numEvalExamples: 20, qa: false },
      { name: 'quiz', numTrainExamples: 0, numEvalExamples: 2, qa: true },
    ]);
    expect([both.numTrainExamples, both.numEvalExamples]).toEqual([360, 40]);
  });

  it('trains on the sets it is told, weighting FedAvg by weight × examples', async () => {
    const onTask = await both.train(global, lora, params, undefined, [{ name: 'task', weight: 1 }]);
    const alone = await taskOnly.train(global, lora, params);
    // The same batches as a client that holds only the task set: the other set was not drawn from.
    for (const [name, tensor] of onTask.update) expect(tensor.data).toEqual(alone.update.get(name)!.data);
    expect(onTask.numExamples).toBe(180);
    const mixed = await both.train(global, lora, params, undefined, [
      { name: 'fr', weight: 1 },
      { name: 'task', weight: 0.25 },
      { name: 'unheld', weight: 1 },
    ]);
    expect(mixed.numExamples).toBe(180 + 45);
    await expect(both.train(global, lora, params, undefined, [{ name: 'unheld', weight: 1 }])).rejects.toThrow(DataError);
  });

  it('evaluates each set on its own slice and answers the questions asked for', async () => {
    const evaluation = await both.evaluate(global, lora, params.maxSeqLen, { sets: ['quiz'], maxNewTokens: 4 });
    const task = evaluation.sets!.find((set) => set.name === 'task')!;
    expect(task.loss).toBeCloseTo((await taskOnly.evaluate(global, lora, params.maxSeqLen)).loss, 5);
    expect(evaluation.sets!.map((set) => [set.name, set.numExamples, set.qa])).toEqual([
      ['task', 20, false],
      ['fr', 20, false],
      ['quiz', 2, true],
    ]);
    const quiz = evaluation.sets!.find((set) => set.qa)!;
    // The untrained tiny model answers neither question.
    expect([quiz.exactMatch, quiz.f1]).toEqual([0, 0]);
    expect(evaluation.numExamples).toBe(40);
    // Without being asked, no question is answered.
    expect((await both.evaluate(global, lora, params.maxSeqLen)).sets!.map((set) => set.name)).toEqual(['task', 'fr']);
  });
});
