import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { join } from 'node:path';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { PROTOCOL_EVENT, type ErrorMessage, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import type { RoundRecord, RunStatus } from '../../coordinator/round/records.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';

const run = coordinatorFixture();

function randomUpdate(global: AdapterWeights, seed: number, scale = 1e-2): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), scale) }]));
}

function updateReply(instruction: TrainMessage, update: AdapterWeights, numExamples: number): Message {
  return {
    kind: 'update',
    updateId: 'u1',
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update,
    numExamples,
    trainLoss: 1.5,
    tokensPerSecond: 100,
    steps: 2,
    durationMs: 10,
  };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${run.coordinator.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const isError = (m: Message): m is ErrorMessage => m.kind === 'error';

describe('coordinator', () => {
  it('applies the example-weighted mean of the updates (FedAvg) to the global adapter', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await run.start({ clients: credentials, rounds: 2 });
    const weights = [10, 30, 60];
    const sent = new Map<number, { global: AdapterWeights; updates: AdapterWeights[] }>();
    const clients = credentials.map((credential, k) =>
      run.connect({
        token: credential.token,
        numTrainExamples: weights[k],
        onTrain: (instruction, global) => {
          const entry = sent.get(instruction.round) ?? { global, updates: [] };
          const update = randomUpdate(global, instruction.round * 10 + k);
          entry.updates[k] = update;
          sent.set(instruction.round, entry);
          return updateReply(instruction, update, weights[k]);
        },
      }),
    );
    await coordinator.finished;

    for (const round of [1, 2]) {
      const { global, updates } = sent.get(round)!;
      const { adapter: saved } = await readPeftAdapter(join(coordinator.runDir, 'rounds', String(round)));
      for (const [name, tensor] of global) {
        const got = saved.get(name)!.data;
        for (let i = 0; i < got.length; i++) {
          const expected =
            tensor.data[i] + (10 * updates[0].get(name)!.data[i] + 30 * updates[1].get(name)!.data[i] + 60 * updates[2].get(name)!.data[i]) / 100;
          expect(Math.abs(got[i] - expected)).toBeLessThan(1e-6);
        }
      }
    }
    // Each global adapter crosses the wire once per client: with the evaluation request; training refers to it by digest.
    const received = clients[0].received;
    expect(received.filter((m) => m.kind === 'train').map((m) => (m as TrainMessage).globalAdapter)).toEqual([undefined, undefined]);
    expect(received.filter((m) => m.kind === 'evaluate').map((m) => m.kind === 'evaluate' && m.adapter !== undefined)).toEqual([true, true, true]);

    const status = await getJson<RunStatus>('/api/v1/status');
    expect(status.state).toBe('finished');
    expect(status.round).toBe(2);
    expect(status.rounds_total).toBe(2);
    expect(status.clients.map((c) => [c.id, c.connected])).toEqual(credentials.map((c) => [c.id, true]));
    const rounds = await getJson<RoundRecord[]>('/api/v1/rounds');
    expect(rounds.map((r) => [r.round, r.participants, r.num_examples])).toEqual([
      [1, 3, 100],
      [2, 3, 100],
    ]);
    expect(rounds[0].train_loss).toBeCloseTo(1.5, 10);
    expect(rounds[0].eval_loss).toBeCloseTo(1, 10);
    expect(clients.every((c) => c.received.some((m) => m.kind === 'finished'))).toBe(true);
  });

  it('refuses stale, mis-shaped and non-finite updates with typed errors while the round completes', async () => {
    const credentials = clientCredentials(4);
    const coordinator = await run.start({ clients: credentials, roundTimeoutMs: 3000 });
    const behaviours: ((i: TrainMessage, g: AdapterWeights) => Message)[] = [
      (i, g) => updateReply(i, randomUpdate(g, 1), 5),
      (i, g) => updateReply({ ...i, round: i.round + 1 }, randomUpdate(g, 2), 5),
      (i, g) => {
        const [first, ...rest] = [...g];
        return updateReply(i, makeAdapter([[first[0], { shape: [first[1].data.length], data: new Float32Array(first[1].data.length) }], ...rest]), 5);
      },
      (i, g) => {
        const update = randomUpdate(g, 4);
        [...update.values()][1].data[3] = Number.NaN;
        return updateReply(i, update, 5);
      },
    ];
    const clients = credentials.map((credential, k) => run.connect({ token: credential.token, onTrain: behaviours[k] }));
    const errors = await Promise.all(clients.slice(1).map((c) => c.waitFor(isError)));
    expect(errors.map((e) => (e as ErrorMessage).code)).toEqual(['STALE_ROUND', 'TENSOR_MISMATCH', 'NON_FINITE']);
    await coordinator.finished;
    const [round] = await getJson<RoundRecord[]>('/api/v1/rounds');
    expect(round.participants).toBe(1);
    expect(round.clients.map((c) => c.status)).toEqual(['done', 'timed_out', 'refused', 'refused']);
    expect(round.clients[3].refusal).toMatch(/NaN/);
  });

  it('refuses an update whose norm exceeds maxUpdateNorm and aggregates the others', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, maxUpdateNorm: 1 });
    run.connect({ token: credentials[0].token, onTrain: (i, g) => updateReply(i, randomUpdate(g, 1, 1e-4), 5) });
    const loud = run.connect({ token: credentials[1].token, onTrain: (i, g) => updateReply(i, randomUpdate(g, 2, 10), 5) });
    const refusal = (await loud.waitFor(isError)) as ErrorMessage;
    expect(refusal.code).toBe('NORM_EXCEEDED');
    await coordinator.finished;
    expect(coordinator.roundRecords()[0].participants).toBe(1);
  });

  it('refuses an update of 1e30 values by default, unless maxUpdateNorm: false lifts the bound', async () => {
    const enormous = (global: AdapterWeights): AdapterWeights =>
      makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e30) }]));
    for (const maxUpdateNorm of [undefined, false] as const) {
      const credentials = clientCredentials(2);
      const coordinator = await run.start({ clients: credentials, maxUpdateNorm });
      const quiet = run.connect({ token: credentials[0].token, onTrain: (i, g) => updateReply(i, randomUpdate(g, 1, 1e-3), 5) });
      const loud = run.connect({ token: credentials[1].token, onTrain: (i, g) => updateReply(i, enormous(g), 5) });
      await coordinator.finished;
      const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
      const largest = Math.max(...[...adapter.values()].flatMap((t) => [...t.data].map(Math.abs)));
      if (maxUpdateNorm === undefined) {
        // The default is √(trained parameters): 42.33 for the built-in model's 1792 LoRA weights at r = 4 on q_proj and v_proj.
        expect(loud.received.filter(isError).map((e) => [e.code, e.message])).toEqual([['NORM_EXCEEDED', 'update norm 4.233e+31 exceeds maxUpdateNorm 42.33']]);
        expect(coordinator.roundRecords()[0].participants).toBe(1);
        expect(largest).toBeLessThan(1);
      } else {
        expect(loud.received.filter(isError)).toEqual([]);
        expect(coordinator.roundRecords()[0].participants).toBe(2);
        expect(largest).toBeGreaterThan(1e29);
      }
      [quiet, loud].forEach((client) => client.close());
      await coordinator.close();
    }
  });

  it('refuses a wrong token at connect, and malformed payloads and a foreign model with typed errors', async () => {
    const credentials = clientCredentials(1);
    const coordinator = await run.start({ clients: credentials });
    const refused = io(coordinator.url, { auth: { token: 'not-a-valid-token-at-all' }, transports: ['websocket'], reconnection: false });
    const connectError = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
    expect(connectError.message).toMatch(/unauthorized/);
    refused.close();

    const foreign = run.connect({ token: credentials[0].token, fingerprint: 'f'.repeat(64) });
    expect(((await foreign.waitFor(isError)) as ErrorMessage).code).toBe('MODEL_MISMATCH');

    const client = run.connect({ token: credentials[0].token });
    await client.waitFor((m) => m.kind === 'welcome');
    client.send(new Uint8Array([0x0a, 0xff, 0xff]));
    expect(((await client.waitFor(isError)) as ErrorMessage).code).toBe('MALFORMED_MESSAGE');
    client.socket.emit(PROTOCOL_EVENT, 'a string, not protobuf');
    client.socket.emit('other-event', 1);
    await client.waitFor((m) => isError(m) && m.code === 'PROTOCOL_VIOLATION');
    const status = await getJson<RunStatus>('/api/v1/status');
    expect(status.clients[0].connected).toBe(true);
  });
});
