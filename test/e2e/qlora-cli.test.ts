/**
 * `--quantize` as a user types it: eval and generate run with the base model in NF4, eval's loss moves by the
 * quantisation error only, and an unknown format is a usage error.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ExitStatus } from '../../cli/exit-status.js';
import { sampleSilos } from '../../cli/simulate.js';

// Drives the compiled `fedlora` command (npm test builds it first).
const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

async function fedlora(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('--quantize on the command line', () => {
  it('eval and generate hold the base model in NF4; the loss differs from the full model by the quantisation error only', async () => {
    const evaluate = async (...extra: string[]) => {
      const run = await fedlora('eval', '--model', 'builtin:tiny', '--data', sampleSilos()[0], '--max-seq-len', '32', '--backend', 'wasm', ...extra);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { loss: number; tokens: number };
    };
    const [full, nf4, nf4dq] = await Promise.all([evaluate(), evaluate('--quantize', 'nf4'), evaluate('--quantize', 'nf4-dq')]);
    for (const quantized of [nf4, nf4dq]) {
      expect(quantized.tokens).toBe(full.tokens);
      expect(quantized.loss).not.toBe(full.loss);
      expect(Math.abs(quantized.loss - full.loss) / full.loss).toBeLessThan(0.01);
    }
    const generated = await fedlora(
      'generate',
      '--model',
      'builtin:tiny',
      '--prompt',
      'the',
      '--max-new-tokens',
      '3',
      '--backend',
      'wasm',
      '--quantize',
      'nf4',
    );
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout.length).toBeGreaterThan(0);
  });

  it('is offered by client, simulate, eval and generate, and refuses an unknown format as a usage error', async () => {
    for (const command of ['client', 'simulate', 'eval', 'generate']) expect((await fedlora(command, '--help')).stdout).toContain('--quantize');
    const refused = await fedlora('eval', '--model', 'builtin:tiny', '--data', sampleSilos()[0], '--quantize', 'int8');
    expect(refused.code).toBe(ExitStatus.usage);
    expect(refused.stderr).toMatch(/--quantize.*int8.*nf4/);
    const simulateRefused = await fedlora('simulate', '--quantize', 'nf4,int4');
    expect(simulateRefused.code).toBe(ExitStatus.usage);
    expect(simulateRefused.stderr).toContain('expected nf4, nf4-dq, none, got int4');
  });
});
