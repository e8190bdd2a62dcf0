/** How a run ends: finished runs started again, rounds that keep failing, and stops by a signal. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClient } from '../../client/client.js';
import { sampleSilos } from '../../cli/simulate.js';
import { validateCoordinatorConfig, type CoordinatorConfigInput } from '../../coordinator/coordinator-config.js';
import { startCoordinator } from '../../coordinator/coordinator.js';
import { ConfigError, RunFailedError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { clientCredentials, coordinatorFixture, MINIMAL_CONFIG, testConfigInput } from '../helpers/coordinator.js';
import { freePort, runCli } from '../helpers/processes.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { randomUpdateLike, updateReply } from '../helpers/lora-runs.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { resolveModel } from '../../shared/model/model-config.js';

const run = coordinatorFixture();
const fingerprint = resolveModel('builtin:tiny').fingerprint;
const reply = (instruction: TrainMessage, global: AdapterWeights): Message => updateReply(instruction, randomUpdateLike(global, instruction.round), 10);

/** A coordinator configuration written to a file, for the CLI, on a port known in advance. */
async function configFile(input: CoordinatorConfigInput): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'fedlora-lifecycle-')), 'coordinator.yaml');
  await writeFile(path, JSON.stringify(input));
  return path;
}

describe('a finished run started again', () => {
  it('is finished at once: it serves its results, a joining client is told and ends, --exit-when-done exits 0', async () => {
    const credentials = clientCredentials(1);
    const input = await testConfigInput({ clients: credentials, rounds: 1 });
    const config = validateCoordinatorConfig(input);
    const first = await startCoordinator(config, silentLogger());
    const client = new ScriptedClient({
      url: first.url,
      token: credentials[0].token,
      fingerprint,
      onTrain: reply,
    });
    await first.finished;
    client.close();
    await first.close();

    const again = await startCoordinator(config, silentLogger());
    try {
      // No client is connected: a coordinator that waited for minClients would never finish.
      await again.finished;
      expect(again.status()).toMatchObject({ state: 'finished', round: 1 });
      expect(again.roundRecords().map((r) => r.round)).toEqual([1]);
      const joined = await runClient({
        coordinatorUrl: again.url,
        token: credentials[0].token,
        dataPath: sampleSilos()[0],
        model: 'builtin:tiny',
        backend: 'wasm',
        logger: silentLogger(),
      });
      expect(joined).toMatchObject({ roundsTrained: 0, roundsCompleted: 1, finalDigest: again.status().global_digest });
    } finally {
      await again.close();
    }

    const cli = runCli(['coordinator', '--config', await configFile(input), '--exit-when-done']);
    const finishedEarlier = await cli.waitForLog((r) => r.event === 'run_already_finished');
    expect(finishedEarlier.msg).toBe('this run finished earlier, after 1 rounds; serving its results');
    expect((await cli.done).code).toBe(0);
  }, 60_000);
});

describe('rounds that keep failing', () => {
  it('refuses minUpdates above minClients, naming both fields', () => {
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, minUpdates: 2 })).toThrow(ConfigError);
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, minUpdates: 2 })).toThrow(/minUpdates: minUpdates is 2 but minClients is 1/);
    expect(validateCoordinatorConfig(MINIMAL_CONFIG).maxRoundAttempts).toBe(10);
  });

  it('end the run in state failed after maxRoundAttempts, naming the round, the attempts and the last failure', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials, roundTimeoutMs: 300, maxRoundAttempts: 3 });
    const trainings: number[] = [];
    // Never answers: every attempt ends at its deadline without an update.
    run.connect({ token: credentials[0].token, onTrain: (instruction) => void trainings.push(instruction.round) });
    const reason = 'round 1 failed in 3 attempts (maxRoundAttempts 3); the last one: 0 usable update(s), 1 needed';
    await expect(coordinator.finished).rejects.toBeInstanceOf(RunFailedError);
    await expect(coordinator.finished).rejects.toThrow(reason);
    expect(trainings).toEqual([1, 1, 1]);
    expect(coordinator.status()).toMatchObject({ state: 'failed', failure: reason });
  });

  it('end a secure-aggregation run too, and --exit-when-done exits non-zero with the reason', async () => {
    const credentials = clientCredentials(2);
    const port = await freePort();
    const input = await testConfigInput({
      clients: credentials,
      port,
      roundTimeoutMs: 300,
      maxRoundAttempts: 2,
      privacy: { secureAggregation: { phaseTimeoutMs: 300 } },
    });
    const cli = runCli(['coordinator', '--config', await configFile(input), '--exit-when-done']);
    await cli.waitForLog((r) => r.event === 'coordinator_listening');
    // Trained, but they never advertise their keys: no secure sum can be formed.
    const clients = credentials.map((c) => new ScriptedClient({ url: `http://127.0.0.1:${port}`, token: c.token, fingerprint, onTrain: () => undefined }));
    try {
      const exit = await cli.done;
      expect(exit.code).not.toBe(0);
      expect(exit.stderr).toMatch(/round 1 failed in 2 attempts \(maxRoundAttempts 2\); the last one: secure aggregation failed: /);
      expect(exit.stderr.match(/"event":"round_started"/g)).toHaveLength(2);
    } finally {
      clients.forEach((c) => c.close());
    }
  }, 30_000);
});

describe('a coordinator stopped by a signal', () => {
  it('says in which round the run stopped, not that it finished', async () => {
    const credentials = clientCredentials(1);
    const port = await freePort();
    const cli = runCli(['coordinator', '--config', await configFile(await testConfigInput({ clients: credentials, port, rounds: 3 }))]);
    await cli.waitForLog((r) => r.event === 'coordinator_listening');
    // It answers round 1 and stays silent in round 2.
    const client = new ScriptedClient({
      url: `http://127.0.0.1:${port}`,
      token: credentials[0].token,
      fingerprint,
      onTrain: (i, g) => (i.round === 1 ? reply(i, g) : undefined),
    });
    try {
      await cli.waitForLog((r) => r.event === 'round_started' && r.round === 2);
      cli.child.kill('SIGINT');
      const exit = await cli.done;
      expect(exit.code).toBe(0);
      expect(exit.stderr).toContain('"msg":"run stopped during round 2 of 3; start the coordinator again to resume it"');
      expect(exit.stderr).not.toMatch(/run finished/);
    } finally {
      client.close();
    }
  }, 30_000);
});
