/**
 * FedAvg (McMahan et al. 2017): new global = global + Σ_k n_k Δ_k / Σ_k n_k, where Δ_k is client k's update
 * and n_k its number of training examples. FedProx (Li et al. 2020) aggregates the same way; its difference
 * is on the clients, which add (mu/2)·‖w − w_global‖² to their local loss.
 */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { sampleUniformly, type ClientTrainingSettings, type RoundAggregation, type Strategy, type StrategyState } from './strategy.js';
import { WeightedMean, applyDelta } from './weighted-mean.js';

export class FedAvg implements Strategy {
  readonly name: string;
  readonly clientSettings: ClientTrainingSettings;

  constructor(options: { proximalMu?: number } = {}) {
    const proximalMu = options.proximalMu ?? 0;
    this.name = proximalMu > 0 ? 'fedprox' : 'fedavg';
    this.clientSettings = { proximalMu };
  }

  sampleClients = sampleUniformly;

  beginAggregation(global: AdapterWeights): RoundAggregation {
    const mean = new WeightedMean(global);
    return {
      add: (_clientId, update, numExamples) => mean.add(update, numExamples),
      get updateCount() {
        return mean.updateCount;
      },
      finish: () => ({ adapter: applyDelta(global, mean.mean()), metrics: { total_weight: mean.weight } }),
    };
  }

  saveState(): StrategyState {
    return new Map();
  }

  loadState(): void {}
}
