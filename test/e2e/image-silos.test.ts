import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { clientCredentials, testConfigInput } from '../helpers/coordinator.js';
import { freePort, runCli } from '../helpers/processes.js';

const silo = (n: number) => fileURLToPath(new URL(`../../shared/samples/scans/silo-${n}.jsonl`, import.meta.url));

describe('a multi-process run on image silos', () => {
  it('finishes with a coordinator and two client processes, and its rounds export as PEFT adapters with the projector in full', async () => {
    const credentials = clientCredentials(2);
    const port = await freePort();
    const input = await testConfigInput({
      clients: credentials,
      port,
      model: 'builtin:tiny-vlm',
      lora: { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'], modulesToSave: ['multi_modal_projector'] },
      train: { localSteps: 2, batchSize: 2, learningRate: 0.01, maxSeqLen: 96 },
    });
    const config = join(await mkdtemp(join(tmpdir(), 'fedlora-image-silos-')), 'coordinator.yaml');
    await writeFile(config, JSON.stringify(input));
    const coordinator = runCli(['coordinator', '--config', config, '--exit-when-done']);
    await coordinator.waitForLog((r) => r.event === 'coordinator_listening');
    const clients = credentials.map((c, i) =>
      runCli(['client', '--coordinator', `http://127.0.0.1:${port}`, '--data', silo(i + 1), '--model', 'builtin:tiny-vlm', '--backend', NATIVE_CPU_BACKEND], {
        FEDLORA_TOKEN: c.token,
      }),
    );
    const exits = await Promise.all([coordinator.done, ...clients.map((client) => client.done)]);
    expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);

    const round = await readPeftAdapter(join(input.runDir, 'rounds', '1'));
    expect(round.lora.modulesToSave).toEqual(['multi_modal_projector']);
    expect([...round.adapter.keys()].some((name) => name.endsWith('.modules_to_save_difference'))).toBe(true);

    const out = join(input.runDir, '..', 'exported');
    const exported = await runCli(['export', '--run-dir', input.runDir, '--out', out, '--model', 'builtin:tiny-vlm']).done;
    expect(exported.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'adapter_config.json'), 'utf8')).modules_to_save).toEqual(['multi_modal_projector']);
    const peft = await readPeftAdapter(out);
    expect(peft.adapter.get('base_model.model.multi_modal_projector.linear_1.weight')!.shape).toEqual([64, 32]);
    expect(peft.adapter.has('base_model.model.language_model.model.layers.0.self_attn.q_proj.lora_A.weight')).toBe(true);
  }, 120_000);
});
