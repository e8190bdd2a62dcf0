import { io } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefusalLimiter, RefusalSummary } from '../../coordinator/edge/refusal-limiter.js';
import type { ErrorMessage, Message } from '../../shared/wire/messages.js';
import { clientCredentials, coordinatorFixture } from '../helpers/coordinator.js';
import { collectingLogger } from '../helpers/log-lines.js';

const isError = (m: Message): m is ErrorMessage => m.kind === 'error';

/** Connects with `token` and resolves with the handshake's refusal. */
function refusalOf(url: string, token: string): Promise<string> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise<string>((resolve, reject) => {
    socket.on('connect_error', (error) => resolve(error.message));
    socket.on('connect', () => reject(new Error('connected')));
  }).finally(() => socket.close());
}

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

describe('RefusalLimiter keyed by address', () => {
  it('forgets the keys whose refusals left the window and whose cool-down ended', () => {
    let now = 0;
    const limiter = new RefusalLimiter({ maxRefusals: 1, windowMs: 1000, cooldownMs: 3000 }, () => now);
    for (let i = 0; i < 1000; i++) limiter.recordRefusal(`192.0.2.${i}`);
    limiter.recordRefusal('192.0.2.0');
    expect(limiter.size).toBe(1000);
    now = 2000;
    limiter.recordRefusal('198.51.100.1');
    // Only the address cooling down and the new one are left.
    expect(limiter.size).toBe(2);
    now = 4000;
    limiter.recordRefusal('198.51.100.2');
    expect(limiter.size).toBe(1);
  });
});

describe('RefusalSummary', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the first refusal of a run, then one count per window while it goes on, and the rest when closed', () => {
    vi.useFakeTimers();
    const logged: string[] = [];
    const summary = new RefusalSummary(1000);
    const refuse = (key: string): void =>
      summary.record(
        key,
        () => logged.push(`first ${key}`),
        (count) => logged.push(`${count} more ${key}`),
      );
    for (let i = 0; i < 50; i++) refuse('a');
    refuse('b');
    expect(logged).toEqual(['first a', 'first b']);
    vi.advanceTimersByTime(1000);
    expect(logged).toEqual(['first a', 'first b', '49 more a']);
    refuse('a');
    vi.advanceTimersByTime(1000);
    expect(logged.slice(3)).toEqual(['1 more a']);
    // A window without refusals ends the run: the next refusal is a first one again.
    vi.advanceTimersByTime(2000);
    refuse('a');
    refuse('a');
    expect(logged.slice(4)).toEqual(['first a']);
    summary.close();
    expect(logged.slice(5)).toEqual(['1 more a']);
    vi.advanceTimersByTime(5000);
    expect(logged).toHaveLength(6);
  });
});

describe('connections with unknown tokens', () => {
  const fixture = coordinatorFixture();

  it('are logged in summaries, and past the limit refused at once, while a valid token from the same address still connects', async () => {
    const [honest, other] = clientCredentials(2);
    const { lines, logger } = collectingLogger();
    const coordinator = await fixture.start({ clients: [honest, other], minClients: 2, authRefusalLimit: { maxRefusals: 5 } }, logger);
    const bystander = fixture.connect({ token: honest.token });
    await bystander.waitFor((m) => m.kind === 'welcome');

    const attempts = 300;
    const refusals: string[] = [];
    for (let batch = 0; batch < attempts / 50; batch++) {
      refusals.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => refusalOf(coordinator.url, `guessed-token-${batch}-${i}-0123456789`)))));
    }
    expect(refusals.slice(0, 5)).toEqual(Array<string>(5).fill('unauthorized: unknown client token'));
    for (const refusal of refusals.slice(5))
      expect(refusal).toMatch(/^unauthorized: unknown client token; too many from this address, refused at once for another (29\d|300) s$/);

    // Same address, valid token: it connects, during the cool-down.
    const latecomer = fixture.connect({ token: other.token });
    await latecomer.waitFor((m) => m.kind === 'welcome');
    expect(bystander.socket.connected).toBe(true);

    const authLines = (): Record<string, unknown>[] => lines.filter((line) => String(line.event).startsWith('auth_'));
    expect(authLines()).toEqual([
      expect.objectContaining({
        event: 'auth_refused',
        address: expect.stringMatching(/127\.0\.0\.1$/),
        msg: expect.stringMatching(/^refused a connection with an unknown token from /),
      }),
      expect.objectContaining({ event: 'auth_address_limited', max_refusals: 5, window_ms: 60_000, cooldown_ms: 300_000 }),
    ]);
    await coordinator.close();
    await vi.waitFor(() => expect(authLines()).toHaveLength(3));
    expect(authLines()[2]).toMatchObject({ event: 'auth_refused', repeated: attempts - 1, window_ms: 60_000 });
  });
});

describe('a client that keeps sending garbage', () => {
  const fixture = coordinatorFixture();

  it('is told why, disconnected, and its token refused until the cool-down ends; others are not disturbed', async () => {
    const [honest, hostile] = clientCredentials(2);
    const { lines: logLines, logger } = collectingLogger();
    const cooldownMs = 1500;
    const coordinator = await fixture.start(
      { clients: [honest, hostile], minClients: 2, refusalLimit: { maxRefusals: 5, windowMs: 60_000, cooldownMs } },
      logger,
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
    expect(await refusalOf(coordinator.url, hostile.token)).toMatch(/^rate limited: too many refused messages; this token is refused for another [12] s$/);
    expect(bystander.socket.connected).toBe(true);
    expect(coordinator.status().clients.map((c) => [c.id, c.connected])).toEqual([
      [honest.id, true],
      [hostile.id, false],
    ]);

    await new Promise((resolve) => setTimeout(resolve, cooledDownAt - Date.now() + 50));
    const returning = fixture.connect({ token: hostile.token });
    await returning.waitFor((m) => m.kind === 'welcome');
  });
});
