import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/processes.js';

/** The task set's loss after each round, from the lines `fedlora simulate --phases` prints. */
function taskLosses(stdout: string): { phase: string; task: number; satOut: string }[] {
  return [...stdout.matchAll(/^ {2}phase (\S+) {2}eval .*?task (\d+\.\d+)(.*)$/gm)].map((m) => ({ phase: m[1], task: Number(m[2]), satOut: m[3].trim() }));
}

describe('fedlora simulate --phases', () => {
  it('forgets the task during the second language without replay, and less with mix', async () => {
    const run = async (extra: string[]) => {
      const runDir = join(await mkdtemp(join(tmpdir(), 'fedlora-curriculum-')), 'run');
      return runCli(['simulate', '--phases', '--rounds', '4', '--local-steps', '15', '--backend', 'wasm', '--run-dir', runDir, ...extra]);
    };
    const [plain, mixed] = await Promise.all([(await run([])).done, (await run(['--mix', '0.5'])).done]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(mixed.code, mixed.stderr).toBe(0);
    const without = taskLosses(plain.stdout);
    const withMix = taskLosses(mixed.stdout);
    expect(without.map((r) => [r.phase, r.satOut])).toEqual([
      ['task', '(sat out: silo-2)'],
      ['task', '(sat out: silo-2)'],
      ['fr', '(sat out: silo-1)'],
      ['fr', '(sat out: silo-1)'],
    ]);
    // With mix the task's silo replays its set in phase 2 and sits nothing out.
    expect(withMix.map((r) => r.satOut)).toEqual(['(sat out: silo-2)', '(sat out: silo-2)', '', '']);
    // Phase 1 learns the task; without replay phase 2 undoes part of it, with replay much less of it.
    expect(without[1].task).toBeLessThan(without[0].task);
    expect(withMix[1].task).toBe(without[1].task);
    expect(without[3].task).toBeGreaterThan(without[1].task);
    expect(withMix[3].task).toBeLessThan(without[3].task);
    console.info(`task loss after phase 1 ${without[1].task}; after phase 2 ${without[3].task} without replay, ${withMix[3].task} with mix 0.5`);
  }, 120_000);
});
