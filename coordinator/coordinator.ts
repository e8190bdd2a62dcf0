/**
 * Composes the coordinator: HTTP server + socket.io transport + round scheduler + run store.
 * `startCoordinator` returns once the server listens; `finished` resolves when the last round is done.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readConfiguredFile } from '../shared/infra/configured-file.js';
import { ConfigError } from '../shared/infra/errors.js';
import type { Logger } from '../shared/infra/log.js';
import { parameterCount, type AdapterWeights } from '../shared/lora/adapter.js';
import { adapterConfig, trainedPart } from '../shared/lora/lora.js';
import { prepareRunStart } from '../shared/model/run-start.js';
import type { CoordinatorConfig } from './coordinator-config.js';
import { RunEventBus, type RunEventListener } from './round/events.js';
import { createHttpApi } from './edge/http-api.js';
import type { RoundRecord, RunStatus } from './round/records.js';
import type { RoundShifts } from './round/round-shifts.js';
import { RunStore } from './store/run-store.js';
import { RoundScheduler } from './round/scheduler.js';
import { readBaseNorms } from './round/round-shifts.js';
import { DpFedAvg, type DpSettings } from './strategies/dp-fedavg.js';
import { loraAwareStrategy } from './strategies/lora-aggregation.js';
import { mayRetryRounds } from './strategies/poisson-sampling.js';
import { SecureAggregation } from './round/secure-aggregation.js';
import { createStrategy } from './strategies/registry.js';
import { attachTransport } from './edge/transport.js';
import { certificateDnsNames, HostCheck } from './edge/host-check.js';

/** How long a finished coordinator waits for clients to disconnect before closing their sockets. */
const SHUTDOWN_GRACE_MS = 5000;

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export interface Coordinator {
  /** Base URL, e.g. `http://127.0.0.1:43121` (`https://` with TLS). */
  readonly url: string;
  readonly port: number;
  readonly runDir: string;
  /** Resolves when every round is done (the server keeps serving until `close`). */
  readonly finished: Promise<void>;
  /** Subscribes to run events; returns the unsubscribe function. */
  subscribe(listener: RunEventListener): () => void;
  status(): RunStatus;
  roundRecords(): readonly RoundRecord[];
  roundShifts(): readonly RoundShifts[];
  /** Stops the rounds, disconnects clients and closes the server. */
  close(): Promise<void>;
}

export interface CoordinatorHooks {
  /** Called after each round is committed and evaluated. */
  readonly onRoundFinished?: (record: RoundRecord) => void;
}

/**
 * An HTTPS server with the configured PEM certificate chain and key, and the certificate's DNS names; unreadable
 * or mismatched files are a ConfigError.
 */
async function createTlsServer(tls: { cert: string; key: string }): Promise<{ server: HttpsServer; names: string[] }> {
  const cert = await readConfiguredFile(tls.cert, 'tls.cert');
  const key = await readConfiguredFile(tls.key, 'tls.key');
  try {
    return { server: createHttpsServer({ cert, key }), names: certificateDnsNames(cert) };
  } catch (error) {
    throw new ConfigError(`tls.cert ${tls.cert} and tls.key ${tls.key} cannot serve TLS: ${(error as Error).message}`);
  }
}

/** DP-FedAvg's settings; σ_b of adaptive clipping defaults to the expected clients per round, q·N, over 20 (Andrew et al. 2021). */
function dpSettings(config: CoordinatorConfig): DpSettings {
  const dp = config.privacy.dp!;
  const expectedPerRound = config.fraction * config.clients.length;
  const adaptive = dp.adaptiveClipping;
  const countNoiseStd = adaptive?.countNoiseStd ?? expectedPerRound / 20;
  if (adaptive && countNoiseStd <= dp.noiseMultiplier / 2) {
    throw new ConfigError(
      `privacy.dp.adaptiveClipping.countNoiseStd: the default ${countNoiseStd} (${expectedPerRound} clients expected per round / 20) must exceed noiseMultiplier / 2; set it explicitly`,
    );
  }
  return {
    clipNorm: dp.clipNorm,
    noiseMultiplier: dp.noiseMultiplier,
    adaptiveClipping: adaptive && { targetQuantile: adaptive.targetQuantile, learningRate: adaptive.learningRate, countNoiseStd },
    distributedNoise: config.privacy.secureAggregation !== undefined,
    samplingRate: config.fraction,
    population: config.clients.map((c) => c.id),
  };
}

/**
 * The bound on update norms: maxUpdateNorm, by default √(trained parameters), i.e. an RMS of 1 per parameter.
 * Local training moves a LoRA weight by a small multiple of the learning rate per step, so an honest update stays
 * orders of magnitude below it, while an update that would wreck the global adapter (or overflow it) is refused.
 */
function updateNormBound(setting: number | false | undefined, trained: AdapterWeights): number | undefined {
  if (setting === false) return undefined;
  return setting ?? Math.sqrt(parameterCount(trained));
}

export async function startCoordinator(config: CoordinatorConfig, logger: Logger, hooks: CoordinatorHooks = {}): Promise<Coordinator> {
  // First, so that bad TLS files stop the start before anything is opened.
  const tls = config.tls && (await createTlsServer(config.tls));
  const httpServer = tls?.server ?? createServer();
  const hostCheck = new HostCheck([config.host, ...config.allowedHosts, ...(tls?.names ?? [])], logger);
  const aggregation = config.lora?.aggregation ?? 'fedavg';
  // bias none is left out, as runs stored before the setting existed have it.
  const runLora =
    config.lora &&
    (({ aggregation: _, bias, ...settings }) => ({ ...settings, ...(bias === 'none' ? {} : { bias }), freezeA: aggregation === 'ffa' }))(config.lora);
  const { model, lora, initialAdapter } = await prepareRunStart({ ...config, lora: adapterConfig(config.peft, runLora) });
  const dp = config.privacy.dp;
  const secureSettings = config.privacy.secureAggregation;
  const runDir = resolve(config.runDir);
  // Where robust strategies write the updates beyond their memory budget.
  const spillDir = join(runDir, 'spill');
  const dpStrategy = dp ? new DpFedAvg(createStrategy(config.strategy, spillDir), dpSettings(config)) : undefined;
  const strategy = loraAwareStrategy(dpStrategy ?? createStrategy(config.strategy, spillDir), aggregation, lora, initialAdapter);
  const secureAggregation = secureSettings && new SecureAggregation(secureSettings, logger, () => dpStrategy?.distributedNoise());
  const store = await RunStore.open(
    runDir,
    // ffa shows in lora.freezeA; exact is named (absent otherwise, so that runs stored before it still resume).
    {
      model: config.model,
      modelFingerprint: model.fingerprint,
      strategy: strategy.name,
      lora,
      ...(aggregation === 'exact' ? { loraAggregation: aggregation } : {}),
    },
    randomUUID(),
    logger,
  );
  const runId = store.runId;
  // Uploads interrupted by a restart are resent by their clients: start with an empty spool.
  const spoolDir = join(runDir, 'incoming');
  await rm(spoolDir, { recursive: true, force: true });
  await mkdir(spoolDir, { recursive: true });
  // The spill file of a round interrupted by a restart is not needed either: the round is aggregated again.
  await rm(spillDir, { recursive: true, force: true });
  const resume = store.resumed ? await store.loadResumeState() : undefined;
  const maxUpdateNorm = updateNormBound(config.maxUpdateNorm, trainedPart(initialAdapter, lora));
  const events = new RunEventBus((error) => logger.error({ event: 'listener_failed', err: error }, 'a run event listener failed'));
  const scheduler = new RoundScheduler({
    runId,
    model: config.model,
    modelFingerprint: model.fingerprint,
    rounds: config.rounds,
    sampling: { fraction: config.fraction, minClients: config.minClients },
    lora,
    train: config.train,
    phases: config.phases,
    qaEvaluation: { sets: config.evaluation.qa, maxNewTokens: config.evaluation.qaMaxNewTokens },
    roundTimeoutMs: config.roundTimeoutMs,
    evalTimeoutMs: config.evalTimeoutMs,
    seed: config.seed,
    clientIds: config.clients.map((c) => c.id),
    initialAdapter,
    strategy,
    logger,
    emit: (event) => events.emit(event),
    // Under DP with q < 1 a round is never retried (0: it is aggregated with whatever arrived); config.ts refuses
    // a minUpdates above 1 there.
    minUpdates: dp && !mayRetryRounds(config.fraction) ? 0 : config.minUpdates,
    privacy: dp && { ...dp, samplingRate: config.fraction },
    maxRoundAttempts: config.maxRoundAttempts,
    secureAggregation,
    encoding: config.encoding,
    maxUpdateNorm,
    transfer: { chunkBytes: config.chunkBytes, maxPayloadBytes: config.maxPayloadBytes },
    uploadBudgetBytes: config.uploadBudgetBytes,
    persistence: store,
    banned: store.bannedClients(),
    resume,
    baseWeightNorms: readBaseNorms(model, lora, initialAdapter, logger),
  });
  const { onRoundFinished } = hooks;
  if (onRoundFinished) events.subscribe((event) => event.type === 'round_finished' && onRoundFinished(event.record));

  const api = createHttpApi(
    {
      status: () => scheduler.status(),
      roundRecords: () => scheduler.roundRecords(),
      roundShifts: () => scheduler.roundShifts(),
      subscribe: (listener) => events.subscribe(listener),
      uploads: () => scheduler.uploads(),
    },
    { runDir, readTokenSha256: config.dashboard.readTokenSha256, adminTokenSha256: config.admin.tokenSha256, control: scheduler, hostCheck, logger },
  );
  httpServer.on('request', api.handler);
  const io = attachTransport(httpServer, scheduler, {
    clients: config.clients,
    hostCheck,
    refusalLimit: config.refusalLimit,
    authRefusalLimit: config.authRefusalLimit,
    isBanned: (clientId) => scheduler.isBanned(clientId),
    maxMessageBytes: config.maxMessageBytes,
    chunkBytes: config.chunkBytes,
    maxPayloadBytes: config.maxPayloadBytes,
    spoolDir,
    transferIdleMs: config.roundTimeoutMs,
    logger,
    onRefusal: (client, code, reason) => events.emit({ type: 'message_refused', client, code, reason }),
  });
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      httpServer.once('error', rejectListen);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (error) {
    // No round ran: let go of the run directory's lock, so that this process may start on it again.
    io.close();
    hostCheck.close();
    store.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  logger.info(
    {
      event: 'coordinator_listening',
      url,
      run_id: runId,
      run_dir: runDir,
      model: config.model,
      model_fingerprint: model.fingerprint,
      rounds: config.rounds,
      max_update_norm: maxUpdateNorm ?? null,
    },
    `coordinator listening on ${url}; dashboard ${url}/dashboard; run directory ${runDir}`,
  );

  const finished = scheduler.run().catch((error: unknown) => {
    logger.error({ event: 'run_failed', err: error }, `the run failed: ${(error as Error).message}`);
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    runDir,
    finished,
    subscribe: (listener) => events.subscribe(listener),
    status: () => scheduler.status(),
    roundRecords: () => scheduler.roundRecords(),
    roundShifts: () => scheduler.roundShifts(),
    close() {
      closing ??= (async () => {
        scheduler.stop();
        await finished.catch(() => undefined);
        // Clients leave by themselves once told the run is finished; give them a moment to read that.
        if (scheduler.status().state === 'finished') await waitUntil(() => io.engine.clientsCount === 0, SHUTDOWN_GRACE_MS);
        api.close();
        await new Promise<void>((resolveClose) => io.close(() => resolveClose()));
        httpServer.closeAllConnections();
        hostCheck.close();
        store.close();
        // A round stopped before it finished leaves its spill file.
        await rm(spillDir, { recursive: true, force: true });
        logger.info({ event: 'coordinator_stopped' }, 'coordinator stopped');
      })();
      return closing;
    },
  };
}
