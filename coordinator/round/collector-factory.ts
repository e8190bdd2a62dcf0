/** Which collector a run's rounds use: secure when secure aggregation is configured, plain otherwise. */
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { trainedPart, type LoraConfig } from '../../shared/lora/lora.js';
import { effectiveRank, layoutAtRank } from '../../shared/lora/lora-ranks.js';
import type { SecureAggregation } from './secure-aggregation.js';
import type { RoundAggregation } from '../strategies/strategy.js';
import type { RoundCollector, TrainingRound } from './collector.js';
import { PlainCollector, type PlainCollectorSettings } from './plain-collector.js';
import { SecureCollector } from './secure-collector.js';

export type NewCollector = (training: TrainingRound, aggregation: RoundAggregation) => RoundCollector;

export interface CollectorSettings extends Omit<PlainCollectorSettings, 'expectedLayout'> {
  readonly lora: LoraConfig;
  readonly secureAggregation?: SecureAggregation;
  readonly minUpdates: number;
}

/** `global` is the global adapter the round starts from. */
export function collectorFactory(settings: CollectorSettings, global: () => AdapterWeights): NewCollector {
  const { lora, secureAggregation } = settings;
  if (secureAggregation) {
    return (training, aggregation) => new SecureCollector(training, aggregation, { ...settings, secureAggregation, layout: trainedPart(global(), lora) });
  }
  // A client training a lower rank (announced in its hello) sends the leading components only.
  const expectedLayout: PlainCollectorSettings['expectedLayout'] = (client) =>
    layoutAtRank(trainedPart(global(), lora), effectiveRank(client.hello?.loraRank ?? 0, lora.r));
  return (training, aggregation) => new PlainCollector(training, aggregation, { ...settings, expectedLayout });
}
