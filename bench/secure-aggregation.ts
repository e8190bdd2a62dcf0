/**
 * `npm run bench:secagg`: the overhead of secure aggregation per round, in bytes and time, for 3, 10 and 50
 * clients. A real coordinator (loopback) runs the same rounds twice, with plain FedAvg and with secure
 * aggregation, against real client sessions whose trainer returns a synthetic update at once, so that the round
 * time is the protocol's own. Both adapters of the built-in model are measured: r = 8 on q_proj, v_proj and
 * r = 64 on every projection; 50 clients also with SecAgg+'s sparse graph (8 neighbours). All clients share the
 * coordinator's process, so their work is serialised: the secure round times are upper bounds. Prints a table and writes the figures to bench-results/secagg-<time>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAdapter, type AdapterWeights } from '../shared/lora/adapter.js';
import { silentLogger } from '../shared/infra/log.js';
import { trainedPart, type LoraConfig } from '../shared/lora/lora.js';
import { resolveModel } from '../shared/model/model-config.js';
import { SeededRandom } from '../shared/infra/random.js';
import { runSession } from '../client/session.js';
import type { LocalTrainer } from '../client/local-trainer.js';
import { validateCoordinatorConfig } from '../coordinator/coordinator-config.js';
import { startCoordinator } from '../coordinator/coordinator.js';
import type { RoundRecord } from '../coordinator/round/records.js';

const ROUNDS = 3;
/** Clients per round, and SecAgg+ neighbours (0: every other client). */
const SETUPS = [
  { clients: 3, neighbours: 0 },
  { clients: 10, neighbours: 0 },
  { clients: 50, neighbours: 0 },
  { clients: 50, neighbours: 8 },
];
const ADAPTERS = [
  { name: 'r8-qv', lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] } },
  { name: 'r64-all', lora: { r: 64, alpha: 128, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] } },
];

/** Trains nothing: returns a seeded update of LoRA-like size (std 1e-4) immediately. */
function syntheticTrainer(seed: number): LocalTrainer {
  const random = new SeededRandom(seed);
  return {
    backend: 'synthetic',
    modelFingerprint: resolveModel('builtin:tiny').fingerprint,
    numTrainExamples: 100 + seed,
    numEvalExamples: 1,
    async train(global: AdapterWeights, lora: LoraConfig) {
      const update = makeAdapter(
        [...trainedPart(global, lora)].map(([name, t]) => [name, { shape: [...t.shape], data: random.fillNormal(new Float32Array(t.data.length), 1e-4) }]),
      );
      return { update, numExamples: 100 + seed, trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 0 };
    },
    async evaluate() {
      return { loss: 1, numExamples: 1 };
    },
    dispose() {},
  };
}

interface Measurement {
  readonly adapter: string;
  readonly adapterBytes: number;
  readonly clients: number;
  readonly neighbours: number;
  readonly secure: boolean;
  /** Means per round. */
  readonly roundMs: number;
  readonly bytesPerClientUp: number;
  readonly bytesPerClientDown: number;
  readonly secureAggregationMs: number | null;
  readonly protocolBytesPerClient: number | null;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

async function measure(adapter: (typeof ADAPTERS)[number], { clients, neighbours }: (typeof SETUPS)[number], secure: boolean): Promise<Measurement> {
  const dir = await mkdtemp(join(tmpdir(), 'secagg-bench-'));
  const credentials = Array.from({ length: clients }, (_, i) => ({ id: `client-${i + 1}`, token: `bench-token-${i + 1}-${'x'.repeat(16)}` }));
  const config = validateCoordinatorConfig({
    port: 0,
    runDir: join(dir, 'run'),
    rounds: ROUNDS,
    minClients: clients,
    model: 'builtin:tiny',
    clients: credentials,
    lora: adapter.lora,
    train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 16 },
    privacy: secure ? { secureAggregation: { neighbours } } : {},
  });
  const coordinator = await startCoordinator(config, silentLogger());
  try {
    await Promise.all([
      coordinator.finished,
      ...credentials.map((c, i) => runSession({ url: coordinator.url, token: c.token, trainer: syntheticTrainer(i), logger: silentLogger() })),
    ]);
    const records: readonly RoundRecord[] = coordinator.roundRecords();
    const secureSummaries = records.map((r) => r.secure_aggregation).filter((s) => s !== null);
    return {
      adapter: adapter.name,
      // Secure rounds record no update size: the coordinator never holds an update.
      adapterBytes: records[0].raw_update_bytes / records[0].participants,
      clients,
      neighbours,
      secure,
      roundMs: mean(records.map((r) => r.duration_ms)),
      bytesPerClientUp: mean(records.map((r) => r.bytes_up)) / clients,
      bytesPerClientDown: mean(records.map((r) => r.bytes_down)) / clients,
      secureAggregationMs: secure ? mean(secureSummaries.map((s) => s.duration_ms)) : null,
      protocolBytesPerClient: secure ? mean(secureSummaries.map((s) => s.protocol_bytes)) / clients : null,
    };
  } finally {
    await coordinator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Measurement[] = [];
  for (const adapter of ADAPTERS) {
    for (const setup of SETUPS) {
      // The plain round does not depend on the graph: measured once per client count.
      const plainDone = results.some((r) => !r.secure && r.adapter === adapter.name && r.clients === setup.clients);
      for (const secure of plainDone ? [true] : [false, true]) {
        const m = await measure(adapter, setup, secure);
        results.push(m);
        console.error(
          `${adapter.name} ${setup.clients} clients ${secure ? `secure (${setup.neighbours || 'all'} neighbours)` : 'plain'}: ${m.roundMs.toFixed(0)} ms/round`,
        );
      }
    }
  }
  const plainOf = (m: Measurement) => results.find((p) => !p.secure && p.adapter === m.adapter && p.clients === m.clients)!;
  const kib = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log(
    '| adapter | clients | neighbours | plain round | secure round | ratio | secure phases | up/client plain → secure (KiB) | down/client plain → secure (KiB) | protocol bytes/client (KiB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of results.filter((r) => r.secure)) {
    const plain = plainOf(m);
    console.log(
      `| ${m.adapter} (${kib(plain.adapterBytes)} KiB) | ${m.clients} | ${m.neighbours || m.clients - 1} | ${plain.roundMs.toFixed(0)} ms | ${m.roundMs.toFixed(0)} ms | ${(m.roundMs / plain.roundMs).toFixed(2)} | ${m.secureAggregationMs!.toFixed(0)} ms | ` +
        `${kib(plain.bytesPerClientUp)} → ${kib(m.bytesPerClientUp)} | ${kib(plain.bytesPerClientDown)} → ${kib(m.bytesPerClientDown)} | ${kib(m.protocolBytesPerClient!)} |`,
    );
  }
  await mkdir('bench-results', { recursive: true });
  const file = join('bench-results', `secagg-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ rounds: ROUNDS, results }, null, 2)}\n`);
  console.log(`\nfigures written to ${file}`);
}

await main();
