/** Starts a coordinator on 127.0.0.1:0 in a fresh temporary run directory. */
import { mkdtemp } from 'node:fs/promises';
import { afterEach } from 'vitest';
import { runClient } from '../../client/client.js';
import type { SessionResult } from '../../client/session.js';
import { sampleSilos } from '../../cli/simulate.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCoordinatorConfig, type CoordinatorConfigInput } from '../../coordinator/coordinator-config.js';
import { startCoordinator, type Coordinator } from '../../coordinator/coordinator.js';
import { silentLogger, type Logger } from '../../shared/infra/log.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { ScriptedClient, type ScriptedClientOptions } from './scripted-client.js';

export function clientCredentials(count: number): { id: string; token: string }[] {
  return Array.from({ length: count }, (_, i) => ({ id: `client-${i + 1}`, token: `token-${i + 1}-${'x'.repeat(20)}` }));
}

type TestOverrides = Partial<CoordinatorConfigInput> & { clients: CoordinatorConfigInput['clients'] };

/** The configuration tests run with: loopback, a fresh run directory, a small and fast run unless overridden. */
export async function testConfigInput(overrides: TestOverrides): Promise<CoordinatorConfigInput & { runDir: string }> {
  return {
    host: '127.0.0.1',
    port: 0,
    runDir: join(await mkdtemp(join(tmpdir(), 'fedlora-run-')), 'run'),
    rounds: 1,
    minClients: overrides.clients.length,
    model: 'builtin:tiny',
    lora: { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] },
    train: { localSteps: 2, batchSize: 2, learningRate: 0.01, maxSeqLen: 32 },
    roundTimeoutMs: 20_000,
    evalTimeoutMs: 20_000,
    ...overrides,
  };
}

export async function startTestCoordinator(overrides: TestOverrides, logger: Logger = silentLogger()): Promise<Coordinator> {
  return startCoordinator(validateCoordinatorConfig(await testConfigInput(overrides)), logger);
}

/**
 * A coordinator and scripted clients for one test, stopped after it: `start` the coordinator, then `connect`
 * clients that speak the protocol for the built-in model.
 */
export function coordinatorFixture() {
  let current: Coordinator | undefined;
  const clients: ScriptedClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await current?.close();
    current = undefined;
  });
  return {
    async start(...args: Parameters<typeof startTestCoordinator>): Promise<Coordinator> {
      current = await startTestCoordinator(...args);
      return current;
    },
    get coordinator(): Coordinator {
      if (!current) throw new Error('start the coordinator first');
      return current;
    },
    connect(options: Omit<ScriptedClientOptions, 'url' | 'fingerprint'> & { fingerprint?: string }): ScriptedClient {
      const client = new ScriptedClient({ url: this.coordinator.url, fingerprint: resolveModel('builtin:tiny').fingerprint, ...options });
      clients.push(client);
      return client;
    },
  };
}

/**
 * Real clients (tfjs on wasm) on the bundled sample silos, one per credential, until the run ends; resolves
 * with their session results once the coordinator has finished too.
 */
export async function trainWithRealClients(
  coordinator: Coordinator,
  credentials: readonly { token: string }[],
  /** LoRA rank of each client (the run's when absent). */
  loraRanks: readonly number[] = [],
  /** The clients' base model: the run's. */
  model = 'builtin:tiny',
): Promise<SessionResult[]> {
  const silos = sampleSilos();
  const sessions = await Promise.all(
    credentials.map((credential, i) =>
      runClient({
        coordinatorUrl: coordinator.url,
        token: credential.token,
        dataPath: silos[i % silos.length],
        model,
        backend: 'wasm',
        loraRank: loraRanks[i],
        logger: silentLogger(),
      }),
    ),
  );
  await coordinator.finished;
  return sessions;
}

/** The smallest valid coordinator configuration, for tests of single settings. */
export const MINIMAL_CONFIG = {
  runDir: '/unused/run',
  rounds: 1,
  minClients: 1,
  model: 'builtin:tiny',
  clients: [{ id: 'a', token: 'a'.repeat(20) }],
  lora: { r: 4, alpha: 8 },
  train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8 },
} satisfies CoordinatorConfigInput;
