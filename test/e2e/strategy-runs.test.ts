import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../coordinator/strategies/registry.js';
import { clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';

// One short federated run per strategy family, with real clients on the bundled non-IID silos.
describe('federated runs per strategy family', () => {
  const run = coordinatorFixture();

  it.each<[string, StrategyConfig]>([
    ['proximal (FedProx)', { name: 'fedprox', mu: 0.01 }],
    ['server optimizer (FedAdam)', { name: 'fedadam', eta: 0.01, beta1: 0.9, beta2: 0.99, tau: 1e-3 }],
    ['robust (trimmed mean)', { name: 'trimmedmean', beta: 0.2 }],
  ])(
    '%s lowers the held-out loss below the untouched base',
    async (_family, strategy) => {
      const credentials = clientCredentials(3);
      const coordinator = await run.start({
        clients: credentials,
        rounds: 2,
        strategy,
        lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] },
        train: { localSteps: 6, batchSize: 4, learningRate: 5e-3, maxSeqLen: 48 },
      });
      await trainWithRealClients(coordinator, credentials);
      const rounds = coordinator.roundRecords();
      expect(rounds.map((r) => r.participants)).toEqual([3, 3]);
      expect(rounds.at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);
      expect(coordinator.status().strategy).toBe(strategy.name);
    },
    60_000,
  );
});
