import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClient } from '../../client/client.js';
import { sampleSilos } from '../../cli/simulate.js';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { createLogger, silentLogger } from '../../shared/infra/log.js';
import { trainedPart } from '../../shared/lora/lora.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { fixedPointScale } from '../../shared/secagg/fixed-point.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { MINIMAL_CONFIG, clientCredentials, coordinatorFixture, trainWithRealClients } from '../helpers/coordinator.js';
import { connectSecureClients, expectFedAvg, randomUpdates, type Hostile } from '../helpers/secure-clients.js';

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat();
}

/** Little-endian bytes of 8 consecutive values, as float32 and as the fixed-point words a client would encode. */
function fingerprints(values: Float32Array, weight: number): Buffer[] {
  const slice = values.subarray(100, 108);
  const fixed = Uint32Array.from(slice, (x) => Math.round(x * weight * fixedPointScale(1)) >>> 0);
  return [Buffer.from(Float32Array.from(slice).buffer), Buffer.from(fixed.buffer)];
}

describe('a run with secure aggregation', () => {
  const fixture = coordinatorFixture();

  it('aggregates like FedAvg while no file or log line of the coordinator holds any client update', async () => {
    const credentials = clientCredentials(3);
    const lines: string[] = [];
    const logSink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const coordinator = await fixture.start(
      { clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 5000 } } },
      createLogger('coordinator', { format: 'json', level: 'debug', destination: logSink }),
    );
    const examples = [10, 30, 60];
    let updates: AdapterWeights[] = [];
    const { globals } = connectSecureClients(fixture, credentials, (layout) => (updates = randomUpdates(layout, 3)), examples);
    await coordinator.finished;
    const [record] = coordinator.roundRecords();
    expect(record.secure_aggregation).toMatchObject({ clients: 3, survivors: 3, dropouts_recovered: 0, neighbours: 2, threshold: 2 });
    expect(record.participants).toBe(3);
    expect(record.num_examples).toBe(100);
    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    // Float32 rounding of global + mean, plus the fixed-point error.
    expectFedAvg(adapter, globals[0], updates, examples, record.secure_aggregation!.max_error + 1e-7);

    // The coordinator's whole state: every file of the run directory (SQLite, WAL, checkpoints, open rounds,
    // spool) and every log line. None holds any client's update, as float32 or as its fixed-point encoding.
    const files = await filesUnder(coordinator.runDir);
    expect(files.some((f) => f.includes(`${join('open', 'round-1')}`))).toBe(false);
    const contents = await Promise.all(files.map((f) => readFile(f)));
    const logs = Buffer.from(lines.join(''));
    updates.forEach((update, k) => {
      for (const t of update.values()) {
        for (const needle of fingerprints(t.data, examples[k] / 100)) {
          for (const content of [...contents, logs]) expect(content.includes(needle)).toBe(false);
        }
      }
    });
    expect(lines.some((line) => line.includes('"event":"secure_aggregation_finished"'))).toBe(true);
    expect((await stat(join(coordinator.runDir, 'state.sqlite'))).size).toBeGreaterThan(0);
  });

  it('recovers the sum when a client drops after sending its shares, and records the dropout', async () => {
    const credentials = clientCredentials(3);
    await fixture.start({ clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 1500 } } });
    const examples = [10, 30, 60];
    let updates: AdapterWeights[] = [];
    const { globals } = connectSecureClients(fixture, credentials, (layout) => (updates = randomUpdates(layout, 3)), examples, { 2: 'secaggMaskRequest' });
    await fixture.coordinator.finished;
    const [record] = fixture.coordinator.roundRecords();
    expect(record.secure_aggregation).toMatchObject({ clients: 3, survivors: 2, dropouts_recovered: 1 });
    expect(record.clients.find((c) => c.id === 'client-3')?.status).toBe('dropped');
    const { adapter } = await readPeftAdapter(join(fixture.coordinator.runDir, 'rounds', '1'));
    expectFedAvg(adapter, globals[0], updates.slice(0, 2), examples.slice(0, 2), record.secure_aggregation!.max_error + 1e-7);
  });

  it('retries the round with fresh keys when more clients drop than maxDropouts', async () => {
    const credentials = clientCredentials(3);
    await fixture.start({ clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 1000, maxDropouts: 0 } } });
    const examples = [10, 30, 60];
    let updates: AdapterWeights[] = [];
    // Silent in the first masking phase only: the first attempt cannot be unmasked, the second can.
    const { globals } = connectSecureClients(fixture, credentials, (layout) => (updates = randomUpdates(layout, 3)), examples, { 2: 'secaggMaskRequest' }, 1);
    await fixture.coordinator.finished;
    const [record] = fixture.coordinator.roundRecords();
    expect(record.attempts).toBe(2);
    expect(record.secure_aggregation).toMatchObject({ clients: 3, survivors: 3, dropouts_recovered: 0 });
    const { adapter } = await readPeftAdapter(join(fixture.coordinator.runDir, 'rounds', '1'));
    expectFedAvg(adapter, globals[0], updates, examples, record.secure_aggregation!.max_error + 1e-7);
  });

  it('refuses an all-zero mask key when it is advertised: two colluders no longer crash the coordinator', async () => {
    const credentials = clientCredentials(3);
    const lines: string[] = [];
    const logSink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const coordinator = await fixture.start(
      { clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 1500 } } },
      createLogger('coordinator', { format: 'json', level: 'info', destination: logSink }),
    );
    const examples = [10, 30, 60];
    let updates: AdapterWeights[] = [];
    let realMaskKey: Uint8Array = new Uint8Array(0);
    const { globals, clients } = connectSecureClients(fixture, credentials, (layout) => (updates = randomUpdates(layout, 3)), examples, undefined, undefined, {
      // client-3 advertises a point of small order; its accomplice client-2 masks with client-3's real key, so that
      // only the honest client-1 trips over it, drops, and the coordinator would unmask with the bad key.
      2: { keys: (keys) => ((realMaskKey = keys.maskPublicKey), { ...keys, maskPublicKey: new Uint8Array(32) }) },
      1: {
        request: (m) =>
          m.kind === 'secaggRoster' ? { ...m, neighbours: m.neighbours.map((p) => (p.clientId === 'client-3' ? { ...p, maskPublicKey: realMaskKey } : p)) } : m,
      },
    });
    await coordinator.finished;
    const [record] = coordinator.roundRecords();
    expect(record.attempts).toBe(1);
    expect(record.secure_aggregation).toMatchObject({ clients: 2, survivors: 2 });
    expect(record.clients.find((c) => c.id === 'client-3')).toMatchObject({
      status: 'refused',
      refusal: expect.stringMatching(/client-3: the mask public key is refused: .*small order/),
    });
    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    expectFedAvg(adapter, globals[0], updates.slice(0, 2), examples.slice(0, 2), record.secure_aggregation!.max_error + 1e-7);
    expect(clients[2].received).toContainEqual(
      expect.objectContaining({ kind: 'error', code: 'PROTOCOL_VIOLATION', message: expect.stringMatching(/small order/) }),
    );
    expect(lines.some((line) => line.includes('"event":"secagg_keys_refused"') && line.includes('"client":"client-3"'))).toBe(true);
  });

  it('refuses an all-zero cipher key when it is advertised, so that the round goes on without that client', async () => {
    const credentials = clientCredentials(4);
    const coordinator = await fixture.start({ clients: credentials, privacy: { secureAggregation: { phaseTimeoutMs: 1500 } } });
    const examples = [10, 30, 60, 5];
    let updates: AdapterWeights[] = [];
    const { globals } = connectSecureClients(fixture, credentials, (layout) => (updates = randomUpdates(layout, 4)), examples, undefined, undefined, {
      3: { keys: (keys) => ({ ...keys, cipherPublicKey: new Uint8Array(32) }) },
    });
    await coordinator.finished;
    const [record] = coordinator.roundRecords();
    expect(record.attempts).toBe(1);
    expect(record.secure_aggregation).toMatchObject({ clients: 3, survivors: 3 });
    expect(record.clients.find((c) => c.id === 'client-4')).toMatchObject({
      status: 'refused',
      refusal: expect.stringMatching(/client-4: the cipher public key is refused/),
    });
    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    expectFedAvg(adapter, globals[0], updates.slice(0, 3), examples.slice(0, 3), record.secure_aggregation!.max_error + 1e-7);
  });

  it('excludes a client whose shares its peers cannot decrypt, names it and its accusers, and completes the round without it', async () => {
    const credentials = clientCredentials(4);
    const lines: string[] = [];
    const logSink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const coordinator = await fixture.start(
      { clients: credentials, minClients: 3, privacy: { secureAggregation: { phaseTimeoutMs: 1500 } } },
      createLogger('coordinator', { format: 'json', level: 'info', destination: logSink }),
    );
    const examples = [10, 30, 60, 5];
    let updates: AdapterWeights[] = [];
    // The hostile client-4 is ready first, so that it is sampled; its shares are random bytes of the right size.
    const garbleShares: Hostile = {
      reply: (r) =>
        r.kind === 'secaggShares' ? { ...r, shares: r.shares.map((share) => ({ ...share, ciphertext: randomBytes(share.ciphertext.length) })) } : r,
    };
    const { clients } = connectSecureClients(
      fixture,
      credentials.slice(3),
      (layout) => randomUpdates(layout, 4).slice(3),
      examples.slice(3),
      undefined,
      undefined,
      { 0: garbleShares },
    );
    await clients[0].waitFor((m) => m.kind === 'welcome');
    const { globals } = connectSecureClients(
      fixture,
      credentials.slice(0, 3),
      (layout) => (updates = randomUpdates(layout, 4)).slice(0, 3),
      examples.slice(0, 3),
    );
    await coordinator.finished;
    const [record] = coordinator.roundRecords();
    // The first attempt cannot unmask the hostile client's vector (no peer holds its shares); the second runs without it.
    expect(record.attempts).toBe(2);
    expect(record.secure_aggregation).toMatchObject({ clients: 3, survivors: 3 });
    const { adapter } = await readPeftAdapter(join(coordinator.runDir, 'rounds', '1'));
    expectFedAvg(adapter, globals[0], updates.slice(0, 3), examples.slice(0, 3), record.secure_aggregation!.max_error + 1e-7);
    const why = 'excluded: blamed by 3 peers for undecryptable shares';
    expect(coordinator.status().clients.find((c) => c.id === 'client-4')?.excluded).toBe(why);
    const row = (await (await fetch(`${coordinator.url}/api/v1/clients/client-4`)).json()) as { client: { excluded: string } };
    expect(row.client.excluded).toBe(why);
    const excluded = lines
      .map((line) => JSON.parse(line) as { event?: string; client?: string; accusers?: string[] })
      .find((entry) => entry.event === 'client_excluded');
    // Logged when the second accuser spoke; the third blame came after.
    expect(excluded).toMatchObject({ client: 'client-4', accusers: expect.arrayContaining([expect.stringMatching(/^client-[123]$/)]) });
    expect(new Set(excluded!.accusers).size).toBe(2);
    expect(clients[0].received).toContainEqual(
      expect.objectContaining({ kind: 'error', message: expect.stringContaining('excluded: blamed by 2 peers for undecryptable shares') }),
    );
  });

  it('ends the run, naming the exclusion, when the clients left can no longer meet minClients', async () => {
    const credentials = clientCredentials(4);
    const coordinator = await fixture.start({ clients: credentials, minClients: 4, privacy: { secureAggregation: { phaseTimeoutMs: 1500 } } });
    const garbleShares: Hostile = {
      reply: (r) =>
        r.kind === 'secaggShares' ? { ...r, shares: r.shares.map((share) => ({ ...share, ciphertext: randomBytes(share.ciphertext.length) })) } : r,
    };
    connectSecureClients(fixture, credentials.slice(3), (layout) => randomUpdates(layout, 4).slice(3), [5], undefined, undefined, { 0: garbleShares });
    connectSecureClients(fixture, credentials.slice(0, 3), (layout) => randomUpdates(layout, 4).slice(0, 3), [10, 30, 60]);
    // Before: the retry waited for a fourth trainable client that could never come back.
    await expect(coordinator.finished).rejects.toThrow(/minClients 4 can no longer be met: client-4 excluded by secure aggregation, 3 clients left/);
    expect(coordinator.status()).toMatchObject({ state: 'failed', failure: expect.stringMatching(/minClients 4 can no longer be met/) });
  });

  it('refuses a plain update in a secure round', async () => {
    const credentials = clientCredentials(2);
    await fixture.start({ clients: credentials, privacy: { secureAggregation: {} } });
    const client = fixture.connect({
      token: credentials[0].token,
      onTrain: (instruction, global) => ({
        kind: 'update',
        updateId: 'u1',
        round: instruction.round,
        globalDigest: instruction.globalDigest,
        update: trainedPart(global, instruction.lora),
        numExamples: 1,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      }),
    });
    fixture.connect({ token: credentials[1].token });
    const refusal = await client.waitFor((m) => m.kind === 'error');
    expect(refusal).toMatchObject({ code: 'PROTOCOL_VIOLATION', message: expect.stringMatching(/uses secure aggregation/) });
  });

  it('is refused with a strategy that needs every update, and with a quantized encoding', () => {
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, minClients: 1, strategy: { name: 'krum' }, privacy: { secureAggregation: {} } })).toThrow(
      /privacy\.secureAggregation: secure aggregation only reveals a sum: krum needs every update[\s\S]*minClients/,
    );
    expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, encoding: { update: 'int8' }, privacy: { secureAggregation: { neighbours: 3 } } })).toThrow(
      /neighbours: use 0[\s\S]*encoding\.update/,
    );
  });

  it('is refused with DP when its range would clamp the noise, naming the range, the clip norm and the noise multiplier', () => {
    const clients = clientCredentials(2);
    // C = 0.5, z = 1; the fewest clients a round unmasks is 2, less maxDropouts 1: one share of σ = zC = 0.5.
    const config = (range: number) => ({
      ...MINIMAL_CONFIG,
      clients,
      minClients: 2,
      privacy: { dp: { clipNorm: 0.5, noiseMultiplier: 1 }, secureAggregation: { range } },
    });
    expect(() => validateCoordinatorConfig(config(2))).toThrow(
      /privacy\.secureAggregation\.range: 2 is below privacy\.dp\.clipNorm 0\.5 \+ 4 × the noise share's standard deviation 0\.5000 \(from privacy\.dp\.noiseMultiplier\).*at least 2\.500/,
    );
    expect(() => validateCoordinatorConfig(config(2.5))).not.toThrow();
  });

  it('takes a client that trains a lower rank: it zero-pads its update before masking', async () => {
    const credentials = clientCredentials(2);
    const coordinator = await fixture.start({ clients: credentials, privacy: { secureAggregation: {} } });
    const silos = sampleSilos();
    await Promise.all(
      credentials.map((c, i) =>
        runClient({
          coordinatorUrl: coordinator.url,
          token: c.token,
          dataPath: silos[i],
          model: 'builtin:tiny',
          backend: 'wasm',
          loraRank: i === 0 ? 2 : 0,
          logger: silentLogger(),
        }),
      ),
    );
    await coordinator.finished;
    expect(coordinator.roundRecords()[0].secure_aggregation).toMatchObject({ clients: 2, survivors: 2 });
  }, 60_000);

  it('trains real clients with secure aggregation, distributed DP noise and adaptive clipping', async () => {
    const credentials = clientCredentials(3);
    const coordinator = await fixture.start({
      clients: credentials,
      rounds: 2,
      privacy: {
        dp: { clipNorm: 0.01, noiseMultiplier: 0.5, adaptiveClipping: { countNoiseStd: 1 } },
        secureAggregation: { range: 0.5 },
      },
    });
    const sessions = await trainWithRealClients(coordinator, credentials);
    expect(sessions.map((s) => s.roundsTrained)).toEqual([2, 2, 2]);
    const records = coordinator.roundRecords();
    expect(records.map((r) => r.secure_aggregation?.survivors)).toEqual([3, 3]);
    expect(records[0].privacy).toMatchObject({ clip_norm: 0.01, noise_multiplier: 0.5 });
    // The second round clips to the bound the first round's noisy count chose.
    expect(records[1].privacy!.clip_norm).toBe(records[0].strategy_metrics.dp_next_clip_norm);
    expect(records[0].strategy_metrics.dp_noise_std).toBeGreaterThan(0);
    expect(records[1].privacy!.epsilon).toBeGreaterThan(records[0].privacy!.epsilon);
  }, 120_000);
});
