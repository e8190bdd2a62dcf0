/** A client's token connecting a second time: a live connection is kept, a dead one is replaced, each side told why. */
import { describe, expect, it } from 'vitest';
import { runSession } from '../../client/session.js';
import { sampleSilos } from '../../cli/simulate.js';
import { PROBE_TIMEOUT_MS } from '../../coordinator/edge/transport.js';
import { silentLogger } from '../../shared/infra/log.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { gatedTrainer } from '../helpers/gated-trainer.js';
import { runCli } from '../helpers/processes.js';

const run = coordinatorFixture();
const credentials = clientCredentials(2);

describe('a second connection with the same token', () => {
  it('is refused while the first answers: the newcomer exits 4 (refused by the coordinator) saying why, the first one finishes the run', async () => {
    const coordinator = await run.start({ clients: credentials });
    const ready = new Promise<void>((resolve) => coordinator.subscribe((e) => e.type === 'client_ready' && resolve()));
    const disconnects: string[] = [];
    coordinator.subscribe((e) => e.type === 'client_disconnected' && disconnects.push(e.client));
    const first = runSession({ url: coordinator.url, token: credentials[0].token, trainer: gatedTrainer(), logger: silentLogger() });
    await ready;

    // The same token from a client process with another data set (its base model could differ as well).
    const second = runCli(['client', '--coordinator', coordinator.url, '--token', credentials[0].token, '--data', sampleSilos()[1], '--backend', 'wasm']);
    const exit = await second.done;
    expect(exit.code).toBe(4);
    expect(exit.stderr).toContain(
      `refused this connection (conflict: client ${credentials[0].id} is already connected (from 127.0.0.1) and answering; another process uses this token); stop the other process, or give this one its own token`,
    );
    expect(disconnects).toEqual([]);

    const other = runSession({ url: coordinator.url, token: credentials[1].token, trainer: gatedTrainer(), logger: silentLogger() });
    await coordinator.finished;
    expect((await first).roundsTrained).toBe(1);
    await other;
    expect(coordinator.roundRecords()[0].participants).toBe(2);
  }, 60_000);

  it('replaces a connection that no longer answers, and tells it why', async () => {
    const coordinator = await run.start({ clients: credentials });
    const ready = new Promise<void>((resolve) => coordinator.subscribe((e) => e.type === 'client_ready' && resolve()));
    const stale = run.connect({ token: credentials[0].token, answersProbes: false });
    await ready;
    const started = Date.now();
    const sessions = credentials.map((c) => runSession({ url: coordinator.url, token: c.token, trainer: gatedTrainer(), logger: silentLogger() }));
    const told = await stale.waitFor((m) => m.kind === 'error');
    expect(told).toMatchObject({
      code: 'PROTOCOL_VIOLATION',
      message: `replaced by a newer connection for ${credentials[0].id}: this one did not answer within ${PROBE_TIMEOUT_MS} ms`,
    });
    await coordinator.finished;
    expect(Date.now() - started).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS);
    expect((await Promise.all(sessions)).map((r) => r.roundsTrained)).toEqual([1, 1]);
    expect(stale.socket.connected).toBe(false);
  }, 30_000);
});
