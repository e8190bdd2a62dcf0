/**
 * How the `fedlora` command ends: one exit status per kind of failure, so that a script can tell a mistake in its
 * own settings from a busy port or a coordinator that refused it, and one line on stderr for every failure a user
 * can act on, naming the setting to change. Only a bug shows a stack trace.
 */
import { resolve, sep } from 'node:path';
import { FedloraError, type FedloraErrorCode } from '../shared/infra/errors.js';

export const ExitStatus = {
  ok: 0,
  /** The run failed, or a bug. */
  failed: 1,
  /** A flag, the configuration, the data or the model checkpoint: the user's input needs a change. */
  usage: 2,
  /** The machine: a port in use, a path that is a file or not writable, no tfjs backend. */
  environment: 3,
  /** The coordinator cannot be reached or refused this client (URL, TLS, token, model, protocol version). */
  refused: 4,
} as const;

export const EXIT_STATUS_HELP = `
Exit status:
  ${ExitStatus.ok}  success
  ${ExitStatus.failed}  the run failed, or an unexpected error (shown with a stack trace)
  ${ExitStatus.usage}  usage or configuration error: a flag, the configuration, the data or the model checkpoint
  ${ExitStatus.environment}  environment error: a port in use, a path that is a file or not writable, no tfjs backend
  ${ExitStatus.refused}  the coordinator cannot be reached or refused the client: URL, TLS, token, model, protocol`;

/** Codes not listed end with `failed`. */
const STATUS_OF_CODE: Partial<Record<FedloraErrorCode, number>> = {
  CONFIG_INVALID: ExitStatus.usage,
  DATA_INVALID: ExitStatus.usage,
  CHECKPOINT_INVALID: ExitStatus.usage,
  BACKEND_UNAVAILABLE: ExitStatus.environment,
  UNAUTHORIZED: ExitStatus.refused,
  MODEL_MISMATCH: ExitStatus.refused,
  PROTOCOL_VIOLATION: ExitStatus.refused,
  COORDINATOR_UNREACHABLE: ExitStatus.refused,
  TLS_FAILED: ExitStatus.refused,
};

/** The settings of a command that a system error can be traced to, by the names a user knows them by. */
export interface CommandSettings {
  /** The setting of the port listened on, e.g. `--port (or port in the configuration)`. */
  readonly port?: string;
  /** The setting of the address listened on. */
  readonly host?: string;
  /** Paths the command writes or reads, each with its setting, e.g. `{ setting: '--out', path: 'adapter/' }`. */
  readonly paths?: readonly { readonly setting: string; readonly path: string | undefined }[];
}

const FILE_SYSTEM_ERRORS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such file or directory',
};

type SystemError = NodeJS.ErrnoException & { address?: string; port?: number };

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as SystemError).code === 'string' && typeof (error as SystemError).syscall === 'string';
}

/** Whether `path` is `base`, lies under it, or is a directory above it (a file in the way of `base`). */
function related(path: string, base: string): boolean {
  const [p, b] = [resolve(path), resolve(base)];
  return p === b || p.startsWith(b + sep) || b.startsWith(p + sep);
}

function systemErrorMessage(error: SystemError, settings: CommandSettings): string | undefined {
  if (error.syscall === 'listen' || error.syscall === 'bind') {
    const where = error.port === undefined ? String(error.address) : `${error.address}:${error.port}`;
    const port = settings.port ? `; choose another with ${settings.port}` : '';
    if (error.code === 'EADDRINUSE') return `cannot listen on ${where}: the port is in use by another process (EADDRINUSE)${port}`;
    if (error.code === 'EACCES') return `cannot listen on ${where}: permission denied (EACCES; ports below 1024 need privileges)${port}`;
    if (error.code === 'EADDRNOTAVAIL') {
      return `cannot listen on ${where}: the address is not one of this machine's (EADDRNOTAVAIL)${settings.host ? `; check ${settings.host}` : ''}`;
    }
  }
  const reason = error.code === undefined ? undefined : FILE_SYSTEM_ERRORS[error.code];
  if (reason === undefined || error.path === undefined) return undefined;
  const setting = settings.paths?.find(({ path }) => path !== undefined && related(error.path!, path));
  const named = setting === undefined ? '' : `${setting.setting} ${setting.path}: `;
  return `${named}cannot ${error.syscall} ${error.path}: ${reason} (${error.code})`;
}

/** The line to print and the exit status for an error that ends a command. */
export function describeFailure(error: unknown, settings: CommandSettings = {}): { message: string; status: number } {
  if (error instanceof FedloraError) return { message: error.message, status: STATUS_OF_CODE[error.code] ?? ExitStatus.failed };
  const system = isSystemError(error) ? systemErrorMessage(error, settings) : undefined;
  if (system !== undefined) return { message: system, status: ExitStatus.environment };
  return { message: `unexpected error: ${(error as Error).stack ?? String(error)}`, status: ExitStatus.failed };
}

/** Reports an error the user can act on in one line; anything else is a bug and shows its stack. */
export function reportAndExit(error: unknown, settings?: CommandSettings): never {
  const { message, status } = describeFailure(error, settings);
  process.stderr.write(`fedlora: ${message}\n`);
  process.exit(status);
}
