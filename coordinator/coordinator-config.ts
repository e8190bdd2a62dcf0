/**
 * The coordinator's configuration: one zod schema, validated at start-up, each wrong field reported by its
 * path. Files may be YAML or JSON; command-line flags override file values.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../shared/infra/errors.js';
import { describeIssues } from '../shared/infra/zod-issues.js';
import { UPDATE_ENCODINGS } from '../shared/wire/update-encoding.js';
import { loraSpecSchema } from '../shared/lora/lora-spec.js';
import { peftSpecSchema, usesLoraFactors } from '../shared/lora/peft-method.js';
import { trainSettingsSchema } from '../shared/lora/training.js';
import { strategiesSupporting, strategyConfigSchema, supportsDp, supportsExactLora, supportsSecureAggregation } from './strategies/registry.js';
import { updateNoiseMultiplier } from './strategies/dp-fedavg.js';
import { RANGE_NOISE_STDS, minimumRange, noiseShareStd } from './round/secure-aggregation.js';
import { LORA_AGGREGATIONS } from './strategies/lora-aggregation.js';
import { mayRetryRounds } from './strategies/poisson-sampling.js';
import { isLoopbackHost } from './edge/dashboard/access.js';
import { ALLOWED_HOST } from './edge/host-check.js';
import { MIN_TOKEN_LENGTH, tokenSha256 } from './edge/token-hash.js';
import { plural } from '../shared/infra/plural.js';
import { checkPhases, dataSetName, phaseSchema } from './phases-config.js';

const positiveInt = z.number().int().positive();

/** More than maxRefusals refusals within windowMs start a cool-down of cooldownMs (see refusal-limiter.ts). */
const refusalLimitSchema = (maxRefusals: number) =>
  z
    .strictObject({
      maxRefusals: positiveInt.default(maxRefusals).describe('Refusals tolerated within windowMs.'),
      windowMs: positiveInt.default(60_000).describe('Window over which refusals are counted, in milliseconds.'),
      cooldownMs: positiveInt.default(5 * 60_000).describe('How long refusals continue once the limit is passed, in milliseconds.'),
    })
    .prefault({});

const tokenField = z.string().min(MIN_TOKEN_LENGTH, `tokens must be at least ${MIN_TOKEN_LENGTH} characters`);
const tokenDigestField = z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected the 64 hex digits printed by fedlora hash-token');

/** A client gives its token or, so that the file holds no secret, the token's SHA-256; both become the digest. */
const clientSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1–64 letters, digits, dots, dashes or underscores')
      .describe("The silo's name in logs, round records and the dashboard: 1–64 letters, digits, dots, dashes or underscores."),
    token: tokenField.optional().describe("The client's token itself, a secret of at least 16 characters; give this or tokenSha256."),
    tokenSha256: tokenDigestField.optional().describe("The token's SHA-256 (`fedlora hash-token`), so that the file holds no secret; give this or token."),
  })
  .refine((client) => (client.token === undefined) !== (client.tokenSha256 === undefined), {
    message: 'give exactly one of token and tokenSha256',
  })
  .transform((client) => ({ id: client.id, tokenSha256: client.tokenSha256?.toLowerCase() ?? tokenSha256(client.token!) }));

export const coordinatorConfigSchema = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address to listen on; off loopback, `tls` (or `allowInsecure`) and `dashboard.readToken` are required.'),
    port: z.number().int().min(0).max(65535).default(8080).describe('Port to listen on; 0 picks a free port.'),
    runDir: z.string().min(1).describe("Directory of the run's state (`state.sqlite`) and checkpoints; an existing run there is resumed."),
    rounds: positiveInt.describe('Number of rounds; the run is finished after the last one.'),
    minClients: positiveInt.describe('Ready clients to wait for before each round.'),
    minUpdates: positiveInt
      .default(1)
      .describe('Fewest accepted updates that close a round; with fewer at the deadline the round is retried with a fresh sample (at most minClients).'),
    maxRoundAttempts: positiveInt.default(10).describe('Attempts at one round before the run ends in state `failed`, rather than retrying for ever.'),
    fraction: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe(
        'Share of ready clients sampled per round (at least minClients); under privacy.dp, q: the probability that each configured client is sampled (Poisson sampling; minClients is then only the wait).',
      ),
    model: z.string().min(1).describe('`builtin:tiny` or a Hugging Face checkpoint directory (config.json + safetensors).'),
    modelFingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in 64 lowercase hex digits')
      .optional()
      .describe(
        "The base model's expected fingerprint (`fedlora fingerprint --model DIR`): a different checkpoint is refused; required when model holds only config.json.",
      ),
    initialAdapter: z.string().min(1).optional().describe('A PEFT adapter directory to start from instead of a fresh adapter.'),
    clients: z.array(clientSchema).min(1).describe("One entry per silo: its id and its token, or the token's SHA-256."),
    tls: z
      .strictObject({
        cert: z.string().min(1).describe("PEM certificate chain, the server's certificate first."),
        key: z.string().min(1).describe('PEM private key of that certificate.'),
      })
      .optional()
      .describe('Serve HTTPS (and socket.io over TLS) with this PEM certificate chain and private key.'),
    /** Requests for any other Host are refused, so that DNS rebinding cannot read the coordinator (host-check.ts). */
    allowedHosts: z
      .array(z.string().regex(ALLOWED_HOST, 'a host name such as coordinator.example or *.example.org, without scheme or port'))
      .default([])
      .describe(
        "Names clients and browsers use for the coordinator, besides its IP addresses, `localhost`, `host` and the certificate's names (`*.example.org` covers one label).",
      ),
    allowInsecure: z
      .boolean()
      .default(false)
      .describe('Serve plain HTTP off loopback: only where a TLS-terminating proxy or a private network protects the traffic.'),
    refusalLimit: refusalLimitSchema(100).describe(
      'A client with more than maxRefusals refused messages within windowMs is disconnected, and its token refused for cooldownMs: a client that keeps sending garbage cannot keep the coordinator busy.',
    ),
    authRefusalLimit: refusalLimitSchema(10).describe(
      'An address with more than maxRefusals connections refused for unknown tokens within windowMs has its further ones refused at once for cooldownMs (valid tokens still connect).',
    ),
    lora: loraSpecSchema
      .omit({ freezeA: true })
      .extend({
        targetModules: loraSpecSchema.shape.targetModules
          .unwrap()
          .min(1)
          .default(['q_proj', 'v_proj'])
          .describe("The linear modules that carry an adapter, as in PEFT's target_modules."),
        aggregation: z
          .enum(LORA_AGGREGATIONS)
          .default('fedavg')
          .describe(
            'How A and B are aggregated: fedavg averages both; ffa freezes A and trains and averages only B; exact aggregates the products B·A (clients fold them into their base weights and train a fresh adapter each round).',
          ),
      })
      .optional()
      .describe('The LoRA adapter every client trains, for peft.method lora, qlora and dora; freezeA follows from aggregation (ffa).'),
    peft: peftSpecSchema.prefault({}).describe('The PEFT method clients train and its settings; LoRA by default.'),
    train: trainSettingsSchema.describe('How each sampled client trains in a round.'),
    phases: z
      .array(phaseSchema)
      .min(1)
      .optional()
      .describe('A curriculum: phases run in order, each on its named data sets (see Phases in the README); without it every round trains on all sets.'),
    evaluation: z
      .strictObject({
        qa: z
          .array(dataSetName)
          .default([])
          .describe("QA sets (clients' `--qa NAME=FILE`) that clients holding them answer greedily after every round: exact match and F1 per set."),
        qaMaxNewTokens: positiveInt.max(1024).default(16).describe('Each answer stops after this many tokens, at the end-of-sequence token or at a newline.'),
      })
      .prefault({})
      .describe('What clients evaluate after each round, beside the held-out loss of every named set.'),
    roundTimeoutMs: positiveInt.default(10 * 60 * 1000).describe("Deadline for updates, from the moment a round's instructions go out."),
    evalTimeoutMs: positiveInt.default(2 * 60 * 1000).describe('Deadline for evaluation reports of a new global adapter.'),
    encoding: z
      .strictObject({
        update: z.enum(UPDATE_ENCODINGS).default('fp32').describe('How clients put their updates on the wire; int8 rounds stochastically.'),
        errorFeedback: z.boolean().default(false).describe("Carry what quantization dropped into the next round's update."),
        global: z.enum(UPDATE_ENCODINGS).default('fp32').describe('How the coordinator sends global adapters to clients, independently of updates.'),
      })
      .prefault({})
      .describe('How updates and global adapters travel.'),
    privacy: z
      .strictObject({
        dp: z
          .strictObject({
            clipNorm: z
              .number()
              .positive()
              .describe('C: each client clips its whole update to this L2 norm (and the coordinator again); with adaptiveClipping, its start.'),
            noiseMultiplier: z.number().positive().describe('z: Gaussian noise of standard deviation z·C is added to the sum of the clipped updates.'),
            delta: z.number().gt(0).lt(1).default(1e-5).describe('δ of the (ε, δ) the accountant reports.'),
            epsilonBudget: z.number().positive().optional().describe('The run stops before a round that would spend more ε.'),
            adaptiveClipping: z
              .strictObject({
                targetQuantile: z.number().gt(0).lt(1).default(0.5).describe('γ: the quantile of the update norms that C follows.'),
                learningRate: z.number().positive().default(0.2).describe("η: the step of C's geometric update."),
                countNoiseStd: z
                  .number()
                  .positive()
                  .optional()
                  .describe(
                    'σ_b, the noise on the count of unclipped updates; by default (clients per round)/20 as in the paper; must exceed noiseMultiplier / 2.',
                  ),
              })
              .optional()
              .describe('Andrew et al. 2021: C follows the targetQuantile of the update norms, clipNorm being its start.'),
          })
          .optional()
          .describe('DP-FedAvg with clipping; the RDP accountant reports ε after every round and stops at the budget.'),
        secureAggregation: z
          .strictObject({
            maxDropouts: z.number().int().min(0).default(1).describe('D: clients that may vanish after advertising their keys, the sum still recovered.'),
            neighbours: z.number().int().min(0).default(0).describe('k: SecAgg+ neighbours per client (even, at least 2); 0: every other client of the round.'),
            range: z
              .number()
              .positive()
              .default(1)
              .describe(
                'R: each coordinate of an update is clipped to [-R, R] before the fixed-point encoding (with dp: at least clipNorm + 4 noise-share deviations).',
              ),
            phaseTimeoutMs: positiveInt.default(60_000).describe('Deadline of each secure-aggregation phase after training.'),
          })
          .optional()
          .describe("SecAgg+: the coordinator only learns the sum of the round's updates."),
      })
      .prefault({})
      .describe('Differential privacy and secure aggregation.'),
    strategy: strategyConfigSchema.describe('Aggregation strategy and its parameters, e.g. `{name: fedadam, eta: 0.01}`; FedAvg by default.'),
    /** The default is computed in coordinator.ts. */
    maxUpdateNorm: z
      .union([z.number().positive(), z.literal(false)])
      .optional()
      .describe('Updates whose L2 norm is larger are refused (NORM_EXCEEDED); by default √(trained parameters), an RMS of 1 per parameter; `false`: no bound.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(0)
      .describe('Seeds the initial adapter, client sampling and batch order.'),
    chunkBytes: positiveInt
      .min(64 * 1024)
      .default(4 * 1024 * 1024)
      .describe('Envelopes larger than this travel in acknowledged chunks of this many bytes (both directions).'),
    maxPayloadBytes: positiveInt
      .max(2 ** 31)
      .default(2 ** 31)
      .describe('Largest update or adapter accepted; a larger upload is refused at its first chunk.'),
    maxMessageBytes: positiveInt
      .default(8 * 1024 * 1024)
      .describe("socket.io's maxHttpBufferSize, the largest single message; must exceed chunkBytes by 64 KiB."),
    uploadBudgetBytes: positiveInt
      .default(64 * 1024 * 1024)
      .describe(
        'Updates in flight at once (granted an upload slot, not yet stored; a chunked upload counts its window of 4 chunks); others wait their turn, and one upload always proceeds.',
      ),
    dashboard: z
      .strictObject({
        readToken: tokenField.optional().describe('The read token itself; required (or readTokenSha256) unless host is loopback.'),
        readTokenSha256: tokenDigestField.optional().describe("The read token's SHA-256 (`fedlora hash-token`), so that the file holds no secret."),
      })
      .refine((dashboard) => dashboard.readToken === undefined || dashboard.readTokenSha256 === undefined, {
        message: 'give at most one of readToken and readTokenSha256',
      })
      .transform((dashboard) => ({
        readTokenSha256: dashboard.readTokenSha256?.toLowerCase() ?? (dashboard.readToken === undefined ? undefined : tokenSha256(dashboard.readToken)),
      }))
      .prefault({})
      .describe('Who may read the dashboard, the JSON API and /metrics: the holders of this token.'),
    admin: z
      .strictObject({
        token: tokenField.optional().describe('The admin token itself.'),
        tokenSha256: tokenDigestField.optional().describe("The admin token's SHA-256 (`fedlora hash-token`), so that the file holds no secret."),
      })
      .refine((admin) => admin.token === undefined || admin.tokenSha256 === undefined, { message: 'give at most one of token and tokenSha256' })
      .transform((admin) => ({ tokenSha256: admin.tokenSha256?.toLowerCase() ?? (admin.token === undefined ? undefined : tokenSha256(admin.token)) }))
      .prefault({})
      .describe(
        'Who may change the run over HTTP (POST /api/v1/admin/…: pause, resume, stop, ban, unban): the holder of this token; without it every action is refused.',
      ),
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
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'dp'],
        message: `DP-FedAvg works with strategy ${strategiesSupporting(supportsDp)}, not ${config.strategy.name}`,
      });
    }
    const secure = config.privacy.secureAggregation;
    if (secure) {
      if (!supportsSecureAggregation(config.strategy.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['privacy', 'secureAggregation'],
          message: `secure aggregation only reveals a sum: ${config.strategy.name} needs every update`,
        });
      }
      if (secure.neighbours !== 0 && (secure.neighbours < 2 || secure.neighbours % 2 !== 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['privacy', 'secureAggregation', 'neighbours'],
          message: 'use 0 (every other client) or an even number of at least 2',
        });
      }
      if (config.minClients < 2) ctx.addIssue({ code: 'custom', path: ['minClients'], message: 'secure aggregation needs at least 2 clients per round' });
      if (config.encoding.update !== 'fp32') {
        ctx.addIssue({ code: 'custom', path: ['encoding', 'update'], message: 'with secure aggregation updates travel as fixed-point vectors: leave fp32' });
      }
      if (config.lora?.aggregation === 'exact') {
        ctx.addIssue({
          code: 'custom',
          path: ['lora', 'aggregation'],
          message: 'exact aggregation needs every update, secure aggregation reveals only their sum: use fedavg or ffa',
        });
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
          message:
            'with secure aggregation and DP every ready client takes part in every round (q = 1), since a secure round that fails is retried: leave fraction at 1',
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
    const method = config.peft.method;
    if (usesLoraFactors(method) && config.lora === undefined) {
      ctx.addIssue({ code: 'custom', path: ['lora'], message: `required with peft.method ${method}: the rank, alpha and target modules of its LoRA factors` });
    }
    if (!usesLoraFactors(method) && config.lora !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['lora'],
        message: `peft.method ${method} trains no LoRA factors: lora (and its aggregation ${config.lora.aggregation}) applies to lora, qlora and dora only`,
      });
    }
    // ExactLora folds the products B·A into the base weight: DoRA's magnitudes rescale that weight and would not follow.
    if (method === 'dora' && config.lora?.aggregation === 'exact') {
      ctx.addIssue({
        code: 'custom',
        path: ['lora', 'aggregation'],
        message: 'exact aggregation folds B·A into the base weight, which DoRA renormalises: use fedavg or ffa with peft.method dora',
      });
    }
    if (config.lora?.aggregation === 'exact' && config.lora.bias !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['lora', 'bias'],
        message: `exact aggregation folds products B·A into the base weights and cannot carry trained biases: use aggregation fedavg or ffa with bias ${config.lora.bias}`,
      });
    }
    if (config.lora?.aggregation === 'exact' && config.lora.modulesToSave.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['lora', 'modulesToSave'],
        message:
          'exact aggregation folds products B·A into the base weights and cannot carry modules_to_save: use aggregation fedavg or ffa, or leave modulesToSave empty',
      });
    }
    if (config.lora?.aggregation === 'exact' && (config.privacy.dp || !supportsExactLora(config.strategy.name))) {
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
    checkPhases(config, ctx);
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
