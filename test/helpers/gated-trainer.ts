import type { LocalTrainer } from '../../client/local-trainer.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { resolveModel } from '../../shared/model/model-config.js';

/**
 * A trainer without a model, for sessions whose timing a test controls: its update is zero, and it trains a round
 * once `gate` resolves; `trained` holds one entry per training (the seed it was given).
 */
export function gatedTrainer(gate: Promise<void> = Promise.resolve()): LocalTrainer & { readonly trained: number[] } {
  const trained: number[] = [];
  return {
    trained,
    backend: 'none',
    modelFingerprint: resolveModel('builtin:tiny').fingerprint,
    numTrainExamples: 10,
    numEvalExamples: 2,
    async train(global, _lora, params) {
      await gate;
      trained.push(params.seed);
      const update = makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length) }]));
      return { update, numExamples: 10, trainLoss: 1, tokensPerSecond: 1, steps: params.localSteps, durationMs: 1 };
    },
    evaluate: async () => ({ loss: 1, numExamples: 2 }),
    dispose: () => undefined,
  };
}
