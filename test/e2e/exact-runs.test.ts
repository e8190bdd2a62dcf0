import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { startCoordinator } from '../../coordinator/coordinator.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { baseDeltaTensorNames, trainedPart } from '../../shared/lora/lora.js';
import { truncateRank } from '../../shared/lora/lora-ranks.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import type { ErrorMessage, TrainMessage } from '../../shared/wire/messages.js';
import { MINIMAL_CONFIG, clientCredentials, coordinatorFixture, testConfigInput, trainWithRealClients } from '../helpers/coordinator.js';
import { randomUpdateLike, runTwoRealClients, updateReply as reply } from '../helpers/lora-runs.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { resolveModel } from '../../shared/model/model-config.js';

const Q_PROJ = 'model.layers.0.self_attn.q_proj';

function randomUpdate(global: AdapterWeights, rank: number, seed: number): AdapterWeights {
  return randomUpdateLike(truncateRank(trainedPart(global, { r: 8, alpha: 16, targetModules: [] }), rank), seed);
}

describe('lora.aggregation: exact and heterogeneous ranks', () => {
  const run = coordinatorFixture();

  it('trains with real clients: the held-out loss falls, checkpoints are rank-r PEFT adapters, the truncation error is reported', async () => {
    const coordinator = await runTwoRealClients(run, 'exact');
    const records = coordinator.roundRecords();
    expect(records.at(-1)!.eval_loss!).toBeLessThan(coordinator.status().baseline_eval_loss!);
    expect(coordinator.status().strategy).toBe('fedavg+exact');
    for (const record of records) {
      const { adapter, lora } = await readPeftAdapter(join(coordinator.runDir, 'rounds', String(record.round)));
      expect(lora.r).toBe(8);
      expect(adapter.get(`base_model.model.${Q_PROJ}.lora_A.weight`)!.shape).toEqual([8, 64]);
      expect([...adapter.keys()].some((name) => name.includes('base_delta'))).toBe(false);
      expect(record.strategy_metrics.truncation_error).toBeGreaterThanOrEqual(0);
      expect(record.strategy_metrics.truncation_error).toBeLessThan(1);
      // Two rank-8 clients per round: the accumulated ΔW has rank 16 after round 1, 32 after round 2.
      expect(record.strategy_metrics.base_delta_rank).toBe(16 * record.round);
    }
  }, 90_000);

  for (const aggregation of ['fedavg', 'exact'] as const) {
    it(`mixed ranks 4, 8 and 16 in one ${aggregation} run complete and export a valid PEFT adapter`, async () => {
      const credentials = clientCredentials(3);
      const coordinator = await run.start({
        clients: credentials,
        lora: { r: 16, alpha: 32, targetModules: ['q_proj', 'v_proj'], aggregation },
        train: { localSteps: 3, batchSize: 2, learningRate: 1e-2, maxSeqLen: 32 },
      });
      await trainWithRealClients(coordinator, credentials, [4, 8, 16]);
      const [record] = coordinator.roundRecords();
      expect(record.participants).toBe(3);
      // Uploads scale with each client's rank.
      const raw = record.clients.map((c) => c.raw_update_bytes);
      expect(raw[1] / raw[0]).toBeCloseTo(2, 6);
      expect(raw[2] / raw[0]).toBeCloseTo(4, 6);
      const { adapter, lora } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
      expect(lora.r).toBe(16);
      expect(adapter.get(`base_model.model.${Q_PROJ}.lora_A.weight`)!.shape).toEqual([16, 64]);
      expect(adapter.get(`base_model.model.${Q_PROJ}.lora_B.weight`)!.shape).toEqual([64, 16]);
      for (const tensor of adapter.values()) expect(tensor.data.every(Number.isFinite)).toBe(true);
      if (aggregation === 'exact') expect(record.strategy_metrics.update_ranks).toEqual({ 'client-1': 4, 'client-2': 8, 'client-3': 16 });
    }, 90_000);
  }

  it('refuses an update whose rank is not the one its client announced', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await run.start({ clients: credentials, lora: { r: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'], aggregation: 'exact' } });
    run.connect({ token: credentials[0].token, loraRank: 4, onTrain: (i, g) => reply(i, randomUpdate(g, 4, 1), 10) });
    const liar = run.connect({ token: credentials[1].token, loraRank: 4, onTrain: (i, g) => reply(i, randomUpdate(g, 8, 2), 10) });
    const refusal = (await liar.waitFor((m) => m.kind === 'error')) as ErrorMessage;
    expect(refusal.code).toBe('TENSOR_MISMATCH');
    await coordinator.finished;
    expect(coordinator.roundRecords()[0].participants).toBe(1);
  });

  it('a restarted coordinator gives clients the same accumulated ΔW', async () => {
    const credentials = clientCredentials(1);
    const input = await testConfigInput({ clients: credentials, lora: { r: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'], aggregation: 'exact' } });
    const fingerprint = resolveModel('builtin:tiny').fingerprint;
    const first = await startCoordinator(validateCoordinatorConfig(input), silentLogger());
    const client = new ScriptedClient({ url: first.url, token: credentials[0].token, fingerprint, onTrain: (i, g) => reply(i, randomUpdate(g, 4, 3), 10) });
    await first.finished;
    const digest = first.status().global_digest;
    client.close();
    await first.close();

    const second = await startCoordinator(validateCoordinatorConfig({ ...input, rounds: 2 }), silentLogger());
    let received: { instruction: TrainMessage; global: AdapterWeights } | undefined;
    const again = new ScriptedClient({
      url: second.url,
      token: credentials[0].token,
      fingerprint,
      onTrain: (instruction, global) => {
        received = { instruction, global };
        return reply(instruction, randomUpdate(global, 4, 4), 10);
      },
    });
    try {
      await second.finished;
      expect(received!.instruction.round).toBe(2);
      expect(received!.instruction.globalDigest).toBe(digest);
      expect(received!.global.get(baseDeltaTensorNames(Q_PROJ).a)!.shape).toEqual([4, 64]);
    } finally {
      again.close();
      await second.close();
    }
  });

  it('refuses exact aggregation with a strategy other than fedavg or fedprox, and with DP, by name', () => {
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: { r: 4, alpha: 8, aggregation: 'exact' }, strategy: { name: 'fedadam' } })).toThrow(
      /lora\.aggregation: exact aggregation works with strategy fedavg or fedprox and without privacy\.dp, not fedadam/,
    );
    expect(() =>
      validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: { r: 4, alpha: 8, aggregation: 'exact' }, privacy: { dp: { clipNorm: 1, noiseMultiplier: 1 } } }),
    ).toThrow(/not DP-fedavg/);
    expect(
      validateCoordinatorConfig({ ...MINIMAL_CONFIG, lora: { r: 4, alpha: 8, aggregation: 'exact' }, strategy: { name: 'fedprox' } }).lora?.aggregation,
    ).toBe('exact');
  });
});
