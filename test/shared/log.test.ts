import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/infra/log.js';

function capture(): { destination: Writable; text: () => string } {
  const chunks: string[] = [];
  return { destination: new Writable({ write: (chunk: Buffer, _, done) => (chunks.push(chunk.toString()), done()) }), text: () => chunks.join('') };
}

describe('pretty logs', () => {
  it('keep one line per event, with nested fields and errors on it', () => {
    const { destination, text } = capture();
    const logger = createLogger('test', { format: 'pretty', destination });
    logger.info({ event: 'round_finished', clients: { done: 2, refused: ['c3'] } }, 'round 1 finished');
    logger.error({ event: 'instruction_failed', err: new TypeError('bad shape') }, 'round 2: bad shape');
    logger.warn({ event: 'refused', err: 'not an error object' }, 'refused');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/INFO \(test\): round 1 finished \{"event":"round_finished","clients":\{"done":2,"refused":\["c3"\]\}\}$/);
    expect(lines[1]).toMatch(/ERROR \(test\): round 2: bad shape \{"event":"instruction_failed","error":"TypeError: bad shape"\}$/);
    expect(lines[2]).toMatch(/WARN \(test\): refused \{"event":"refused","error":"not an error object"\}$/);
  });

  it('leave JSON logs their error with its stack', () => {
    const { destination, text } = capture();
    createLogger('test', { format: 'json', destination }).error({ err: new Error('boom') }, 'failed');
    expect(JSON.parse(text())).toMatchObject({ msg: 'failed', err: { type: 'Error', message: 'boom', stack: expect.stringMatching(/^Error: boom\n\s+at /) } });
  });
});
