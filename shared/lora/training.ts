/**
 * The training settings, defined once: the coordinator's config validates `train` with trainSettingsSchema, the
 * wire decoder a TrainInstruction's hyper-parameters and client policy, and the trainer what it is asked to do.
 */
import { z } from 'zod';
import { UPDATE_ENCODINGS } from '../wire/update-encoding.js';

const positiveInt = z.number().int().positive();

/** The run's local-training settings (the config's `train`). */
export const trainSettingsSchema = z.strictObject({
  localSteps: positiveInt.describe('Optimizer steps each sampled client takes per round.'),
  batchSize: positiveInt.describe('Sequences per optimizer step.'),
  learningRate: z.number().positive().describe("The clients' Adam learning rate."),
  maxSeqLen: positiveInt.max(65536).describe('Sequences are truncated to this many tokens.'),
  packing: z.boolean().default(false).describe("Concatenate each silo's examples into full rows of maxSeqLen tokens (no padding) instead of one per row."),
});

/** The hyper-parameters one round's instruction carries: the run's settings and the round's seed. */
export const roundHyperParamsSchema = trainSettingsSchema.extend({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .describe("Seeds the round's batch sampling, so that a round is reproducible on one client."),
});

/** What the run's strategy, privacy and encoding ask of a client in a round, beside training itself. */
export const clientPolicySchema = z.strictObject({
  proximalMu: z.number().min(0).describe('FedProx: weight mu of the proximal term (mu/2)·‖w − w_global‖² in the local loss; 0 = off.'),
  clipNorm: z.number().min(0).describe('DP-FedAvg: the L2 norm the client clips its whole update to; 0 = no clipping.'),
  updateEncoding: z.enum(UPDATE_ENCODINGS).describe('How the client encodes its update.'),
  errorFeedback: z.boolean().describe('Whether the client adds what quantization dropped to its next update.'),
  secureAggregation: z.boolean().describe('Answer with secure-aggregation keys instead of an update.'),
});
export type ClientPolicy = z.output<typeof clientPolicySchema>;

/** Everything one round of local training takes: the round's hyper-parameters and FedProx's weight. */
export const trainHyperParamsSchema = roundHyperParamsSchema.extend(clientPolicySchema.pick({ proximalMu: true }).shape);
export type TrainHyperParams = Readonly<z.input<typeof trainHyperParamsSchema>>;
