import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAdapter } from '../../shared/lora/adapter.js';
import { ChunkReceiver, ChunkSender, MemorySink } from '../../shared/wire/chunking.js';
import { CoordinatorUnreachableError, UnauthorizedError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { decodeMessage, encodeMessage } from '../../shared/wire/protocol.js';
import { PROBE_EVENT, PROTOCOL_EVENT, PROTOCOL_VERSION, type Message, type UpdateMessage } from '../../shared/wire/messages.js';
import { CoordinatorConnection, type ConnectionOptions } from '../../client/connection.js';

/** A coordinator that speaks only the envelope: it records what each connection sends and lets the test answer. */
class FakeCoordinator {
  readonly received: Message[] = [];
  readonly sockets: ServerSocket[] = [];
  private waiters: { predicate: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  private constructor(
    readonly io: Server,
    readonly url: string,
  ) {
    io.use((socket, next) => (socket.handshake.auth.token === 'good' ? next() : next(new Error('unauthorized: unknown token'))));
    io.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on(PROTOCOL_EVENT, (payload: Uint8Array) => this.record(decodeMessage(payload)));
    });
  }

  static async start(): Promise<FakeCoordinator> {
    const http = createServer();
    const io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return new FakeCoordinator(io, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  }

  get latest(): ServerSocket {
    return this.sockets.at(-1)!;
  }

  send(message: Message): void {
    this.latest.emit(PROTOCOL_EVENT, encodeMessage(message));
  }

  next<K extends Message['kind']>(kind: K, after = this.received.length): Promise<Extract<Message, { kind: K }>> {
    const seen = this.received.slice(after).find((m) => m.kind === kind);
    if (seen) return Promise.resolve(seen as Extract<Message, { kind: K }>);
    return new Promise((resolve) => this.waiters.push({ predicate: (m) => m.kind === kind, resolve: resolve as (m: Message) => void }));
  }

  private record(message: Message): void {
    this.received.push(message);
    const ready = this.waiters.filter((w) => w.predicate(message));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(message);
  }

  close(): Promise<void> {
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}

const welcome = (chunkBytes = 1 << 20): Message => ({
  kind: 'welcome',
  runId: 'run',
  roundsTotal: 3,
  model: 'builtin:tiny',
  clientId: 'client-a',
  chunkBytes,
  maxPayloadBytes: 1 << 24,
});

function anUpdate(round: number, values: number): UpdateMessage {
  const update = makeAdapter([['w', { shape: [values], data: new Float32Array(values).fill(0.5) }]]);
  return {
    kind: 'update',
    updateId: `update-${round}`,
    round,
    globalDigest: 'abc',
    update,
    numExamples: 10,
    trainLoss: 1,
    tokensPerSecond: 1,
    steps: 1,
    durationMs: 1,
  };
}

let coordinator: FakeCoordinator | undefined;
let connection: CoordinatorConnection | undefined;
afterEach(async () => {
  connection?.close();
  await coordinator?.close();
  connection = coordinator = undefined;
});

async function connect(
  overrides: Partial<ConnectionOptions> = {},
): Promise<{ coordinator: FakeCoordinator; connection: CoordinatorConnection; messages: Message[] }> {
  coordinator = await FakeCoordinator.start();
  connection = new CoordinatorConnection({ url: coordinator.url, token: 'good', logger: silentLogger(), connectTimeoutMs: 5000, ...overrides });
  const messages: Message[] = [];
  connection.on('message', (message) => messages.push(message));
  // Its owner's hello, as a session sends it on every connection.
  connection.on('connected', () =>
    connection!.send({
      kind: 'hello',
      clientId: '',
      modelFingerprint: 'fake',
      backend: 'none',
      numTrainExamples: 1,
      numEvalExamples: 1,
      softwareVersion: PROTOCOL_VERSION,
      loraRank: 0,
    }),
  );
  await new Promise<void>((resolve) => connection!.once('connected', resolve));
  return { coordinator, connection, messages };
}

const failure = (c: CoordinatorConnection): Promise<Error> => new Promise((resolve) => c.once('failed', resolve));
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('CoordinatorConnection', () => {
  it('tells its owner of the connection, passes the coordinator’s messages on, and answers probes', async () => {
    const { coordinator, connection, messages } = await connect();
    expect(connection.state).toBe('connected');
    await expect(coordinator.next('hello')).resolves.toMatchObject({ modelFingerprint: 'fake' });
    coordinator.send(welcome());
    coordinator.send({ kind: 'finished', roundsCompleted: 3, finalDigest: 'def' });
    await until(() => messages.length === 2);
    expect(messages.map((m) => m.kind)).toEqual(['welcome', 'finished']);
    await expect(coordinator.latest.timeout(2000).emitWithAck(PROBE_EVENT)).resolves.toBeUndefined();
  });

  it('refuses what a coordinator may not send, and a non-binary event, with a typed error and stays connected', async () => {
    const { coordinator, connection, messages } = await connect();
    await coordinator.next('hello');
    const before = coordinator.received.length;
    coordinator.send({ kind: 'uploadRequest', round: 1, updateId: 'u', bytes: 1 });
    await expect(coordinator.next('error', before)).resolves.toMatchObject({ code: 'PROTOCOL_VIOLATION', message: expect.stringContaining('uploadRequest') });
    const later = coordinator.received.length;
    coordinator.latest.emit(PROTOCOL_EVENT, 'not bytes');
    await expect(coordinator.next('error', later)).resolves.toMatchObject({ code: 'MALFORMED_MESSAGE' });
    expect(messages).toEqual([]);
    expect(connection.state).toBe('connected');
  });

  it('holds an update until it is acknowledged: asks for a slot, sends it when granted, and asks again after a reconnect', async () => {
    const { coordinator, connection } = await connect();
    coordinator.send(welcome());
    const update = anUpdate(2, 8);
    const bytes = connection.holdUpdate('2:abc', update);
    await expect(coordinator.next('uploadRequest')).resolves.toEqual({ kind: 'uploadRequest', round: 2, updateId: 'update-2', bytes });
    const before = coordinator.received.length;
    coordinator.send({ kind: 'uploadGrant', round: 2, updateId: 'update-2' });
    await expect(coordinator.next('update', before)).resolves.toMatchObject({ updateId: 'update-2', round: 2 });
    expect(connection.resendUpdate('2:abc')).toBe(true);
    expect(connection.resendUpdate('3:abc')).toBe(false);

    // The connection drops before the acknowledgement: the welcome on the next one brings the request again.
    coordinator.latest.conn.close();
    await new Promise<void>((resolve) => connection.once('connected', resolve));
    const reconnected = coordinator.received.length;
    coordinator.send(welcome());
    await expect(coordinator.next('uploadRequest', reconnected)).resolves.toMatchObject({ updateId: 'update-2' });

    coordinator.send({ kind: 'ack', round: 2 });
    await until(() => !connection.resendUpdate('2:abc'));
  });

  it('drops a held update whose round closed without it', async () => {
    const { coordinator, connection, messages } = await connect();
    coordinator.send(welcome());
    connection.holdUpdate('2:abc', anUpdate(2, 8));
    await coordinator.next('uploadRequest');
    coordinator.send({ kind: 'error', code: 'STALE_ROUND', message: 'round 2 is closed', round: 2 });
    await until(() => messages.some((m) => m.kind === 'error'));
    expect(connection.resendUpdate('2:abc')).toBe(false);
  });

  it('sends and receives in acknowledged chunks above the chunk size the welcome announces', async () => {
    const { coordinator, connection, messages } = await connect();
    coordinator.send(welcome(256));
    // Coordinator to client: a message in 64-byte chunks, each acknowledged.
    const finished = encodeMessage({ kind: 'finished', roundsCompleted: 3, finalDigest: 'd'.repeat(300) });
    const sender = new ChunkSender(finished, 64, (chunk) => (coordinator.send(chunk), true));
    coordinator.latest.on(PROTOCOL_EVENT, (payload: Uint8Array) => {
      const ack = decodeMessage(payload);
      if (ack.kind === 'chunkAck') sender.onAck(ack.nextIndex);
    });
    sender.pump();
    await sender.done;
    await until(() => messages.some((m) => m.kind === 'finished'));
    expect(messages.at(-1)).toEqual({ kind: 'finished', roundsCompleted: 3, finalDigest: 'd'.repeat(300) });

    // Client to coordinator: a granted update larger than 256 bytes arrives in chunks.
    const update = anUpdate(1, 200);
    const bytes = connection.holdUpdate('1:abc', update);
    await coordinator.next('uploadRequest');
    const before = coordinator.received.length;
    coordinator.send({ kind: 'uploadGrant', round: 1, updateId: update.updateId });
    const first = await coordinator.next('chunk', before);
    expect(first.count).toBe(Math.ceil(bytes / 256));
    const receiver = ChunkReceiver.start(first, { maxPayloadBytes: 1 << 20, maxChunkBytes: 256 }, (total) => new MemorySink(total));
    for (let cursor = before; !receiver.complete; ) {
      const chunk = await coordinator.next('chunk', cursor);
      cursor = coordinator.received.indexOf(chunk) + 1;
      coordinator.send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: await receiver.accept(chunk) });
    }
    expect(decodeMessage(await receiver.finish())).toMatchObject({ kind: 'update', updateId: update.updateId });
  });

  it('fails for good when the coordinator refuses its token', async () => {
    coordinator = await FakeCoordinator.start();
    connection = new CoordinatorConnection({ url: coordinator.url, token: 'bad', logger: silentLogger() });
    const error = await failure(connection);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toContain('refused this token');
    expect(connection.state).toBe('closed');
  });

  it('fails when the coordinator closes the connection, repeating the refusal it gave just before', async () => {
    const { coordinator, connection, messages } = await connect();
    const failed = failure(connection);
    coordinator.send({ kind: 'error', code: 'PROTOCOL_VIOLATION', message: 'banned for cause', round: 0 });
    await until(() => messages.some((m) => m.kind === 'error'));
    coordinator.latest.disconnect(true);
    const error = await failed;
    expect(error).toBeInstanceOf(CoordinatorUnreachableError);
    expect(error.message).toContain('PROTOCOL_VIOLATION: banned for cause');
  });

  it('keeps reconnecting after a lost connection, and gives up after reconnectTimeoutMs when set', async () => {
    const { coordinator, connection } = await connect({ reconnectTimeoutMs: 300 });
    const failed = failure(connection);
    await coordinator.close();
    await until(() => connection.state === 'reconnecting');
    const error = await failed;
    expect(error).toBeInstanceOf(CoordinatorUnreachableError);
    expect(error.message).toContain('could not reconnect within 300 ms');
    expect(connection.state).toBe('closed');
  });
});
