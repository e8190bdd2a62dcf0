import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleSilos } from '../cli/simulate.js';

// Drives the compiled `fedlora` command as a user would (npm test builds it first).
const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Processes a test started; any still running when it ends (a failure or a timeout) are killed. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function start(args: string[], onLine?: (line: string) => void): { done: Promise<Run>; kill: () => void } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FEDLORA_LOG_FORMAT: 'json' } });
  running.add(child);
  child.on('close', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    onLine?.(line);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
}

const tokens = ['cli-token-alpha-0123456789', 'cli-token-bravo-0123456789'];

async function writeConfig(dir: string, extra = ''): Promise<string> {
  const path = join(dir, 'coordinator.yaml');
  await writeFile(
    path,
    `host: 127.0.0.1
port: 0
runDir: ${JSON.stringify(join(dir, 'run'))}
rounds: 2
minClients: 2
model: builtin:tiny
clients:
  - { id: alpha, token: ${tokens[0]} }
  - { id: bravo, token: ${tokens[1]} }
lora: { r: 4, alpha: 8, targetModules: [q_proj, v_proj] }
train: { localSteps: 4, batchSize: 4, learningRate: 0.005, maxSeqLen: 48 }
${extra}`,
  );
  return path;
}

describe('fedlora command', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test does)`);
  });

  it('runs a coordinator and two clients as separate processes to the end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const config = await writeConfig(dir);
    let coordinatorDone: Promise<Run> | undefined;
    const coordinatorUrl = await new Promise<string>((resolve) => {
      coordinatorDone = start(['coordinator', '--config', config, '--exit-when-done'], (line) => {
        const record = JSON.parse(line) as { event?: string; url?: string };
        if (record.event === 'coordinator_listening') resolve(record.url!);
      }).done;
    });
    const silos = sampleSilos();
    const clients = tokens.map((token, i) =>
      start(['client', '--coordinator', coordinatorUrl, '--token', token, '--data', silos[i], '--backend', 'wasm']).done,
    );
    const [coordinator, ...clientRuns] = await Promise.all([coordinatorDone!, ...clients]);
    expect(coordinator.code, coordinator.stderr).toBe(0);
    for (const run of clientRuns) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('"event":"update_sent"');
      expect(run.stdout).toContain('"event":"run_finished"');
    }
    expect(coordinator.stdout).toContain('"event":"run_finished"');
    expect((await readdir(join(dir, 'run', 'rounds'))).sort()).toEqual(['1', '2']);
  }, 120_000);

  it('reports a wrong configuration field by name and exits with status 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const config = await writeConfig(dir, 'unexpectedKey: 1\n');
    await writeFile(config, (await import('node:fs')).readFileSync(config, 'utf8').replace('batchSize: 4', 'batchSize: "four"'));
    const run = await start(['coordinator', '--config', config]).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/train\.batchSize/);
    expect(run.stderr).toMatch(/unexpectedKey/);
  });

  it('refuses --host beyond loopback without tls or allowInsecure, naming the fields, with status 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const config = await writeConfig(dir, 'dashboard: { readToken: cli-read-token-0123456789 }\n');
    const run = await start(['coordinator', '--config', config, '--host', '0.0.0.0']).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tls: required when host is 0\.0\.0\.0, not loopback: .*set tls \(cert and key\), or allowInsecure: true/);
  });

  it('refuses a client with a wrong token: exit status 1 and a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const config = await writeConfig(dir);
    let kill = (): void => undefined;
    const url = await new Promise<string>((resolve) => {
      const run = start(['coordinator', '--config', config], (line) => {
        const record = JSON.parse(line) as { event?: string; url?: string };
        if (record.event === 'coordinator_listening') resolve(record.url!);
      });
      kill = run.kill;
    });
    try {
      const client = await start(['client', '--coordinator', url, '--token', 'wrong-token-0000000000', '--data', sampleSilos()[0], '--backend', 'cpu']).done;
      expect(client.code).toBe(1);
      expect(client.stderr).toMatch(/refused this token/);
    } finally {
      kill();
    }
  }, 60_000);

  it('documents every command in --help', async () => {
    for (const [command, flags] of [
      ['coordinator', ['--config', '--port', '--run-dir', '--exit-when-done']],
      ['client', ['--coordinator', '--token', '--data', '--model', '--backend', '--lora-rank']],
      ['simulate', ['--clients', '--rounds', '--run-dir', '--port', '--strategy', '--lora-aggregation', '--lora-ranks', '--encoding', '--error-feedback']],
    ] as const) {
      const run = await start([command, '--help']).done;
      expect(run.code).toBe(0);
      for (const flag of flags) expect(run.stdout).toContain(flag);
    }
  });
});
