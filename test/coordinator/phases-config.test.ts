import { describe, expect, it } from 'vitest';
import { validateCoordinatorConfig, type CoordinatorConfigInput } from '../../coordinator/coordinator-config.js';
import { Curriculum } from '../../coordinator/round/curriculum.js';
import { MINIMAL_CONFIG } from '../helpers/coordinator.js';

const twoPhases = [
  { name: 'task', rounds: 2, data: ['task'], train: { learningRate: 0.05 } },
  { name: 'fr', rounds: 3, data: ['fr'], mix: { task: 0.3 }, lora: { dropout: 0.1 }, minClients: 1 },
];

function refusal(input: Partial<CoordinatorConfigInput>): string {
  try {
    validateCoordinatorConfig({ ...MINIMAL_CONFIG, rounds: 5, ...input });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('phases in the configuration', () => {
  it("plans each round from its phase: data and mix, and the phase's settings over the run's", () => {
    const config = validateCoordinatorConfig({ ...MINIMAL_CONFIG, rounds: 5, phases: twoPhases });
    const curriculum = new Curriculum(config.phases, { ...config, lora: config.lora!, minClients: config.minClients });
    expect([0, 1, 2, 3, 5].map((round) => curriculum.plan(round).phase)).toEqual(['task', 'task', 'task', 'fr', 'fr']);
    const task = curriculum.plan(2);
    expect(task).toMatchObject({ firstRound: 1, data: [{ name: 'task', weight: 1 }], minClients: 1 });
    expect(task.train).toEqual({ ...config.train, learningRate: 0.05 });
    const fr = curriculum.plan(4);
    expect(fr.data).toEqual([
      { name: 'fr', weight: 1 },
      { name: 'task', weight: 0.3 },
    ]);
    expect(fr.firstRound).toBe(3);
    expect(fr.train).toEqual(config.train);
    expect(fr.lora).toEqual({ ...config.lora, dropout: 0.1 });
    const hello = (sets: [string, number, boolean][]) =>
      ({ dataSets: sets.map(([name, numTrainExamples, qa]) => ({ name, numTrainExamples, numEvalExamples: 1, qa })) }) as never;
    expect(curriculum.sitsOut(fr, hello([['task', 5, false]]))).toBeUndefined();
    expect(
      curriculum.sitsOut(
        task,
        hello([
          ['fr', 5, false],
          ['task', 3, true],
        ]),
      ),
    ).toBe("holds none of phase task's data (task)");
    // Without phases every round trains on every set, and nobody sits out.
    const single = new Curriculum(undefined, { ...config, lora: config.lora!, minClients: 1 });
    expect(single.plan(1).data).toEqual([]);
    expect(single.sitsOut(single.plan(1), hello([]))).toBeUndefined();
  });

  it.each([
    ['rounds that do not add up', { rounds: 4, phases: twoPhases }, /phases: the phases' rounds add up to 5, but rounds is 4/],
    ['a mix of no earlier phase', { phases: [{ name: 'a', rounds: 5, data: ['x'], mix: { y: 0.5 } }] }, /phases\.0\.mix\.y: y is no earlier phase's data/],
    [
      'a mix of its own data',
      { phases: [twoPhases[0], { name: 'b', rounds: 3, data: ['task'], mix: { task: 0.5 } }] },
      /phases\.1\.mix\.task: task is this phase's data already/,
    ],
    ['a mix weight above 1', { phases: [twoPhases[0], { ...twoPhases[1], mix: { task: 2 } }] }, /phases\.1\.mix\.task/],
    ['two phases of one name', { phases: [twoPhases[0], { ...twoPhases[1], name: 'task' }] }, /phases\.1\.name: duplicate phase name task/],
    ['a QA set as training data', { phases: twoPhases, evaluation: { qa: ['fr'] } }, /phases\.1\.data\.0: fr is a QA set/],
    ['a set name with a space', { phases: [{ name: 'a', rounds: 5, data: ['a b'] }] }, /phases\.0\.data\.0/],
    ['differential privacy', { phases: twoPhases, privacy: { dp: { clipNorm: 1, noiseMultiplier: 1 } } }, /phases: not with privacy.dp/],
    ['more clients to wait for than configured', { phases: [{ name: 'a', rounds: 5, data: ['x'], minClients: 2 }] }, /phases\.0\.minClients/],
  ])('refuses %s, naming the field', (_, input, message) => {
    expect(refusal(input as Partial<CoordinatorConfigInput>)).toMatch(message);
  });
});
