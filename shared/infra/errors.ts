/**
 * One error type per failure a user can act on. `code` values mirror the wire enum `ErrorCode` so that a
 * refusal sent by the coordinator arrives at the client as the same typed error.
 */
export type FedloraErrorCode =
  | 'MALFORMED_MESSAGE'
  | 'STALE_ROUND'
  | 'TENSOR_MISMATCH'
  | 'NON_FINITE'
  | 'MODEL_MISMATCH'
  | 'NOT_SAMPLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'PROTOCOL_VIOLATION'
  | 'NORM_EXCEEDED'
  | 'CONFIG_INVALID'
  | 'CHECKPOINT_INVALID'
  | 'DATA_INVALID'
  | 'BACKEND_UNAVAILABLE'
  | 'COORDINATOR_UNREACHABLE'
  | 'TLS_FAILED'
  | 'RUN_FAILED';

export class FedloraError extends Error {
  constructor(
    readonly code: FedloraErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class MalformedMessageError extends FedloraError {
  constructor(message: string) {
    super('MALFORMED_MESSAGE', message);
  }
}
export class StaleRoundError extends FedloraError {
  constructor(message: string) {
    super('STALE_ROUND', message);
  }
}
export class TensorMismatchError extends FedloraError {
  constructor(message: string) {
    super('TENSOR_MISMATCH', message);
  }
}
export class NonFiniteError extends FedloraError {
  constructor(message: string) {
    super('NON_FINITE', message);
  }
}
export class ModelMismatchError extends FedloraError {
  constructor(message: string) {
    super('MODEL_MISMATCH', message);
  }
}
export class ProtocolViolationError extends FedloraError {
  constructor(message: string) {
    super('PROTOCOL_VIOLATION', message);
  }
}
/**
 * Secure aggregation cannot go on as asked: a peer's key or share is unusable, too few shares or survivors remain,
 * or the sum cannot be unmasked. `offenders` names the clients whose input caused it, when known.
 */
export class SecureAggregationError extends FedloraError {
  constructor(
    message: string,
    readonly offenders: readonly string[] = [],
  ) {
    super('PROTOCOL_VIOLATION', message);
  }
}
export class NormExceededError extends FedloraError {
  constructor(message: string) {
    super('NORM_EXCEEDED', message);
  }
}
export class PayloadTooLargeError extends FedloraError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}
export class ConfigError extends FedloraError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}
export class CheckpointError extends FedloraError {
  constructor(message: string) {
    super('CHECKPOINT_INVALID', message);
  }
}
export class DataError extends FedloraError {
  constructor(message: string) {
    super('DATA_INVALID', message);
  }
}
export class BackendUnavailableError extends FedloraError {
  constructor(message: string) {
    super('BACKEND_UNAVAILABLE', message);
  }
}
/**
 * The GPU failed mid-work: its device was lost (driver reset, GPU removed) or it reported an error (out of memory,
 * a buffer over its limits), so that what it computed since cannot be trusted.
 */
export class GpuFailureError extends FedloraError {
  constructor(what: string, failure: string) {
    super('BACKEND_UNAVAILABLE', `${what}: the GPU failed (${failure})`);
  }
}
export class UnauthorizedError extends FedloraError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}
export class CoordinatorUnreachableError extends FedloraError {
  constructor(message: string) {
    super('COORDINATOR_UNREACHABLE', message);
  }
}
/** A TLS set-up that can never connect: wrong URL scheme or an untrusted certificate. Retrying does not help. */
export class TlsError extends FedloraError {
  constructor(message: string) {
    super('TLS_FAILED', message);
  }
}
/** The run cannot go on (e.g. a round failed maxRoundAttempts times); the message says which round and why. */
export class RunFailedError extends FedloraError {
  constructor(message: string) {
    super('RUN_FAILED', message);
  }
}
