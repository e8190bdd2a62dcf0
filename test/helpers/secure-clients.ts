/** Scripted clients that take part in secure aggregation, honestly or not, and checks of what they sum to. */
import { expect } from 'vitest';
import { SecureAggregationClient } from '../../client/secure-aggregation.js';
import { makeAdapter, type AdapterWeights } from '../../shared/lora/adapter.js';
import { silentLogger } from '../../shared/infra/log.js';
import { trainedPart } from '../../shared/lora/lora.js';
import type { Message } from '../../shared/wire/messages.js';
import { SeededRandom } from '../../shared/infra/random.js';
import type { SecAggKeysMessage } from '../../shared/secagg/messages.js';
import type { coordinatorFixture } from './coordinator.js';

export type SecAggRequest = Extract<Message, { kind: 'secaggRoster' | 'secaggMaskRequest' | 'secaggUnmaskRequest' }>;
export type SecAggReply = ReturnType<SecureAggregationClient['respond']>;

/** How a hostile client departs from the protocol. */
export interface Hostile {
  /** What it advertises instead of its keys. */
  readonly keys?: (keys: SecAggKeysMessage, round: number) => SecAggKeysMessage;
  /** What its protocol code is given instead of the coordinator's request. */
  readonly request?: (request: SecAggRequest) => SecAggRequest;
  /** What it sends instead of its answer. */
  readonly reply?: (reply: SecAggReply) => SecAggReply;
}

/**
 * Scripted clients that send `updates` through secure aggregation; `silentAt` stays silent in that phase, and
 * `hostile` changes what a client advertises, is asked or answers.
 */
export function connectSecureClients(
  fixture: ReturnType<typeof coordinatorFixture>,
  credentials: readonly { token: string; id: string }[],
  updates: (layout: AdapterWeights) => AdapterWeights[],
  examples: readonly number[],
  silentAt?: Record<number, Message['kind']>,
  silentRounds = Infinity,
  hostile: Record<number, Hostile> = {},
) {
  const globals: AdapterWeights[] = [];
  const clients = credentials.map((credential, k) => {
    const secure = new SecureAggregationClient(silentLogger());
    const { keys = (m: SecAggKeysMessage) => m, request = (m: SecAggRequest) => m, reply = (m: SecAggReply) => m } = hostile[k] ?? {};
    let silenced = 0;
    return fixture.connect({
      token: credential.token,
      numTrainExamples: examples[k],
      onTrain: (instruction, global) => {
        expect(instruction.secureAggregation).toBe(true);
        globals[k] = global;
        const update = updates(trainedPart(global, instruction.lora))[k];
        return keys(
          secure.advertise(`${instruction.round}`, credential.id, instruction.round, instruction.globalDigest, {
            update,
            withinClipNorm: true,
            numExamples: examples[k],
            trainLoss: 1,
            tokensPerSecond: 1,
            steps: 1,
            durationMs: 1,
          }),
          instruction.round,
        );
      },
      onOther: (message) => {
        if (silentAt?.[k] === message.kind && silenced++ < silentRounds) return undefined;
        if (message.kind === 'secaggRoster' || message.kind === 'secaggMaskRequest' || message.kind === 'secaggUnmaskRequest')
          return reply(secure.respond(request(message)));
        return undefined;
      },
    });
  });
  return { globals, clients };
}

/** `count` small updates of `layout`'s shapes, the same for every call with the same layout. */
export function randomUpdates(layout: AdapterWeights, count: number): AdapterWeights[] {
  const random = new SeededRandom(7);
  return Array.from({ length: count }, () =>
    makeAdapter([...layout].map(([name, t]) => [name, { shape: [...t.shape], data: Float32Array.from(t.data, () => (random.next() - 0.5) * 4e-4) }])),
  );
}

/** `actual` is `global` plus the example-weighted mean of `updates`, within `tolerance` per value. */
export function expectFedAvg(actual: AdapterWeights, global: AdapterWeights, updates: AdapterWeights[], examples: readonly number[], tolerance: number): void {
  const total = examples.reduce((a, b) => a + b, 0);
  for (const [name, t] of updates[0]) {
    const result = actual.get(name)!.data;
    for (let i = 0; i < t.data.length; i++) {
      const expected = global.get(name)!.data[i] + updates.reduce((s, u, k) => s + (examples[k] * u.get(name)!.data[i]) / total, 0);
      expect(Math.abs(result[i] - expected)).toBeLessThanOrEqual(tolerance);
    }
  }
}
