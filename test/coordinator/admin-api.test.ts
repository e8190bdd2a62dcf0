import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { tokenSha256 } from '../../coordinator/edge/token-hash.js';
import type { RunEvent } from '../../coordinator/round/events.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { resolveModel } from '../../shared/model/model-config.js';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

function updateFor(instruction: TrainMessage, global: AdapterWeights, id: string): Message {
  return {
    kind: 'update',
    updateId: `${id}-${instruction.round}`,
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update: makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e-3) }])),
    numExamples: 4,
    trainLoss: 1,
    tokensPerSecond: 1,
    steps: 1,
    durationMs: 1,
  };
}

async function admin(
  coordinator: Coordinator,
  action: string,
  token: string | null = ADMIN_TOKEN,
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${coordinator.url}/api/v1/admin/${action}`, { method, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Resolves with the first run event that matches. */
function nextEvent(coordinator: Coordinator, predicate: (event: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const unsubscribe = coordinator.subscribe((event) => {
      if (predicate(event)) {
        unsubscribe();
        resolve(event);
      }
    });
  });
}

describe('admin API', () => {
  const run = coordinatorFixture();
  const credentials = clientCredentials(2);

  it('refuses actions without the admin token (401), with another token or none configured (403), and reads (405)', async () => {
    const coordinator = await run.start({
      clients: credentials,
      admin: { tokenSha256: tokenSha256(ADMIN_TOKEN) },
      dashboard: { readToken: 'read-token-0123456789' },
    });
    expect(await admin(coordinator, 'pause', null)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    // The read token reads; it does not act.
    expect(await admin(coordinator, 'pause', 'read-token-0123456789')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await admin(coordinator, 'pause', ADMIN_TOKEN, 'GET')).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_ALLOWED' } });
    expect(await admin(coordinator, 'reboot')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await admin(coordinator, 'clients/nobody/ban')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(coordinator.status().paused).toBe(false);
    await coordinator.close();

    const unconfigured = await run.start({ clients: credentials });
    expect(await admin(unconfigured, 'pause')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', error: expect.stringMatching(/disabled/) } });
  });

  it('pauses sampling until resumed, and stops the run after the round in progress', async () => {
    const coordinator = await run.start({ clients: credentials, rounds: 3, admin: { token: ADMIN_TOKEN } });
    expect(await admin(coordinator, 'pause')).toMatchObject({ status: 200, body: { paused: true } });
    const ready = Promise.all(credentials.map((c) => nextEvent(coordinator, (e) => e.type === 'client_ready' && e.client === c.id)));
    let acknowledgeStop = (): void => undefined;
    const stopAcknowledged = new Promise<void>((resolve) => (acknowledgeStop = resolve));
    const clients: ScriptedClient[] = credentials.map((c, k) =>
      run.connect({
        token: c.token,
        onTrain: (instruction, global) => {
          const reply = updateFor(instruction, global, c.id);
          if (instruction.round < 2) return reply;
          // Round 2 is answered once the stop request is acknowledged, so that the request lands mid-round.
          void stopAcknowledged.then(() => clients[k].send(reply));
          return undefined;
        },
      }),
    );
    await ready;
    // Both clients are ready, yet a paused run starts nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(coordinator.status()).toMatchObject({ paused: true, state: 'waiting', round: 0 });
    expect(clients.every((c) => !c.received.some((m) => m.kind === 'train' || m.kind === 'evaluate'))).toBe(true);

    const roundTwo = nextEvent(coordinator, (e) => e.type === 'round_started' && e.round === 2);
    expect(await admin(coordinator, 'resume')).toMatchObject({ status: 200, body: { paused: false } });
    await roundTwo;
    expect(await admin(coordinator, 'stop')).toMatchObject({ status: 202, body: { stopping: true } });
    acknowledgeStop();
    await coordinator.finished;
    expect(coordinator.roundRecords().map((r) => r.participants)).toEqual([2, 2]);
    expect(coordinator.status().state).toBe('finished');
    await Promise.all(clients.map((c) => c.waitFor((m) => m.kind === 'finished')));
  });

  it('bans a client: the round stops waiting for it and its token is refused', async () => {
    const coordinator = await run.start({ clients: credentials, admin: { token: ADMIN_TOKEN }, roundTimeoutMs: 60_000 });
    const [first, second] = credentials;
    run.connect({ token: first.token, onTrain: (instruction, global) => updateFor(instruction, global, first.id) });
    const silent = run.connect({ token: second.token });
    await silent.waitFor((m) => m.kind === 'train');
    expect(await admin(coordinator, `clients/${second.id}/ban`)).toMatchObject({ status: 200, body: { banned: second.id } });
    await coordinator.finished;
    const [record] = coordinator.roundRecords();
    expect(record.participants).toBe(1);
    expect(record.clients.find((c) => c.id === second.id)?.status).toBe('dropped');

    const again = new ScriptedClient({ url: coordinator.url, token: second.token, fingerprint: resolveModel('builtin:tiny').fingerprint });
    const refusal = await new Promise<Error>((resolve) => again.socket.on('connect_error', resolve));
    again.close();
    expect(refusal.message).toMatch(/banned/);
  });

  it('keeps a ban across a restart until an operator lifts it', async () => {
    const [, banned] = credentials;
    const first = await run.start({ clients: credentials, admin: { token: ADMIN_TOKEN } });
    expect(await admin(first, `clients/${banned.id}/ban`)).toMatchObject({ status: 200, body: { banned: banned.id } });
    await first.close();

    const second = await run.start({ clients: credentials, admin: { token: ADMIN_TOKEN }, runDir: first.runDir });
    const refused = new ScriptedClient({ url: second.url, token: banned.token, fingerprint: resolveModel('builtin:tiny').fingerprint });
    const refusal = await new Promise<Error>((resolve) => refused.socket.on('connect_error', resolve));
    refused.close();
    expect(refusal.message).toMatch(/banned/);

    expect(await admin(second, `clients/${banned.id}/unban`)).toMatchObject({ status: 200, body: { unbanned: banned.id } });
    expect(await admin(second, 'clients/nobody/unban')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    await run.connect({ token: banned.token }).waitFor((m) => m.kind === 'welcome');
  });
});
