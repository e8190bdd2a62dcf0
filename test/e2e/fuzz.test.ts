import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { SecureAggregationClient } from '../../client/secure-aggregation.js';
import { fedlora } from '../../proto/generated/fedlora.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { trainedPart } from '../../shared/lora/lora.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { decodeMessage } from '../../shared/wire/protocol.js';
import { PROTOCOL_EVENT, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { SHARE_BYTES } from '../../shared/secagg/shamir.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { connectSecureClients, expectFedAvg, randomUpdates } from '../helpers/secure-clients.js';
import type { ScriptedClient } from '../helpers/scripted-client.js';
import { HOSTILE_KEYS, HostilePayloads, MAX_MESSAGE_BYTES } from '../helpers/hostile-payloads.js';

/** Byte-level payloads sent by hostile clients that are not sampled, on top of the sampled one's protocol attacks. */
const FUZZ_CASES = 6_000;
/**
 * Cases per connection, each with a token of its own: under the default refusal limit (100 a minute), so that
 * every case is answered; a client over the limit is shut out for minutes (the limit is tested on its own).
 */
const BATCH = 90;

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';

/**
 * Sends `count` fuzz cases on a connection of its own with `token`, then waits for the coordinator to have
 * answered them all (an unknown event is refused with its name, after the replies to everything sent before) or
 * to have closed the connection. Returns the error codes it was sent.
 */
async function fuzzConnection(url: string, token: string, payloads: HostilePayloads, count: number, label: string): Promise<string[]> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  const codes: string[] = [];
  const marker = `sync-${label}`;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const answered = new Promise<void>((resolve) => {
      socket.on(PROTOCOL_EVENT, (payload: Uint8Array) => {
        const message = decodeMessage(payload);
        if (message.kind !== 'error') return;
        codes.push(message.code);
        if (message.message.includes(marker)) resolve();
      });
      socket.on('disconnect', () => resolve());
    });
    for (let i = 0; i < count; i++) {
      const fuzzCase = payloads.next();
      if (fuzzCase.kind === 'binary') socket.emit(PROTOCOL_EVENT, fuzzCase.bytes);
      else socket.emit(fuzzCase.name, ...fuzzCase.args);
    }
    socket.emit(marker);
    await answered;
  } finally {
    socket.disconnect();
  }
  return codes;
}

describe('fuzz', () => {
  const fixture = coordinatorFixture();

  it(`survives a sampled hostile client and ${FUZZ_CASES} hostile payloads while honest clients complete their secure rounds with the right FedAvg result`, async () => {
    const credentials = clientCredentials(4 + Math.ceil(FUZZ_CASES / BATCH));
    const honest = credentials.slice(0, 3);
    const [hostile] = credentials.slice(3, 4);
    const pool = credentials.slice(4);
    const examples = [10, 30, 60];
    const coordinator = await fixture.start({
      clients: credentials,
      minClients: 3,
      rounds: 2,
      roundTimeoutMs: 10_000,
      evalTimeoutMs: 10_000,
      privacy: { secureAggregation: { phaseTimeoutMs: 5_000 } },
      chunkBytes: 64 * 1024,
      maxMessageBytes: MAX_MESSAGE_BYTES,
      admin: { token: ADMIN_TOKEN },
    });
    const started = Date.now();
    // Paused until every client is ready, so that the first round samples the hostile client with all honest ones.
    const admin = (action: string) =>
      fetch(`${coordinator.url}/api/v1/admin/${action}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect((await admin('pause')).status).toBe(200);

    // The sampled hostile client: hostile keys in round 1; in round 2 valid keys, then shares no peer can decrypt,
    // each phase's answer preceded by malformed ones.
    const secure = new SecureAggregationClient(silentLogger());
    const random = new SeededRandom(11);
    const noise = (length: number) => Uint8Array.from({ length }, () => Math.floor(random.next() * 256));
    let attacker: ScriptedClient | undefined;
    let firstTrain: { instruction: TrainMessage; global: AdapterWeights } | undefined;
    const send = (message: Message | Uint8Array) => attacker!.sendNow(message);
    attacker = fixture.connect({
      token: hostile.token,
      onTrain: (instruction, global) => {
        firstTrain ??= { instruction, global };
        const keys = secure.advertise(`${instruction.round}`, hostile.id, instruction.round, instruction.globalDigest, {
          update: randomUpdates(trainedPart(global, instruction.lora), 1)[0],
          withinClipNorm: true,
          numExamples: 1000,
          trainLoss: 1,
          tokensPerSecond: 1,
          steps: 1,
          durationMs: 1,
        });
        if (instruction.round === 2) return keys;
        send({ ...keys, maskPublicKey: new Uint8Array(31) });
        send({ ...keys, cipherPublicKey: new Uint8Array(33) });
        return { ...keys, maskPublicKey: HOSTILE_KEYS[2] };
      },
      onOther: (message) => {
        if (message.kind === 'secaggRoster') {
          const reply = secure.onRoster(message);
          send({ ...reply, shares: reply.shares.map((s) => ({ ...s, ciphertext: s.ciphertext.subarray(1) })) });
          send({ ...reply, shares: reply.shares.slice(1) });
          send({ ...reply, shares: [reply.shares[0], ...reply.shares] });
          send({ ...reply, blamed: ['client-99'] });
          return { ...reply, shares: reply.shares.map((s) => ({ ...s, ciphertext: noise(s.ciphertext.length) })) };
        }
        if (message.kind === 'secaggMaskRequest') {
          const reply = secure.onMaskRequest(message);
          send({ ...reply, masked: reply.masked.subarray(1) });
          send({ ...reply, blamed: ['client-1', 'client-1'] });
          send(fedlora.v1.Envelope.encode({ secaggMasked: { round: message.round, masked: new Uint8Array(6) } }).finish());
          return reply;
        }
        if (message.kind === 'secaggUnmaskRequest') {
          const reply = secure.onUnmaskRequest(message);
          return { ...reply, selfMaskShares: reply.selfMaskShares.map((s) => ({ ...s, share: noise(SHARE_BYTES) })) };
        }
        return undefined;
      },
    });
    const layouts: AdapterWeights[] = [];
    const { clients: honestClients } = connectSecureClients(fixture, honest, (layout) => (layouts.push(layout), randomUpdates(layout, 3)), examples);
    await Promise.all([attacker, ...honestClients].map((client) => client.waitFor((m) => m.kind === 'welcome')));
    expect((await admin('resume')).status).toBe(200);
    await attacker.waitFor((m) => m.kind === 'train');
    const { instruction, global } = firstTrain!;

    // Hostile clients that are not sampled, each on a token of its own, while the rounds run.
    const payloads = new HostilePayloads(7, instruction, global, resolveModel('builtin:tiny').fingerprint);
    const codes = new Set<string>();
    for (const [k, credential] of pool.entries()) {
      const count = Math.min(BATCH, FUZZ_CASES - k * BATCH);
      for (const code of await fuzzConnection(coordinator.url, credential.token, payloads, count, `${k}`)) codes.add(code);
    }
    // Neither crashed nor stalled: the run ends, by itself, soon.
    const stalled = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the run stalled: not finished 20 s after the fuzzing')), 20_000).unref(),
    );
    await Promise.race([coordinator.finished, stalled]);
    console.log(`fuzz: ${FUZZ_CASES} cases and a sampled hostile client in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    expect((await fetch(`${coordinator.url}/healthz`)).status).toBe(200);
    for (const error of attacker.received.filter((m) => m.kind === 'error')) codes.add(error.code);
    for (const code of ['MALFORMED_MESSAGE', 'PROTOCOL_VIOLATION', 'PAYLOAD_TOO_LARGE', 'STALE_ROUND', 'MODEL_MISMATCH']) expect(codes, code).toContain(code);

    // Round 1: the hostile keys were refused and the round went on without them.
    const [first, second] = coordinator.roundRecords();
    expect(first).toMatchObject({ attempts: 1, participants: 3, secure_aggregation: expect.objectContaining({ clients: 3, survivors: 3 }) });
    expect(first.clients.find((c) => c.id === hostile.id)).toMatchObject({ status: 'refused', refusal: expect.stringMatching(/small order/) });
    // Round 2: its shares decrypted for no one; its peers blamed it, it was excluded, and the retry ran without it.
    expect(second).toMatchObject({ attempts: 2, participants: 3, secure_aggregation: expect.objectContaining({ clients: 3, survivors: 3 }) });
    expect(coordinator.status().clients.find((c) => c.id === hostile.id)?.excluded).toBe('excluded: blamed by 3 peers for undecryptable shares');
    for (const client of honestClients) await client.waitFor((m) => m.kind === 'finished');

    // Each committed checkpoint holds its global adapter plus the example-weighted mean of the honest updates.
    const checkpoints = [await readPeftAdapter(join(coordinator.runDir, 'rounds', '1')), await readPeftAdapter(join(coordinator.runDir, 'rounds', '2'))].map(
      (c) => c.adapter,
    );
    const updates = randomUpdates(layouts[0], 3);
    expectFedAvg(checkpoints[0], layouts[0], updates, examples, first.secure_aggregation!.max_error + 1e-6);
    expectFedAvg(checkpoints[1], checkpoints[0], updates, examples, second.secure_aggregation!.max_error + 1e-6);

    // Clients leave once told the run is finished, as real ones do; the coordinator then closes without waiting.
    for (const client of [attacker, ...honestClients]) client.close();
    await coordinator.close();
    // Every upload a hostile client started was closed and its spool file removed, none left to the collector.
    await expect.poll(() => readdir(join(coordinator.runDir, 'incoming'))).toEqual([]);
    const db = new Database(join(coordinator.runDir, 'state.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 60_000);
});
