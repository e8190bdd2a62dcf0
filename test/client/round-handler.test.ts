import { describe, expect, it } from 'vitest';
import { adapterDigest, l2Norm, makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { MalformedMessageError, ProtocolViolationError } from '../../shared/infra/errors.js';
import { loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { rankOf } from '../../shared/lora/lora-ranks.js';
import { silentLogger } from '../../shared/infra/log.js';
import type { TrainMessage, UpdateMessage } from '../../shared/wire/messages.js';
import type { LocalTrainer } from '../../client/local-trainer.js';
import { evaluateRound, freshRoundState, trainRound, type RoundContext } from '../../client/round-handler.js';

const MODULE = 'model.layers.0.self_attn.q_proj';
const lora: LoraConfig = { r: 4, alpha: 8, targetModules: ['q_proj'] };

/** A global adapter of rank `r` on one 6×6 module, every value `fill`. */
function adapterOfRank(r: number, fill: number): AdapterWeights {
  const { a, b } = loraTensorNames(MODULE);
  return makeAdapter([
    [a, { shape: [r, 6], data: new Float32Array(r * 6).fill(fill) }],
    [b, { shape: [6, r], data: new Float32Array(6 * r).fill(fill) }],
  ]);
}

/** A trainer without a model: its update has every value `updateValue`, in the layout it was given. */
function fakeTrainer(updateValue: number): LocalTrainer & { readonly given: { rank: number; r: number }[] } {
  const given: { rank: number; r: number }[] = [];
  return {
    given,
    backend: 'none',
    modelFingerprint: 'fake',
    numTrainExamples: 10,
    numEvalExamples: 2,
    async train(global, runLora, params) {
      given.push({ rank: rankOf(global), r: runLora.r });
      const update = makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(updateValue) }]));
      return { update, numExamples: 10, trainLoss: 1.5, tokensPerSecond: 100, steps: params.localSteps, durationMs: 5 };
    },
    evaluate: async () => ({ loss: 0.75, numExamples: 2 }),
    dispose: () => undefined,
  };
}

function instruction(round: number, global: AdapterWeights | undefined, overrides: Partial<TrainMessage> = {}): TrainMessage {
  return {
    kind: 'train',
    round,
    globalDigest: adapterDigest(global ?? adapterOfRank(lora.r, 0.5)),
    globalAdapter: global,
    hyperParams: { localSteps: 2, batchSize: 1, learningRate: 0.01, maxSeqLen: 16, seed: round, proximalMu: 0 },
    lora,
    deadlineUnixMs: Date.now() + 60_000,
    updateEncoding: 'fp32',
    errorFeedback: false,
    clipNorm: 0,
    secureAggregation: false,
    ...overrides,
  };
}

function contextFor(trainer: LocalTrainer, loraRank = 0): RoundContext {
  const logger = silentLogger();
  return { trainer, logger, settings: { loraRank, progressEverySteps: 10 }, state: freshRoundState(logger), clientId: 'client-a' };
}

async function updateFrom(message: TrainMessage, context: RoundContext): Promise<UpdateMessage> {
  const { reply, trained } = await trainRound(message, context);
  expect(trained).toBe(true);
  if (reply.kind !== 'update') throw new Error(`expected an update, got ${reply.kind}`);
  return reply;
}

function firstValue(update: AdapterWeights): number {
  return [...update.values()][0]!.data[0]!;
}

describe('the round handler', () => {
  it('replies with the trained update, its statistics and the round it answers', async () => {
    const global = adapterOfRank(4, 0.5);
    const update = await updateFrom(instruction(3, global), contextFor(fakeTrainer(0.25)));
    expect(update).toMatchObject({
      kind: 'update',
      round: 3,
      globalDigest: adapterDigest(global),
      numExamples: 10,
      trainLoss: 1.5,
      steps: 2,
      wireUpdate: undefined,
    });
    expect(l2Norm(update.update)).toBeCloseTo(0.25 * Math.sqrt(48), 5);
  });

  it('clips the update to the instruction’s DP clipping norm before it leaves', async () => {
    const clipped = await updateFrom(instruction(1, adapterOfRank(4, 0.5), { clipNorm: 0.5 }), contextFor(fakeTrainer(1)));
    expect(l2Norm(clipped.update)).toBeCloseTo(0.5, 5);
    const unclipped = await updateFrom(instruction(1, adapterOfRank(4, 0.5)), contextFor(fakeTrainer(1)));
    expect(l2Norm(unclipped.update)).toBeCloseTo(Math.sqrt(48), 5);
  });

  it('trains at the client’s own rank when lower than the run’s, and sends the update at that rank', async () => {
    const trainer = fakeTrainer(0.25);
    const update = await updateFrom(instruction(1, adapterOfRank(4, 0.5)), contextFor(trainer, 2));
    expect(trainer.given).toEqual([{ rank: 2, r: 2 }]);
    expect(rankOf(update.update)).toBe(2);
    // A rank above the run's is capped at it.
    const capped = fakeTrainer(0.25);
    await updateFrom(instruction(1, adapterOfRank(4, 0.5)), contextFor(capped, 8));
    expect(capped.given).toEqual([{ rank: 4, r: 4 }]);
  });

  it('encodes the update as asked and, with error feedback, adds what the last encoding dropped to the next update', async () => {
    // 1 + 0.3 fp16 steps: fp16 drops the 0.3 step; carried over, the second round's 1.6 steps round up to 2.
    const value = 1 + 0.3 * 2 ** -10;
    const withFeedback = contextFor(fakeTrainer(value));
    const global = adapterOfRank(4, 0.5);
    const first = await updateFrom(instruction(1, global, { updateEncoding: 'fp16', errorFeedback: true }), withFeedback);
    expect(first.wireUpdate).toBeDefined();
    expect(firstValue(first.update)).toBe(1);
    const second = await updateFrom(instruction(2, undefined, { updateEncoding: 'fp16', errorFeedback: true }), withFeedback);
    expect(firstValue(second.update)).toBe(1 + 2 ** -10);

    const withoutFeedback = contextFor(fakeTrainer(value));
    await updateFrom(instruction(1, global, { updateEncoding: 'fp16' }), withoutFeedback);
    const repeated = await updateFrom(instruction(2, undefined, { updateEncoding: 'fp16' }), withoutFeedback);
    expect(firstValue(repeated.update)).toBe(1);
  });

  it('answers a secure-aggregation round with keys, and the same instruction asked again with the same keys without training again', async () => {
    const trainer = fakeTrainer(0.25);
    const context = contextFor(trainer, 2);
    const message = instruction(4, adapterOfRank(4, 0.5), { secureAggregation: true, clipNorm: 1 });
    const first = await trainRound(message, context);
    expect(first.trained).toBe(true);
    expect(first.reply).toMatchObject({ kind: 'secaggKeys', round: 4, globalDigest: message.globalDigest, numExamples: 10, trainLoss: 1.5 });
    const again = await trainRound(message, context);
    expect(again).toEqual({ reply: first.reply, trained: false });
    expect(trainer.given).toHaveLength(1);
    // A fresh attempt at the round (another seed) trains again, with fresh keys.
    const retry = await trainRound({ ...message, hyperParams: { ...message.hyperParams, seed: 99 } }, context);
    expect(retry.trained).toBe(true);
    expect(retry.reply).not.toEqual(first.reply);
  });

  it('uses the adapter it holds when an instruction names it by digest alone, and refuses one it does not hold or whose digest is wrong', async () => {
    const trainer = fakeTrainer(0.25);
    const context = contextFor(trainer);
    const global = adapterOfRank(4, 0.5);
    await updateFrom(instruction(1, global), context);
    await updateFrom(instruction(2, undefined), context);
    expect(trainer.given).toHaveLength(2);
    await expect(trainRound(instruction(3, undefined, { globalDigest: adapterDigest(adapterOfRank(4, 0.1)) }), context)).rejects.toThrow(
      ProtocolViolationError,
    );
    await expect(trainRound(instruction(3, global, { globalDigest: adapterDigest(adapterOfRank(4, 0.1)) }), context)).rejects.toThrow(MalformedMessageError);
  });

  it('evaluates the adapter an evaluate instruction names', async () => {
    const adapter = adapterOfRank(4, 0.5);
    const evaluation = await evaluateRound(
      { kind: 'evaluate', round: 5, digest: adapterDigest(adapter), adapter, maxSeqLen: 16, lora, deadlineUnixMs: Date.now() + 60_000 },
      contextFor(fakeTrainer(0)),
    );
    expect(evaluation).toEqual({ kind: 'evaluation', round: 5, digest: adapterDigest(adapter), loss: 0.75, numExamples: 2 });
  });
});
