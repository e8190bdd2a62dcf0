import { describe, expect, it } from 'vitest';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import type { Message } from '../../shared/wire/messages.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import { SecureAggregationClient } from '../../client/secure-aggregation.js';
import { BlameLedger } from '../../coordinator/round/blame-ledger.js';
import { SecureAggregation, noiseShareStd, type SecureAggregationRound } from '../../coordinator/round/secure-aggregation.js';
import type { DistributedNoise } from '../../coordinator/strategies/dp-fedavg.js';
import { expandMask } from '../../shared/secagg/crypto.js';
import type { SecAggRosterMessage } from '../../shared/secagg/messages.js';
import { SecureAggregationError } from '../../shared/infra/errors.js';
import { addMask, decodeFixedPoint, fixedPointScale } from '../../shared/secagg/fixed-point.js';
import { combineShares, decodeShareValue } from '../../shared/secagg/shamir.js';
import { FedAvg } from '../../coordinator/strategies/fedavg.js';

function adapter(values: number[]): AdapterWeights {
  return makeAdapter([
    ['a', { shape: [2], data: Float32Array.from(values.slice(0, 2)) }],
    ['b', { shape: [values.length - 2], data: Float32Array.from(values.slice(2)) }],
  ]);
}

function flat(a: AdapterWeights): number[] {
  return [...a.values()].flatMap((t) => [...t.data]);
}

function simulate(options: {
  updates: number[][];
  examples?: number[];
  dropAt?: Record<number, 'shares' | 'masked' | 'unmask'>;
  lieAt?: number;
  /** What a lying coordinator sends a client instead of its roster. */
  roster?: (id: string, roster: SecAggRosterMessage) => SecAggRosterMessage;
  neighbours?: number;
  maxDropouts?: number;
  noise?: DistributedNoise;
  withinClip?: boolean[];
}) {
  const ids = options.updates.map((_, k) => `client-${k + 1}`);
  const clients = new Map(ids.map((id) => [id, new SecureAggregationClient(silentLogger())]));
  const observed: Message[] = [];
  const secure = new SecureAggregation(
    { maxDropouts: options.maxDropouts ?? 1, neighbours: options.neighbours ?? 0, range: 1, phaseTimeoutMs: 300 },
    silentLogger(),
    () => options.noise,
  );
  let round: SecureAggregationRound;
  const reply = (id: string, message: Message): void => {
    const bytes = encodeMessage(message);
    const decoded = decodeMessage(bytes);
    observed.push(decoded);
    if (decoded.kind === 'secaggShares' || decoded.kind === 'secaggMasked' || decoded.kind === 'secaggUnmask') round.onMessage(id, decoded, bytes.byteLength);
  };
  const send = (id: string, message: Message): number => {
    const k = ids.indexOf(id);
    const decoded = decodeMessage(encodeMessage(message));
    const client = clients.get(id)!;
    setImmediate(() => {
      if (decoded.kind === 'secaggRoster' && options.dropAt?.[k] !== 'shares') reply(id, client.onRoster(options.roster?.(id, decoded) ?? decoded));
      if (decoded.kind === 'secaggMaskRequest' && options.dropAt?.[k] !== 'masked') reply(id, client.onMaskRequest(decoded));
      if (decoded.kind === 'secaggUnmaskRequest' && options.dropAt?.[k] !== 'unmask') {
        const answer = client.onUnmaskRequest(decoded);
        const lie =
          options.lieAt === k
            ? { ...answer, selfMaskShares: answer.selfMaskShares.map((s) => ({ ...s, share: Uint8Array.from(s.share, (b, i) => (i === 65 ? b ^ 1 : b)) })) }
            : answer;
        reply(id, lie);
      }
    });
    return 0;
  };
  const layout = adapter(options.updates[0].map(() => 0));
  round = secure.beginRound(1, layout, 2, send, () => undefined);
  ids.forEach((id, k) => {
    const keys = clients.get(id)!.advertise(`1:d`, id, 1, 'd', {
      update: adapter(options.updates[k]),
      withinClipNorm: options.withinClip?.[k] ?? true,
      numExamples: options.examples?.[k] ?? 1,
      trainLoss: 1,
      tokensPerSecond: 1,
      steps: 1,
      durationMs: 1,
    });
    observed.push(keys);
    round.acceptKeys(id, keys, 100);
  });
  return { run: round.run(new AbortController().signal), observed, round, secure };
}

/** Every typed array of `length` values reachable from `root` (objects, arrays, maps, sets). */
function vectorsIn(root: unknown, length: number): ArrayBufferView[] {
  const found: ArrayBufferView[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if ((value as Uint32Array).length === length) found.push(value);
      return;
    }
    const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
    children.forEach(visit);
  };
  visit(root);
  return found;
}

function fedAvg(updates: number[][], examples: number[]): number[] {
  const aggregation = new FedAvg().beginAggregation(adapter(updates[0].map(() => 0)));
  updates.forEach((u, k) => aggregation.add(`c${k}`, adapter(u), examples[k]));
  return flat(aggregation.finish().adapter);
}

describe('secure aggregation', () => {
  const updates = [
    [1e-4, -2e-4, 3e-5, 0.02, -0.5],
    [-3e-4, 1e-4, 7e-5, -0.01, 0.25],
    [2e-4, 2e-4, -1e-5, 0.03, 0.125],
  ];
  const examples = [10, 30, 60];

  it('yields the FedAvg aggregate within the fixed-point error, and no masked vector is near its update', async () => {
    const { run, observed, round } = simulate({ updates, examples });
    const outcome = await run;
    // The coordinator's side keeps no vector of the update's length once the sum is unmasked: only keys and shares.
    expect(vectorsIn(round, updates[0].length)).toEqual([]);
    const expected = fedAvg(updates, examples);
    const bound = outcome.summary.max_error;
    expect(bound).toBeLessThan(1e-8);
    flat(outcome.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(bound + 1e-9));
    expect(outcome.weight).toBe(100);
    expect(outcome.summary).toMatchObject({ clients: 3, survivors: 3, dropouts_recovered: 0, neighbours: 2, threshold: 2 });
    // Every masked vector, decoded as if it were an update, is nowhere near any client's update.
    const masked = observed.filter((m) => m.kind === 'secaggMasked');
    expect(masked).toHaveLength(3);
    for (const m of masked) {
      const decoded = decodeFixedPoint(m.masked, fixedPointScale(1));
      for (const u of updates) expect(Math.max(...u.map((x, i) => Math.abs(decoded[i] - x)))).toBeGreaterThan(1e-2);
    }
  });

  it('recovers the sum when a client drops after sending its shares (SecAgg+ graph, 6 clients, 4 neighbours)', async () => {
    const six = [...updates, ...updates.map((u) => u.map((x) => -x / 2))];
    const sixExamples = [...examples, 5, 5, 5];
    const { run } = simulate({ updates: six, examples: sixExamples, neighbours: 4, maxDropouts: 1, dropAt: { 4: 'masked' } });
    const outcome = await run;
    const survivors = [0, 1, 2, 3, 5];
    const expected = fedAvg(
      survivors.map((k) => six[k]),
      survivors.map((k) => sixExamples[k]),
    );
    flat(outcome.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(outcome.summary.max_error + 1e-9));
    expect(outcome.summary).toMatchObject({ clients: 6, survivors: 5, dropouts_recovered: 1, neighbours: 4, threshold: 4 });
  });

  it('leaves out a client that drops before sending its shares', async () => {
    const outcome = await simulate({ updates, examples, dropAt: { 0: 'shares' } }).run;
    const expected = fedAvg(updates.slice(1), examples.slice(1));
    flat(outcome.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(outcome.summary.max_error + 1e-9));
    expect(outcome.summary.dropouts_recovered).toBe(0);
  });

  it('fails, instead of guessing, when more clients drop than maxDropouts', async () => {
    const four = [...updates, updates[0]];
    await expect(simulate({ updates: four, dropAt: { 0: 'masked', 1: 'masked' }, maxDropouts: 1 }).run).rejects.toThrow(
      /only 2 of 4 client\(s\) sent their masked vectors; 3 needed/,
    );
  });

  it('does not accept a wrong sum when a client reveals a wrong share', async () => {
    // Three holders, threshold 2: the two honest shares still recover the seed, checked against its commitment.
    const recovered = await simulate({ updates, examples, lieAt: 1 }).run;
    const expected = fedAvg(updates, examples);
    flat(recovered.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(recovered.summary.max_error + 1e-9));
    // With a dropout only two holders answer: the lie cannot be outvoted, and the round fails instead.
    await expect(simulate({ updates, examples, lieAt: 1, dropAt: { 2: 'unmask' } }).run).rejects.toThrow(/cannot be recovered/);
  });

  it('with distributed DP, the survivors add noise of at least z·C in the sum, split across clients', async () => {
    const size = 4000;
    const zeros = Array.from({ length: 3 }, () => new Array<number>(size + 2).fill(0));
    const noise = { clipNorm: 0.1, noiseMultiplier: 1 };
    const outcome = await simulate({ updates: zeros, noise, maxDropouts: 1, dropAt: { 2: 'masked' } }).run;
    const values = flat(outcome.mean);
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    // Each share has variance (zC)²/(3 − 1); two survivors: the sum's std is exactly zC, the mean's zC/2.
    expect(noiseShareStd(0.1, 3, 1)).toBeCloseTo(0.1 / Math.sqrt(2), 12);
    expect(outcome.noiseStd).toBeCloseTo(0.05, 12);
    expect(Math.abs(std / 0.05 - 1)).toBeLessThan(0.05);
  });

  it('sums the adaptive-clipping indicator with the update, giving the noisy fraction of unclipped updates', async () => {
    const noise = { clipNorm: 0.1, noiseMultiplier: 0.01, countNoiseStd: 1e-3 };
    const outcome = await simulate({ updates, noise, withinClip: [true, false, true] }).run;
    expect(outcome.unclippedFraction).toBeCloseTo(2 / 3, 2);
    const dropped = await simulate({ updates, noise, withinClip: [true, false, true], dropAt: { 0: 'masked' } }).run;
    expect(dropped.unclippedFraction).toBeCloseTo(1 / 2, 2);
  });
});

describe('hostile participants', () => {
  const updates = [
    [1e-4, -2e-4, 3e-5, 0.02, -0.5],
    [-3e-4, 1e-4, 7e-5, -0.01, 0.25],
    [2e-4, 2e-4, -1e-5, 0.03, 0.125],
    [1e-4, 1e-4, 1e-4, -0.02, 0.5],
  ];
  const examples = [10, 30, 60, 20];

  it('the coordinator refuses an advertised key of small order and names the client', () => {
    const round = new SecureAggregation({ maxDropouts: 1, neighbours: 0, range: 1, phaseTimeoutMs: 300 }, silentLogger(), () => undefined).beginRound(
      1,
      adapter([0, 0, 0]),
      2,
      () => 0,
      () => undefined,
    );
    const keys = new SecureAggregationClient(silentLogger()).advertise('k', 'mallory', 1, 'd', {
      update: adapter([0, 0, 0]),
      withinClipNorm: true,
      numExamples: 1,
      trainLoss: 1,
      tokensPerSecond: 1,
      steps: 1,
      durationMs: 1,
    });
    for (const field of ['maskPublicKey', 'cipherPublicKey'] as const) {
      const refusal = (() => {
        try {
          round.acceptKeys('mallory', { ...keys, [field]: new Uint8Array(32) }, 100);
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(SecureAggregationError);
      expect(refusal).toMatchObject({
        code: 'PROTOCOL_VIOLATION',
        offenders: ['mallory'],
        message: expect.stringMatching(/mallory: the (mask|cipher) public key is refused: .*small order/),
      });
    }
  });

  it('a client treats a neighbour with an unusable key as dropped and blames it; the pair is cut and the sum stays exact', async () => {
    // The coordinator lies to client-1 about client-2's cipher key.
    const { run, observed, secure } = simulate({
      updates,
      examples,
      roster: (id, roster) =>
        id === 'client-1'
          ? { ...roster, neighbours: roster.neighbours.map((p) => (p.clientId === 'client-2' ? { ...p, cipherPublicKey: new Uint8Array(32) } : p)) }
          : roster,
    });
    const outcome = await run;
    const blamed = observed.filter((m) => m.kind === 'secaggShares' && m.blamed.length > 0);
    expect(blamed).toHaveLength(1);
    expect(blamed[0]).toMatchObject({
      blamed: ['client-2'],
      shares: [expect.objectContaining({ clientId: expect.not.stringMatching(/client-2/) }), expect.anything()],
    });
    const expected = fedAvg(updates, examples);
    flat(outcome.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(outcome.summary.max_error + 1e-9));
    expect(outcome.summary).toMatchObject({ clients: 4, survivors: 4 });
    // One accuser excludes no one.
    expect(secure.blames.exclusion('client-2')).toBeUndefined();
  });

  it('a client that blames every neighbour only leaves itself out: the others are summed exactly', async () => {
    const zeroCipherKeys = (roster: SecAggRosterMessage) => ({
      ...roster,
      neighbours: roster.neighbours.map((p) => ({ ...p, cipherPublicKey: new Uint8Array(32) })),
    });
    const { run } = simulate({ updates, examples, roster: (id, roster) => (id === 'client-1' ? zeroCipherKeys(roster) : roster) });
    const outcome = await run;
    const expected = fedAvg(updates.slice(1), examples.slice(1));
    flat(outcome.mean).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(outcome.summary.max_error + 1e-9));
    expect(outcome.summary).toMatchObject({ clients: 4, survivors: 3, dropouts_recovered: 0 });
    expect(outcome.survivors).not.toContain('client-1');
  });

  it('a client is excluded once two distinct peers blamed it, never by one accuser alone', () => {
    const ledger = new BlameLedger(silentLogger());
    expect(ledger.blame(1, 'a', 'x', 'invalid keys')).toBe(false);
    expect(ledger.blame(2, 'a', 'x', 'invalid keys')).toBe(false);
    expect(ledger.exclusion('x')).toBeUndefined();
    expect(ledger.blame(3, 'b', 'x', 'undecryptable shares')).toBe(true);
    expect(ledger.exclusion('x')).toBe('excluded: blamed by 2 peers for invalid keys and undecryptable shares');
    expect(ledger.blame(3, 'c', 'x', 'undecryptable shares')).toBe(false);
    expect(ledger.exclusion('x')).toBe('excluded: blamed by 3 peers for invalid keys and undecryptable shares');
  });

  /**
   * A coordinator that relays none of x's neighbours' shares to x, then unmasks x's vector with its self-mask
   * shares from the neighbours: the update of x, or undefined when x refuses to mask.
   */
  function withholdAllSharesOf(values: number[]): number[] | undefined {
    const ids = ['x', 'y', 'z'];
    const clients = ids.map(() => new SecureAggregationClient(silentLogger()));
    const keys = clients.map((c, k) =>
      c.advertise('k', ids[k], 1, 'd', {
        update: adapter(values),
        withinClipNorm: true,
        numExamples: 1,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      }),
    );
    const scale = fixedPointScale(1);
    const shares = clients.map((c, k) =>
      c.onRoster({
        kind: 'secaggRoster',
        round: 1,
        ownIndex: k + 1,
        threshold: 2,
        range: 1,
        scale,
        weight: 1,
        weightTotal: 1,
        noiseStd: 0,
        reportClipping: false,
        indicatorNoiseStd: 0,
        deadlineUnixMs: 0,
        neighbours: ids.flatMap((id, j) =>
          j === k ? [] : [{ clientId: id, index: j + 1, maskPublicKey: keys[j].maskPublicKey, cipherPublicKey: keys[j].cipherPublicKey }],
        ),
      }),
    );
    const relayedTo = (k: number) =>
      shares.flatMap((reply, j) => reply.shares.filter((s) => s.clientId === ids[k]).map((s) => ({ clientId: ids[j], ciphertext: s.ciphertext })));
    let masked: Uint32Array;
    try {
      masked = clients[0].onMaskRequest({ kind: 'secaggMaskRequest', round: 1, shares: [], deadlineUnixMs: 0 }).masked;
    } catch (error) {
      if (error instanceof SecureAggregationError) return undefined;
      throw error;
    }
    for (const k of [1, 2]) clients[k].onMaskRequest({ kind: 'secaggMaskRequest', round: 1, shares: relayedTo(k), deadlineUnixMs: 0 });
    const selfMaskShares = [1, 2].map((k) => {
      const reply = clients[k].onUnmaskRequest({ kind: 'secaggUnmaskRequest', round: 1, survivors: ids, dropped: [], deadlineUnixMs: 0 });
      return { x: k + 1, y: decodeShareValue(reply.selfMaskShares.find((s) => s.clientId === 'x')!.share)! };
    });
    const unmasked = new Uint32Array(masked);
    addMask(unmasked, expandMask(combineShares(selfMaskShares, 2, 32), masked.length), -1);
    return [...decodeFixedPoint(unmasked, scale)];
  }

  it('a client holding fewer than t shares does not mask: a coordinator withholding its shares learns nothing', () => {
    const values = [0.125, -0.5, 0.3, 0.0421];
    expect(withholdAllSharesOf(values)).toBeUndefined();
  });

  it('a client asked to unmask with fewer than t survivors reveals nothing', () => {
    const trained = { update: adapter([1e-4, 2e-4, 3e-4]), withinClipNorm: true, numExamples: 1, trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 1 };
    const ids = ['a', 'b', 'c'];
    const clients = ids.map(() => new SecureAggregationClient(silentLogger()));
    const keys = clients.map((c, k) => c.advertise('k', ids[k], 1, 'd', trained));
    const shares = clients.map((c, k) =>
      c.onRoster({
        kind: 'secaggRoster',
        round: 1,
        ownIndex: k + 1,
        threshold: 2,
        range: 1,
        scale: fixedPointScale(1),
        weight: 1,
        weightTotal: 3,
        noiseStd: 0,
        reportClipping: false,
        indicatorNoiseStd: 0,
        deadlineUnixMs: 0,
        neighbours: ids.flatMap((id, j) =>
          j === k ? [] : [{ clientId: id, index: j + 1, maskPublicKey: keys[j].maskPublicKey, cipherPublicKey: keys[j].cipherPublicKey }],
        ),
      }),
    );
    const toA = shares.slice(1).map((reply, j) => ({ clientId: ids[j + 1], ciphertext: reply.shares.find((s) => s.clientId === 'a')!.ciphertext }));
    clients[0].onMaskRequest({ kind: 'secaggMaskRequest', round: 1, shares: toA, deadlineUnixMs: 0 });
    // Claiming that b and c dropped would hand the coordinator their masking keys while their vectors are in the sum.
    expect(() => clients[0].onUnmaskRequest({ kind: 'secaggUnmaskRequest', round: 1, survivors: ['a'], dropped: ['b', 'c'], deadlineUnixMs: 0 })).toThrow(
      SecureAggregationError,
    );
    expect(() => clients[0].onUnmaskRequest({ kind: 'secaggUnmaskRequest', round: 1, survivors: ['a'], dropped: ['b', 'c'], deadlineUnixMs: 0 })).toThrow(
      /1 survivor\(s\) listed, fewer than the threshold 2/,
    );
  });
});

describe('a secure-aggregation client', () => {
  function twoClients() {
    const trained = { update: adapter([1e-4, 2e-4, 3e-4]), withinClipNorm: true, numExamples: 1, trainLoss: 1, tokensPerSecond: 1, steps: 1, durationMs: 1 };
    const a = new SecureAggregationClient(silentLogger());
    const b = new SecureAggregationClient(silentLogger());
    const keysA = a.advertise('k', 'a', 1, 'd', trained);
    const keysB = b.advertise('k', 'b', 1, 'd', trained);
    const peer = (id: string, index: number, keys: typeof keysA) => ({
      clientId: id,
      index,
      maskPublicKey: keys.maskPublicKey,
      cipherPublicKey: keys.cipherPublicKey,
    });
    const roster = (own: number, neighbour: ReturnType<typeof peer>) => ({
      kind: 'secaggRoster' as const,
      round: 1,
      ownIndex: own,
      neighbours: [neighbour],
      threshold: 2,
      range: 1,
      scale: fixedPointScale(1),
      weight: 1,
      weightTotal: 2,
      noiseStd: 0,
      reportClipping: false,
      indicatorNoiseStd: 0,
      deadlineUnixMs: 0,
    });
    return { a, b, rosterA: roster(1, peer('b', 2, keysB)), rosterB: roster(2, peer('a', 1, keysA)) };
  }

  it('never shares the same secrets along a second, different roster', () => {
    const { a, rosterA } = twoClients();
    expect(a.advertised('k')).toBeDefined();
    const reply = a.onRoster(rosterA);
    expect(a.onRoster({ ...rosterA })).toBe(reply);
    // Asked to train again after a roster (the coordinator lost the round): the keys are not offered again.
    expect(a.advertised('k')).toBeUndefined();
    expect(() => a.onRoster({ ...rosterA, neighbours: [{ ...rosterA.neighbours[0], index: 3 }] })).toThrow(/shared with other neighbours/);
  });

  it('never reveals both the self-mask and the secret-key share of one client', () => {
    const { a, b, rosterA, rosterB } = twoClients();
    const sharesA = a.onRoster(rosterA);
    const sharesB = b.onRoster(rosterB);
    a.onMaskRequest({ kind: 'secaggMaskRequest', round: 1, shares: [{ clientId: 'b', ciphertext: sharesB.shares[0].ciphertext }], deadlineUnixMs: 0 });
    // b blames a for shares that do not decrypt, and then holds too few shares to mask.
    expect(() =>
      b.onMaskRequest({
        kind: 'secaggMaskRequest',
        round: 1,
        shares: [{ clientId: 'a', ciphertext: sharesA.shares[0].ciphertext.map((x, i) => (i === 20 ? x ^ 1 : x)) }],
        deadlineUnixMs: 0,
      }),
    ).toThrow(/holds 1 share\(s\), fewer than the threshold 2/);
    const request = { kind: 'secaggUnmaskRequest' as const, round: 1, survivors: ['a', 'b'], dropped: [], deadlineUnixMs: 0 };
    const reply = a.onUnmaskRequest(request);
    expect(reply.selfMaskShares.map((s) => s.clientId)).toEqual(['a', 'b']);
    expect(a.onUnmaskRequest({ ...request })).toBe(reply);
    expect(() => a.onUnmaskRequest({ ...request, survivors: ['a'], dropped: ['b'] })).toThrow(/unmasked already/);
  });
});
