/**
 * Explainable updates end to end: scripted clients send known updates to a coordinator on a GPT-2 checkpoint, and
 * `/api/v1/rounds/<n>/shifts` must report what a dense computation over the checkpoints says, flag the client that
 * pulls the other way, keep it all across a restart, and say why per-client figures are missing under secure
 * aggregation.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectAdapter } from '../../cli/inspect.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { startCoordinator, type Coordinator } from '../../coordinator/coordinator.js';
import { driftOutliers, SECURE_AGGREGATION_HIDES_CLIENTS } from '../../coordinator/round/round-shifts.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { loraScaling, loraTensorNames } from '../../shared/lora/lora.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { gpt2HfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { roundShiftsSchema } from '../helpers/api-schemas.js';
import { clientCredentials, coordinatorFixture, testConfigInput } from '../helpers/coordinator.js';
import { directionalUpdate, updateReply } from '../helpers/lora-runs.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { connectSecureClients, randomUpdates } from '../helpers/secure-clients.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-shifts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Stored as the original GPT-2 files are, without the `transformer.` prefix.
const modelDir = join(root, 'gpt2');
const storedName = (stateDictName: string) => stateDictName.replace(/^transformer\./, '');
const baseWeights = writeCheckpoint(modelDir, {
  hfConfig: gpt2HfConfig(TINY_GPT2),
  tensors: new Map([...randomTensors(gpt2WeightShapes(TINY_GPT2), 5, 0.3)].map(([name, tensor]) => [storedName(name), tensor])),
  tokenizer: { addsBos: false },
});

/** scaling · B A formed densely, [out, in] row-major in float64. */
function denseProduct(adapter: AdapterWeights, modulePath: string, scaling: number): Float64Array {
  const names = loraTensorNames(modulePath);
  const a = adapter.get(names.a)!;
  const b = adapter.get(names.b)!;
  const [rank, inFeatures] = a.shape;
  const outFeatures = b.shape[0];
  const product = new Float64Array(outFeatures * inFeatures);
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++) {
      let entry = 0;
      for (let k = 0; k < rank; k++) entry += b.data[o * rank + k] * a.data[k * inFeatures + i];
      product[o * inFeatures + i] = scaling * entry;
    }
  }
  return product;
}

/** The adapters' tensors concatenated into one vector, in float64. */
const flatten = (adapter: AdapterWeights): number[] => [...adapter.values()].flatMap((t) => [...t.data]);
const dot = (x: readonly number[], y: readonly number[]): number => x.reduce((sum, v, i) => sum + v * y[i], 0);

async function getJson(coordinator: Coordinator, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${coordinator.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('round shifts on a checkpoint the coordinator holds', () => {
  it('match the dense computation, flag the client pulling away, and survive a restart', async () => {
    const lora = { r: 2, alpha: 4, targetModules: ['c_attn', 'c_fc'] };
    const credentials = clientCredentials(4);
    const config = validateCoordinatorConfig(await testConfigInput({ clients: credentials, rounds: 2, model: modelDir, lora }));
    const coordinator = await startCoordinator(config, silentLogger());
    const fingerprint = resolveModel(modelDir).fingerprint;
    // Three clients move along one direction with noise of their own; the fourth pushes the opposite way.
    const sent: AdapterWeights[][] = [[], []];
    const globals: AdapterWeights[] = [];
    const clients = credentials.map(
      (credential, k) =>
        new ScriptedClient({
          url: coordinator.url,
          token: credential.token,
          fingerprint,
          onTrain: (instruction, global) => {
            globals[instruction.round - 1] = global;
            const update = directionalUpdate(global, instruction.round, k, k === 3);
            sent[instruction.round - 1][k] = update;
            return updateReply(instruction, update, 10 + k);
          },
        }),
    );
    try {
      await coordinator.finished;
      // The accepted updates were kept past each commit only to measure the round.
      expect(existsSync(join(coordinator.runDir, 'open'))).toBe(false);
      const scaling = loraScaling(lora);
      const list = await getJson(coordinator, '/api/v1/shifts');
      expect(list.status).toBe(200);
      expect((list.body as unknown[]).map((s) => roundShiftsSchema.parse(s).round)).toEqual([1, 2]);

      for (const round of [1, 2]) {
        const { status, body } = await getJson(coordinator, `/api/v1/rounds/${round}/shifts`);
        expect(status).toBe(200);
        const shifts = roundShiftsSchema.parse(body);
        const previous = globals[round - 1];
        const next = (await readPeftAdapter(join(coordinator.runDir, 'rounds', String(round)))).adapter;
        expect(shifts.base_norms_missing).toBeNull();
        expect(shifts.modules).toHaveLength(2 * TINY_GPT2.numLayers);
        for (const module of shifts.modules) {
          const before = denseProduct(previous, module.module_path, scaling);
          const change = denseProduct(next, module.module_path, scaling).map((v, i) => v - before[i]);
          const want = Math.hypot(...change);
          expect(Math.abs(module.delta_norm - want) / want, module.module_path).toBeLessThan(1e-5);
          const baseNorm = Math.hypot(...baseWeights.get(storedName(`${module.module_path}.weight`))!);
          expect(module.base_norm! / baseNorm).toBeCloseTo(1, 5);
          expect(module.relative_change! / (want / baseNorm)).toBeCloseTo(1, 4);
        }
        expect(shifts.modules.map((m) => [m.layer, m.module])).toContainEqual([1, 'c_fc']);

        // The aggregate update is the global adapter's change; each client's cosine is taken with it, flattened.
        const aggregate = flatten(next).map((v, i) => v - flatten(previous)[i]);
        expect(shifts.clients.map((c) => c.id)).toEqual(credentials.map((c) => c.id));
        shifts.clients.forEach((client, k) => {
          const update = flatten(sent[round - 1][k]);
          const norm = Math.sqrt(dot(update, update));
          expect(client.update_norm / norm).toBeCloseTo(1, 5);
          expect(client.cosine!).toBeCloseTo(dot(update, aggregate) / (norm * Math.sqrt(dot(aggregate, aggregate))), 4);
        });
        expect(shifts.clients.filter((c) => c.outlier).map((c) => c.id)).toEqual([credentials[3].id]);
      }

      // Round 1 started from a fresh adapter (B = 0), so its change is its checkpoint's: fedlora inspect's table.
      const inspected = await inspectAdapter({ adapter: join(coordinator.runDir, 'rounds', '1'), model: modelDir });
      const first = roundShiftsSchema.parse((await getJson(coordinator, '/api/v1/rounds/1/shifts')).body);
      expect(first.modules.map((m) => m.module_path)).toEqual(inspected.modules.map((m) => m.module_path));
      first.modules.forEach((module, i) => {
        expect(module.delta_norm).toBeCloseTo(inspected.modules[i].delta_norm, 6);
        expect(module.base_norm).toBe(inspected.modules[i].base_norm);
      });

      // Typed refusals for rounds that are not there.
      for (const path of ['/api/v1/rounds/0/shifts', '/api/v1/rounds/x/shifts', '/api/v1/rounds/-1/shifts', '/api/v1/rounds//shifts']) {
        const { status, body } = await getJson(coordinator, path);
        expect(status, path).toBe(400);
        expect(body).toEqual({ error: expect.stringContaining('positive integer') });
      }
      expect(await getJson(coordinator, '/api/v1/rounds/3/shifts')).toEqual({ status: 404, body: { error: 'round 3 has not finished' } });
      expect((await getJson(coordinator, '/api/v1/shifts?since=1')).body).toEqual([(await getJson(coordinator, '/api/v1/rounds/2/shifts')).body]);
      expect((await getJson(coordinator, '/api/v1/shifts?limit=0')).status).toBe(400);

      // A restarted coordinator serves the same figures from its run store.
      await coordinator.close();
      const restarted = await startCoordinator(config, silentLogger());
      try {
        await restarted.finished;
        expect((await getJson(restarted, '/api/v1/shifts')).body).toEqual(list.body);
        expect((await getJson(restarted, '/api/v1/rounds/latest/shifts')).body).toEqual((list.body as unknown[])[1]);
      } finally {
        await restarted.close();
      }
    } finally {
      clients.forEach((c) => c.close());
      await coordinator.close();
    }
  });
});

describe('round shifts without the base weights or per-client updates', () => {
  const fixture = coordinatorFixture();

  it('say why: a built-in model has no checkpoint, and secure aggregation hides every client’s update', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await fixture.start({ clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 5000 } } });
    connectSecureClients(fixture, credentials, (layout) => randomUpdates(layout, 3), [10, 20, 30]);
    await coordinator.finished;
    const { status, body } = await getJson(coordinator, '/api/v1/rounds/1/shifts');
    expect(status).toBe(200);
    const shifts = roundShiftsSchema.parse(body);
    expect(shifts.clients).toEqual([]);
    expect(shifts.clients_missing).toBe(SECURE_AGGREGATION_HIDES_CLIENTS);
    expect(shifts.base_norms_missing).toMatch(/built-in model/);
    expect(shifts.modules.every((m) => m.base_norm === undefined && m.relative_change === undefined && m.delta_norm > 0)).toBe(true);
  });
});

describe('driftOutliers', () => {
  it('flags cosines more than 3 robust standard deviations (at least 0.05 each) below the median, and nothing among fewer than 3 clients', () => {
    const cosines = (values: number[]) => new Map(values.map((v, i) => [`c${i}`, v]));
    expect(driftOutliers(cosines([0.9, 0.85, 0.88, 0.92, -0.4]))).toEqual(new Set(['c4']));
    // median 0.85, MAD 0.05: the threshold is 0.85 − 3 · 1.4826 · 0.05 ≈ 0.628.
    expect(driftOutliers(cosines([0.8, 0.85, 0.85, 0.9, 0.63]))).toEqual(new Set());
    expect(driftOutliers(cosines([0.8, 0.85, 0.85, 0.9, 0.62]))).toEqual(new Set(['c4']));
    expect(driftOutliers(cosines([0.9, -0.9]))).toEqual(new Set());
    expect(driftOutliers(cosines([0.5, 0.5, 0.5]))).toEqual(new Set());
    // Close agreement: MAD 0.01 would put the threshold at 0.646; the floor puts it at 0.69 − 0.15 = 0.54.
    expect(driftOutliers(cosines([0.7, 0.69, 0.638]))).toEqual(new Set());
    expect(driftOutliers(cosines([0.7, 0.69, 0.53]))).toEqual(new Set(['c2']));
  });
});
