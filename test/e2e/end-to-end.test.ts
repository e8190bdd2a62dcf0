import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Coordinator } from '../../coordinator/coordinator.js';
import type { RoundRecord, RunStatus } from '../../coordinator/round/records.js';
import { adapterDigest, rawByteSize } from '../../shared/lora/adapter.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import type { SessionResult } from '../../client/session.js';
import { clientCredentials, startTestCoordinator, trainWithRealClients } from '../helpers/coordinator.js';

// A coordinator and 3 real clients (tfjs on wasm) on loopback, 3 rounds on the bundled non-IID silos.
describe('end to end', () => {
  let coordinator: Coordinator;
  let sessions: SessionResult[];
  let rounds: RoundRecord[];
  let status: RunStatus;

  beforeAll(async () => {
    const credentials = clientCredentials(3);
    coordinator = await startTestCoordinator({
      clients: credentials,
      rounds: 3,
      // r=16: on this toy model (hidden size 64) the PEFT tensor names alone are 3.4% of an r=8 update.
      lora: { r: 16, alpha: 32, targetModules: ['q_proj', 'v_proj'] },
      train: { localSteps: 8, batchSize: 4, learningRate: 5e-3, maxSeqLen: 64 },
    });
    sessions = await trainWithRealClients(coordinator, credentials);
    rounds = (await (await fetch(`${coordinator.url}/api/v1/rounds`)).json()) as RoundRecord[];
    status = (await (await fetch(`${coordinator.url}/api/v1/status`)).json()) as RunStatus;
  }, 180_000);

  afterAll(async () => {
    await coordinator?.close();
  });

  it('runs every round with every client, and every client exits cleanly', () => {
    expect(status.state).toBe('finished');
    expect(rounds.map((r) => [r.round, r.participants])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(sessions.map((s) => s.roundsTrained)).toEqual([3, 3, 3]);
    for (const round of rounds) {
      expect(round.num_examples).toBeGreaterThan(0);
      expect(Number.isFinite(round.train_loss)).toBe(true);
      expect(round.duration_ms).toBeGreaterThan(0);
      expect(round.bytes_down).toBeGreaterThan(0);
    }
  });

  it('lowers the held-out loss below that of the untouched base model', () => {
    expect(status.baseline_eval_loss).not.toBeNull();
    const last = rounds.at(-1)!.eval_loss!;
    expect(last).toBeLessThan(status.baseline_eval_loss!);
  });

  it('writes a parseable PEFT checkpoint for every round, matching the recorded digest', async () => {
    expect((await readdir(join(coordinator.runDir, 'rounds'))).sort()).toEqual(['1', '2', '3']);
    for (const round of rounds) {
      const { adapter, lora } = await readPeftAdapter(join(coordinator.runDir, round.checkpoint));
      expect(lora.r).toBe(16);
      expect(adapter.size).toBe(8); // 2 layers × (q_proj, v_proj) × (lora_A, lora_B)
      expect(adapterDigest(adapter)).toBe(round.global_digest);
    }
  });

  it("uploads nothing but the low-rank update: each client sends within 5% of its LoRA tensors' raw size per round", async () => {
    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    const raw = rawByteSize(adapter);
    for (const round of rounds) {
      for (const client of round.clients) {
        expect(client.status).toBe('done');
        expect(client.bytes_up).toBeGreaterThanOrEqual(raw);
        expect(client.bytes_up / raw).toBeLessThan(1.05);
      }
    }
  });
});
