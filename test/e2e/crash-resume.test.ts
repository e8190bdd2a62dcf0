import Database from 'better-sqlite3';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { clientCredentials, startTestCoordinator, testConfigInput } from '../helpers/coordinator.js';
import { freePort, runCli } from '../helpers/processes.js';
import { ScriptedClient } from '../helpers/scripted-client.js';

// Kills the coordinator process with SIGKILL mid-round and right after a checkpoint is written (before its
// commit), restarts it each time, and checks the run ends exactly as a fault-free run with the same updates.
const fingerprint = resolveModel('builtin:tiny').fingerprint;
const credentials = clientCredentials(2);
const weights = [20, 60];
const clients: ScriptedClient[] = [];

afterEach(() => clients.splice(0).forEach((c) => c.close()));

/** Client k's update in a round depends only on (round, k): any correct run aggregates the same numbers. */
function deterministicReply(instruction: TrainMessage, global: AdapterWeights, k: number): Message {
  const random = new SeededRandom(instruction.round * 100 + k);
  const update = makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.01) }]));
  return {
    kind: 'update',
    updateId: `round-${instruction.round}-client-${k}`,
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update,
    numExamples: weights[k],
    trainLoss: 1,
    tokensPerSecond: 1,
    steps: 1,
    durationMs: 1,
  };
}

function connectClients(url: string, delayRound2Client1: boolean): void {
  credentials.forEach((credential, k) => {
    const client: ScriptedClient = new ScriptedClient({
      url,
      token: credential.token,
      fingerprint,
      numTrainExamples: weights[k],
      reconnect: true,
      onTrain: (instruction, global) => {
        const reply = deterministicReply(instruction, global, k);
        if (!(delayRound2Client1 && k === 1 && instruction.round === 2)) return reply;
        // Answer late, so that the coordinator can be killed while the round is half collected.
        setTimeout(() => client.socket.connected && client.send(reply), 3000);
        return undefined;
      },
    });
    clients.push(client);
  });
}

async function finalAdapter(runDir: string, round: number): Promise<AdapterWeights> {
  return (await readPeftAdapter(join(runDir, 'rounds', String(round)))).adapter;
}

describe('crash and resume', () => {
  it('finishes a run killed twice (mid-round, and after a checkpoint write) with every round applied exactly once', async () => {
    const reference = await startTestCoordinator({ clients: credentials, rounds: 3 });
    connectClients(reference.url, false);
    await reference.finished;
    const expected = await finalAdapter(reference.runDir, 3);
    await reference.close();
    clients.splice(0).forEach((c) => c.close());

    // The reference run's settings, on a port that stays the same across restarts.
    const port = await freePort();
    const input = await testConfigInput({ clients: credentials, rounds: 3, port });
    const runDir = input.runDir;
    const configPath = join(await mkdtemp(join(tmpdir(), 'fedlora-crash-')), 'coordinator.yaml');
    await writeFile(configPath, JSON.stringify(input));
    const args = ['coordinator', '--config', configPath, '--exit-when-done'];

    // 1. Killed in round 2, after client 0's update was accepted and before client 1 answered.
    const first = runCli(args);
    connectClients(`http://127.0.0.1:${port}`, true);
    await first.waitForLog((r) => r.event === 'update_accepted' && r.round === 2 && r.client === credentials[0].id);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    // 2. Restarted; killed again right after writing round 3's checkpoint, before committing it.
    const restartedAt = Date.now();
    const second = runCli(args, { FEDLORA_FAILPOINT: 'checkpoint-written:3' });
    const resumed = await second.waitForLog((r) => r.event === 'run_resumed');
    const recoveryMs = Date.now() - restartedAt;
    expect(resumed.rounds_committed).toBe(1);
    expect(resumed.open_round_updates).toBe(1);
    const secondExit = await second.done;
    expect(secondExit.signal).toBe('SIGKILL');
    expect(secondExit.stderr).toContain('"event":"round_finished","round":2');

    // 3. Restarted: round 3's uncommitted checkpoint is discarded, its two stored updates are kept.
    const third = runCli(args);
    const resumedAgain = await third.waitForLog((r) => r.event === 'run_resumed');
    expect(resumedAgain.rounds_committed).toBe(2);
    expect(resumedAgain.open_round_updates).toBe(2);
    const thirdExit = await third.done;
    expect(thirdExit.code, thirdExit.stderr).toBe(0);

    const actual = await finalAdapter(runDir, 3);
    for (const [name, tensor] of expected) {
      const got = actual.get(name)!.data;
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - tensor.data[i])).toBeLessThan(1e-6);
    }
    const db = new Database(join(runDir, 'state.sqlite'), { readonly: true });
    const rounds = db.prepare('SELECT round, record FROM rounds ORDER BY round').all() as { round: number; record: string }[];
    db.close();
    expect(rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(rounds.map((r) => (JSON.parse(r.record) as { num_examples: number }).num_examples)).toEqual([80, 80, 80]);
    expect((await readdir(join(runDir, 'rounds'))).sort()).toEqual(['1', '2', '3']);
    console.info(`recovery after SIGKILL: the restarted coordinator had resumed the run ${recoveryMs} ms after its start`);
  }, 120_000);
});
