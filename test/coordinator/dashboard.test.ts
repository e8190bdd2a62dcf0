import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { tokenSha256 } from '../../coordinator/edge/token-hash.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { resolveModel } from '../../shared/model/model-config.js';
import type { Message, TrainMessage } from '../../shared/wire/messages.js';
import { clientHistorySchema, healthSchema, liveSnapshotSchema, liveUpdateSchema, roundsSchema, statusSchema, summarySchema } from '../helpers/api-schemas.js';
import { clientCredentials, startTestCoordinator } from '../helpers/coordinator.js';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { wholeNumberTicks } from '../../coordinator/edge/dashboard/public/axis-ticks.js';

const fingerprint = resolveModel('builtin:tiny').fingerprint;

/** An update that moves every LoRA weight by `step` (NaN makes the coordinator refuse it). */
function uniformUpdate(
  instruction: TrainMessage,
  global: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>,
  step: number,
  trainLoss: number,
): Message {
  const update = makeAdapter([...global].map(([name, tensor]) => [name, { shape: tensor.shape, data: new Float32Array(tensor.data.length).fill(step) }]));
  return {
    kind: 'update',
    updateId: `${instruction.round}-${step}`,
    round: instruction.round,
    globalDigest: instruction.globalDigest,
    update,
    numExamples: 10,
    trainLoss,
    tokensPerSecond: 100,
    steps: 2,
    durationMs: 10,
  };
}

async function fetchJson<S extends z.ZodType>(coordinator: Coordinator, path: string, schema: S): Promise<z.output<S>> {
  const response = await fetch(`${coordinator.url}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return schema.parse(await response.json());
}

/** Reads server-sent events until `until` returns true for one of them. */
async function readEvents(url: string, until: (event: string, data: unknown) => boolean, timeoutMs = 20_000): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; data: unknown }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === undefined || data === undefined) continue;
        events.push({ event, data: JSON.parse(data) });
        if (until(event, events.at(-1)!.data)) return events;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

// Two clients send good updates; a third sends NaN and is refused every round.
describe('dashboard API, metrics and downloads of a finished run', () => {
  let coordinator: Coordinator;
  const clients: ScriptedClient[] = [];
  let liveEvents: Promise<{ event: string; data: unknown }[]>;

  beforeAll(async () => {
    const credentials = clientCredentials(3);
    coordinator = await startTestCoordinator({ clients: credentials, rounds: 2 });
    liveEvents = readEvents(
      `${coordinator.url}/api/v1/live`,
      (event, data) => event === 'update' && (data as { summary: { state: string } }).summary.state === 'finished',
    );
    credentials.forEach((credential, k) =>
      clients.push(
        new ScriptedClient({
          url: coordinator.url,
          token: credential.token,
          fingerprint,
          evalLoss: 2 - k * 0.1,
          onTrain: (instruction, global) => uniformUpdate(instruction, global, k === 2 ? Number.NaN : 1e-3, 3 + k),
        }),
      ),
    );
    await coordinator.finished;
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await coordinator?.close();
  });

  it('serves status, rounds, summary and client history in their documented shapes', async () => {
    const status = await fetchJson(coordinator, '/api/v1/status', statusSchema);
    const rounds = await fetchJson(coordinator, '/api/v1/rounds', roundsSchema);
    const summary = await fetchJson(coordinator, '/api/v1/summary', summarySchema);
    expect(status.state).toBe('finished');
    expect(rounds.map((r) => [r.round, r.participants, r.sampled])).toEqual([
      [1, 2, 3],
      [2, 2, 3],
    ]);
    expect(summary).toMatchObject({
      state: 'finished',
      rounds_completed: 2,
      rounds_total: 2,
      estimated_remaining_ms: 0,
      clients_total: 3,
      updates_accepted: 4,
      updates_refused: { NON_FINITE: 2 },
      bytes_up: rounds[0].bytes_up + rounds[1].bytes_up,
      latest_checkpoint: 'rounds/2',
      latest_eval_loss: rounds[1].eval_loss,
    });

    const refused = await fetchJson(coordinator, '/api/v1/clients/client-3', clientHistorySchema);
    expect(refused.rounds.map((r) => [r.round, r.status])).toEqual([
      [1, 'refused'],
      [2, 'refused'],
    ]);
    expect(refused.rounds[0].refusal).toMatch(/holds NaN/);
    const good = await fetchJson(coordinator, '/api/v1/clients/client-1', clientHistorySchema);
    expect(good.rounds.map((r) => [r.round, r.status, r.train_loss])).toEqual([
      [1, 'done', 3],
      [2, 'done', 3],
    ]);
    expect(good.client).toMatchObject({ last_train_loss: 3, last_eval_loss: 2, connections: 1 });
    expect(good.client.last_update).not.toBeNull();

    const afterFirst = await fetchJson(coordinator, '/api/v1/rounds?since=1', roundsSchema);
    expect(afterFirst.map((r) => r.round)).toEqual([2]);
    const firstOnly = await fetchJson(coordinator, '/api/v1/rounds?since=0&limit=1', roundsSchema);
    expect(firstOnly.map((r) => r.round)).toEqual([1]);
    for (const query of ['since=-1', 'since=x', 'limit=0']) {
      expect((await fetch(`${coordinator.url}/api/v1/rounds?${query}`)).status, query).toBe(400);
    }

    const unknown = await fetch(`${coordinator.url}/api/v1/clients/nobody`);
    expect(unknown.status).toBe(404);
    await fetchJson(coordinator, '/healthz', healthSchema);
  });

  it('streamed a snapshot, then updates with every round and the refusals, over the live feed', async () => {
    const events = await liveEvents;
    expect(events[0].event).toBe('snapshot');
    liveSnapshotSchema.parse(events[0].data);
    const updates = events.slice(1).map((e) => liveUpdateSchema.parse(e.data));
    expect(updates.flatMap((u) => u.rounds ?? []).map((r) => r.round)).toEqual([1, 2]);
    const lastRound = updates.flatMap((u) => u.rounds ?? []).at(-1)!;
    expect(lastRound.client_train_losses).toEqual({ 'client-1': 3, 'client-2': 4 });
    expect(lastRound.client_train_loss).toEqual({ min: 3, median: 3.5, max: 4 });
    expect(lastRound.strategy_metrics).toEqual({ total_weight: 20 });
    const recent = updates.flatMap((u) => u.events ?? []);
    expect(recent.filter((e) => e.kind === 'refused' && e.client === 'client-3')).toHaveLength(2);
    expect(recent.filter((e) => e.kind === 'round_finished').map((e) => e.round)).toEqual([1, 2]);
    const client3 = updates.flatMap((u) => u.clients ?? []).filter((c) => c.id === 'client-3' && c.round_status === 'refused');
    expect(client3.at(-1)?.refusal).toMatch(/holds NaN/);
  });

  it('exposes Prometheus metrics whose counters match /api/v1/rounds', async () => {
    const response = await fetch(`${coordinator.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await response.text());
    const rounds = roundsSchema.parse(await (await fetch(`${coordinator.url}/api/v1/rounds`)).json());
    const sum = (pick: (r: (typeof rounds)[number]) => number) => rounds.reduce((n, r) => n + pick(r), 0);
    expect(sampleValue(families, 'fedlora_rounds_completed_total')).toBe(rounds.length);
    expect(sampleValue(families, 'fedlora_updates_accepted_total')).toBe(sum((r) => r.participants));
    const refusedInRounds = sum((r) => r.clients.filter((c) => c.status === 'refused').length);
    expect(sampleValue(families, 'fedlora_updates_refused_total', { reason: 'NON_FINITE' })).toBe(refusedInRounds);
    expect(sampleValue(families, 'fedlora_payload_bytes_total', { direction: 'up' })).toBe(sum((r) => r.bytes_up));
    expect(sampleValue(families, 'fedlora_payload_bytes_total', { direction: 'down' })).toBe(sum((r) => r.bytes_down));
    expect(sampleValue(families, 'fedlora_round_duration_seconds_count')).toBe(rounds.length);
    expect(sampleValue(families, 'fedlora_round_duration_seconds_sum')).toBeCloseTo(sum((r) => r.duration_ms) / 1000, 6);
    expect(sampleValue(families, 'fedlora_aggregation_seconds_count')).toBe(rounds.length);
    expect(sampleValue(families, 'fedlora_eval_loss')).toBeCloseTo(rounds.at(-1)!.eval_loss!, 9);
    expect(sampleValue(families, 'fedlora_current_round')).toBe(2);
    expect(families.get('process_cpu_seconds_total')?.type).toBe('counter');
    expect(families.get('fedlora_clients_connected')?.type).toBe('gauge');
  });

  it("serves the latest and any past round's adapter files, and nothing else from the run directory", async () => {
    for (const [round, dir] of [
      ['1', '1'],
      ['2', '2'],
      ['latest', '2'],
    ]) {
      for (const file of ['adapter_model.safetensors', 'adapter_config.json']) {
        const response = await fetch(`${coordinator.url}/api/v1/rounds/${round}/adapter/${file}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
        const expected = await readFile(join(coordinator.runDir, 'rounds', dir, file));
        expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
      }
    }
    for (const path of [
      '/api/v1/rounds/3/adapter/adapter_config.json',
      '/api/v1/rounds/0/adapter/adapter_config.json',
      '/api/v1/rounds/1/adapter/run.json',
      '/api/v1/rounds/1/adapter/..%2F..%2Frun.json',
      '/api/v1/rounds/1/adapter/%2e%2e',
      '/api/v1/rounds/..%2F..%2Fetc/adapter/adapter_config.json',
    ]) {
      const response = await fetch(`${coordinator.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('serves the page and its chart library from the coordinator itself', async () => {
    const page = await fetch(`${coordinator.url}/dashboard`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/dashboard/assets/dashboard.js', '/dashboard/assets/uPlot.min.css']));
    // The page's script imports the others.
    const script = await (await fetch(`${coordinator.url}/dashboard/assets/dashboard.js`)).text();
    const imported = [...script.matchAll(/^import .* from '\.\/([^']+)';$/gm)].map((m) => `/dashboard/assets/${m[1]}`);
    expect(imported).toEqual(['/dashboard/assets/uPlot.esm.js', '/dashboard/assets/axis-ticks.js', '/dashboard/assets/sets.js', '/dashboard/assets/shifts.js']);
    for (const asset of [...assets, ...imported]) {
      const response = await fetch(`${coordinator.url}${asset}`);
      expect(response.status, asset).toBe(200);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('chart axes of rounds and clients', () => {
  it('tick whole numbers only, 1, 2 or 5 times a power of ten apart', () => {
    // One round: uPlot's scale spans fractions around it.
    expect(wholeNumberTicks(0.5, 1.5, 8)).toEqual([1]);
    expect(wholeNumberTicks(0, 1, 8)).toEqual([0, 1]);
    expect(wholeNumberTicks(1, 6, 8)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(wholeNumberTicks(1, 30, 8)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(wholeNumberTicks(1, 1000, 8)).toEqual([200, 400, 600, 800, 1000]);
    expect(wholeNumberTicks(0.2, 0.8, 8)).toEqual([]);
    expect(wholeNumberTicks(1, 3, 0)).toEqual([2]);
  });
});

describe('read token', () => {
  const readToken = 'read-token-0123456789abcdef';
  let coordinator: Coordinator;

  beforeAll(async () => {
    coordinator = await startTestCoordinator({ clients: clientCredentials(1), dashboard: { readTokenSha256: tokenSha256(readToken) } });
  });

  afterAll(async () => {
    await coordinator?.close();
  });

  it('is required by the page, the API, the live feed and /metrics, but not by /healthz or static assets', async () => {
    for (const path of ['/dashboard', '/api/v1/status', '/api/v1/summary', '/api/v1/live', '/metrics', '/api/v1/rounds/latest/adapter/adapter_config.json']) {
      const anonymous = await fetch(`${coordinator.url}${path}`);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await fetch(`${coordinator.url}${path}`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.status, path).toBe(401);
    }
    expect((await fetch(`${coordinator.url}/api/v1/summary`, { headers: { authorization: `Bearer ${readToken}` } })).status).toBe(200);
    expect((await fetch(`${coordinator.url}/dashboard?token=${readToken}`)).status).toBe(200);
    expect((await fetch(`${coordinator.url}/metrics?token=${readToken}`)).status).toBe(200);
    expect((await fetch(`${coordinator.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${coordinator.url}/dashboard/assets/dashboard.js`)).status).toBe(200);
  });

  it('must be configured when the coordinator listens beyond loopback', () => {
    const base = {
      runDir: 'unused',
      rounds: 1,
      minClients: 1,
      model: 'builtin:tiny',
      clients: clientCredentials(1),
      lora: { r: 4, alpha: 8 },
      train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 16 },
    };
    expect(() => validateCoordinatorConfig({ ...base, host: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => validateCoordinatorConfig({ ...base, host: '0.0.0.0' })).toThrow(
      /dashboard\.readToken: required \(or readTokenSha256\) when host is 0\.0\.0\.0/,
    );
    expect(validateCoordinatorConfig({ ...base, host: '0.0.0.0', allowInsecure: true, dashboard: { readToken } }).dashboard.readTokenSha256).toBe(
      tokenSha256(readToken),
    );
    expect(() => validateCoordinatorConfig({ ...base, dashboard: { readToken, readTokenSha256: tokenSha256(readToken) } })).toThrow(/at most one/);
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      expect(validateCoordinatorConfig({ ...base, host }).dashboard.readTokenSha256).toBeUndefined();
    }
  });
});

describe('several coordinators in one process', () => {
  it('keep separate metrics registries', async () => {
    const first = await startTestCoordinator({ clients: clientCredentials(1) });
    const second = await startTestCoordinator({ clients: clientCredentials(2) });
    try {
      const client = new ScriptedClient({ url: first.url, token: clientCredentials(1)[0].token, fingerprint });
      await client.waitFor((m) => m.kind === 'welcome');
      const connected = async (c: Coordinator) => sampleValue(parsePrometheusText(await (await fetch(`${c.url}/metrics`)).text()), 'fedlora_clients_connected');
      expect(await connected(first)).toBe(1);
      expect(await connected(second)).toBe(0);
      client.close();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('a disconnected client', () => {
  it('shows the backend and examples it announced, the same in the status and its own endpoint', async () => {
    const credentials = clientCredentials(2);
    // Two clients are needed to start: the run waits, and the one client connects, announces itself and leaves.
    const coordinator = await startTestCoordinator({ clients: credentials });
    try {
      const client = new ScriptedClient({ url: coordinator.url, token: credentials[0].token, fingerprint, numTrainExamples: 17, numEvalExamples: 3 });
      await client.waitFor((m) => m.kind === 'welcome');
      client.close();
      let status = await fetchJson(coordinator, '/api/v1/status', statusSchema);
      while (status.clients[0].connected) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = await fetchJson(coordinator, '/api/v1/status', statusSchema);
      }
      const announced = { connected: false, backend: 'none', num_train_examples: 17, num_eval_examples: 3 };
      expect(status.clients[0]).toMatchObject(announced);
      expect((await fetchJson(coordinator, '/api/v1/clients/client-1', clientHistorySchema)).client).toMatchObject(announced);
    } finally {
      await coordinator.close();
    }
  });
});
