/**
 * A coordinator killed in the middle of a secure round (after a masked vector was added to the sum) and started
 * again: the clients never reuse the keys of a round they shared along a roster, so the round starts over with
 * fresh keys, and the run ends exactly as one without the crash.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalTrainer } from '../../client/local-trainer.js';
import { runSession } from '../../client/session.js';
import { adapterDigest, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { trainedPart, type LoraConfig } from '../../shared/lora/lora.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { clientCredentials, startTestCoordinator, testConfigInput } from '../helpers/coordinator.js';
import { freePort, runCli } from '../helpers/processes.js';

const credentials = clientCredentials(3);
const settings = { clients: credentials, rounds: 2, roundTimeoutMs: 20_000, privacy: { secureAggregation: { maxDropouts: 1, phaseTimeoutMs: 10_000 } } };

/** Client k's update depends only on the global adapter it starts from: any correct run sums the same numbers. */
function deterministicTrainer(k: number): LocalTrainer {
  return {
    backend: 'synthetic',
    modelFingerprint: resolveModel('builtin:tiny').fingerprint,
    numTrainExamples: 10 * (k + 1),
    numEvalExamples: 1,
    async train(global: AdapterWeights, lora: LoraConfig) {
      const random = new SeededRandom(Number.parseInt(adapterDigest(global).slice(0, 8), 16) + k);
      const update = makeAdapter(
        [...trainedPart(global, lora)].map(([name, t]) => [name, { shape: [...t.shape], data: random.fillNormal(new Float32Array(t.data.length), 1e-2) }]),
      );
      return { update, numExamples: 10 * (k + 1), trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 0 };
    },
    async evaluate() {
      return { loss: 1, numExamples: 1 };
    },
    dispose() {},
  };
}

function runClients(url: string) {
  return Promise.all(credentials.map((c, k) => runSession({ url, token: c.token, trainer: deterministicTrainer(k), logger: silentLogger() })));
}

describe('secure aggregation across a coordinator restart', () => {
  it('starts the interrupted secure round over with fresh keys and ends with the same adapter as a run without the crash', async () => {
    const reference = await startTestCoordinator(settings);
    await runClients(reference.url);
    await reference.finished;
    const expected = (await readPeftAdapter(join(reference.runDir, 'rounds', '2'))).adapter;
    await reference.close();

    const port = await freePort();
    const input = await testConfigInput({ ...settings, port });
    const configPath = join(await mkdtemp(join(tmpdir(), 'fedlora-secagg-crash-')), 'coordinator.yaml');
    await writeFile(configPath, JSON.stringify(input));
    const args = ['coordinator', '--config', configPath, '--exit-when-done'];

    // Killed in round 2 right after the first masked vector joined the sum.
    const first = runCli(args, { FEDLORA_FAILPOINT: 'secagg-masked:2' });
    const sessions = runClients(`http://127.0.0.1:${port}`);
    expect((await first.done).signal).toBe('SIGKILL');

    const second = runCli(args);
    const resumed = await second.waitForLog((r) => r.event === 'run_resumed');
    expect(resumed.rounds_committed).toBe(1);
    const results = await sessions;
    const exit = await second.done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toContain('"event":"secure_aggregation_finished","round":2');
    expect(results.map((r) => r.roundsCompleted)).toEqual([2, 2, 2]);
    // Every client trained round 2 twice: its first keys were shared along the lost roster and never reused.
    expect(results.map((r) => r.roundsTrained)).toEqual([3, 3, 3]);

    const actual = (await readPeftAdapter(join(input.runDir, 'rounds', '2'))).adapter;
    for (const [name, tensor] of expected) {
      const got = actual.get(name)!.data;
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - tensor.data[i])).toBeLessThan(1e-7);
    }
  }, 120_000);
});
