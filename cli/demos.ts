/**
 * The bundled curriculum demo for `fedlora simulate --phases`: an English task on one silo, then a second language
 * on another (shared/samples/curriculum/, written by shared/samples/generate.mjs).
 */
import { join } from 'node:path';
import type { DataSource } from '../client/data.js';
import type { CoordinatorConfigInput } from '../coordinator/coordinator-config.js';
import { ConfigError } from '../shared/infra/errors.js';
import { packageRoot } from '../shared/infra/package-root.js';

/** Short sentences and a brisk learning rate: each phase's language is learned, and forgotten, within a few rounds. */
const DEMO_TRAINING = { learningRate: 0.01, maxSeqLen: 48 };

export interface Demo {
  /** Each silo's named sets. */
  readonly silos: readonly (readonly DataSource[])[];
  readonly phases: NonNullable<CoordinatorConfigInput['phases']>;
}

/**
 * Phase `task` (the first half of the rounds) trains the English set on silo 1; phase `fr` the French set on silo 2,
 * replaying the English set at weight `mix` when given (silo 1 then takes part), else silo 1 sits it out.
 */
export function curriculumDemo(rounds: number, mix?: number): Demo {
  if (rounds < 2) throw new ConfigError('--phases needs at least 2 rounds, one per phase');
  const dir = join(packageRoot(), 'shared', 'samples', 'curriculum');
  const set = (name: string) => ({ name, path: join(dir, `${name}.jsonl`), qa: false });
  const first = Math.ceil(rounds / 2);
  return {
    silos: [[set('task')], [set('fr')]],
    phases: [
      { name: 'task', rounds: first, data: ['task'], train: DEMO_TRAINING },
      { name: 'fr', rounds: rounds - first, data: ['fr'], mix: mix === undefined ? {} : { task: mix }, train: DEMO_TRAINING },
    ],
  };
}
