import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../cli/export.js';
import { simulate } from '../../cli/simulate.js';
import { silentLogger } from '../../shared/infra/log.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-vlm-demo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the multimodal demo: fedlora simulate --model builtin:tiny-vlm', () => {
  it('trains four scan silos, the eval loss falls, answers are scored per round, and the rounds export as PEFT adapters', async () => {
    const lines: string[] = [];
    const runDir = join(root, 'run');
    const result = await simulate({
      clients: 4,
      rounds: 2,
      localSteps: 8,
      port: 0,
      runDir,
      backend: NATIVE_CPU_BACKEND,
      model: 'builtin:tiny-vlm',
      logger: silentLogger(),
      print: (line) => lines.push(line),
    });
    expect(lines[0]).toContain('multi_modal_projector in full');
    const [first, second] = result.rounds.map((round) => round.eval_loss!);
    expect(first).toBeLessThan(result.baselineEvalLoss!);
    expect(second).toBeLessThan(first);
    // Silo 1 answers the held-out scan questions after every round: the round records carry their accuracy.
    const accuracies = result.rounds.map((round) => round.eval_sets['scan-questions']);
    expect(accuracies.map((set) => set?.examples)).toEqual([24, 24]);
    for (const set of accuracies) expect(set.exact_match).toBeGreaterThanOrEqual(0);
    expect(lines.some((line) => line.includes(`scan-questions exact match ${accuracies[1].exact_match!.toFixed(2)}`))).toBe(true);

    // The round keeps the projector as differences; export writes PEFT's layout, the full trained projector.
    const out = join(root, 'exported');
    await exportRun({ runDir, out, model: 'builtin:tiny-vlm' });
    const exported = await readPeftAdapter(out);
    expect(JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8')).modules_to_save).toEqual(['multi_modal_projector']);
    expect([...exported.adapter.keys()].filter((name) => !name.includes('.lora_'))).toEqual([
      'base_model.model.multi_modal_projector.linear_1.bias',
      'base_model.model.multi_modal_projector.linear_1.weight',
      'base_model.model.multi_modal_projector.linear_2.bias',
      'base_model.model.multi_modal_projector.linear_2.weight',
    ]);
  }, 120_000);
});
