import { describe, expect, it } from 'vitest';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';

// Many lightweight clients (no model; fixed updates of the adapter's real size) on loopback, bounded in count.
describe('load', () => {
  const run = coordinatorFixture();

  it('runs rounds with 200 clients connected at once', async () => {
    const credentials = clientCredentials(200);
    const coordinator = await run.start({ clients: credentials, rounds: 2, roundTimeoutMs: 120_000, evalTimeoutMs: 120_000 });
    credentials.forEach((c, k) =>
      run.connect({
        token: c.token,
        onTrain: (i, g) => ({
          kind: 'update',
          updateId: `${i.round}-${k}`,
          round: i.round,
          globalDigest: i.globalDigest,
          update: makeAdapter([...g].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e-4) }])),
          numExamples: 1 + (k % 7),
          trainLoss: 1,
          tokensPerSecond: 1,
          steps: 1,
          durationMs: 1,
        }),
      }),
    );
    await coordinator.finished;
    const rounds = coordinator.roundRecords();
    expect(rounds.map((r) => r.participants)).toEqual([200, 200]);
    expect(rounds.map((r) => r.eval_examples)).toEqual([400, 400]);
    expect(coordinator.status().clients.filter((c) => c.connected)).toHaveLength(200);
  }, 120_000);
});
