import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { GpuFailureError } from '../../shared/infra/errors.js';
import { errorMessageFor, type ErrorMessage, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import type { ScriptedClient, ScriptedClientOptions } from '../helpers/scripted-client.js';

// Rounds under churn: dropouts, restarts of a client, deadlines with too few updates, late updates.
const run = coordinatorFixture();

function reply(instruction: TrainMessage, global: AdapterWeights, updateId: string, numExamples = 10): Message {
  const update = makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e-3) }]));
  return {
    kind: 'update',
    updateId,
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update,
    numExamples,
    trainLoss: 1,
    tokensPerSecond: 1,
    steps: 1,
    durationMs: 1,
  };
}

function connect(token: string, onTrain: ScriptedClientOptions['onTrain'], numTrainExamples = 10): ScriptedClient {
  return run.connect({ token, onTrain, numTrainExamples });
}

const isError = (m: Message): m is ErrorMessage => m.kind === 'error';

describe('rounds under churn', () => {
  it('closes a round with the others at the deadline when a client is cut off for longer than that', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await run.start({ clients: credentials, roundTimeoutMs: 2000 });
    connect(credentials[0].token, (i, g) => reply(i, g, 'a'));
    connect(credentials[1].token, (i, g) => reply(i, g, 'b'));
    const leaving: ScriptedClient = connect(credentials[2].token, () => {
      setTimeout(() => leaving.close(), 10);
      return undefined;
    });
    await coordinator.finished;
    const [round] = coordinator.roundRecords();
    expect(round.participants).toBe(2);
    expect(round.clients.find((c) => c.id === credentials[2].id)?.status).toBe('dropped');
    expect(round.duration_ms).toBeGreaterThanOrEqual(2000);
  });

  it('lets clients that crashed mid-upload restart and counts every update exactly once', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, roundTimeoutMs: 60_000 });
    // Client 0 delivers its update, then dies before reading the acknowledgement.
    const delivered: ScriptedClient = connect(
      credentials[0].token,
      (i, g) => {
        delivered.send(reply(i, g, 'delivered', 30));
        setTimeout(() => delivered.close(), 100);
        return undefined;
      },
      30,
    );
    // Client 1 dies before its upload completes.
    const lost: ScriptedClient = connect(credentials[1].token, () => {
      lost.close();
      return undefined;
    });
    await Promise.all([delivered.waitFor((m) => m.kind === 'train'), lost.waitFor((m) => m.kind === 'train')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Both restart. The coordinator asks again only the one whose update it does not have.
    const deliveredAgain = connect(credentials[0].token, (i, g) => reply(i, g, 'retrained', 30), 30);
    connect(credentials[1].token, (i, g) => reply(i, g, 'lost-then-resent'));
    await coordinator.finished;
    const [round] = coordinator.roundRecords();
    expect(round.participants).toBe(2);
    expect(round.num_examples).toBe(40);
    expect(deliveredAgain.received.some((m) => m.kind === 'train')).toBe(false);
  });

  it('retries a round with a fresh sample when fewer than minUpdates arrive before the deadline', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, minUpdates: 2, roundTimeoutMs: 1500 });
    connect(credentials[0].token, (i, g) => reply(i, g, `a-${i.hyperParams.seed}`));
    let calls = 0;
    connect(credentials[1].token, (i, g) => (++calls === 1 ? undefined : reply(i, g, `b-${i.hyperParams.seed}`)));
    await coordinator.finished;
    const [round] = coordinator.roundRecords();
    expect(round.attempts).toBe(2);
    expect(round.participants).toBe(2);
    expect(calls).toBe(2);
  });

  it('refuses a late update for a closed round with STALE_ROUND and acknowledges a resent copy of an applied one', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials, rounds: 2 });
    let first: Message | undefined;
    const client: ScriptedClient = connect(credentials[0].token, (i, g) => {
      const message = reply(i, g, `update-${i.round}`);
      if (i.round === 1) first = message;
      if (i.round === 2) {
        // Round 1 is closed: a resent copy is acknowledged, a new update for it is stale.
        client.send(first!);
        client.send({ ...(first as Extract<Message, { kind: 'update' }>), updateId: 'late' });
      }
      return message;
    });
    const refusal = (await client.waitFor((m) => isError(m) && m.code === 'STALE_ROUND')) as ErrorMessage;
    expect(refusal.round).toBe(1);
    await coordinator.finished;
    expect(client.received.filter((m) => m.kind === 'ack' && m.round === 1).length).toBeGreaterThanOrEqual(2);
    expect(coordinator.roundRecords().map((r) => r.participants)).toEqual([1, 1]);
  });

  it('counts a client that reports its training failed as a dropout at once, not at the deadline', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, roundTimeoutMs: 60_000 });
    connect(credentials[0].token, (i, g) => reply(i, g, 'a'));
    // What a client's session sends when its GPU was lost mid-round.
    connect(credentials[1].token, (i) => errorMessageFor(new GpuFailureError('training', 'device lost, destroyed'), i.round));
    await coordinator.finished;
    const [round] = coordinator.roundRecords();
    expect(round.participants).toBe(1);
    expect(round.clients.find((c) => c.id === credentials[1].id)?.status).toBe('dropped');
    expect(round.duration_ms).toBeLessThan(30_000);
  });
});
