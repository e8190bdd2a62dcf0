/** The documented shapes of the coordinator's JSON API (docs/http-api.md), as strict zod schemas. */
import { z } from 'zod';

const isoTime = z.iso.datetime();
const roundStatus = z.enum(['training', 'done', 'dropped', 'timed_out', 'refused', 'evaluated']);
const runState = z.enum(['waiting', 'training', 'finished', 'failed']);
const loss = z.number().nullable();

const setName = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const share = z.number().min(0).max(1).nullable();
const setMetrics = z.record(setName, z.strictObject({ loss, exact_match: share, f1: share, examples: z.number().int().positive() }));

export const clientInfoSchema = z.strictObject({
  id: z.string(),
  connected: z.boolean(),
  backend: z.string().nullable(),
  gpu: z.string().nullable(),
  num_train_examples: z.number().int().nullable(),
  num_eval_examples: z.number().int().nullable(),
  data_sets: z.array(z.strictObject({ name: setName, train_examples: z.number().int().min(0), eval_examples: z.number().int().min(0), qa: z.boolean() })),
  sits_out: z.string().nullable(),
  last_seen: isoTime.nullable(),
  round_status: roundStatus.nullable(),
  excluded: z.string().nullable(),
});

export const statusSchema = z.strictObject({
  run_id: z.string(),
  state: runState,
  round: z.number().int().min(0),
  rounds_total: z.number().int().positive(),
  strategy: z.string(),
  peft_method: z.string(),
  model: z.string(),
  started_at: isoTime,
  baseline_eval_loss: loss,
  baseline_eval_sets: setMetrics,
  paused: z.boolean(),
  failure: z.string().nullable(),
  global_digest: z.string().regex(/^[0-9a-f]{64}$/),
  clients: z.array(clientInfoSchema),
});

const clientRoundSchema = z.strictObject({
  id: z.string(),
  status: roundStatus,
  num_examples: z.number().int().min(0),
  train_loss: loss,
  eval_loss: loss,
  eval_sets: setMetrics,
  tokens_per_second: loss,
  bytes_up: z.number().int().min(0),
  bytes_down: z.number().int().min(0),
  raw_update_bytes: z.number().int().min(0),
  refusal: z.string().nullable(),
});

export const roundsSchema = z.array(
  z.strictObject({
    round: z.number().int().positive(),
    phase: setName.nullable(),
    sat_out: z.array(z.string()),
    // A DP round with q < 1 may have drawn nobody who answered.
    participants: z.number().int().min(0),
    sampled: z.number().int().min(0),
    num_examples: z.number().int().min(0),
    train_loss: loss,
    eval_loss: loss,
    eval_examples: z.number().int().min(0),
    eval_sets: setMetrics,
    bytes_up: z.number().int().min(0),
    bytes_down: z.number().int().min(0),
    duration_ms: z.number().min(0),
    started_at: isoTime,
    finished_at: isoTime,
    attempts: z.number().int().positive(),
    global_digest: z.string().regex(/^[0-9a-f]{64}$/),
    checkpoint: z.string().regex(/^rounds\/\d+$/),
    privacy: z
      .strictObject({
        epsilon: z.number().min(0),
        delta: z.number().gt(0),
        order: z.number().int().min(2),
        clip_norm: z.number().positive(),
        noise_multiplier: z.number().positive(),
        sampling_rate: z.number().gt(0).max(1),
      })
      .nullable(),
    secure_aggregation: z
      .strictObject({
        clients: z.number().int().min(2),
        survivors: z.number().int().min(2),
        dropouts_recovered: z.number().int().min(0),
        neighbours: z.number().int().positive(),
        threshold: z.number().int().positive(),
        scale: z.number().positive(),
        max_error: z.number().positive(),
        protocol_bytes: z.number().int().positive(),
        duration_ms: z.number().min(0),
      })
      .nullable(),
    update_encoding: z.enum(['fp32', 'fp16', 'bf16', 'int8']),
    raw_update_bytes: z.number().int().min(0),
    global_encoding: z.enum(['fp32', 'fp16', 'bf16', 'int8']),
    raw_global_bytes: z.number().int().min(0),
    global_wire_bytes: z.number().int().min(0),
    strategy_metrics: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string()), z.record(z.string(), z.number())])),
    clients: z.array(clientRoundSchema),
  }),
);

export const clientRowSchema = clientInfoSchema.extend({
  last_update: isoTime.nullable(),
  last_train_loss: loss,
  last_eval_loss: loss,
  refusal: z.string().nullable(),
  connections: z.number().int().min(0),
});

export const clientHistorySchema = z.strictObject({
  client: clientRowSchema,
  rounds: z.array(clientRoundSchema.extend({ round: z.number().int().positive() })),
});

export const summarySchema = z.strictObject({
  run_id: z.string(),
  state: runState,
  round: z.number().int().min(0),
  rounds_total: z.number().int().positive(),
  rounds_completed: z.number().int().min(0),
  strategy: z.string(),
  model: z.string(),
  started_at: isoTime,
  elapsed_ms: z.number().min(0),
  estimated_remaining_ms: z.number().min(0).nullable(),
  paused: z.boolean(),
  failure: z.string().nullable(),
  baseline_eval_loss: loss,
  baseline_eval_sets: setMetrics,
  latest_eval_loss: loss,
  best_eval_loss: z.strictObject({ round: z.number().int().positive(), loss: z.number() }).nullable(),
  clients_total: z.number().int().min(0),
  clients_connected: z.number().int().min(0),
  updates_accepted: z.number().int().min(0),
  updates_refused: z.record(z.string(), z.number().int().positive()),
  bytes_up: z.number().int().min(0),
  bytes_down: z.number().int().min(0),
  global_digest: z.string().regex(/^[0-9a-f]{64}$/),
  latest_checkpoint: z.string().nullable(),
});

export const healthSchema = z.strictObject({ status: z.literal('ok'), state: runState });

const roundPointSchema = z.strictObject({
  round: z.number().int().positive(),
  finished_at: isoTime,
  participants: z.number().int().min(0),
  sampled: z.number().int().min(0),
  attempts: z.number().int().positive(),
  train_loss: loss,
  eval_loss: loss,
  bytes_up: z.number().int().min(0),
  bytes_down: z.number().int().min(0),
  duration_ms: z.number().min(0),
  checkpoint: z.string(),
  client_train_loss: z.strictObject({ min: z.number(), median: z.number(), max: z.number() }).nullable(),
  client_train_losses: z.record(z.string(), z.number()).nullable(),
  strategy_metrics: z.record(z.string(), z.union([z.number(), z.string()])),
  privacy: z
    .strictObject({
      secure_aggregation: z.boolean(),
      survivors: z.number().int().min(2).nullable(),
      dropouts_recovered: z.number().int().min(0).nullable(),
      clip_norm: z.number().positive().nullable(),
      noise_multiplier: z.number().positive().nullable(),
      sampling_rate: z.number().gt(0).max(1).nullable(),
      epsilon: z.number().min(0).nullable(),
      delta: z.number().gt(0).nullable(),
    })
    .nullable(),
  eval_sets: setMetrics,
});

const recentEventSchema = z.strictObject({
  at: isoTime,
  kind: z.enum(['refused', 'disconnected', 'reconnected', 'retried', 'round_finished', 'run_finished']),
  client: z.string().nullable(),
  round: z.number().int().nullable(),
  message: z.string(),
});

export const liveSnapshotSchema = z.strictObject({
  summary: summarySchema,
  rounds: z.array(roundPointSchema),
  clients: z.array(clientRowSchema),
  events: z.array(recentEventSchema),
});

export const liveUpdateSchema = z.strictObject({
  summary: summarySchema,
  rounds: z.array(roundPointSchema).optional(),
  clients: z.array(clientRowSchema).optional(),
  events: z.array(recentEventSchema).optional(),
});

const moduleShiftSchema = z.strictObject({
  module_path: z.string(),
  layer: z.number().int().min(0).nullable(),
  module: z.string(),
  delta_norm: z.number().min(0),
  base_norm: z.number().min(0).optional(),
  relative_change: z.number().min(0).nullable().optional(),
});

export const roundShiftsSchema = z.strictObject({
  round: z.number().int().positive(),
  modules: z.array(moduleShiftSchema),
  total_delta_norm: z.number().min(0),
  base_norms_missing: z.string().nullable(),
  modules_missing: z.string().nullable(),
  clients: z.array(
    z.strictObject({
      id: z.string(),
      update_norm: z.number().min(0),
      cosine: z.number().min(-1.000001).max(1.000001).nullable(),
      outlier: z.boolean(),
    }),
  ),
  clients_missing: z.string().nullable(),
  compute_ms: z.number().min(0),
});
