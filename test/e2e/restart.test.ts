import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClient } from '../../client/client.js';
import { runSession } from '../../client/session.js';
import { sampleSilos } from '../../cli/simulate.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { startCoordinator } from '../../coordinator/coordinator.js';
import { CoordinatorUnreachableError, UnauthorizedError } from '../../shared/infra/errors.js';
import { createLogger, silentLogger } from '../../shared/infra/log.js';
import { clientCredentials, testConfigInput } from '../helpers/coordinator.js';
import { gatedTrainer } from '../helpers/gated-trainer.js';
import { freePort } from '../helpers/processes.js';

/** A logger whose JSON records a test can wait for. */
function recordingLogger(): { logger: ReturnType<typeof silentLogger>; next: (event: string) => Promise<Record<string, unknown>> } {
  const records: Record<string, unknown>[] = [];
  let waiters: { event: string; resolve: (r: Record<string, unknown>) => void }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const record = JSON.parse(line) as Record<string, unknown>;
        records.push(record);
        waiters = waiters.filter((w) => (w.event === record.event ? (w.resolve(record), false) : true));
      }
      done();
    },
  });
  return {
    logger: createLogger('coordinator', { format: 'json', destination }),
    next: (event) => {
      const seen = records.find((r) => r.event === event);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ event, resolve }));
    },
  };
}

// Real clients (tfjs) keep going while the coordinator stops and comes back on the same address and run.
describe('coordinator restart', () => {
  it('is invisible to clients: they reconnect, resend what was not acknowledged and finish the run', async () => {
    const credentials = clientCredentials(2);
    const config = validateCoordinatorConfig(
      await testConfigInput({
        clients: credentials,
        rounds: 3,
        port: await freePort(),
        train: { localSteps: 3, batchSize: 2, learningRate: 0.005, maxSeqLen: 32 },
      }),
    );
    const first = await startCoordinator(config, silentLogger());
    const roundOne = new Promise<void>((resolve) => first.subscribe((e) => e.type === 'round_finished' && resolve()));
    const silos = sampleSilos();
    const sessions = credentials.map((c, i) =>
      runClient({ coordinatorUrl: first.url, token: c.token, dataPath: silos[i], model: 'builtin:tiny', backend: 'wasm', logger: silentLogger() }),
    );
    await roundOne;
    await first.close();

    const second = await startCoordinator(config, silentLogger());
    try {
      const results = await Promise.all(sessions);
      await second.finished;
      expect(results.map((r) => r.roundsCompleted)).toEqual([3, 3]);
      expect(second.roundRecords().map((r) => [r.round, r.participants])).toEqual([
        [1, 2],
        [2, 2],
        [3, 2],
      ]);
      expect(second.status().run_id).toBe(first.status().run_id);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('keeps an update trained while the coordinator was down: the resumed round takes it, nobody trains twice', async () => {
    const credentials = clientCredentials(3);
    const input = await testConfigInput({ clients: credentials, minClients: 2, port: await freePort() });
    const session = (token: string, trainer: ReturnType<typeof gatedTrainer>) =>
      runSession({ url: `http://127.0.0.1:${input.port}`, token, trainer, logger: silentLogger() });
    const first = await startCoordinator(validateCoordinatorConfig(input), silentLogger());
    const accepted = new Promise<void>((resolve) => first.subscribe((e) => e.type === 'update_accepted' && resolve()));
    let release = (): void => undefined;
    const fast = gatedTrainer();
    const slow = gatedTrainer(new Promise((resolve) => (release = resolve)));
    const sessions = [session(credentials[0].token, fast), session(credentials[1].token, slow)];
    await accepted;
    // The slow client finishes training while no coordinator is there to take its update.
    await first.close();
    release();

    // The restarted coordinator waits for a third client: meanwhile the slow one reconnects with its update.
    const { logger, next } = recordingLogger();
    const second = await startCoordinator(validateCoordinatorConfig({ ...input, minClients: 3 }), logger);
    try {
      await Promise.race([next('update_held'), next('message_refused')]);
      const late = gatedTrainer();
      const results = await Promise.all([...sessions, session(credentials[2].token, late)]);
      await second.finished;
      expect(second.roundRecords().map((r) => [r.round, r.participants])).toEqual([[1, 2]]);
      expect([fast.trained.length, slow.trained.length, late.trained.length]).toEqual([1, 1, 0]);
      expect(results.map((r) => r.roundsTrained)).toEqual([1, 1, 0]);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('with reconnectTimeoutMs, a client gives up once the coordinator has been gone that long', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await startCoordinator(validateCoordinatorConfig(await testConfigInput({ clients: credentials })), silentLogger());
    const connected = new Promise<void>((resolve) => coordinator.subscribe((e) => e.type === 'client_connected' && resolve()));
    // minClients is 2, so the one client waits connected until the coordinator goes away.
    const session = runClient({
      coordinatorUrl: coordinator.url,
      token: credentials[0].token,
      dataPath: sampleSilos()[0],
      model: 'builtin:tiny',
      backend: 'wasm',
      logger: silentLogger(),
      reconnectTimeoutMs: 1_500,
    });
    await connected;
    await coordinator.close();
    await expect(session).rejects.toBeInstanceOf(CoordinatorUnreachableError);
    await expect(session).rejects.toThrow(/could not reconnect within 1500 ms/);
  }, 60_000);

  it('a banned client stops at once with an error that says to ask the operator, instead of reconnecting', async () => {
    const credentials = clientCredentials(2);
    const adminToken = 'admin-token-0123456789abcdef';
    const coordinator = await startCoordinator(
      validateCoordinatorConfig(await testConfigInput({ clients: credentials, admin: { token: adminToken } })),
      silentLogger(),
    );
    try {
      const connected = new Promise<void>((resolve) => coordinator.subscribe((e) => e.type === 'client_connected' && resolve()));
      const outcome = runClient({
        coordinatorUrl: coordinator.url,
        token: credentials[0].token,
        dataPath: sampleSilos()[0],
        model: 'builtin:tiny',
        backend: 'wasm',
        logger: silentLogger(),
      }).catch((error: unknown) => error);
      await connected;
      const ban = await fetch(`${coordinator.url}/api/v1/admin/clients/${credentials[0].id}/ban`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(ban.status).toBe(200);
      const error = await outcome;
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect((error as Error).message).toMatch(/banned by the coordinator's operator; ask them to lift the ban/);
    } finally {
      await coordinator.close();
    }
  }, 60_000);
});
