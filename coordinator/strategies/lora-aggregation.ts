/**
 * `lora.aggregation` on top of the configured strategy: `exact` replaces averaging by the exact aggregation of the
 * products B·A (exact-lora.ts); `fedavg` and `ffa` keep the strategy and zero-pad the updates of clients that
 * train a lower rank (HetLoRA), so the strategy always sees updates of the run's rank.
 */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import type { LoraConfig } from '../../shared/lora/lora.js';
import { zeroPadRank } from '../../shared/lora/lora-ranks.js';
import type { Strategy } from './strategy.js';
import { ExactLora } from './exact-lora.js';

export const LORA_AGGREGATIONS = ['fedavg', 'ffa', 'exact'] as const;
export type LoraAggregation = (typeof LORA_AGGREGATIONS)[number];

export function loraAwareStrategy(strategy: Strategy, aggregation: LoraAggregation, lora: LoraConfig, initial: AdapterWeights): Strategy {
  return aggregation === 'exact' ? new ExactLora(strategy, lora, initial) : new ZeroPaddedRanks(strategy);
}

/** Passes every call to `inner`, padding lower-rank updates to the layout of the round's global adapter first. */
class ZeroPaddedRanks implements Strategy {
  constructor(private readonly inner: Strategy) {}

  get name(): string {
    return this.inner.name;
  }

  get clientSettings(): Strategy['clientSettings'] {
    return this.inner.clientSettings;
  }

  sampleClients: Strategy['sampleClients'] = (available, sampling, random) => this.inner.sampleClients(available, sampling, random);

  beginAggregation: Strategy['beginAggregation'] = (global) => {
    const aggregation = this.inner.beginAggregation(global);
    return {
      add: (clientId, update, numExamples) => aggregation.add(clientId, zeroPadRank(update, global), numExamples),
      // Secure aggregation: the clients padded their updates before masking.
      addSecureMean: aggregation.addSecureMean?.bind(aggregation),
      get updateCount() {
        return aggregation.updateCount;
      },
      finish: () => aggregation.finish(),
      dispose: () => aggregation.dispose?.(),
    };
  };

  saveState: Strategy['saveState'] = () => this.inner.saveState();

  loadState: Strategy['loadState'] = (state) => this.inner.loadState(state);
}
