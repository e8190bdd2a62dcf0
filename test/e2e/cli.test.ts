import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { describeFailure, ExitStatus } from '../../cli/exit-status.js';
import { sampleSilos, simulate } from '../../cli/simulate.js';
import { silentLogger } from '../../shared/infra/log.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { prepareRunStart } from '../../shared/model/run-start.js';
import { BASE_FINGERPRINT_METADATA, readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { baseWeightShapes } from '../../shared/model/llama.js';
import { CHATML_TEMPLATE, llamaHfConfig, randomTensors, writeCheckpoint } from '../../tools/hf-checkpoint.js';

// Drives the compiled `fedlora` command as a user would (npm test builds it first).
const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

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

function start(args: string[], onLine?: (line: string) => void): { done: Promise<Run>; kill: (signal?: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FEDLORA_LOG_FORMAT: 'json' } });
  running.add(child);
  child.on('close', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  // Results go to stdout, log lines to stderr.
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    // Only JSON log records: a library may print a banner of its own.
    if (line.startsWith('{')) onLine?.(line);
  });
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, kill: (signal = 'SIGKILL') => child.kill(signal) };
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
    const clients = tokens.map(
      (token, i) => start(['client', '--coordinator', coordinatorUrl, '--token', token, '--data', silos[i], '--backend', 'wasm']).done,
    );
    const [coordinator, ...clientRuns] = await Promise.all([coordinatorDone!, ...clients]);
    expect(coordinator.code, coordinator.stderr).toBe(0);
    for (const run of clientRuns) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('"event":"update_sent"');
      expect(run.stderr).toContain('"event":"run_finished"');
    }
    expect(coordinator.stderr).toContain('"event":"run_finished"');
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

  it('refuses a client with a wrong token: exit status 4 and a clear message', async () => {
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
      expect(client.code).toBe(ExitStatus.refused);
      expect(client.stderr).toMatch(/refused this token/);
    } finally {
      kill();
    }
  }, 60_000);

  it('says that a client stopped with Ctrl-C stopped', async () => {
    const config = await writeConfig(await mkdtemp(join(tmpdir(), 'fedlora-cli-')));
    let listening = (_url: string): void => undefined;
    const url = new Promise<string>((resolve) => (listening = resolve));
    const coordinator = start(['coordinator', '--config', config], (line) => {
      const record = JSON.parse(line) as { event?: string; url?: string };
      if (record.event === 'coordinator_listening') listening(record.url!);
    });
    try {
      // minClients is 2: the one client joins and waits.
      let joined = (): void => undefined;
      const welcomed = new Promise<void>((resolve) => (joined = resolve));
      const client = start(['client', '--coordinator', await url, '--token', tokens[0], '--data', sampleSilos()[0], '--backend', 'cpu'], (line) => {
        if ((JSON.parse(line) as { event?: string }).event === 'welcome') joined();
      });
      await welcomed;
      client.kill('SIGINT');
      const { code, stderr } = await client.done;
      expect(code).toBe(130);
      expect(stderr).toMatch(/"event":"stopped","signal":"SIGINT","msg":"stopped \(SIGINT\); the same command joins the run again"/);
    } finally {
      coordinator.kill();
    }
  }, 60_000);

  it('documents every command in --help', async () => {
    for (const [command, flags] of [
      ['coordinator', ['--config', '--port', '--run-dir', '--exit-when-done']],
      ['client', ['--coordinator', '--token', '--data', '--model', '--backend', '--lora-rank']],
      [
        'simulate',
        ['--clients', '--rounds', '--run-dir', '--port', '--strategy', '--lora-aggregation', '--lora-ranks', '--peft-method', '--encoding', '--error-feedback'],
      ],
    ] as const) {
      const run = await start([command, '--help']).done;
      expect(run.code).toBe(0);
      for (const flag of flags) expect(run.stdout).toContain(flag);
    }
    const coordinator = (await start(['coordinator', '--help']).done).stdout.replace(/\s+/g, ' ');
    expect(coordinator).not.toContain('run.json');
    expect(coordinator).toContain("--run-dir <dir> override runDir: where the run's state (state.sqlite) and round checkpoints are kept");
    // Which data format needs a chat template, wherever data is read.
    for (const command of ['client', 'simulate', 'eval']) {
      expect((await start([command, '--help']).done).stdout.replace(/\s+/g, ' ')).toContain('{"messages": [...]} (needs a model with a chat template');
    }
  });

  it("documents the exit statuses in every command's help", async () => {
    for (const command of ['coordinator', 'client', 'simulate', 'eval', 'generate', 'export', 'inspect', 'hash-token', 'privacy-budget', 'fingerprint']) {
      const run = await start([command, '--help']).done;
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Exit status:\n {2}0 {2}success\n {2}1 .*\n {2}2 {2}usage.*\n {2}3 {2}environment.*\n {2}4 /);
    }
  });

  it('ends a usage error with exit status 2', async () => {
    const run = await start(['client', '--data', 'x.jsonl', '--token', 't']).done;
    expect(run.code).toBe(ExitStatus.usage);
    expect(run.stderr).toMatch(/required option '--coordinator <url>'/);
  });

  it('refuses a coordinator URL without a scheme in one line, suggesting http:// and https://', async () => {
    const run = await start(['client', '--coordinator', '127.0.0.1:18499', '--token', 'cli-token-0123456789', '--data', sampleSilos()[0]]).done;
    expect(run.code).toBe(ExitStatus.usage);
    expect(run.stderr).toBe(
      'fedlora: the coordinator URL 127.0.0.1:18499 must start with http:// or https://: use http://127.0.0.1:18499, or https://127.0.0.1:18499 for a coordinator with TLS\n',
    );
  });

  it('names --port when the port is in use: one line, exit status 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as { port: number };
      const run = await start(['coordinator', '--config', await writeConfig(dir), '--port', String(port)]).done;
      expect(run.code).toBe(ExitStatus.environment);
      expect(run.stderr).toContain(
        `fedlora: cannot listen on 127.0.0.1:${port}: the port is in use by another process (EADDRINUSE); choose another with --port (or port in the configuration)\n`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }
  });

  it('names --run-dir when it is a file: one line, exit status 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
    const file = join(dir, 'not-a-directory');
    await writeFile(file, 'x');
    const run = await start(['coordinator', '--config', await writeConfig(dir), '--run-dir', file]).done;
    expect(run.code).toBe(ExitStatus.environment);
    expect(run.stderr).toMatch(
      new RegExp(
        `^fedlora: --run-dir \\(or runDir in the configuration\\) ${file}: cannot mkdir ${file}/rounds: a part of the path is a file, not a directory \\(ENOTDIR\\)\n$`,
        'm',
      ),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  describe("with a round's adapter", () => {
    const lora = { r: 2, alpha: 4, targetModules: ['q_proj', 'v_proj'] };
    let dir: string;
    let data: string;

    /** Writes round 1 of a run directory, recorded as trained on a base model with `fingerprint`. */
    async function writeRound(fingerprint: string, baseModel = 'builtin:tiny'): Promise<string> {
      const runDir = await mkdtemp(join(dir, 'run-'));
      await mkdir(join(runDir, 'rounds'));
      const { initialAdapter } = await prepareRunStart({ model: 'builtin:tiny', lora, seed: 1 });
      await writePeftAdapter(join(runDir, 'rounds', '1'), initialAdapter, { lora, baseModel, metadata: { [BASE_FINGERPRINT_METADATA]: fingerprint } });
      return runDir;
    }

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fedlora-cli-'));
      data = join(dir, 'eval.jsonl');
      await writeFile(data, `${JSON.stringify({ text: 'hello there' })}\n${JSON.stringify({ prompt: 'a', completion: 'b' })}\n`);
    });

    it('names export --out when it is a file, and the last round when --round is past it', async () => {
      const runDir = await writeRound(resolveModel('builtin:tiny').fingerprint);
      const file = join(dir, 'a-file');
      await writeFile(file, 'x');
      const intoFile = await start(['export', '--run-dir', runDir, '--out', join(file, 'adapter')]).done;
      expect(intoFile.code).toBe(ExitStatus.environment);
      expect(intoFile.stderr).toMatch(new RegExp(`^fedlora: --out ${file}/adapter: cannot \\w+ ${file}[^ ]*: .* \\(E(NOTDIR|EXIST)\\)\n$`));
      const pastTheEnd = await start(['export', '--run-dir', runDir, '--round', '7', '--out', join(dir, 'out')]).done;
      expect(pastTheEnd.code).toBe(ExitStatus.usage);
      expect(pastTheEnd.stderr).toBe(`fedlora: ${runDir} has no round 7: the last finished round is 1\n`);
    });

    it('eval and generate print only their result on stdout; an adapter of another base model gets a warning, or is refused with --strict', async () => {
      const foreign = join(await writeRound('0'.repeat(64)), 'rounds', '1');
      const evaluation = await start(['eval', '--model', 'builtin:tiny', '--adapter', foreign, '--data', data, '--backend', 'cpu']).done;
      expect(evaluation.code, evaluation.stderr).toBe(0);
      expect(Object.keys(JSON.parse(evaluation.stdout)).sort()).toEqual(['examples', 'loss', 'perplexity', 'tokens']);
      expect(evaluation.stderr).toContain('"event":"adapter_base_mismatch"');
      expect(evaluation.stderr).toMatch(`may not belong to model builtin:tiny: it was trained on a base model with fingerprint ${'0'.repeat(64)}`);

      const generated = await start([
        'generate',
        '--model',
        'builtin:tiny',
        '--adapter',
        foreign,
        '--prompt',
        'hi',
        '--max-new-tokens',
        '2',
        '--backend',
        'cpu',
      ]).done;
      expect(generated.code, generated.stderr).toBe(0);
      expect(generated.stdout).not.toContain('"level"');
      expect(generated.stderr).toContain('"event":"adapter_base_mismatch"');

      const strict = await start(['eval', '--model', 'builtin:tiny', '--adapter', foreign, '--data', data, '--backend', 'cpu', '--strict']).done;
      expect(strict.code).toBe(ExitStatus.usage);
      expect(strict.stdout).toBe('');
      expect(strict.stderr).toMatch(/may not belong to model builtin:tiny: .* \(refused with --strict\)\n$/);
    }, 60_000);
  });
});

describe('simulate', () => {
  it("shows each client's update as it arrives, and says when it resumes a run", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedlora-sim-'));
    const runDir = join(dir, 'run');
    // Small silos keep the evaluations short.
    const dataFiles = ['a', 'b'].map((name) => join(dir, `${name}.jsonl`));
    for (const file of dataFiles) await writeFile(file, `${JSON.stringify({ text: `silo ${file} says hello` })}\n`.repeat(4));
    const options = { clients: 2, dataFiles, port: 0, backend: 'wasm', localSteps: 1, runDir, logger: silentLogger() } as const;
    const first: string[] = [];
    await simulate({ ...options, rounds: 1, print: (line) => first.push(line) });
    expect(first.filter((line) => line.startsWith('  round 1: '))).toEqual([
      expect.stringMatching(/^ {2}round 1: silo-\d trained and sent its update \(1\/2\)$/),
      expect.stringMatching(/^ {2}round 1: silo-\d trained and sent its update \(2\/2\)$/),
    ]);
    expect(first.join('\n')).not.toMatch(/resumed/);
    expect(first[0]).toMatch(/^fedlora simulation: 2 clients, 1 round, /);
    // The round's adapter records the base model it belongs to.
    expect((await readPeftAdapter(join(runDir, 'rounds', '1'))).metadata[BASE_FINGERPRINT_METADATA]).toBe(resolveModel('builtin:tiny').fingerprint);

    const second: string[] = [];
    await simulate({ ...options, rounds: 2, print: (line) => second.push(line) });
    expect(second).toContain(`resumed the run in ${runDir} after round 1 of 2`);
    expect(second.filter((line) => line.startsWith('round '))).toEqual([expect.stringMatching(/^round 2\/2 /)]);
  }, 120_000);
});

describe('the failure of a command', () => {
  /** A system error as Node makes them. */
  function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
    return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
  }

  it('is one line naming the setting for a permission denied, with exit status 3', () => {
    const settings = { paths: [{ setting: '--out', path: '/srv/adapters/demo' }] };
    expect(describeFailure(systemError('EACCES', 'open', '/srv/adapters/demo/adapter_config.json'), settings)).toEqual({
      message: '--out /srv/adapters/demo: cannot open /srv/adapters/demo/adapter_config.json: permission denied (EACCES)',
      status: ExitStatus.environment,
    });
    expect(describeFailure(systemError('EACCES', 'mkdir', '/srv'), settings).message).toBe(
      '--out /srv/adapters/demo: cannot mkdir /srv: permission denied (EACCES)',
    );
    expect(describeFailure(systemError('EROFS', 'mkdir', '/elsewhere'), settings).message).toBe(
      'cannot mkdir /elsewhere: the file system is read-only (EROFS)',
    );
  });

  it('keeps the stack trace of an unexpected error, with exit status 1', () => {
    const { message, status } = describeFailure(new TypeError('x is undefined'));
    expect(status).toBe(ExitStatus.failed);
    expect(message).toMatch(/^unexpected error: TypeError: x is undefined\n\s+at /);
  });
});

describe('eval --task qa', () => {
  const questions = [
    { question: 'Capital of France?', answer: 'Paris' },
    { question: 'Largest US city?', answer: 'New York City', aliases: ['NYC'] },
  ];
  const chat = {
    messages: [
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris' },
    ],
  };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fedlora-qa-'));
  });

  async function jsonl(name: string, records: object[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    return path;
  }

  function expectQaReport(stdout: string, questionCount: number): void {
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(['exact_match', 'f1', 'questions', 'task']);
    expect(report).toMatchObject({ task: 'qa', questions: questionCount });
    for (const score of [report.exact_match, report.f1]) expect(score >= 0 && score <= 1).toBe(true);
  }

  it('prints the scores of builtin:tiny and writes each prediction with --predictions; refuses conversations on it', async () => {
    const data = await jsonl('questions.jsonl', questions);
    const predictionsFile = join(dir, 'predictions.jsonl');
    const run = await start([
      'eval',
      '--task',
      'qa',
      '--model',
      'builtin:tiny',
      '--data',
      data,
      '--max-new-tokens',
      '4',
      '--predictions',
      predictionsFile,
      '--backend',
      'cpu',
    ]).done;
    expect(run.code, run.stderr).toBe(0);
    expectQaReport(run.stdout, 2);
    const predictions = (await readFile(predictionsFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(predictions.map((p) => [p.question, p.answers])).toEqual([
      ['Capital of France?', ['Paris']],
      ['Largest US city?', ['New York City', 'NYC']],
    ]);
    for (const p of predictions) {
      expect(Object.keys(p).sort()).toEqual(['answers', 'exactMatch', 'f1', 'prediction', 'question']);
      expect(p.prediction).not.toContain('\n');
    }

    const conversation = await jsonl('chat.jsonl', [chat]);
    const refused = await start(['eval', '--task', 'qa', '--model', 'builtin:tiny', '--data', conversation, '--backend', 'cpu']).done;
    expect(refused.code).toBe(ExitStatus.usage);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${conversation}:1: {"messages"} records are rendered with the model's chat template, and this model has none`);
  }, 60_000);

  it('asks conversations through the chat template of a Hugging Face checkpoint', async () => {
    const config = {
      vocabSize: 272,
      hiddenSize: 16,
      intermediateSize: 32,
      numLayers: 1,
      numHeads: 2,
      numKvHeads: 1,
      headDim: 8,
      rmsNormEps: 1e-5,
      ropeTheta: 10000,
      maxPositionEmbeddings: 128,
      tieWordEmbeddings: true,
    };
    const model = join(dir, 'chat-model');
    writeCheckpoint(model, {
      hfConfig: llamaHfConfig(config, 'LlamaForCausalLM'),
      tensors: randomTensors(baseWeightShapes(config), 3, 0.1),
      tokenizer: { addsBos: true, chatTemplate: `{{ bos_token }}${CHATML_TEMPLATE}` },
    });
    const data = await jsonl('mixed.jsonl', [chat, questions[1]]);
    const run = await start(['eval', '--task', 'qa', '--model', model, '--data', data, '--max-new-tokens', '4', '--backend', 'cpu']).done;
    expect(run.code, run.stderr).toBe(0);
    expectQaReport(run.stdout, 2);
  }, 60_000);
});
