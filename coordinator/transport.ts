/**
 * socket.io transport of the coordinator: authenticates clients in the handshake (per-client tokens),
 * decodes every incoming envelope at the trust boundary and hands typed messages to a handler. Any bad input
 * gets a typed error reply and a log line; nothing a client sends can crash the server.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { FedloraError, MalformedMessageError, ProtocolViolationError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import {
  CLIENT_MESSAGE_KINDS,
  PROTOCOL_EVENT,
  decodeMessage,
  encodeMessage,
  errorMessageFor,
  type Message,
} from '../shared/protocol.js';

export interface ClientCredential {
  readonly id: string;
  readonly token: string;
}

/** One authenticated socket. A client that reconnects gets a new connection object. */
export interface ClientConnection {
  readonly clientId: string;
  readonly connectionId: string;
  readonly remoteAddress: string;
  /** Sends one message; returns the number of payload bytes put on the wire. */
  send(message: Message): number;
  disconnect(): void;
}

export interface ConnectionHandler {
  onConnect(connection: ClientConnection): void;
  /** May throw a FedloraError: the transport then replies with a typed error and logs it. */
  onMessage(connection: ClientConnection, message: Message, byteLength: number): void;
  onDisconnect(connection: ClientConnection, reason: string): void;
}

export interface TransportOptions {
  /** Told of every refused message (for metrics and the dashboard). */
  readonly onRefusal?: (clientId: string, code: string, reason: string) => void;
  readonly clients: readonly ClientCredential[];
  /** socket.io's maxHttpBufferSize, set on purpose rather than left at its 1 MB default. */
  readonly maxMessageBytes: number;
  readonly logger: Logger;
}

function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Finds the client owning `token`, comparing digests in constant time. */
function authenticate(clients: readonly { id: string; digest: Buffer }[], token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length === 0) return undefined;
  const candidate = tokenDigest(token);
  let match: string | undefined;
  for (const client of clients) {
    if (timingSafeEqual(client.digest, candidate)) match = client.id;
  }
  return match;
}

function asBytes(payload: unknown): Uint8Array | undefined {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return undefined;
}

export function attachTransport(httpServer: HttpServer, handler: ConnectionHandler, options: TransportOptions): Server {
  const { logger } = options;
  const credentials = options.clients.map((c) => ({ id: c.id, digest: tokenDigest(c.token) }));
  const io = new Server(httpServer, {
    maxHttpBufferSize: options.maxMessageBytes,
    serveClient: false,
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const clientId = authenticate(credentials, (socket.handshake.auth as Record<string, unknown> | undefined)?.token);
    if (!clientId) {
      logger.warn({ event: 'auth_refused', address: socket.handshake.address }, 'refused a connection with an unknown token');
      next(new Error('unauthorized: unknown client token'));
      return;
    }
    socket.data.clientId = clientId;
    next();
  });

  io.on('connection', (socket: Socket) => {
    const connection: ClientConnection = {
      clientId: socket.data.clientId as string,
      connectionId: socket.id,
      remoteAddress: socket.handshake.address,
      send(message) {
        const bytes = encodeMessage(message);
        socket.emit(PROTOCOL_EVENT, bytes);
        return bytes.byteLength;
      },
      disconnect() {
        socket.disconnect(true);
      },
    };
    const refuse = (error: unknown, round = 0): void => {
      const reply = errorMessageFor(error, round);
      logger.warn(
        { event: 'message_refused', client: connection.clientId, code: reply.code, round },
        `refused a message from ${connection.clientId}: ${reply.message}`,
      );
      connection.send(reply);
      options.onRefusal?.(connection.clientId, reply.code, reply.message);
    };

    socket.on(PROTOCOL_EVENT, (payload: unknown) => {
      const bytes = asBytes(payload);
      if (!bytes) {
        refuse(new MalformedMessageError(`event ${PROTOCOL_EVENT} must carry one binary protobuf Envelope`));
        return;
      }
      let message: Message;
      try {
        message = decodeMessage(bytes);
      } catch (error) {
        refuse(error);
        return;
      }
      if (!CLIENT_MESSAGE_KINDS.includes(message.kind)) {
        refuse(new ProtocolViolationError(`clients may not send ${message.kind} messages`));
        return;
      }
      try {
        handler.onMessage(connection, message, bytes.byteLength);
      } catch (error) {
        if (!(error instanceof FedloraError)) {
          logger.error({ event: 'handler_failed', client: connection.clientId, err: error }, 'internal error while handling a message');
        }
        refuse(error, 'round' in message ? message.round : 0);
      }
    });
    socket.onAny((event: string) => {
      if (event !== PROTOCOL_EVENT) refuse(new ProtocolViolationError(`unknown event ${JSON.stringify(event).slice(0, 80)}`));
    });
    socket.on('disconnect', (reason) => handler.onDisconnect(connection, reason));
    handler.onConnect(connection);
  });
  return io;
}
