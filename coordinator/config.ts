/**
 * The coordinator's configuration: one zod schema, validated at start-up, each wrong field reported by its
 * path. Files may be YAML or JSON; command-line flags override file values.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../shared/errors.js';
import { describeIssues } from '../shared/zod-issues.js';
import { UPDATE_ENCODINGS } from '../shared/update-encoding.js';
import { loraSpecSchema } from '../shared/lora-spec.js';
import { trainSettingsSchema } from '../shared/training.js';
import { strategiesSupporting, strategyConfigSchema, supportsDp, supportsExactLora, supportsSecureAggregation } from './strategies/registry.js';
import { updateNoiseMultiplier } from './strategies/dp-fedavg.js';
import { RANGE_NOISE_STDS, minimumRange, noiseShareStd } from './secure-aggregation.js';
import { LORA_AGGREGATIONS } from './strategies/lora-aggregation.js';
import { mayRetryRounds } from './strategies/poisson-sampling.js';
import { isLoopbackHost } from './dashboard/access.js';
import { ALLOWED_HOST } from './host-check.js';
import { MIN_TOKEN_LENGTH, tokenSha256 } from './token-hash.js';
import { plural } from '../shared/plural.js';

const positiveInt = z.number().int().positive();

/** More than maxRefusals refusals within windowMs start a cool-down of cooldownMs (see refusal-limiter.ts). */
const refusalLimitSchema = (maxRefusals: number) =>
  z
    .strictObject({
      maxRefusals: positiveInt.default(maxRefusals),
      windowMs: positiveInt.default(60_000),
      cooldownMs: positiveInt.default(5 * 60_000),
    })
    .prefault({});

const tokenField = z.string().min(MIN_TOKEN_LENGTH, `tokens must be at least ${MIN_TOKEN_LENGTH} characters`);
const tokenDigestField = z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected the 64 hex digits printed by fedlora hash-token');

/** A client gives its token or, so that the file holds no secret, the token's SHA-256; both become the digest. */
const clientSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1–64 letters, digits, dots, dashes or underscores'),
    token: tokenField.optional(),
    tokenSha256: tokenDigestField.optional(),
  })
  .refine((client) => (client.token === undefined) !== (client.tokenSha256 === undefined), {
    message: 'give exactly one of token and tokenSha256',
  })
  .transform((client) => ({ id: client.id, tokenSha256: client.tokenSha256?.toLowerCase() ?? tokenSha256(client.token!) }));

export const coordinatorConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    runDir: z.string().min(1),
    rounds: positiveInt,
    minClients: positiveInt,
    /** Fewest accepted updates that close a round; with fewer at the deadline the round is retried. */
    minUpdates: positiveInt.default(1),
    /** Attempts at one round before the run fails (state `failed`), rather than retrying forever. */
    maxRoundAttempts: positiveInt.default(10),
    /**
     * Fraction of connected clients sampled for each round (at least minClients are taken). Under privacy.dp: q, the
     * probability that each configured client is sampled (Poisson sampling; minClients is then only the wait).
     */
    fraction: z.number().gt(0).max(1).default(1),
    /** `builtin:tiny` or a Hugging Face checkpoint directory (config.json + safetensors). */
    model: z.string().min(1),
    /** The base model's expected fingerprint (`fedlora fingerprint --model DIR`); a different checkpoint is refused. */
    modelFingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in 64 lowercase hex digits').optional(),
    /** A PEFT adapter directory to start from instead of a fresh adapter. */
    initialAdapter: z.string().min(1).optional(),
    clients: z.array(clientSchema).min(1),
    /** Serve HTTPS (and socket.io over TLS) with this PEM certificate chain and private key. */
    tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
    /**
     * Names the coordinator answers to besides its IP addresses, `localhost`, `host` and the certificate's names;
     * requests for any other Host are refused, so that DNS rebinding cannot read the coordinator (host-check.ts).
     */
    allowedHosts: z.array(z.string().regex(ALLOWED_HOST, 'a host name such as coordinator.example or *.example.org, without scheme or port')).default([]),
    /** Serve plain HTTP off loopback: only where a TLS-terminating proxy or a private network protects the traffic. */
    allowInsecure: z.boolean().default(false),
    /**
     * A client whose messages are refused more than `maxRefusals` times within `windowMs` is disconnected, and
     * its token is refused for `cooldownMs`: a client that keeps sending garbage cannot keep the coordinator busy.
     */
    refusalLimit: refusalLimitSchema(100),
    /**
     * An address whose connections are refused for unknown tokens more than `maxRefusals` times within `windowMs`
     * has its further connections with unknown tokens refused at once, and logged in summaries, for `cooldownMs`.
     */
    authRefusalLimit: refusalLimitSchema(10),
    /** The LoRA spec; freezeA follows from aggregation (ffa). */
    lora: loraSpecSchema.omit({ freezeA: true }).extend({
      aggregation: z
        .enum(LORA_AGGREGATIONS)
        .default('fedavg')
        .describe('How A and B are aggregated: fedavg averages both; ffa freezes A and trains and averages only B; exact aggregates the products B·A (clients fold them into their base weights and train a fresh adapter each round).'),
    }),
    train: trainSettingsSchema,
    /** Time a sampled client has to return its update, from the moment the instruction is sent. */
    roundTimeoutMs: positiveInt.default(10 * 60 * 1000),
    /** Time clients have to report the evaluation of a new global adapter. */
    evalTimeoutMs: positiveInt.default(2 * 60 * 1000),
    /** How clients encode updates: fp32, fp16, bf16 or int8 (stochastic rounding), optionally with error feedback. */
    encoding: z
      .strictObject({
        update: z.enum(UPDATE_ENCODINGS).default('fp32'),
        errorFeedback: z.boolean().default(false),
        /** How global adapters travel to clients, independently of updates. */
        global: z.enum(UPDATE_ENCODINGS).default('fp32'),
      })
      .prefault({}),
    /** DP-FedAvg with fixed clipping; the RDP accountant reports ε after every round and stops at the budget. */
    privacy: z
      .strictObject({
        dp: z
          .strictObject({
            clipNorm: z.number().positive(),
            noiseMultiplier: z.number().positive(),
            delta: z.number().gt(0).lt(1).default(1e-5),
            epsilonBudget: z.number().positive().optional(),
            /** Andrew et al. 2021: C follows the targetQuantile of the update norms (clipNorm is its start). */
            adaptiveClipping: z
              .strictObject({
                targetQuantile: z.number().gt(0).lt(1).default(0.5),
                learningRate: z.number().positive().default(0.2),
                /** σ_b; by default (clients per round)/20 as in the paper. */
                countNoiseStd: z.number().positive().optional(),
              })
              .optional(),
          })
          .optional(),
        /** SecAgg+: the coordinator only learns the sum of the round's updates. */
        secureAggregation: z
          .strictObject({
            maxDropouts: z.number().int().min(0).default(1),
            neighbours: z.number().int().min(0).default(0),
            range: z.number().positive().default(1),
            phaseTimeoutMs: positiveInt.default(60_000),
          })
          .optional(),
      })
      .prefault({}),
    /** Aggregation strategy and its parameters, e.g. `{name: fedadam, eta: 0.01}`; FedAvg by default. */
    strategy: strategyConfigSchema,
    /**
     * Updates whose L2 norm exceeds this are refused (a guard against broken or hostile clients); by default
     * √(trained parameters), an RMS of 1 per parameter (see coordinator.ts); `false`: no bound.
     */
    maxUpdateNorm: z.union([z.number().positive(), z.literal(false)]).optional(),
    /** Seeds the initial adapter, client sampling and batch order. */
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
    /** Envelopes larger than this travel in acknowledged chunks of this many bytes (both directions). */
    chunkBytes: positiveInt.min(64 * 1024).default(4 * 1024 * 1024),
    /** Largest update or adapter accepted, chunked; a larger upload is refused at its first chunk. */
    maxPayloadBytes: positiveInt.max(2 ** 31).default(2 ** 31),
    /** socket.io's maxHttpBufferSize: the largest single message; must exceed chunkBytes. */
    maxMessageBytes: positiveInt.default(8 * 1024 * 1024),
    /**
     * Memory lent to updates in flight: clients ask for an upload slot and wait while the updates granted and not
     * yet stored would exceed this (a chunked upload counts its window of 4 chunks). One upload always proceeds.
     */
    uploadBudgetBytes: positiveInt.default(64 * 1024 * 1024),
    /** Who may read the dashboard, the JSON API and /metrics: the holders of this token (given as is or as its SHA-256). */
    dashboard: z
      .strictObject({
        readToken: tokenField.optional(),
        readTokenSha256: tokenDigestField.optional(),
      })
      .refine((dashboard) => dashboard.readToken === undefined || dashboard.readTokenSha256 === undefined, {
        message: 'give at most one of readToken and readTokenSha256',
      })
      .transform((dashboard) => ({
        readTokenSha256: dashboard.readTokenSha256?.toLowerCase() ?? (dashboard.readToken === undefined ? undefined : tokenSha256(dashboard.readToken)),
      }))
      .prefault({}),
    /** Who may change the run over HTTP (pause, resume, stop, ban a client): the holder of this token (as is or its SHA-256). */
    admin: z
      .strictObject({
        token: tokenField.optional(),
        tokenSha256: tokenDigestField.optional(),
      })
      .refine((admin) => admin.token === undefined || admin.tokenSha256 === undefined, { message: 'give at most one of token and tokenSha256' })
      .transform((admin) => ({ tokenSha256: admin.tokenSha256?.toLowerCase() ?? (admin.token === undefined ? undefined : tokenSha256(admin.token)) }))
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    if (!isLoopbackHost(config.host) && config.dashboard.readTokenSha256 === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dashboard', 'readToken'],
        message: `required (or readTokenSha256) when host is ${config.host}, not loopback: without it anyone who reaches the coordinator can read the run`,
      });
    }
    if (!isLoopbackHost(config.host) && config.tls === undefined && !config.allowInsecure) {
      ctx.addIssue({
        code: 'custom',
        path: ['tls'],
        message:
          `required when host is ${config.host}, not loopback: client tokens and secure-aggregation keys would cross the network in clear; ` +
          'set tls (cert and key), or allowInsecure: true if a TLS-terminating proxy or a private network protects the traffic',
      });
    }
    const ids = new Set<string>();
    const tokens = new Set<string>();
    config.clients.forEach((client, i) => {
      if (ids.has(client.id)) ctx.addIssue({ code: 'custom', path: ['clients', i, 'id'], message: `duplicate client id ${client.id}` });
      if (tokens.has(client.tokenSha256)) ctx.addIssue({ code: 'custom', path: ['clients', i], message: 'duplicate token' });
      ids.add(client.id);
      tokens.add(client.tokenSha256);
    });
    if (config.privacy.dp && !supportsDp(config.strategy.name)) {
      ctx.addIssue({ code: 'custom', path: ['privacy', 'dp'], message: `DP-FedAvg works with strategy ${strategiesSupporting(supportsDp)}, not ${config.strategy.name}` });
    }
    const secure = config.privacy.secureAggregation;
    if (secure) {
      if (!supportsSecureAggregation(config.strategy.name)) {
        ctx.addIssue({ code: 'custom', path: ['privacy', 'secureAggregation'], message: `secure aggregation only reveals a sum: ${config.strategy.name} needs every update` });
      }
      if (secure.neighbours !== 0 && (secure.neighbours < 2 || secure.neighbours % 2 !== 0)) {
        ctx.addIssue({ code: 'custom', path: ['privacy', 'secureAggregation', 'neighbours'], message: 'use 0 (every other client) or an even number of at least 2' });
      }
      if (config.minClients < 2) ctx.addIssue({ code: 'custom', path: ['minClients'], message: 'secure aggregation needs at least 2 clients per round' });
      if (config.encoding.update !== 'fp32') {
        ctx.addIssue({ code: 'custom', path: ['encoding', 'update'], message: 'with secure aggregation updates travel as fixed-point vectors: leave fp32' });
      }
      if (config.lora.aggregation === 'exact') {
        ctx.addIssue({ code: 'custom', path: ['lora', 'aggregation'], message: 'exact aggregation needs every update, secure aggregation reveals only their sum: use fedavg or ffa' });
      }
    }
    const dp = config.privacy.dp;
    if (secure && dp) {
      // The largest noise share: the fewest clients a round may unmask, max(2, minUpdates), less the dropouts.
      const countNoiseStd = dp.adaptiveClipping?.countNoiseStd;
      const multiplier = (countNoiseStd === undefined ? undefined : updateNoiseMultiplier(dp.noiseMultiplier, countNoiseStd)) ?? dp.noiseMultiplier;
      const shareStd = noiseShareStd(multiplier * dp.clipNorm, Math.max(2, config.minUpdates), secure.maxDropouts);
      const needed = minimumRange(dp.clipNorm, shareStd);
      if (secure.range < needed) {
        ctx.addIssue({
          code: 'custom',
          path: ['privacy', 'secureAggregation', 'range'],
          message: `${secure.range} is below privacy.dp.clipNorm ${dp.clipNorm} + ${RANGE_NOISE_STDS} × the noise share's standard deviation ${shareStd.toPrecision(4)} (from privacy.dp.noiseMultiplier): values clamped to the range lose the noise DP relies on; set range to at least ${needed.toPrecision(4)}`,
        });
      }
    }
    if (config.privacy.dp && !mayRetryRounds(config.fraction)) {
      // Poisson sampling with q = fraction: a round is never retried, and a secure sum needs retries.
      if (secure) {
        ctx.addIssue({
          code: 'custom',
          path: ['fraction'],
          message: 'with secure aggregation and DP every ready client takes part in every round (q = 1), since a secure round that fails is retried: leave fraction at 1',
        });
      } else if (config.minUpdates > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['minUpdates'],
          message: `under DP with fraction ${config.fraction} (Poisson sampling) a round is never retried for lack of updates: leave minUpdates at 1`,
        });
      }
    }
    const adaptive = config.privacy.dp?.adaptiveClipping;
    if (adaptive?.countNoiseStd !== undefined && adaptive.countNoiseStd <= config.privacy.dp!.noiseMultiplier / 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'dp', 'adaptiveClipping', 'countNoiseStd'],
        message: `must exceed noiseMultiplier / 2 (${config.privacy.dp!.noiseMultiplier / 2}): the count's noise takes part of the privacy budget`,
      });
    }
    if (config.lora.aggregation === 'exact' && (config.privacy.dp || !supportsExactLora(config.strategy.name))) {
      ctx.addIssue({
        code: 'custom',
        path: ['lora', 'aggregation'],
        message: `exact aggregation works with strategy ${strategiesSupporting(supportsExactLora)} and without privacy.dp, not ${config.privacy.dp ? 'DP-' : ''}${config.strategy.name}`,
      });
    }
    if (config.maxMessageBytes < config.chunkBytes + 64 * 1024) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxMessageBytes'],
        message: `must exceed chunkBytes (${config.chunkBytes}) by at least 65536 bytes of framing`,
      });
    }
    if (config.minUpdates > config.minClients) {
      ctx.addIssue({
        code: 'custom',
        path: ['minUpdates'],
        message: `minUpdates is ${config.minUpdates} but minClients is ${config.minClients}: a round may start with fewer clients than it needs updates, and would be retried forever`,
      });
    }
    if (config.minClients > config.clients.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['minClients'],
        message: `minClients is ${config.minClients} but only ${plural(config.clients.length, 'client is', 'clients are')} configured`,
      });
    }
  });

export type CoordinatorConfig = z.output<typeof coordinatorConfigSchema>;
export type CoordinatorConfigInput = z.input<typeof coordinatorConfigSchema>;

export function validateCoordinatorConfig(input: unknown, source = 'configuration'): CoordinatorConfig {
  const result = coordinatorConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(`invalid ${source}:\n${describeIssues(result.error)}`);
  return result.data;
}

/** Reads a YAML or JSON file (YAML is a superset of JSON) into a plain object, without validating it. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold a mapping of keys to values`);
  }
  return parsed as Record<string, unknown>;
}
