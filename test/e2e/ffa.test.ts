import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAdapter, rawByteSize, type AdapterWeights } from '../../shared/lora/adapter.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import type { ErrorMessage } from '../../shared/wire/messages.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { randomUpdateLike, runTwoRealClients, updateReply as reply } from '../helpers/lora-runs.js';

// FFA-LoRA: A frozen at its seeded initialisation, only B trained, sent and averaged.
const isB = (name: string): boolean => name.endsWith('.lora_B.weight');

function onlyB(adapter: AdapterWeights, seed: number): AdapterWeights {
  return randomUpdateLike(makeAdapter([...adapter].filter(([name]) => isB(name))), seed);
}

describe('FFA-LoRA (lora.aggregation: ffa)', () => {
  const run = coordinatorFixture();

  it('keeps A fixed, averages the B updates exactly, and refuses updates that touch A', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await run.start({ clients: credentials, lora: { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'], aggregation: 'ffa' } });
    const weights = [10, 30, 60];
    const sent: AdapterWeights[] = [];
    let initial: AdapterWeights | undefined;
    credentials.slice(0, 2).forEach((c, k) =>
      run.connect({
        token: c.token,
        numTrainExamples: weights[k],
        onTrain: (i, g) => {
          expect(i.lora.freezeA).toBe(true);
          initial = g;
          sent[k] = onlyB(g, k + 1);
          return reply(i, sent[k], weights[k]);
        },
      }),
    );
    // The third client sends a full adapter (A and B): refused, the round goes on.
    const full = run.connect({ token: credentials[2].token, numTrainExamples: weights[2], onTrain: (i, g) => reply(i, g, weights[2]) });
    const refusal = (await full.waitFor((m) => m.kind === 'error')) as ErrorMessage;
    expect(refusal.code).toBe('TENSOR_MISMATCH');
    await coordinator.finished;

    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    for (const [name, tensor] of initial!) {
      const got = adapter.get(name)!.data;
      for (let i = 0; i < got.length; i++) {
        const expected = isB(name) ? tensor.data[i] + (10 * sent[0].get(name)!.data[i] + 30 * sent[1].get(name)!.data[i]) / 40 : tensor.data[i];
        expect(Math.abs(got[i] - expected)).toBeLessThan(1e-7);
      }
    }
  });

  it('trains with real clients: only B travels (half the upload) and the held-out loss falls', async () => {
    const coordinator = await runTwoRealClients(run, 'ffa');
    const first = (await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'))).adapter;
    const last = (await readPeftAdapter(join(coordinator.runDir, 'rounds', '2'))).adapter;
    for (const [name, tensor] of first) {
      if (!isB(name)) expect([...last.get(name)!.data]).toEqual([...tensor.data]);
    }
    const rawB = rawByteSize(makeAdapter([...first].filter(([name]) => isB(name))));
    for (const round of coordinator.roundRecords()) {
      for (const client of round.clients) expect(client.bytes_up / rawB).toBeLessThan(1.1);
    }
    expect(coordinator.roundRecords().at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);
  }, 60_000);
});
