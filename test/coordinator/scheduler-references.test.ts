/**
 * The scheduler keeps no adapter it no longer needs: once a round has replaced the initial adapter, that adapter
 * can be garbage-collected (a large adapter kept for the whole run costs its size in memory at every round).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { Payload } from '../../shared/wire/chunking.js';
import { silentLogger } from '../../shared/infra/log.js';
import { decodeMessage } from '../../shared/wire/protocol.js';
import { PROTOCOL_VERSION, type Message, type TrainMessage } from '../../shared/wire/messages.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';
import type { RoundPersistence } from '../../coordinator/round/persistence.js';
import { RoundScheduler } from '../../coordinator/round/scheduler.js';
import type { ClientConnection } from '../../coordinator/round/connection-handler.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const LORA = { r: 2, alpha: 4, targetModules: ['q_proj'] };
const NAMES = { a: 'base_model.model.layers.0.self_attn.q_proj.lora_A.weight', b: 'base_model.model.layers.0.self_attn.q_proj.lora_B.weight' };

function adapterOf(value: number): AdapterWeights {
  return makeAdapter([
    [NAMES.a, { shape: [2, 8], data: new Float32Array(16).fill(value) }],
    [NAMES.b, { shape: [8, 2], data: new Float32Array(16).fill(value) }],
  ]);
}

const persistence: RoundPersistence = {
  setBaseline: () => undefined,
  openRound: async () => undefined,
  saveAcceptedUpdate: async () => undefined,
  acceptedUpdates: () => [],
  releaseAcceptedUpdates: async () => undefined,
  commitRound: async () => undefined,
  saveShifts: () => undefined,
  updateRound: () => undefined,
  setBanned: () => undefined,
};

/** A scheduler over one client, built so that only the scheduler references the initial adapter. */
function schedulerWithInitialAdapter(): { scheduler: RoundScheduler; initial: WeakRef<AdapterWeights> } {
  const initialAdapter = adapterOf(0.5);
  const scheduler = new RoundScheduler({
    runId: 'run',
    model: 'model',
    modelFingerprint: 'fingerprint',
    rounds: 2,
    sampling: { fraction: 1, minClients: 1 },
    lora: LORA,
    train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8 },
    roundTimeoutMs: 10_000,
    evalTimeoutMs: 10_000,
    seed: 1,
    clientIds: ['c1'],
    initialAdapter,
    strategy: new FedAvg(),
    logger: silentLogger(),
    encoding: { update: 'fp32', errorFeedback: false, global: 'fp32' },
    transfer: { chunkBytes: 2 ** 20, maxPayloadBytes: 2 ** 30 },
    uploadBudgetBytes: 2 ** 20,
    minUpdates: 1,
    maxRoundAttempts: 10,
    persistence,
  });
  return { scheduler, initial: new WeakRef(initialAdapter) };
}

describe('round scheduler', () => {
  it('lets the initial adapter be collected once a round has replaced it', async () => {
    const { scheduler, initial } = schedulerWithInitialAdapter();
    const instructions: TrainMessage[] = [];
    let instructionArrived: () => void = () => undefined;
    const connection: ClientConnection = {
      clientId: 'c1',
      connectionId: 'connection-1',
      remoteAddress: '127.0.0.1',
      send(message: Message | Uint8Array | Payload) {
        const decoded = message instanceof Payload ? decodeMessage(message.joined()) : message instanceof Uint8Array ? decodeMessage(message) : message;
        if (decoded.kind === 'train') {
          instructions.push(decoded);
          instructionArrived();
        }
        return 0;
      },
      disconnect: () => undefined,
    };
    const nextInstruction = (): Promise<TrainMessage> =>
      instructions.length > 0 ? Promise.resolve(instructions.shift()!) : new Promise((resolve) => (instructionArrived = () => resolve(instructions.shift()!)));

    const finished = scheduler.run();
    scheduler.onConnect(connection);
    scheduler.onMessage(
      connection,
      {
        kind: 'hello',
        clientId: 'c1',
        modelFingerprint: 'fingerprint',
        backend: 'none',
        numTrainExamples: 1,
        numEvalExamples: 0,
        softwareVersion: PROTOCOL_VERSION,
        loraRank: 0,
      },
      0,
    );
    for (let round = 1; round <= 2; round++) {
      const instruction = await nextInstruction();
      if (round === 2) {
        // Round 1 is committed and round 2 has started: the initial adapter is no longer the global one. A weak
        // reference keeps its target until the current job ends, hence the turn of the event loop first.
        await new Promise((resolve) => setImmediate(resolve));
        collectGarbage();
        expect(initial.deref()).toBeUndefined();
      }
      const update = {
        kind: 'update',
        updateId: `u${round}`,
        round,
        globalDigest: instruction.globalDigest,
        update: adapterOf(0.25),
        numExamples: 1,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      } as const;
      scheduler.onMessage(connection, { kind: 'uploadRequest', round, updateId: update.updateId, bytes: 1000 }, 0);
      await scheduler.onMessage(connection, update, 0);
    }
    await finished;
    expect(scheduler.roundRecords().map((r) => r.participants)).toEqual([1, 1]);
  });
});
