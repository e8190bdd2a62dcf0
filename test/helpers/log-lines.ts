/** A JSON logger whose lines a test reads back as objects. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../shared/infra/log.js';

export function collectingLogger(level = 'warn'): { lines: Record<string, unknown>[]; logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('coordinator', { format: 'json', level, destination }) };
}
