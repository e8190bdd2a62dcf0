/**
 * The seam between the network edge and the round engine: the transport turns sockets into these connections and
 * hands their messages to a handler; the round engine implements the handler and never sees socket.io.
 */
import type { Payload } from '../../shared/wire/chunking.js';
import type { Message } from '../../shared/wire/messages.js';

/** One authenticated socket. A client that reconnects gets a new connection object. */
export interface ClientConnection {
  readonly clientId: string;
  readonly connectionId: string;
  readonly remoteAddress: string;
  /** Sends one message (or an already encoded envelope, whole or in parts); returns the number of payload bytes. */
  send(message: Message | Uint8Array | Payload): number;
  disconnect(): void;
}

export interface ConnectionHandler {
  onConnect(connection: ClientConnection): void;
  /**
   * May throw a FedloraError: the transport then replies with a typed error and logs it. A returned promise is
   * work still holding the message (an update being stored and folded): the next assembled upload waits for it.
   */
  onMessage(connection: ClientConnection, message: Message, byteLength: number, decodeMs: number): void | Promise<void>;
  onDisconnect(connection: ClientConnection, reason: string): void;
}
