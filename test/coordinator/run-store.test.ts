/** The run store's group commit: updates accepted at once are recorded together, and one bad row fails alone. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore, type AcceptedUpdate } from '../../coordinator/store/run-store.js';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import type { RoundRecord } from '../../coordinator/round/records.js';

const root = mkdtempSync(join(tmpdir(), 'fedlora-run-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const identity = { model: 'builtin:tiny', modelFingerprint: 'f'.repeat(64), strategy: 'fedavg', lora: { r: 1, alpha: 1, targetModules: ['q_proj'] } };

function update(clientId: string, updateId: string, value: number): AcceptedUpdate {
  const adapter = makeAdapter([['layer.lora_A.weight', { shape: [1, 2], data: new Float32Array([value, -value]) }]]);
  return { clientId, updateId, numExamples: 1 + value, trainLoss: value, tokensPerSecond: 1, bytesUp: 8, adapter };
}

describe('RunStore', () => {
  it('records updates stored at once in one commit, refuses only a bad row, and gives them all back after a restart', async () => {
    const runDir = join(root, 'run');
    const store = await RunStore.open(runDir, identity, 'run-1', silentLogger());
    await store.openRound({ round: 1, attempt: 1, sampled: ['c0'], globalDigest: 'd', seed: 0, startedAt: new Date(0).toISOString() });
    const saves = Array.from({ length: 12 }, (_, i) => store.saveAcceptedUpdate(1, update(`c${i}`, `u${i}`, i)));
    // NaN is stored as NULL, which the NOT NULL column refuses: this row fails, in the same batch as the others.
    const bad = store.saveAcceptedUpdate(1, { ...update('bad', 'u-bad', 1), trainLoss: Number.NaN });
    const outcomes = await Promise.allSettled([...saves, bad]);
    expect(outcomes.slice(0, 12).every((o) => o.status === 'fulfilled')).toBe(true);
    expect(outcomes[12].status).toBe('rejected');
    store.close();

    const reopened = await RunStore.open(runDir, identity, 'run-2', silentLogger());
    const { openRound } = await reopened.loadResumeState();
    const restored = new Map((await Promise.all(openRound!.updates.map((u) => u.load()))).map((u) => [u!.clientId, u!]));
    reopened.close();
    expect(restored.size).toBe(12);
    for (let i = 0; i < 12; i++) {
      expect(restored.get(`c${i}`)!.updateId).toBe(`u${i}`);
      expect([...restored.get(`c${i}`)!.adapter.get('layer.lora_A.weight')!.data]).toEqual([i, -i]);
    }
  });

  it("reads the open round's updates one at a time on resume, and forgets a damaged one so that its client is asked again", async () => {
    const runDir = join(root, 'damaged');
    const store = await RunStore.open(runDir, identity, 'run-1', silentLogger());
    await store.openRound({ round: 1, attempt: 1, sampled: ['c0', 'c1'], globalDigest: 'd', seed: 0, startedAt: new Date(0).toISOString() });
    await store.saveAcceptedUpdate(1, update('c0', 'u0', 1));
    await store.saveAcceptedUpdate(1, update('c1', 'u1', 2));
    store.close();
    writeFileSync(join(runDir, 'open', 'round-1', 'c1.safetensors'), 'not what was stored');

    const reopened = await RunStore.open(runDir, identity, 'run-2', silentLogger());
    const { openRound } = await reopened.loadResumeState();
    expect(openRound!.updates.map((u) => [u.clientId, 'adapter' in u])).toEqual([
      ['c0', false],
      ['c1', false],
    ]);
    const [intact, damaged] = await Promise.all(openRound!.updates.map((u) => u.load()));
    expect([...intact!.adapter.get('layer.lora_A.weight')!.data]).toEqual([1, -1]);
    expect(damaged).toBeUndefined();
    reopened.close();

    const again = await RunStore.open(runDir, identity, 'run-3', silentLogger());
    expect((await again.loadResumeState()).openRound!.updates.map((u) => u.clientId)).toEqual(['c0']);
    again.close();
  });

  it("keeps a committed round's accepted updates until they are released, keeps its shifts, and drops leftovers on resume", async () => {
    const runDir = join(root, 'shifts');
    const store = await RunStore.open(runDir, identity, 'run-1', silentLogger());
    await store.openRound({ round: 1, attempt: 1, sampled: ['c0'], globalDigest: 'd', seed: 0, startedAt: new Date(0).toISOString() });
    await store.saveAcceptedUpdate(1, update('c0', 'u0', 3));
    const accepted = store.acceptedUpdates();
    const adapter = makeAdapter([
      ['base_model.model.layer.lora_A.weight', { shape: [1, 2], data: new Float32Array([1, 2]) }],
      ['base_model.model.layer.lora_B.weight', { shape: [2, 1], data: new Float32Array([3, 4]) }],
    ]);
    const record = { round: 1, checkpoint: 'rounds/1' } as RoundRecord;
    await store.commitRound(record, adapter, new Map());
    // Committed: the update is no longer part of the run, but its file is still there to be measured.
    expect(store.acceptedUpdates()).toEqual([]);
    expect([...(await accepted[0].load())!.adapter.get('layer.lora_A.weight')!.data]).toEqual([3, -3]);
    const shifts = {
      round: 1,
      modules: [],
      total_delta_norm: 0.5,
      modules_missing: null,
      base_norms_missing: 'none',
      clients: [],
      clients_missing: null,
      compute_ms: 1,
    };
    store.saveShifts(shifts);
    store.close();
    expect(existsSync(join(runDir, 'open'))).toBe(true);

    // Stopped before the release: a restart removes the leftovers and keeps the shifts.
    const reopened = await RunStore.open(runDir, identity, 'run-2', silentLogger());
    const resumed = await reopened.loadResumeState();
    expect(resumed.shifts).toEqual([shifts]);
    expect(resumed.openRound).toBeUndefined();
    expect(existsSync(join(runDir, 'open'))).toBe(false);
    reopened.close();
  });
});
