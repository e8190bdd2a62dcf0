import { expect } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { clientCredentials, trainWithRealClients, type coordinatorFixture } from './coordinator.js';
import type { ScriptedClient, ScriptedClientOptions } from './scripted-client.js';

/** A scripted client's reply to `instruction`: `update` trained on `numExamples` examples. */
export function updateReply(instruction: TrainMessage, update: AdapterWeights, numExamples: number): Message {
  return {
    kind: 'update',
    updateId: `u${instruction.round}`,
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

/** An update of `layout`'s tensors and shapes, filled with N(0, 0.01²) draws from `seed`. */
export function randomUpdateLike(layout: AdapterWeights, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter([...layout].map(([name, t]) => [name, { shape: t.shape, data: random.fillNormal(new Float32Array(t.data.length), 0.01) }]));
}

/** A finished run of two real clients, 2 rounds of rank 8 on q_proj and v_proj, with this LoRA aggregation. */
export async function runTwoRealClients(run: ReturnType<typeof coordinatorFixture>, aggregation: 'ffa' | 'exact'): Promise<Coordinator> {
  const credentials = clientCredentials(2);
  const coordinator = await run.start({
    clients: credentials,
    rounds: 2,
    lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'], aggregation },
    train: { localSteps: 8, batchSize: 4, learningRate: 1e-2, maxSeqLen: 48 },
  });
  await trainWithRealClients(coordinator, credentials);
  return coordinator;
}

/**
 * Client `client`'s update in `round`: the round's shared direction (std 0.01) plus noise of its own (std 0.004),
 * or, `opposed`, the direction reversed: a client pulling away from the others.
 */
export function directionalUpdate(layout: AdapterWeights, round: number, client: number, opposed: boolean): AdapterWeights {
  const direction = new SeededRandom(round);
  const noise = new SeededRandom(100 * round + client);
  return makeAdapter(
    [...layout].map(([name, t]) => {
      const data = direction.fillNormal(new Float32Array(t.data.length), 0.01);
      for (let i = 0; i < data.length; i++) data[i] = (opposed ? -data[i] : data[i]) + noise.normal() * 0.004;
      return [name, { shape: t.shape, data }];
    }),
  );
}

/**
 * One scripted client per credential (with `options(k)`) that holds each train instruction until the test releases
 * the round: `release(round)` waits for every client's instruction, then sends each `update(global, round, k)`.
 */
export function connectHeldClients(
  fixture: ReturnType<typeof coordinatorFixture>,
  credentials: readonly { token: string }[],
  update: (global: AdapterWeights, round: number, k: number) => AdapterWeights,
  options: (k: number) => Omit<ScriptedClientOptions, 'url' | 'fingerprint' | 'token' | 'onTrain'> = () => ({}),
): { clients: ScriptedClient[]; release: (round: number) => Promise<void> } {
  const held: { instruction: TrainMessage; global: AdapterWeights }[][] = credentials.map(() => []);
  const clients = credentials.map((credential, k) =>
    fixture.connect({ ...options(k), token: credential.token, onTrain: (instruction, global) => void held[k].push({ instruction, global }) }),
  );
  const release = async (round: number) => {
    await expect.poll(() => held.every((queue) => queue.some((h) => h.instruction.round === round)), { timeout: 20_000 }).toBe(true);
    held.forEach((queue, k) => {
      const { instruction, global } = queue.find((h) => h.instruction.round === round)!;
      clients[k].send(updateReply(instruction, update(global, round, k), 10));
    });
  };
  return { clients, release };
}
