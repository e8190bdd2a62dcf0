/**
 * Strategy selection from the config: `strategy: {name: <name>, …parameters}`. Each strategy has its own
 * schema with Flower's defaults; an unknown name or a bad parameter is refused at start-up, by name.
 */
import { tmpdir } from 'node:os';
import { z } from 'zod';
import type { Strategy } from './strategy.js';
import { FedAvg } from './fedavg.js';
import { FedMedian, Krum, TrimmedMean } from './robust.js';
import { FedAdaptive, FedAvgM } from './server-optimizers.js';

const positive = z.number().positive();
const fraction = z.number().min(0).lt(1);
const byzantine = z.number().int().min(0).default(0);
/**
 * Robust strategies hold a round's updates in memory up to this many bytes and spill the rest to disk (0: spill
 * them all). Its default is applied in createStrategy rather than here, so that a robust strategy's config spelled
 * out in code without it is still a StrategyConfig.
 */
const memoryBudgetBytes = z.number().int().min(0).optional();
const DEFAULT_MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

export const STRATEGY_NAMES = ['fedavg', 'fedprox', 'fedavgm', 'fedadam', 'fedyogi', 'fedadagrad', 'fedmedian', 'trimmedmean', 'krum', 'multikrum'] as const;

export const strategyConfigSchema = z
  .discriminatedUnion(
    'name',
    [
      z.strictObject({ name: z.literal('fedavg') }),
      z.strictObject({ name: z.literal('fedprox'), mu: positive.default(0.01) }),
      z.strictObject({ name: z.literal('fedavgm'), serverLearningRate: positive.default(1), momentum: fraction.default(0.9) }),
      z.strictObject({
        name: z.literal('fedadam'),
        eta: positive.default(0.1),
        beta1: fraction.default(0.9),
        beta2: fraction.default(0.99),
        tau: positive.default(1e-9),
      }),
      z.strictObject({
        name: z.literal('fedyogi'),
        eta: positive.default(0.01),
        beta1: fraction.default(0.9),
        beta2: fraction.default(0.99),
        tau: positive.default(1e-3),
      }),
      z.strictObject({ name: z.literal('fedadagrad'), eta: positive.default(0.1), beta1: fraction.default(0), tau: positive.default(1e-9) }),
      z.strictObject({ name: z.literal('fedmedian'), memoryBudgetBytes }),
      z.strictObject({ name: z.literal('trimmedmean'), beta: z.number().min(0).lt(0.5).default(0.2), memoryBudgetBytes }),
      z.strictObject({ name: z.literal('krum'), byzantine, memoryBudgetBytes }),
      z.strictObject({ name: z.literal('multikrum'), byzantine, keep: z.number().int().positive().default(2), memoryBudgetBytes }),
    ],
    { error: () => `strategy.name must be one of ${STRATEGY_NAMES.join(', ')}` },
  )
  .default({ name: 'fedavg' });

export type StrategyConfig = z.output<typeof strategyConfigSchema>;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** What a strategy's aggregation can work with, which decides the settings it combines with. */
export interface StrategyCapabilities {
  /** The aggregate is the example-weighted mean of the updates (FedAvg, FedProx), with nothing applied after it. */
  readonly averaging: boolean;
  /** The aggregate depends on each update apart (robust statistics), not only on their sum. */
  readonly needsEveryUpdate: boolean;
}

const AVERAGING: StrategyCapabilities = { averaging: true, needsEveryUpdate: false };
/** A server optimizer steps along the mean of the updates. */
const SERVER_OPTIMIZER: StrategyCapabilities = { averaging: false, needsEveryUpdate: false };
const ROBUST: StrategyCapabilities = { averaging: false, needsEveryUpdate: true };

export const STRATEGY_CAPABILITIES: Readonly<Record<StrategyName, StrategyCapabilities>> = {
  fedavg: AVERAGING,
  fedprox: AVERAGING,
  fedavgm: SERVER_OPTIMIZER,
  fedadam: SERVER_OPTIMIZER,
  fedyogi: SERVER_OPTIMIZER,
  fedadagrad: SERVER_OPTIMIZER,
  fedmedian: ROBUST,
  trimmedmean: ROBUST,
  krum: ROBUST,
  multikrum: ROBUST,
};

/** DP-FedAvg's guarantee covers the clipped, noised mean: the strategy must aggregate exactly that mean. */
export function supportsDp(name: StrategyName): boolean {
  return STRATEGY_CAPABILITIES[name].averaging;
}

/** Secure aggregation reveals only the sum of the updates. */
export function supportsSecureAggregation(name: StrategyName): boolean {
  return !STRATEGY_CAPABILITIES[name].needsEveryUpdate;
}

/** Exact LoRA aggregation generalises the example-weighted mean of the products B·A, and nothing else. */
export function supportsExactLora(name: StrategyName): boolean {
  return STRATEGY_CAPABILITIES[name].averaging;
}

/** The strategies a rule admits, for messages: `fedavg or fedprox`. */
export function strategiesSupporting(rule: (name: StrategyName) => boolean): string {
  return STRATEGY_NAMES.filter(rule).join(' or ');
}
/** A strategy as written in a config: parameters left out take their defaults. */
export type StrategyConfigInput = z.input<typeof strategyConfigSchema>;

/** `spillDirectory`: where robust strategies write the updates beyond their memory budget. */
export function createStrategy(config: StrategyConfig, spillDirectory = tmpdir()): Strategy {
  const spill = (memoryBudgetBytes = DEFAULT_MEMORY_BUDGET_BYTES) => ({ memoryBudgetBytes, directory: spillDirectory });
  switch (config.name) {
    case 'fedavg':
      return new FedAvg();
    case 'fedprox':
      return new FedAvg({ proximalMu: config.mu });
    case 'fedavgm':
      return new FedAvgM(config);
    case 'fedadam':
      return new FedAdaptive('adam', config);
    case 'fedyogi':
      return new FedAdaptive('yogi', config);
    case 'fedadagrad':
      return new FedAdaptive('adagrad', { ...config, beta2: 0 });
    case 'fedmedian':
      return new FedMedian(spill(config.memoryBudgetBytes));
    case 'trimmedmean':
      return new TrimmedMean(config.beta, spill(config.memoryBudgetBytes));
    case 'krum':
      return new Krum(config.byzantine, undefined, spill(config.memoryBudgetBytes));
    case 'multikrum':
      return new Krum(config.byzantine, config.keep, spill(config.memoryBudgetBytes));
  }
}
