import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../../coordinator/round/records.js';
import { runCli } from '../helpers/processes.js';

const knowledge = fileURLToPath(new URL('../../shared/samples/knowledge/', import.meta.url));

describe('fedlora simulate --knowledge', () => {
  it("records each round's exact match and F1 on new and updated facts, as fedlora eval --task qa scores the same adapter", async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fedlora-knowledge-')), 'run');
    const simulation = await runCli(['simulate', '--knowledge', '--rounds', '2', '--local-steps', '3', '--backend', 'wasm', '--run-dir', runDir]).done;
    expect(simulation.code, simulation.stderr).toBe(0);
    expect(simulation.stdout).toMatch(/phase learn {2}eval new-qa exact match \d\.\d\d F1 \d\.\d\d {2}updated-qa exact match/);

    const db = new Database(join(runDir, 'state.sqlite'), { readonly: true });
    const records = (db.prepare('SELECT record FROM rounds ORDER BY round').all() as { record: string }[]).map((r) => JSON.parse(r.record) as RoundRecord);
    db.close();
    expect(records.map((r) => [r.phase, Object.keys(r.eval_sets)])).toEqual([
      ['learn', ['new-qa', 'updated-qa']],
      ['update', ['new-qa', 'updated-qa']],
    ]);
    // Silo 2 holds no updates: it sits the update phase out.
    expect(records[1].sat_out).toEqual(['silo-2']);
    const recorded = records[1].eval_sets;
    expect([recorded['new-qa'].examples, recorded['updated-qa'].examples, recorded['new-qa'].loss]).toEqual([7, 5, null]);

    for (const set of ['new-qa', 'updated-qa']) {
      const evaluation = await runCli([
        'eval',
        '--task',
        'qa',
        '--model',
        'builtin:tiny',
        '--adapter',
        join(runDir, 'rounds', '2'),
        '--data',
        join(knowledge, `${set}.jsonl`),
        '--max-new-tokens',
        '16',
        '--backend',
        'wasm',
      ]).done;
      expect(evaluation.code, evaluation.stderr).toBe(0);
      const report = JSON.parse(evaluation.stdout) as { exact_match: number; f1: number; questions: number };
      expect([report.exact_match, report.f1, report.questions]).toEqual([recorded[set].exact_match, recorded[set].f1, recorded[set].examples]);
    }
  }, 90_000);
});
