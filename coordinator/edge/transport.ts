/**
 * socket.io transport of the coordinator: authenticates clients in the handshake (per-client tokens),
 * decodes every incoming envelope at the trust boundary and hands typed messages to a handler. Any bad input
 * gets a typed error reply and a log line; nothing a client sends can crash the server.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { FedloraError, MalformedMessageError, ProtocolViolationError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import { decodeMessage, envelopeBytes, encodeMessage, encodeMessageParts } from '../../shared/wire/protocol.js';
import { CLIENT_MESSAGE_KINDS, PROBE_EVENT, PROTOCOL_EVENT, errorMessageFor, type ChunkMessage, type Message } from '../../shared/wire/messages.js';
import { ChunkReceiver, ChunkSender, FileSink, Payload } from '../../shared/wire/chunking.js';
import type { ClientConnection, ConnectionHandler } from '../round/connection-handler.js';
import type { HostCheck } from './host-check.js';
import { RefusalLimiter, RefusalSummary, type RefusalLimit } from './refusal-limiter.js';
import { COLLECTABLE_BYTES, collectGarbage } from '../../shared/infra/collect-garbage.js';
import { tokenSha256 } from './token-hash.js';

export interface ClientCredential {
  readonly id: string;
  /** Hex SHA-256 of the client's token. */
  readonly tokenSha256: string;
}

export interface TransportOptions {
  /** Envelopes larger than this are sent in chunks; clients are told to do the same. */
  readonly chunkBytes: number;
  /** Largest envelope accepted in chunks; a larger transfer is refused at its first chunk. */
  readonly maxPayloadBytes: number;
  /** Directory where chunked uploads are spooled until complete. */
  readonly spoolDir: string;
  /** An unfinished upload without a chunk for this long is dropped. */
  readonly transferIdleMs: number;
  /** Told of every refused message (for metrics and the dashboard). */
  readonly onRefusal?: (clientId: string, code: string, reason: string) => void;
  readonly clients: readonly ClientCredential[];
  /** Handshakes for a host name the coordinator does not answer to are refused before anything else. */
  readonly hostCheck: HostCheck;
  /** Too many refused messages disconnect a client and refuse its token for a while. */
  readonly refusalLimit: RefusalLimit;
  /** Too many connections with unknown tokens from one address: its next ones are refused at once, logged in summaries. */
  readonly authRefusalLimit: RefusalLimit;
  /** Clients an operator banned: their tokens are refused at the handshake. */
  readonly isBanned?: (clientId: string) => boolean;
  /** socket.io's maxHttpBufferSize, set on purpose rather than left at its 1 MB default. */
  readonly maxMessageBytes: number;
  readonly logger: Logger;
}

/** Finds the client owning `token`, comparing digests in constant time. */
function authenticate(clients: readonly { id: string; digest: Buffer }[], token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length === 0) return undefined;
  const candidate = Buffer.from(tokenSha256(token), 'hex');
  let match: string | undefined;
  for (const client of clients) {
    if (timingSafeEqual(client.digest, candidate)) match = client.id;
  }
  return match;
}

/** Bounds the disk a single client can fill with unfinished uploads. */
const MAX_UPLOADS_PER_CLIENT = 2;

/** How long a client's connection has to answer a probe when its token connects again; silent, it is replaced. */
export const PROBE_TIMEOUT_MS = 5000;

export function attachTransport(httpServer: HttpServer, handler: ConnectionHandler, options: TransportOptions): Server {
  const { logger } = options;
  const credentials = options.clients.map((c) => ({ id: c.id, digest: Buffer.from(c.tokenSha256, 'hex') }));
  const limiter = new RefusalLimiter(options.refusalLimit);
  const io = new Server(httpServer, {
    maxHttpBufferSize: options.maxMessageBytes,
    serveClient: false,
    cors: { origin: false },
    allowRequest: (req, answer) => {
      const refusal = options.hostCheck.refusal(req);
      answer(refusal ?? null, refusal === undefined);
    },
  });

  // Refused handshakes are logged per address or client: the first of a run, then one summary per window.
  const addressLimiter = new RefusalLimiter(options.authRefusalLimit);
  const { windowMs } = options.authRefusalLimit;
  const handshakeRefusals = new RefusalSummary(windowMs);
  const logRefusal = (key: string, fields: Record<string, unknown>, first: string, repeated: (count: number) => string): void =>
    handshakeRefusals.record(
      key,
      () => logger.warn(fields, first),
      (count) => logger.warn({ ...fields, repeated: count, window_ms: windowMs }, repeated(count)),
    );

  /**
   * Why a connection with an unknown token is refused. Only such connections count against their address: a valid
   * token from the same address (a silo behind the same NAT or proxy) still connects during the cool-down.
   */
  const refuseUnknownToken = (address: string): string => {
    let cooldownMs = addressLimiter.cooldownLeft(address);
    if (cooldownMs === 0 && addressLimiter.recordRefusal(address)) {
      const { maxRefusals } = addressLimiter.limit;
      cooldownMs = addressLimiter.limit.cooldownMs;
      logger.warn(
        { event: 'auth_address_limited', address, max_refusals: maxRefusals, window_ms: windowMs, cooldown_ms: cooldownMs },
        `${address}: more than ${maxRefusals} connections with unknown tokens within ${windowMs} ms; for ${cooldownMs} ms those are refused at once and only counted`,
      );
    }
    logRefusal(
      `unknown:${address}`,
      { event: 'auth_refused', address },
      `refused a connection with an unknown token from ${address}`,
      (count) => `refused ${count} more connections with unknown tokens from ${address} within ${windowMs} ms`,
    );
    return cooldownMs > 0
      ? `unauthorized: unknown client token; too many from this address, refused at once for another ${Math.ceil(cooldownMs / 1000)} s`
      : 'unauthorized: unknown client token';
  };

  io.use((socket, next) => {
    const { address } = socket.handshake;
    const clientId = authenticate(credentials, (socket.handshake.auth as Record<string, unknown> | undefined)?.token);
    if (!clientId) {
      next(new Error(refuseUnknownToken(address)));
      return;
    }
    if (options.isBanned?.(clientId)) {
      logRefusal(
        `banned:${clientId}`,
        { event: 'auth_banned', client: clientId, address },
        `refused a connection from ${clientId}: banned by an operator`,
        (count) => `refused ${count} more connections from ${clientId} within ${windowMs} ms: banned by an operator`,
      );
      next(new Error("forbidden: this client was banned by the coordinator's operator"));
      return;
    }
    const cooldownMs = limiter.cooldownLeft(clientId);
    if (cooldownMs > 0) {
      logRefusal(
        `cooling:${clientId}`,
        { event: 'auth_rate_limited', client: clientId, address, cooldown_ms: cooldownMs },
        `refused a connection from ${clientId}: its token is cooling down after too many refused messages`,
        (count) => `refused ${count} more connections from ${clientId} within ${windowMs} ms: its token is cooling down`,
      );
      next(new Error(`rate limited: too many refused messages; this token is refused for another ${Math.ceil(cooldownMs / 1000)} s`));
      return;
    }
    socket.data.clientId = clientId;
    const live = liveConnections.get(clientId);
    if (!live) {
      next();
      return;
    }
    // The same token again: a second process (refused while the first answers) or a client whose previous
    // connection died without a word (replaced, so that it gets back in).
    void live.probe().then((answered) => {
      if (answered) {
        logger.warn(
          { event: 'duplicate_refused', client: clientId, address, connected_from: live.connection.remoteAddress },
          `refused a second connection for ${clientId}: its connection from ${live.connection.remoteAddress} is alive`,
        );
        next(
          new Error(`conflict: client ${clientId} is already connected (from ${live.connection.remoteAddress}) and answering; another process uses this token`),
        );
        return;
      }
      logger.warn(
        { event: 'connection_replaced', client: clientId },
        `client ${clientId} connected again; its previous connection did not answer and is closed`,
      );
      live.connection.send(
        errorMessageFor(new ProtocolViolationError(`replaced by a newer connection for ${clientId}: this one did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      );
      live.connection.disconnect();
      next();
    });
  });

  /** Uploads in progress, by client and transfer id: they survive a reconnect of the client. */
  const uploads = new Map<string, { receiver: ChunkReceiver; work: Promise<void> }>();
  /**
   * Assembled uploads are decoded, checked, stored and folded one at a time, so memory holds one large update,
   * not one per client uploading.
   */
  let decoding: Promise<void> = Promise.resolve();
  /** The live connection of each client, for replies to uploads that outlive a connection. */
  const liveConnections = new Map<string, { connection: ClientConnection; refuse: (error: unknown, round?: number) => void; probe: () => Promise<boolean> }>();

  const dropIdleUploads = (): void => {
    const cutoff = Date.now() - options.transferIdleMs;
    for (const [key, upload] of uploads) {
      if (upload.receiver.lastActivity < cutoff) {
        uploads.delete(key);
        void upload.receiver.discard();
        logger.warn({ event: 'upload_abandoned', transfer: key }, `dropped the unfinished upload ${key}`);
      }
    }
  };

  io.on('connection', (socket: Socket) => {
    const clientId = socket.data.clientId as string;
    /** Large envelopes this connection is sending to the client, by transfer id. */
    const downloads = new Map<string, ChunkSender>();
    const emit = (message: Message): number => {
      const bytes = encodeMessage(message);
      socket.emit(PROTOCOL_EVENT, bytes);
      return bytes.byteLength;
    };
    const connection: ClientConnection = {
      clientId,
      connectionId: socket.id,
      remoteAddress: socket.handshake.address,
      send(message) {
        const payload = message instanceof Payload ? message : new Payload(message instanceof Uint8Array ? [message] : encodeMessageParts(message));
        if (payload.byteLength <= options.chunkBytes) {
          socket.emit(PROTOCOL_EVENT, payload.joined());
          return payload.byteLength;
        }
        const sender = new ChunkSender(payload, options.chunkBytes, (chunk) => socket.connected && emit(chunk) > 0);
        downloads.set(sender.transferId, sender);
        void sender.done.then(() => downloads.delete(sender.transferId));
        sender.pump();
        return payload.byteLength;
      },
      disconnect() {
        socket.disconnect(true);
      },
    };
    /** Set once this connection went over the refusal limit: what it still sends is dropped. */
    let limited = false;
    const refuse = (error: unknown, round = 0): void => {
      if (limited) return;
      const reply = errorMessageFor(error, round);
      logger.warn({ event: 'message_refused', client: clientId, code: reply.code, round }, `refused a message from ${clientId}: ${reply.message}`);
      connection.send(reply);
      options.onRefusal?.(clientId, reply.code, reply.message);
      if (limiter.recordRefusal(clientId)) {
        limited = true;
        const { maxRefusals, windowMs, cooldownMs } = limiter.limit;
        const reason = `more than ${maxRefusals} messages refused within ${windowMs} ms: disconnecting; this token is refused for ${cooldownMs} ms`;
        logger.warn(
          {
            event: 'client_rate_limited',
            client: clientId,
            address: connection.remoteAddress,
            max_refusals: maxRefusals,
            window_ms: windowMs,
            cooldown_ms: cooldownMs,
          },
          `${clientId}: ${reason}`,
        );
        connection.send(errorMessageFor(new ProtocolViolationError(reason)));
        connection.disconnect();
      }
    };
    /** Whether the client acknowledges a probe in time: a live process does, a dead connection cannot. */
    const probe = (): Promise<boolean> =>
      socket.connected
        ? socket
            .timeout(PROBE_TIMEOUT_MS)
            .emitWithAck(PROBE_EVENT)
            .then(
              () => true,
              () => false,
            )
        : Promise.resolve(false);
    liveConnections.set(clientId, { connection, refuse, probe });
    /** The client's newest connection: work that outlives this socket (chunked uploads) answers there. */
    const latest = (): { connection: ClientConnection; refuse: typeof refuse } => liveConnections.get(clientId) ?? { connection, refuse };

    const dispatch = (message: Message, byteLength: number, decodeMs: number): void | Promise<void> => {
      try {
        return handler.onMessage(latest().connection, message, byteLength, decodeMs);
      } catch (error) {
        if (!(error instanceof FedloraError)) {
          logger.error({ event: 'handler_failed', client: clientId, err: error }, 'internal error while handling a message');
        }
        latest().refuse(error, 'round' in message ? message.round : 0);
      }
    };

    const onChunk = (chunk: ChunkMessage): void => {
      const key = `${clientId}:${chunk.transferId}`;
      let upload = uploads.get(key);
      if (!upload && chunk.index > 0) {
        // A transfer resumed after this coordinator restarted or dropped it: ask for it from the start.
        connection.send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: 0 });
        return;
      }
      if (!upload) {
        dropIdleUploads();
        let receiver: ChunkReceiver;
        try {
          // The chunk is checked against the limits first, so that an oversized transfer is refused as such.
          receiver = ChunkReceiver.start(chunk, { maxPayloadBytes: options.maxPayloadBytes, maxChunkBytes: options.chunkBytes }, () => {
            const open = [...uploads.keys()].filter((k) => k.startsWith(`${clientId}:`)).length;
            if (open >= MAX_UPLOADS_PER_CLIENT) throw new ProtocolViolationError(`at most ${MAX_UPLOADS_PER_CLIENT} uploads may be in progress at once`);
            return new FileSink(join(options.spoolDir, `${randomUUID()}.part`));
          });
        } catch (error) {
          refuse(error);
          return;
        }
        upload = { receiver, work: Promise.resolve() };
        uploads.set(key, upload);
      }
      const { receiver } = upload;
      upload.work = upload.work.then(async () => {
        try {
          const next = await receiver.accept(chunk);
          latest().connection.send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: next });
          if (!receiver.complete || uploads.get(key)?.receiver !== receiver) return;
          uploads.delete(key);
          decoding = decoding.then(async () => {
            try {
              // The previous upload is garbage by now; a large one is collected before this one is read, so that
              // memory holds one upload rather than as many as V8's heuristics let pile up.
              if (receiver.totalBytes >= COLLECTABLE_BYTES) collectGarbage();
              const payload = await receiver.finish();
              const decodeStarted = performance.now();
              const message = decodeMessage(payload);
              const decodeMs = performance.now() - decodeStarted;
              if (!CLIENT_MESSAGE_KINDS.includes(message.kind) || message.kind === 'chunk' || message.kind === 'chunkAck') {
                throw new ProtocolViolationError(`a ${message.kind} message may not travel in chunks`);
              }
              await dispatch(message, payload.byteLength, decodeMs);
            } catch (error) {
              latest().refuse(error);
            }
          });
        } catch (error) {
          // Chunks queued behind a failed one fail too: they must not drop a newer upload under the same key.
          if (uploads.get(key)?.receiver === receiver) uploads.delete(key);
          await receiver.discard();
          latest().refuse(error);
        }
      });
    };

    socket.on(PROTOCOL_EVENT, (payload: unknown) => {
      const bytes = envelopeBytes(payload);
      if (!bytes) {
        refuse(new MalformedMessageError(`event ${PROTOCOL_EVENT} must carry one binary protobuf Envelope`));
        return;
      }
      let message: Message;
      const decodeStarted = performance.now();
      try {
        message = decodeMessage(bytes);
      } catch (error) {
        refuse(error);
        return;
      }
      if (!CLIENT_MESSAGE_KINDS.includes(message.kind)) {
        refuse(new ProtocolViolationError(`clients may not send ${message.kind} messages`));
      } else if (message.kind === 'chunk') {
        onChunk(message);
      } else if (message.kind === 'chunkAck') {
        downloads.get(message.transferId)?.onAck(message.nextIndex);
      } else {
        dispatch(message, bytes.byteLength, performance.now() - decodeStarted);
      }
    });
    socket.onAny((event: string) => {
      if (event !== PROTOCOL_EVENT) refuse(new ProtocolViolationError(`unknown event ${JSON.stringify(event).slice(0, 80)}`));
    });
    socket.on('disconnect', (reason) => {
      if (liveConnections.get(clientId)?.connection === connection) liveConnections.delete(clientId);
      handler.onDisconnect(connection, reason);
    });
    handler.onConnect(connection);
  });
  // Unfinished uploads end with the server: close their spool files instead of leaving them to the garbage collector.
  httpServer.once('close', () => {
    for (const upload of uploads.values()) void upload.receiver.discard();
    uploads.clear();
    handshakeRefusals.close();
  });
  return io;
}
