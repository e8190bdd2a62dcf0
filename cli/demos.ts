/**
 * The bundled demos of `fedlora simulate` (sets written by shared/samples/generate.mjs): `--phases`, an English task
 * on one silo, then a second language on another (shared/samples/curriculum/); `--knowledge`, invented facts spread
 * over two silos, then updates that contradict some of them, with questions answered after every round
 * (shared/samples/knowledge/).
 */
import { join } from 'node:path';
import type { DataSource } from '../client/data.js';
import type { CoordinatorConfigInput } from '../coordinator/coordinator-config.js';
import type { LoraAggregation } from '../coordinator/strategies/lora-aggregation.js';
import { ConfigError } from '../shared/infra/errors.js';
import { packageRoot } from '../shared/infra/package-root.js';

/** Short sentences and a brisk learning rate: each phase's language is learned, and forgotten, within a few rounds. */
const DEMO_TRAINING = { learningRate: 0.01, maxSeqLen: 48 };

/** Whole questions and answers: none is cut short. */
const FACT_TRAINING = { learningRate: 0.03, maxSeqLen: 96 };

export interface Demo {
  /** Each silo's named sets. */
  readonly silos: readonly (readonly DataSource[])[];
  readonly phases: NonNullable<CoordinatorConfigInput['phases']>;
  /** QA sets answered after every round. */
  readonly qa?: readonly string[];
  /** Share of each set held out for its loss (the facts are all learned: none). */
  readonly evalFraction?: number;
  /** How LoRA's factors are aggregated, unless --lora-aggregation says otherwise. */
  readonly loraAggregation?: LoraAggregation;
}

/** The first half of `rounds` (rounded up) and the rest, one per phase. */
function halves(rounds: number, flag: string): [number, number] {
  if (rounds < 2) throw new ConfigError(`${flag} needs at least 2 rounds, one per phase`);
  return [Math.ceil(rounds / 2), Math.floor(rounds / 2)];
}

/**
 * Phase `task` (the first half of the rounds) trains the English set on silo 1; phase `fr` the French set on silo 2,
 * replaying the English set at weight `mix` when given (silo 1 then takes part), else silo 1 sits it out.
 */
export function curriculumDemo(rounds: number, mix?: number): Demo {
  const [first, second] = halves(rounds, '--phases');
  const set = sampleSet('curriculum', false);
  return {
    silos: [[set('task')], [set('fr')]],
    phases: [
      { name: 'task', rounds: first, data: ['task'], train: DEMO_TRAINING },
      { name: 'fr', rounds: second, data: ['fr'], mix: mix === undefined ? {} : { task: mix }, train: DEMO_TRAINING },
    ],
  };
}

/**
 * Phase `learn` trains each silo's half of the guild's facts, phase `update` the updated ones (on silo 1); silo 1
 * answers the questions of the facts never updated (`new-qa`: new knowledge) and of the updated ones with their new
 * answers (`updated-qa`: updated knowledge) after every round.
 */
export function knowledgeDemo(rounds: number): Demo {
  const [first, second] = halves(rounds, '--knowledge');
  const fact = sampleSet('knowledge', false);
  const question = sampleSet('knowledge', true);
  return {
    silos: [[fact('facts-1'), fact('updates'), question('new-qa'), question('updated-qa')], [fact('facts-2')]],
    phases: [
      { name: 'learn', rounds: first, data: ['facts-1', 'facts-2'], minClients: 2, train: FACT_TRAINING },
      { name: 'update', rounds: second, data: ['updates'], train: FACT_TRAINING },
    ],
    qa: ['new-qa', 'updated-qa'],
    evalFraction: 0,
    // Each silo holds different facts: averaging A and B apart blends the two silos' products into neither's
    // answers, while the exact product keeps both (new knowledge 0.71 against 0.00 after 8 rounds, README).
    loraAggregation: 'exact',
  };
}

/** A set of the bundled demo in shared/samples/`demo`/, by name. */
function sampleSet(demo: string, qa: boolean): (name: string) => DataSource {
  const dir = join(packageRoot(), 'shared', 'samples', demo);
  return (name) => ({ name, path: join(dir, `${name}.jsonl`), qa });
}
