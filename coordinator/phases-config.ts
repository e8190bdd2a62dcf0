/**
 * A curriculum in the coordinator's configuration (`phases`): each phase's schema, with the settings it may
 * override, and the checks a list of phases must pass against the rest of the configuration.
 */
import { z } from 'zod';
import { plural } from '../shared/infra/plural.js';
import { loraSpecSchema } from '../shared/lora/lora-spec.js';
import { trainSettingsSchema } from '../shared/lora/training.js';
import { DATA_SET_NAME } from '../shared/wire/messages.js';

const positiveInt = z.number().int().positive();

/** A setting as a phase overrides it: without its default (the run's value applies), with its description. */
function withoutDefault<T extends z.ZodType>(field: z.ZodDefault<T>): T {
  return field.unwrap().describe(field.description ?? '') as T;
}

export const dataSetName = z.string().regex(DATA_SET_NAME, 'use 1–64 letters, digits, dots, dashes or underscores');

/** One phase of a curriculum: its rounds train on its named sets, replaying earlier ones as `mix` says. */
export const phaseSchema = z.strictObject({
  name: dataSetName.describe("The phase's name in logs, round records and the API."),
  rounds: positiveInt.describe('Rounds of this phase; the phases run in order and their rounds add up to `rounds`.'),
  data: z
    .array(dataSetName)
    .min(1)
    .describe("The named data sets (clients' `--data NAME=FILE`) this phase trains on; a client holding none of them (nor of mix) sits the phase out."),
  mix: z
    .record(dataSetName, z.number().gt(0).max(1))
    .default({})
    .describe(
      "Sets of earlier phases replayed against forgetting, each with a weight in (0, 1]: each of its examples counts weight times one of the phase's data, in clients' batches and in FedAvg's weights.",
    ),
  minClients: positiveInt.optional().describe("Clients holding the phase's data to wait for before each of its rounds (default: minClients)."),
  lora: loraSpecSchema
    .pick({ alpha: true, dropout: true, useRslora: true })
    .extend({ dropout: withoutDefault(loraSpecSchema.shape.dropout), useRslora: withoutDefault(loraSpecSchema.shape.useRslora) })
    .partial()
    .default({})
    .describe("This phase's LoRA scaling and dropout, over the run's (the adapter's shape stays the run's)."),
  train: trainSettingsSchema
    .extend({ packing: withoutDefault(trainSettingsSchema.shape.packing) })
    .partial()
    .default({})
    .describe("This phase's training settings, over the run's `train`."),
});

export type PhaseConfig = z.output<typeof phaseSchema>;

/** What the phases are checked against: the rest of the configuration. */
interface PhasedConfig {
  readonly phases?: readonly PhaseConfig[];
  readonly rounds: number;
  readonly evaluation: { readonly qa: readonly string[] };
  readonly minUpdates: number;
  readonly clients: readonly unknown[];
  readonly privacy: { readonly dp?: unknown };
  readonly lora?: { readonly aggregation: string };
  readonly peft: { readonly method: string };
}

/** The phases' rounds add up to `rounds`; names are unique; mix replays earlier phases' sets; QA sets are not trained. */
export function checkPhases(config: PhasedConfig, ctx: z.RefinementCtx): void {
  const phases = config.phases;
  if (!phases) return;
  const total = phases.reduce((n, phase) => n + phase.rounds, 0);
  if (total !== config.rounds) {
    ctx.addIssue({ code: 'custom', path: ['phases'], message: `the phases' rounds add up to ${total}, but rounds is ${config.rounds}: make them equal` });
  }
  if (config.privacy.dp) {
    ctx.addIssue({
      code: 'custom',
      path: ['phases'],
      message: "not with privacy.dp: the accountant's sampling rate assumes that every configured client may be sampled in every round",
    });
  }
  const earlier = new Set<string>();
  const names = new Set<string>();
  phases.forEach((phase, i) => {
    if (names.has(phase.name)) ctx.addIssue({ code: 'custom', path: ['phases', i, 'name'], message: `duplicate phase name ${phase.name}` });
    names.add(phase.name);
    for (const set of Object.keys(phase.mix)) {
      if (!earlier.has(set)) {
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'mix', set], message: `${set} is no earlier phase's data: mix replays earlier phases' sets` });
      } else if (phase.data.includes(set)) {
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'mix', set], message: `${set} is this phase's data already` });
      }
    }
    phase.data.forEach((set, j) => {
      if (config.evaluation.qa.includes(set)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'data', j],
          message: `${set} is a QA set (evaluation.qa): questions are evaluated, never trained on`,
        });
      }
    });
    for (const set of phase.data) earlier.add(set);
    const minClients = phase.minClients;
    if (minClients !== undefined && (minClients < config.minUpdates || minClients > config.clients.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'minClients'],
        message: `must be at least minUpdates (${config.minUpdates}) and at most the ${plural(config.clients.length, 'configured client')}`,
      });
    }
    if (config.lora === undefined && Object.keys(phase.lora).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'lora'],
        message: `peft.method ${config.peft.method} trains no LoRA factors: a phase has no LoRA settings to override`,
      });
    }
    if (config.lora?.aggregation === 'exact' && (phase.lora.alpha !== undefined || phase.lora.useRslora !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', i, 'lora'],
        message: "exact aggregation folds the run's LoRA scaling into the products: keep the run's alpha and useRslora",
      });
    }
  });
}
