import { Writable } from 'node:stream';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { RefusalLimiter } from '../coordinator/refusal-limiter.js';
import { createLogger } from '../shared/log.js';
import type { ErrorMessage, Message } from '../shared/protocol.js';
import { clientCredentials, coordinatorFixture } from './helpers/coordinator.js';

const isError = (m: Message): m is ErrorMessage => m.kind === 'error';

describe('RefusalLimiter', () => {
  it('counts refusals in a sliding window and refuses the client for the cool-down once over the limit', () => {
    let now = 0;
    const limiter = new RefusalLimiter({ maxRefusals: 3, windowMs: 1000, cooldownMs: 5000 }, () => now);
    expect(limiter.recordRefusal('a')).toBe(false);
    now = 500;
    expect([limiter.recordRefusal('a'), limiter.recordRefusal('a')]).toEqual([false, false]);
    // The first refusal leaves the window: still three within it.
    now = 1000;
    expect(limiter.recordRefusal('a')).toBe(false);
    expect(limiter.recordRefusal('b')).toBe(false);
    expect(limiter.cooldownLeft('a')).toBe(0);
    now = 1001;
    expect(limiter.recordRefusal('a')).toBe(true);
    expect(limiter.cooldownLeft('a')).toBe(5000);
    expect(limiter.cooldownLeft('b')).toBe(0);
    now = 6000;
    expect(limiter.cooldownLeft('a')).toBe(1);
    now = 6001;
    expect(limiter.cooldownLeft('a')).toBe(0);
    // The count starts afresh after a cool-down.
    expect(limiter.recordRefusal('a')).toBe(false);
  });
});

describe('a client that keeps sending garbage', () => {
  const fixture = coordinatorFixture();

  it('is told why, disconnected, and its token refused until the cool-down ends; others are not disturbed', async () => {
    const [honest, hostile] = clientCredentials(2);
    const logLines: Record<string, unknown>[] = [];
    const logSink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const cooldownMs = 1500;
    const coordinator = await fixture.start(
      { clients: [honest, hostile], minClients: 2, refusalLimit: { maxRefusals: 5, windowMs: 60_000, cooldownMs } },
      createLogger('coordinator', { format: 'json', level: 'warn', destination: logSink }),
    );
    const bystander = fixture.connect({ token: honest.token });
    const attacker = fixture.connect({ token: hostile.token });
    await Promise.all([bystander, attacker].map((c) => c.waitFor((m) => m.kind === 'welcome')));

    const disconnected = new Promise<string>((resolve) => attacker.socket.on('disconnect', resolve));
    for (let i = 0; i < 6; i++) attacker.send(new Uint8Array([0x0a, 0xff, 0xff, i]));
    expect(await disconnected).toBe('io server disconnect');
    const errors = attacker.received.filter(isError);
    expect(errors.map((e) => e.code)).toEqual([...Array<string>(6).fill('MALFORMED_MESSAGE'), 'PROTOCOL_VIOLATION']);
    expect(errors[6].message).toBe(`more than 5 messages refused within 60000 ms: disconnecting; this token is refused for ${cooldownMs} ms`);
    expect(logLines.find((line) => line.event === 'client_rate_limited')).toMatchObject({ client: hostile.id, max_refusals: 5, cooldown_ms: cooldownMs });

    const cooledDownAt = Date.now() + cooldownMs;
    const retry = io(coordinator.url, { auth: { token: hostile.token }, transports: ['websocket'], reconnection: false });
    const refusal = await new Promise<Error>((resolve) => retry.on('connect_error', resolve));
    retry.close();
    expect(refusal.message).toMatch(/^rate limited: too many refused messages; this token is refused for another [12] s$/);
    expect(bystander.socket.connected).toBe(true);
    expect(coordinator.status().clients.map((c) => [c.id, c.connected])).toEqual([[honest.id, true], [hostile.id, false]]);

    await new Promise((resolve) => setTimeout(resolve, cooledDownAt - Date.now() + 50));
    const returning = fixture.connect({ token: hostile.token });
    await returning.waitFor((m) => m.kind === 'welcome');
  });
});
