/**
 * The pieces the round scheduler delegates to, each alone: membership (hello checks, bans, waiting for trainable
 * clients), the privacy ledger, the instructions, and the plain and secure collectors.
 */
import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { Payload } from '../../shared/wire/chunking.js';
import { silentLogger } from '../../shared/infra/log.js';
import { decodeMessage } from '../../shared/wire/protocol.js';
import { PROTOCOL_VERSION, type HelloMessage, type Message, type SetEvaluation } from '../../shared/wire/messages.js';
import { RdpAccountant } from '../../shared/privacy/rdp-accountant.js';
import { Membership, type Member } from '../../coordinator/membership/membership.js';
import type { RunEvent } from '../../coordinator/round/events.js';
import { TrainingRound } from '../../coordinator/round/collector.js';
import { CurrentPhase } from '../../coordinator/round/current-phase.js';
import { Evaluation } from '../../coordinator/round/evaluation.js';
import { InstructionBuilder } from '../../coordinator/round/instructions.js';
import { Curriculum } from '../../coordinator/round/curriculum.js';
import { PlainCollector } from '../../coordinator/round/plain-collector.js';
import { PrivacyLedger } from '../../coordinator/round/privacy-ledger.js';
import { SecureCollector } from '../../coordinator/round/secure-collector.js';
import { BlameLedger } from '../../coordinator/round/blame-ledger.js';
import { SecureAggregation } from '../../coordinator/round/secure-aggregation.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import type { ClientConnection } from '../../coordinator/round/connection-handler.js';
import type { AcceptedUpdate } from '../../coordinator/store/run-store.js';

const LORA = { r: 2, alpha: 4, targetModules: ['q_proj'] };
const PLAN = new Curriculum(undefined, { rounds: 1, lora: LORA, train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8 }, minClients: 1 }).plan(
  1,
);
const NAMES = { a: 'base_model.model.layers.0.self_attn.q_proj.lora_A.weight', b: 'base_model.model.layers.0.self_attn.q_proj.lora_B.weight' };

function adapterOf(value: number): AdapterWeights {
  return makeAdapter([
    [NAMES.a, { shape: [2, 8], data: new Float32Array(16).fill(value) }],
    [NAMES.b, { shape: [8, 2], data: new Float32Array(16).fill(value) }],
  ]);
}

/** A connection that records what it was sent, decoded. */
function fakeConnection(clientId: string): ClientConnection & { sent: Message[]; disconnected: boolean } {
  const connection = {
    clientId,
    connectionId: `${clientId}-connection`,
    remoteAddress: '127.0.0.1',
    sent: [] as Message[],
    disconnected: false,
    send(message: Message | Uint8Array | Payload) {
      connection.sent.push(message instanceof Payload ? decodeMessage(message.joined()) : message instanceof Uint8Array ? decodeMessage(message) : message);
      return message instanceof Payload ? message.byteLength : 100;
    },
    disconnect() {
      connection.disconnected = true;
    },
  };
  return connection;
}

function hello(overrides: Partial<HelloMessage> = {}): HelloMessage {
  return {
    kind: 'hello',
    clientId: '',
    modelFingerprint: 'fingerprint',
    backend: 'none',
    numTrainExamples: 4,
    numEvalExamples: 2,
    softwareVersion: PROTOCOL_VERSION,
    loraRank: 0,
    ...overrides,
  };
}

function membership(clientIds: string[], blames?: BlameLedger): { members: Membership; banned: [string, boolean][]; events: RunEvent[] } {
  const banned: [string, boolean][] = [];
  const events: RunEvent[] = [];
  const members = new Membership({
    clientIds,
    runId: 'run',
    model: 'model',
    modelFingerprint: 'fingerprint',
    rounds: 2,
    lora: LORA,
    transfer: { chunkBytes: 2 ** 20, maxPayloadBytes: 2 ** 30 },
    blames,
    persistence: { setBanned: (id, on) => void banned.push([id, on]) },
    logger: silentLogger(),
    emit: (event) => void events.push(event),
  });
  return { members, banned, events };
}

function connected(members: Membership, id: string): { client: Member; connection: ReturnType<typeof fakeConnection> } {
  const connection = fakeConnection(id);
  return { client: members.connect(connection), connection };
}

describe('membership', () => {
  it('welcomes a client whose hello matches, and refuses another protocol version or base model, disconnecting it', () => {
    const { members } = membership(['a', 'b', 'c']);
    const a = connected(members, 'a');
    expect(members.admit(a.client, hello())).toBe(true);
    expect(a.connection.sent.map((m) => m.kind)).toEqual(['welcome']);
    const b = connected(members, 'b');
    expect(members.admit(b.client, hello({ softwareVersion: 'old' }))).toBe(false);
    expect(b.connection.sent).toMatchObject([{ kind: 'error', code: 'PROTOCOL_VIOLATION' }]);
    expect(b.connection.disconnected).toBe(true);
    const c = connected(members, 'c');
    expect(members.admit(c.client, hello({ modelFingerprint: 'another' }))).toBe(false);
    expect(c.connection.sent).toMatchObject([{ kind: 'error', code: 'MODEL_MISMATCH' }]);
    expect(members.ready().map((m) => m.id)).toEqual(['a']);
  });

  it("refuses a hello naming another client than the token's, and a replaced connection", () => {
    const { members } = membership(['a']);
    const first = connected(members, 'a');
    expect(() => members.admit(first.client, hello({ clientId: 'b' }))).toThrow(/belongs to client a, not b/);
    connected(members, 'a');
    expect(() => members.speaker(first.connection)).toThrow(/replaced by a newer one/);
    expect(members.disconnect(first.connection, 'gone')).toBeUndefined();
  });

  it('bans a client: persisted, released from the phase before it is told why and disconnected', () => {
    const { members, banned } = membership(['a']);
    const { client, connection } = connected(members, 'a');
    members.admit(client, hello());
    const order: string[] = [];
    expect(members.ban('a', () => order.push(`released with ${connection.sent.length} message(s) sent`))).toBe(true);
    expect(order).toEqual(['released with 1 message(s) sent']);
    expect(connection.sent.at(-1)).toMatchObject({ kind: 'error', code: 'UNAUTHORIZED' });
    expect(connection.disconnected).toBe(true);
    expect(members.isBanned('a')).toBe(true);
    expect(members.unban('a')).toBe(true);
    expect(members.isBanned('a')).toBe(false);
    expect(banned).toEqual([
      ['a', true],
      ['a', false],
    ]);
    expect(members.ban('nobody', () => undefined)).toBe(false);
  });

  it('waits for enough trainable clients, and names the exclusions once they make minClients unmeetable', async () => {
    const blames = new BlameLedger(silentLogger());
    const { members } = membership(['a', 'b', 'c'], blames);
    const abort = new AbortController();
    const wait = { signal: abort.signal, paused: () => false, stopped: () => false };
    const waiting = members.waitForTrainable(2, wait);
    const a = connected(members, 'a');
    members.admit(a.client, hello());
    members.notifyChanged();
    const b = connected(members, 'b');
    members.admit(b.client, hello());
    members.notifyChanged();
    await expect(waiting).resolves.toBeUndefined();

    blames.blame(1, 'a', 'c', 'invalid keys');
    blames.blame(1, 'b', 'c', 'invalid keys');
    blames.blame(1, 'a', 'b', 'invalid keys');
    blames.blame(1, 'c', 'b', 'invalid keys');
    expect(members.trainable().map((m) => m.id)).toEqual(['a']);
    await expect(members.waitForTrainable(2, wait)).resolves.toMatch(/minClients 2 can no longer be met: b, c excluded by secure aggregation, 1 client left/);
  });
});

describe('privacy ledger', () => {
  const dp = { clipNorm: 1, noiseMultiplier: 1.1, delta: 1e-5, samplingRate: 0.5 };

  it('accounts each committed round at its q and σ, as the RDP accountant does', () => {
    const ledger = new PrivacyLedger(dp, silentLogger());
    const accountant = new RdpAccountant();
    for (let round = 1; round <= 3; round++) {
      accountant.compose(dp.samplingRate, dp.noiseMultiplier);
      const privacy = ledger.accountRound(0.8);
      expect(privacy).toEqual({ ...accountant.spent(dp.delta), delta: dp.delta, clip_norm: 0.8, noise_multiplier: 1.1, sampling_rate: 0.5 });
    }
    expect(new PrivacyLedger(undefined, silentLogger()).accountRound(1)).toBeNull();
  });

  it('reaches the budget before a round that would exceed it, counting the rounds of an interrupted run', () => {
    const oneRound = new RdpAccountant();
    oneRound.compose(dp.samplingRate, dp.noiseMultiplier);
    const twoRounds = new RdpAccountant();
    twoRounds.compose(dp.samplingRate, dp.noiseMultiplier, 2);
    const budget = (oneRound.spent(dp.delta).epsilon + twoRounds.spent(dp.delta).epsilon) / 2;
    const ledger = new PrivacyLedger({ ...dp, epsilonBudget: budget }, silentLogger());
    expect(ledger.budgetReached(0)).toBe(false);
    const privacy = ledger.accountRound(1)!;
    expect(ledger.budgetReached(1)).toBe(true);

    const resumed = new PrivacyLedger({ ...dp, epsilonBudget: budget }, silentLogger());
    resumed.restore([{ privacy } as never]);
    expect(resumed.budgetReached(1)).toBe(true);
  });
});

describe('instructions', () => {
  const builder = new InstructionBuilder({ seed: 7, encoding: { update: 'fp32', errorFeedback: false, global: 'fp32' } });

  it('sends the adapter only to a client that lacks it, and counts the adapter bytes sent', () => {
    const { members } = membership(['a', 'b']);
    const a = connected(members, 'a');
    const b = connected(members, 'b');
    const global = adapterOf(0.5);
    const instruction = builder.train({
      round: 1,
      plan: PLAN,
      attempt: 1,
      global,
      globalDigest: 'd'.repeat(64),
      deadlineUnixMs: 1,
      proximalMu: 0,
      clipNorm: 0.5,
      secureAggregation: false,
    });
    instruction.sendTo(a.client);
    instruction.sendTo(a.client);
    instruction.sendTo(b.client);
    const [withAdapter, byDigest] = a.connection.sent;
    expect(withAdapter).toMatchObject({ kind: 'train', round: 1, clipNorm: 0.5, hyperParams: { seed: builder.trainSeed(1, 1) } });
    expect(withAdapter.kind === 'train' && withAdapter.globalAdapter?.size).toBe(2);
    expect(byDigest.kind === 'train' && byDigest.globalAdapter).toBeUndefined();
    expect(instruction.globalBytes()).toEqual({ raw: 2 * 128, wire: 2 * 128 });
    const offline = { ...b.client, connection: undefined };
    expect(instruction.sendTo(offline)).toBeUndefined();
  });
});

describe('collectors', () => {
  function plainRound(): { collector: PlainCollector; training: TrainingRound; members: Membership; stored: AcceptedUpdate[]; digest: string } {
    const { members } = membership(['a', 'b']);
    const stored: AcceptedUpdate[] = [];
    const digest = 'e'.repeat(64);
    const training = new TrainingRound(1, digest, ['a', 'b'], () => undefined);
    const collector = new PlainCollector(training, new FedAvg().beginAggregation(adapterOf(0)), {
      transfer: { chunkBytes: 2 ** 20, maxPayloadBytes: 2 ** 30 },
      uploadBudgetBytes: 2 ** 20,
      expectedLayout: () => adapterOf(0),
      member: (id) => members.get(id),
      persistence: { saveAcceptedUpdate: async (_round, update) => void stored.push(update) },
      logger: silentLogger(),
      emit: () => undefined,
    });
    return { collector, training, members, stored, digest };
  }

  const update = (updateId: string, digest: string, adapter = adapterOf(0.25)) =>
    ({
      kind: 'update',
      updateId,
      round: 1,
      globalDigest: digest,
      update: adapter,
      numExamples: 2,
      trainLoss: 1,
      tokensPerSecond: 1,
      steps: 1,
      durationMs: 1,
    }) as const;

  it('plain: grants a slot, stores, acknowledges and folds an update once; a resent copy is acknowledged, not applied again', async () => {
    const { collector, training, members, stored, digest } = plainRound();
    const { client, connection } = connected(members, 'a');
    expect(() => collector.onMessage(client, update('u1', digest), 1000, 0)).toThrow(/without an upload slot/);
    collector.onMessage(client, { kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: 1000 }, 10, 0);
    expect(connection.sent.at(-1)).toEqual({ kind: 'uploadGrant', round: 1, updateId: 'u1' });
    await collector.onMessage(client, update('u1', digest), 1000, 0);
    expect(connection.sent.at(-1)).toEqual({ kind: 'ack', round: 1 });
    expect(stored.map((u) => u.updateId)).toEqual(['u1']);
    expect(training.clients.get('a')!.status).toBe('done');
    expect([...training.waiting.pending]).toEqual(['b']);
    collector.onMessage(client, update('u1', digest), 1000, 0);
    expect(connection.sent.at(-1)).toEqual({ kind: 'ack', round: 1 });
    expect(() => collector.onMessage(client, update('u2', digest), 1000, 0)).toThrow(/already answered round 1/);
    expect(await collector.aggregate()).toEqual({ usable: 1 });
  });

  it('plain: refuses an update of another layout, naming why, and stops waiting for its sender', async () => {
    const { collector, training, members, digest } = plainRound();
    const { client } = connected(members, 'b');
    collector.onMessage(client, { kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: 1000 }, 10, 0);
    const wrong = makeAdapter([[NAMES.a, { shape: [2, 8], data: new Float32Array(16) }]]);
    expect(() => collector.onMessage(client, update('u1', digest, wrong), 1000, 0)).toThrow();
    expect(training.clients.get('b')).toMatchObject({ status: 'refused', refusal: expect.any(String) });
    expect(training.waiting.pending.has('b')).toBe(false);
    expect(collector.uploads()).toEqual({ waiting: 0, bytesInFlight: 0 });
    expect(() => collector.onMessage(client, { kind: 'secaggKeys', round: 1 } as never, 10, 0)).toThrow(/no round is collecting them/);
  });

  it('secure: refuses plain updates, and a client that was not sampled', () => {
    const { members } = membership(['a', 'c']);
    const training = new TrainingRound(1, 'f'.repeat(64), ['a'], () => undefined);
    const secureAggregation = new SecureAggregation(
      { neighbours: 0, maxDropouts: 0, range: 8, phaseTimeoutMs: 1000 } as never,
      silentLogger(),
      () => undefined,
    );
    const collector = new SecureCollector(training, new FedAvg().beginAggregation(adapterOf(0)), {
      secureAggregation,
      layout: adapterOf(0),
      minUpdates: 1,
      member: (id) => members.get(id),
      logger: silentLogger(),
      emit: () => undefined,
    });
    const a = connected(members, 'a');
    expect(() => collector.onMessage(a.client, { kind: 'uploadRequest', round: 1, updateId: 'u', bytes: 1 }, 1)).toThrow(/uses secure aggregation/);
    const c = connected(members, 'c');
    expect(() => collector.onMessage(c.client, { kind: 'secaggKeys', round: 1, globalDigest: 'f'.repeat(64) } as never, 1)).toThrow(/not sampled/);
    expect(collector.acceptedIds.size).toBe(0);
  });
});

describe('evaluation', () => {
  it('records each set a client announced, and refuses figures for a set it did not announce, or of another kind', () => {
    const { members } = membership(['a']);
    const { client, connection } = connected(members, 'a');
    members.admit(
      client,
      hello({
        dataSets: [
          { name: 'task', numTrainExamples: 4, numEvalExamples: 2, qa: false },
          { name: 'quiz', numTrainExamples: 0, numEvalExamples: 3, qa: true },
        ],
      }),
    );
    const builder = new InstructionBuilder({ seed: 7, encoding: { update: 'fp32', errorFeedback: false, global: 'fp32' } });
    const instruction = builder.evaluate(1, PLAN, adapterOf(0), 'e'.repeat(64), 1);
    const report = (sets: SetEvaluation[]) => ({ kind: 'evaluation' as const, round: 1, digest: instruction.digest, loss: 2, numExamples: 2, sets });
    const task = { name: 'task', numExamples: 2, loss: 2, qa: false, exactMatch: 0, f1: 0 };
    const quiz = { name: 'quiz', numExamples: 3, loss: 0, qa: true, exactMatch: 1 / 3, f1: 0.5 };
    for (const wrong of [[{ ...task, name: 'other' }], [{ ...quiz, qa: false }]]) {
      const evaluation = new Evaluation(1, instruction, [client]);
      expect(() => evaluation.onEvaluation(client, report(wrong), 10)).toThrow(/a set its hello did not announce as such/);
    }
    const evaluation = new Evaluation(1, instruction, [client]);
    evaluation.onEvaluation(client, report([task, quiz]), 10);
    expect(evaluation.waiting.pending.size).toBe(0);
    expect(connection.sent.at(-1)).toEqual({ kind: 'ack', round: 1 });
  });
});

describe('current phase', () => {
  it('routes answers to the open round, holds an update for the next one, and acknowledges a late copy of a committed one', async () => {
    const { members } = membership(['a', 'b']);
    let next: number | undefined = 1;
    const phase = new CurrentPhase(() => next, silentLogger());
    const { client, connection } = connected(members, 'a');
    // Round 1 has not opened: the client keeps its update and sends it once asked.
    phase.onMessage(client, { kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: 1000 }, 10, 0);
    expect(connection.sent).toEqual([]);
    expect(() => phase.onMessage(client, { kind: 'uploadRequest', round: 2, updateId: 'u1', bytes: 1000 }, 10, 0)).toThrow(/no round is collecting updates/);

    const training = new TrainingRound(1, 'e'.repeat(64), ['a', 'b'], () => undefined);
    const collector = new PlainCollector(training, new FedAvg().beginAggregation(adapterOf(0)), {
      transfer: { chunkBytes: 2 ** 20, maxPayloadBytes: 2 ** 30 },
      uploadBudgetBytes: 2 ** 20,
      expectedLayout: () => adapterOf(0),
      member: (id) => members.get(id),
      persistence: { saveAcceptedUpdate: async () => undefined },
      logger: silentLogger(),
      emit: () => undefined,
    });
    const builder = new InstructionBuilder({ seed: 7, encoding: { update: 'fp32', errorFeedback: false, global: 'fp32' } });
    const global = adapterOf(0);
    phase.startTraining(
      collector,
      builder.train({
        round: 1,
        plan: PLAN,
        attempt: 1,
        global,
        globalDigest: 'e'.repeat(64),
        deadlineUnixMs: 1,
        proximalMu: 0,
        clipNorm: 0,
        secureAggregation: false,
      }),
    );
    phase.sendTraining((id) => members.get(id)!);
    expect(connection.sent.map((m) => m.kind)).toEqual(['train']);
    expect(phase.roundStatus('b')).toBe('training');
    expect(() => phase.onMessage(client, { kind: 'update', round: 2, updateId: 'u1' } as never, 10, 0)).toThrow(/round 1 is in progress/);
    expect(() => phase.onMessage(client, { kind: 'secaggMasked', round: 1 } as never, 10, 0)).toThrow(/no secure aggregation is open/);
    phase.onMessage(client, { kind: 'uploadRequest', round: 1, updateId: 'u1', bytes: 1000 }, 10, 0);
    const digest = (connection.sent[0] as { globalDigest: string }).globalDigest;
    await phase.onMessage(
      client,
      {
        kind: 'update',
        updateId: 'u1',
        round: 1,
        globalDigest: digest,
        update: adapterOf(0.25),
        numExamples: 2,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      },
      1000,
      0,
    );
    await collector.close();
    phase.end();
    phase.committed(collector);
    next = 2;

    connection.sent.length = 0;
    phase.onMessage(
      client,
      {
        kind: 'update',
        updateId: 'u1',
        round: 1,
        globalDigest: digest,
        update: adapterOf(0.25),
        numExamples: 2,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      },
      1000,
      0,
    );
    expect(connection.sent).toEqual([{ kind: 'ack', round: 1 }]);
    expect(() => phase.onMessage(client, { kind: 'update', updateId: 'u9', round: 1 } as never, 10, 0)).toThrow(/no round is collecting updates/);
    // The latest round's status stays visible after it closed.
    expect(phase.roundStatus('a')).toBe('done');
  });
});
