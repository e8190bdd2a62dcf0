import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { encodeMessage } from '../../shared/wire/protocol.js';
import { PROTOCOL_VERSION, type ErrorMessage, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import { UploadSlots } from '../../coordinator/round/upload-slots.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus.js';

describe('upload slots', () => {
  const recorder = () => {
    const granted: string[] = [];
    return { granted, grant: (id: string) => () => granted.push(id) };
  };

  it('grants requests in arrival order while their charges fit the budget, and one at a time beyond it', () => {
    const slots = new UploadSlots(100);
    const { granted, grant } = recorder();
    slots.request('a', 'ua', 40, 40, grant('a'));
    slots.request('b', 'ub', 50, 50, grant('b'));
    slots.request('c', 'uc', 30, 30, grant('c'));
    slots.request('d', 'ud', 5, 5, grant('d'));
    // c does not fit (90 + 30 > 100) and d, though small, waits behind it: first come, first served.
    expect(granted).toEqual(['a', 'b']);
    expect([slots.bytesInFlight, slots.waitingCount]).toEqual([90, 2]);
    slots.release('a');
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    expect(slots.bytesInFlight).toBe(85);

    const big = new UploadSlots(10);
    const bigGrants = recorder();
    big.request('x', 'ux', 50, 50, bigGrants.grant('x'));
    big.request('y', 'uy', 1, 1, bigGrants.grant('y'));
    expect(bigGrants.granted).toEqual(['x']);
    big.release('x');
    expect(bigGrants.granted).toEqual(['x', 'y']);
  });

  it('knows which update a slot is for, replaces a repeated request and forgets whoever leaves', () => {
    const slots = new UploadSlots(10);
    const { granted, grant } = recorder();
    slots.request('a', 'first', 12, 8, grant('a'));
    expect(slots.grantedBytes('a', 'first')).toBe(12);
    expect(slots.grantedBytes('a', 'other')).toBeUndefined();
    slots.request('b', 'ub', 8, 8, grant('b'));
    slots.request('c', 'uc', 8, 8, grant('c'));
    // a asks again (after a reconnect): its slot is given up and it queues behind b and c.
    slots.request('a', 'first', 12, 8, grant('a'));
    expect(granted).toEqual(['a', 'b']);
    expect(slots.grantedBytes('a', 'first')).toBeUndefined();
    slots.release('c');
    slots.release('b');
    expect(granted).toEqual(['a', 'b', 'a']);
    expect(slots.waitingCount).toBe(0);

    slots.request('d', 'ud', 8, 8, grant('d'));
    expect(slots.close()).toEqual(['d']);
    expect([slots.bytesInFlight, slots.waitingCount]).toEqual([0, 0]);
    slots.request('e', 'ue', 1, 1, grant('e'));
    slots.release('a');
    expect(granted).toEqual(['a', 'b', 'a']);
  });
});

describe('upload flow control', () => {
  const run = coordinatorFixture();

  function updateFor(instruction: TrainMessage, global: AdapterWeights, updateId: string): Extract<Message, { kind: 'update' }> {
    const update = makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e-3) }]));
    return {
      kind: 'update',
      updateId,
      round: instruction.round,
      globalDigest: instruction.globalDigest,
      update,
      numExamples: 10,
      trainLoss: 1,
      tokensPerSecond: 1,
      steps: 1,
      durationMs: 1,
    };
  }
  const isError = (m: Message): m is ErrorMessage => m.kind === 'error';
  const gauge = async (name: string): Promise<number | undefined> =>
    sampleValue(parsePrometheusText(await (await fetch(`${run.coordinator.url}/metrics`)).text()), name);

  it('lets no other update in while the granted ones fill the budget, then grants the waiting clients in turn', async () => {
    const credentials = clientCredentials(6);
    // A budget of one byte: one upload at a time.
    const coordinator = await run.start({ clients: credentials, uploadBudgetBytes: 1 });
    const trains = new Map<number, { instruction: TrainMessage; global: AdapterWeights }>();
    const clients = credentials.map((credential, k) =>
      run.connect({ token: credential.token, onTrain: (instruction, global) => void trains.set(k, { instruction, global }) }),
    );
    await Promise.all(clients.map((c) => c.waitFor((m) => m.kind === 'train')));
    await expect.poll(() => trains.size).toBe(6);

    // The first client asks for a slot and gets it, but holds on to its update for now.
    const holder = updateFor(trains.get(0)!.instruction, trains.get(0)!.global, 'held');
    const holderBytes = encodeMessage(holder);
    clients[0].sendNow({ kind: 'uploadRequest', round: 1, updateId: 'held', bytes: holderBytes.byteLength });
    await clients[0].waitFor((m) => m.kind === 'uploadGrant');
    for (let k = 1; k < 6; k++) clients[k].send(updateFor(trains.get(k)!.instruction, trains.get(k)!.global, `u${k}`));
    await expect.poll(() => gauge('fedlora_uploads_waiting')).toBe(5);
    expect(await gauge('fedlora_upload_bytes_in_flight')).toBe(holderBytes.byteLength);
    expect(clients.slice(1).some((c) => c.received.some((m) => m.kind === 'uploadGrant'))).toBe(false);

    clients[0].sendNow(holderBytes);
    await coordinator.finished;
    for (const client of clients) {
      expect(client.received.filter((m) => m.kind === 'uploadGrant')).toHaveLength(1);
      expect(client.received.some((m) => m.kind === 'ack' && m.round === 1)).toBe(true);
      expect(client.received.filter(isError)).toEqual([]);
    }
    const [record] = (await (await fetch(`${coordinator.url}/api/v1/rounds`)).json()) as { participants: number }[];
    expect(record.participants).toBe(6);
  });

  it('refuses an update sent without a slot or over its announced size, and acknowledges a request for an update it has', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, maxPayloadBytes: 4 * 1024 * 1024 });
    const trains: { instruction: TrainMessage; global: AdapterWeights }[] = [];
    const [client, liar] = credentials.map((credential) =>
      run.connect({ token: credential.token, onTrain: (instruction, global) => void trains.push({ instruction, global }) }),
    );
    await expect.poll(() => trains.length).toBe(2);
    const { instruction, global } = trains[0];
    const update = updateFor(instruction, global, 'u1');
    const bytes = encodeMessage(update);
    const isAck = (m: Message): boolean => m.kind === 'ack' && m.round === 1;

    client.sendNow(bytes);
    const unsolicited = (await client.waitFor(isError)) as ErrorMessage;
    expect(unsolicited.code).toBe('PROTOCOL_VIOLATION');
    expect(unsolicited.message).toContain('without an upload slot');
    client.sendNow({ kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: 5 * 1024 * 1024 });
    await expect.poll(() => client.received.filter(isError).map((e) => e.code)).toEqual(['PROTOCOL_VIOLATION', 'PAYLOAD_TOO_LARGE']);

    client.send(update);
    await client.waitFor(isAck);
    // Asked again for an update it accepted (a client that missed the ack): acknowledged, not granted.
    client.sendNow({ kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: bytes.byteLength });
    await expect.poll(() => client.received.filter(isAck)).toHaveLength(2);
    expect(client.received.filter((m) => m.kind === 'uploadGrant')).toHaveLength(1);

    // An update longer than its request announced is refused: the slot was sized for less.
    const lie = encodeMessage(updateFor(trains[1].instruction, trains[1].global, 'u2'));
    liar.sendNow({ kind: 'uploadRequest', round: 1, updateId: 'u2', bytes: lie.byteLength - 1 });
    await liar.waitFor((m) => m.kind === 'uploadGrant');
    liar.sendNow(lie);
    await coordinator.finished;
    expect(liar.received.filter(isError).map((e) => e.message)).toEqual([
      `update of ${lie.byteLength} bytes, but its upload request announced ${lie.byteLength - 1}`,
    ]);
    const [record] = (await (await fetch(`${coordinator.url}/api/v1/rounds`)).json()) as { participants: number }[];
    expect(record.participants).toBe(1);
  });

  it('tells a client still waiting for a slot at the deadline that the round closed', async () => {
    const credentials = clientCredentials(2);
    await run.start({ clients: credentials, uploadBudgetBytes: 1, roundTimeoutMs: 1500, minUpdates: 1 });
    const trains: TrainMessage[] = [];
    const [holder, waiter] = credentials.map((credential) => run.connect({ token: credential.token, onTrain: (instruction) => void trains.push(instruction) }));
    await expect.poll(() => trains.length).toBe(2);
    holder.sendNow({ kind: 'uploadRequest', round: 1, updateId: 'never-sent', bytes: 1000 });
    await holder.waitFor((m) => m.kind === 'uploadGrant');
    waiter.sendNow({ kind: 'uploadRequest', round: 1, updateId: 'waiting', bytes: 1000 });
    const closed = (await waiter.waitFor(isError, 10_000)) as ErrorMessage;
    expect(closed.code).toBe('STALE_ROUND');
    expect(closed.message).toContain('before an upload slot was free');
    expect(waiter.received.some((m) => m.kind === 'uploadGrant')).toBe(false);
  });

  it('refuses a client of another protocol version at its hello, saying why', async () => {
    const credentials = clientCredentials(1);
    await run.start({ clients: credentials });
    const old = run.connect({ token: credentials[0].token, protocolVersion: '1' });
    const refusal = (await old.waitFor(isError)) as ErrorMessage;
    expect(refusal.code).toBe('PROTOCOL_VIOLATION');
    expect(refusal.message).toContain(`protocol version ${PROTOCOL_VERSION}`);
    await expect.poll(() => old.socket.connected).toBe(false);
    expect(old.received.some((m) => m.kind === 'welcome')).toBe(false);
  });
});
