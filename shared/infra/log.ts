/**
 * Structured logging to stderr, so that stdout carries only a command's result (`eval | jq` works): JSON lines by
 * default (machines read them), a human-readable mode for terminals (`FEDLORA_LOG_FORMAT=pretty`, or `pretty`
 * when stderr is a TTY), one line per event either way. Level from FEDLORA_LOG_LEVEL.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

export interface LogOptions {
  readonly level?: string;
  readonly format?: LogFormat;
  /** Destination stream; stderr by default. */
  readonly destination?: NodeJS.WritableStream;
}

function defaultFormat(): LogFormat {
  const fromEnv = process.env.FEDLORA_LOG_FORMAT;
  if (fromEnv === 'json' || fromEnv === 'pretty') return fromEnv;
  return process.stderr.isTTY ? 'pretty' : 'json';
}

/**
 * Pretty logs keep one line per event: pino-pretty prints an `err` object on lines of its own, so an error becomes
 * its name and message on the event's line (its stack is in the JSON logs).
 */
function oneLineError(object: Record<string, unknown>): Record<string, unknown> {
  const { err, ...rest } = object;
  if (err === undefined) return object;
  return { ...rest, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

export function createLogger(name: string, options: LogOptions = {}): Logger {
  const level = options.level ?? process.env.FEDLORA_LOG_LEVEL ?? 'info';
  const format = options.format ?? defaultFormat();
  if (format === 'pretty') {
    const destination = options.destination ?? process.stderr;
    return pino(
      { name, level, base: undefined, formatters: { log: oneLineError } },
      pretty({
        destination,
        colorize: process.stderr.isTTY,
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname',
        singleLine: true,
        errorLikeObjectKeys: [],
        sync: true,
      }),
    );
  }
  // JSON lines are written asynchronously: under load (a line per update from a thousand clients) they leave in
  // batches instead of one blocking write each. pino flushes what is buffered when the process exits.
  return pino({ name, level, base: undefined }, options.destination ?? pino.destination({ dest: 2, sync: false }));
}

/** A logger that writes nothing: for library use and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
