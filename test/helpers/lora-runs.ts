import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { clientCredentials, trainWithRealClients, type coordinatorFixture } from './coordinator.js';

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
