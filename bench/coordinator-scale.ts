/**
 * The coordinator under load, as a child process (so that its memory is its own) driven by lightweight
 * protocol-level clients in this process (no model; every client sends the same synthetic update):
 * - peak RSS while 10 clients send 50 MiB updates for 10 rounds (100 updates), against the adapter size and
 *   against the same run with 4 MiB adapters (the fixed overhead);
 * - rounds with 1,000 clients connected at once (updates of 150k parameters), against the same rounds with 500
 *   (enough to keep the coordinator's upload budget full, so that only what grows with the clients shows):
 *   round wall time, the coordinator's time per update by stage (from /metrics), messages per second, RSS and
 *   the process's active handles at each round's start (a per-client timer or socket leaking between rounds
 *   would make them grow).
 * Linux only for RSS (/proc/<pid>/status); elsewhere those figures are left out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { makeAdapter, type AdapterWeights } from '../shared/lora/adapter.js';
import { ChunkReceiver, ChunkSender, MemorySink } from '../shared/wire/chunking.js';
import { describeModel, resolveModel, type LlamaConfig } from '../shared/model/model-config.js';
import { decodeMessage, encodeMessage } from '../shared/wire/protocol.js';
import { PROTOCOL_EVENT, PROTOCOL_VERSION, type Message, type TrainMessage } from '../shared/wire/messages.js';
import { encodeSafetensors } from '../shared/model/safetensors.js';
import { UPDATE_STAGES, type UpdateStage } from '../coordinator/round/update-timings.js';
import { llamaHfConfig, WIDE_LLAMA } from '../tools/hf-checkpoint.js';
import { residentBytes } from '../tools/resident-memory.js';
import type { Figure } from './figures.js';

const MIB = 2 ** 20;
const cliPath = join(import.meta.dirname, '..', 'cli', 'main.js');

/** A client that answers every training instruction with the same update, counting the messages it exchanges. */
class LoadClient {
  messages = 0;
  private readonly socket: Socket;
  private readonly uploads = new Map<string, ChunkSender>();
  private readonly downloads = new Map<string, ChunkReceiver>();
  private chunkWork: Promise<void> = Promise.resolve();
  /** The encoded update waiting for its upload grant. */
  private pendingUpdate: Uint8Array | undefined;
  private resolveFinished: (() => void) | undefined;
  /** Resolves when the coordinator says the run is finished. */
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(
    url: string,
    token: string,
    fingerprint: string,
    private readonly chunkBytes: number,
    private readonly reply: (instruction: TrainMessage, global: AdapterWeights | undefined) => Uint8Array,
    private readonly onTrain: (round: number) => void,
  ) {
    // Like real clients, they reconnect after losing the connection (e.g. a heartbeat missed on a busy machine).
    this.socket = io(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    this.socket.on('connect', () =>
      this.send(
        encodeMessage({
          kind: 'hello',
          clientId: '',
          modelFingerprint: fingerprint,
          backend: 'none',
          numTrainExamples: 10,
          numEvalExamples: 0,
          softwareVersion: PROTOCOL_VERSION,
          loraRank: 0,
        }),
      ),
    );
    this.socket.on(PROTOCOL_EVENT, (payload: Uint8Array) => {
      this.messages += 1;
      this.onMessage(decodeMessage(payload));
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private send(bytes: Uint8Array): void {
    if (bytes.byteLength <= this.chunkBytes) {
      this.messages += 1;
      this.socket.emit(PROTOCOL_EVENT, bytes);
      return;
    }
    const sender = new ChunkSender(bytes, this.chunkBytes, (chunk) => {
      this.messages += 1;
      this.socket.emit(PROTOCOL_EVENT, encodeMessage(chunk));
      return true;
    });
    this.uploads.set(sender.transferId, sender);
    void sender.done.then(() => this.uploads.delete(sender.transferId));
    sender.pump();
  }

  private onMessage(message: Message): void {
    switch (message.kind) {
      case 'chunk':
        this.chunkWork = this.chunkWork.then(async () => {
          let receiver = this.downloads.get(message.transferId);
          if (!receiver) {
            receiver = ChunkReceiver.start(message, { maxPayloadBytes: 2 ** 31, maxChunkBytes: 2 ** 31 }, (total) => new MemorySink(total));
            this.downloads.set(message.transferId, receiver);
          }
          const next = await receiver.accept(message);
          this.send(encodeMessage({ kind: 'chunkAck', transferId: message.transferId, nextIndex: next }));
          if (receiver.complete) {
            this.downloads.delete(message.transferId);
            this.onMessage(decodeMessage(await receiver.finish()));
          }
        });
        return;
      case 'chunkAck':
        this.uploads.get(message.transferId)?.onAck(message.nextIndex);
        return;
      case 'train': {
        this.onTrain(message.round);
        this.pendingUpdate = this.reply(message, message.globalAdapter);
        this.send(encodeMessage({ kind: 'uploadRequest', round: message.round, updateId: updateIdOf(message.round), bytes: this.pendingUpdate.byteLength }));
        return;
      }
      case 'uploadGrant':
        if (this.pendingUpdate) this.send(this.pendingUpdate);
        this.pendingUpdate = undefined;
        return;
      case 'finished':
        this.resolveFinished?.();
        return;
      default:
        return;
    }
  }
}

const updateIdOf = (round: number): string => `round-${round}`;

/** Every client's update: the same constant values in the global adapter's layout, encoded once per round. */
function sharedReply(): (instruction: TrainMessage, global: AdapterWeights | undefined) => Uint8Array {
  let layout: AdapterWeights | undefined;
  let cached: { round: number; bytes: Uint8Array } | undefined;
  return (instruction, global) => {
    layout ??= global;
    if (cached?.round !== instruction.round) {
      const update = makeAdapter([...layout!].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1e-4) }]));
      cached = {
        round: instruction.round,
        bytes: encodeMessage({
          kind: 'update',
          updateId: updateIdOf(instruction.round),
          round: instruction.round,
          globalDigest: instruction.globalDigest,
          update,
          numExamples: 10,
          trainLoss: 1,
          tokensPerSecond: 1,
          steps: 1,
          durationMs: 1,
        }),
      };
    }
    return cached.bytes;
  };
}

/** One sample value of a Prometheus text exposition, by metric name and exact label set ('' for none). */
function metric(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

interface ScenarioResult {
  readonly adapterBytes: number;
  readonly peakRss: number | undefined;
  /** RSS when the first training instructions go out: every client connected, no update received yet. */
  readonly connectedRss: number | undefined;
  readonly roundMs: number[];
  readonly wallMs: number;
  readonly messages: number;
  readonly updates: number;
  /** Mean milliseconds per accepted update, by stage. */
  readonly perUpdateMs: Record<UpdateStage, number>;
  /** Active handles of the coordinator process at the start of each round. */
  readonly handlesAtRoundStart: number[];
}

interface Scenario {
  readonly clients: number;
  readonly rounds: number;
  readonly model: string;
  readonly lora: { r: number; alpha: number; targetModules: string[] };
  readonly chunkBytes: number;
}

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fedlora-bench-'));
  const tokens = Array.from({ length: scenario.clients }, (_, i) => `bench-token-${i}-${'x'.repeat(16)}`);
  const config = {
    host: '127.0.0.1',
    port: 0,
    runDir: join(dir, 'run'),
    rounds: scenario.rounds,
    minClients: scenario.clients,
    model: scenario.model,
    lora: scenario.lora,
    train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 8 },
    roundTimeoutMs: 300_000,
    chunkBytes: scenario.chunkBytes,
    maxMessageBytes: scenario.chunkBytes + MIB,
    clients: tokens.map((token, i) => ({ id: `c${i}`, token })),
  };
  const configPath = join(dir, 'coordinator.json');
  await writeFile(configPath, JSON.stringify(config));
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'coordinator', '--config', configPath], {
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, FEDLORA_LOG_FORMAT: 'json' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const onData = (data: Buffer): void => {
        buffered += data.toString();
        const match = /"url":"([^"]+)"/.exec(buffered);
        if (match) {
          // The log is drained from here on without being kept: it is part of the coordinator's work, not ours.
          child.stderr!.off('data', onData);
          child.stderr!.resume();
          resolve(match[1]);
        }
      };
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the coordinator exited with code ${code} before listening`)));
    });
    const fingerprint = resolveModel(scenario.model).fingerprint;
    const handlesAtRoundStart: number[] = [];
    let connectedRss: number | undefined;
    let roundsSeen = 0;
    const onTrain = (round: number): void => {
      if (round <= roundsSeen) return;
      roundsSeen = round;
      if (round === 1) connectedRss = residentBytes(child.pid!, 'VmRSS');
      void fetch(`${url}/metrics`)
        .then((r) => r.text())
        .then((text) => handlesAtRoundStart.push(metric(text, 'nodejs_active_handles_total')));
    };
    const reply = sharedReply();
    const started = performance.now();
    const clients = tokens.map((token) => new LoadClient(url, token, fingerprint, scenario.chunkBytes, reply, onTrain));
    await Promise.all(clients.map((c) => c.finished));
    const wallMs = performance.now() - started;
    const peak = residentBytes(child.pid!, 'VmHWM');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const records = (await (await fetch(`${url}/api/v1/rounds`)).json()) as { duration_ms: number; raw_update_bytes: number; participants: number }[];
    clients.forEach((c) => c.close());
    const updates = metric(metrics, 'fedlora_updates_accepted_total');
    const perUpdateMs = Object.fromEntries(
      UPDATE_STAGES.map((stage) => [stage, (metric(metrics, 'fedlora_update_stage_seconds_total', `{stage="${stage}"}`) * 1000) / updates]),
    ) as Record<UpdateStage, number>;
    return {
      adapterBytes: records[0].raw_update_bytes / records[0].participants,
      peakRss: peak,
      connectedRss,
      roundMs: records.map((r) => r.duration_ms),
      wallMs,
      messages: clients.reduce((n, c) => n + c.messages, 0),
      updates,
      perUpdateMs,
      handlesAtRoundStart,
    };
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Llama-shaped checkpoint holding only its config and one small tensor: enough for the coordinator. */
async function largeModel(dir: string, config: LlamaConfig): Promise<string> {
  await writeFile(join(dir, 'config.json'), JSON.stringify(llamaHfConfig(config, 'LlamaForCausalLM')));
  await writeFile(
    join(dir, 'model.safetensors'),
    encodeSafetensors([['model.norm.weight', { shape: [config.hiddenSize], data: new Float32Array(config.hiddenSize).fill(1) }]]),
  );
  return dir;
}

const mib = (bytes: number): number => bytes / MIB;
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Figure 4: peak RSS of the coordinator taking 100 updates of 50 MiB (10 clients uploading at once, 10 rounds),
 * against the same run with 4 MiB adapters. The smaller run's peak holds the fixed overhead: Node and its
 * libraries, and the chunks in flight for 10 uploads and 10 downloads — at 4 MiB every transfer fills its window
 * of 4 chunks of 1 MiB, as at 50 MiB (a smaller adapter would not, and would count the chunks as adapter memory).
 * What the larger adapter adds, per byte of adapter added, is the memory the coordinator holds per adapter.
 */
async function memoryFigures(): Promise<Figure[]> {
  const modelDir = await largeModel(await mkdtemp(join(tmpdir(), 'fedlora-bench-model-')), describeModel('bench-50mib', WIDE_LLAMA).config);
  const scenario = (r: number): Scenario => ({
    clients: 10,
    rounds: 10,
    model: modelDir,
    lora: { r, alpha: 16, targetModules: ['q_proj', 'v_proj'] },
    chunkBytes: MIB,
  });
  try {
    const small = await runScenario(scenario(16));
    const large = await runScenario(scenario(200));
    if (large.peakRss === undefined || small.peakRss === undefined) return [];
    const added = large.adapterBytes - small.adapterBytes;
    return [
      {
        name: `coordinator peak RSS, ${large.updates} updates of ${mib(large.adapterBytes).toFixed(0)} MiB (10 at once)`,
        value: mib(large.peakRss),
        unit: 'MiB',
        baseline: mib(large.adapterBytes),
        ratio: large.peakRss / large.adapterBytes,
        target: '<= 3 + fixed/adapter',
      },
      {
        name: `the same run with ${mib(small.adapterBytes).toFixed(0)} MiB adapters (fixed overhead + 3 small adapters)`,
        value: mib(small.peakRss),
        unit: 'MiB',
        baseline: mib(small.adapterBytes),
        ratio: small.peakRss / small.adapterBytes,
        target: '',
      },
      {
        name: `peak RSS added per MiB of adapter added (${mib(small.adapterBytes).toFixed(0)} → ${mib(large.adapterBytes).toFixed(0)} MiB)`,
        value: mib(large.peakRss - small.peakRss),
        unit: 'MiB',
        baseline: mib(added),
        ratio: (large.peakRss - small.peakRss) / added,
        target: '<= 3',
      },
    ];
  } finally {
    await rm(modelDir, { recursive: true, force: true });
  }
}

/**
 * Clients of the run figure 5 compares with. Memory taken by rounds grows with the clients until their updates
 * keep the upload budget full and the garbage collector's slack (dead receive buffers) is used up; from about
 * 500 clients on it stays flat (measured figures: docs/performance.md).
 */
const BASELINE_CLIENTS = 500;

/** Figure 5: rounds with 1,000 clients, against the same rounds with BASELINE_CLIENTS (updates of 149,504 parameters). */
async function scaleFigures(): Promise<Figure[]> {
  const scenario = (clients: number): Scenario => ({
    clients,
    rounds: 3,
    model: 'builtin:tiny',
    lora: { r: 64, alpha: 16, targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] },
    chunkBytes: 4 * MIB,
  });
  const small = await runScenario(scenario(BASELINE_CLIENTS));
  const large = await runScenario(scenario(1000));
  const coordinatorMs = (r: ScenarioResult): number => UPDATE_STAGES.filter((s) => s !== 'store').reduce((n, s) => n + r.perUpdateMs[s], 0);
  const figures: Figure[] = [
    {
      name: `1,000 clients: round wall time (vs ${BASELINE_CLIENTS} clients)`,
      value: mean(large.roundMs) / 1000,
      unit: 's',
      baseline: mean(small.roundMs) / 1000,
      ratio: mean(large.roundMs) / mean(small.roundMs),
      target: `~${1000 / BASELINE_CLIENTS} (linear)`,
    },
    ...UPDATE_STAGES.map(
      (stage): Figure => ({
        name: `1,000 clients: ${stage}${stage === 'store' ? ' (wall)' : ''} per update (vs ${BASELINE_CLIENTS} clients)`,
        value: large.perUpdateMs[stage],
        unit: 'ms',
        baseline: small.perUpdateMs[stage],
        ratio: large.perUpdateMs[stage] / small.perUpdateMs[stage],
        target: '~1 (no growth)',
      }),
    ),
    ...(['bookkeeping', 'acknowledge'] as const).map(
      (stage): Figure => ({
        name: `1,000 clients: ${stage} share of coordinator time`,
        value: large.perUpdateMs[stage],
        unit: 'ms',
        baseline: coordinatorMs(large),
        ratio: large.perUpdateMs[stage] / coordinatorMs(large),
        target: stage === 'bookkeeping' ? '< 0.10' : '(a message sent)',
      }),
    ),
    {
      name: `1,000 clients: messages per second (vs ${BASELINE_CLIENTS} clients)`,
      value: large.messages / (large.wallMs / 1000),
      unit: 'msg/s',
      baseline: small.messages / (small.wallMs / 1000),
      ratio: large.messages / large.wallMs / (small.messages / small.wallMs),
      target: '>= 1',
    },
  ];
  if (large.peakRss !== undefined && small.peakRss !== undefined) {
    figures.push({
      name: `1,000 clients: coordinator peak RSS (vs ${BASELINE_CLIENTS} clients)`,
      value: mib(large.peakRss),
      unit: 'MiB',
      baseline: mib(small.peakRss),
      ratio: large.peakRss / small.peakRss,
      target: 'adapter-sized buffers + per-connection state',
    });
  }
  if (large.peakRss !== undefined && small.peakRss !== undefined && large.connectedRss !== undefined && small.connectedRss !== undefined) {
    // What the rounds add to the memory of the connections themselves: the updates in flight, not the clients.
    const [largeRounds, smallRounds] = [large.peakRss - large.connectedRss, small.peakRss - small.connectedRss];
    figures.push(
      {
        name: `1,000 clients: RSS with every client connected, before the first update (vs ${BASELINE_CLIENTS})`,
        value: mib(large.connectedRss),
        unit: 'MiB',
        baseline: mib(small.connectedRss),
        ratio: large.connectedRss / small.connectedRss,
        target: 'per-connection state',
      },
      {
        name: `1,000 clients: peak RSS above that (vs ${BASELINE_CLIENTS} clients)`,
        value: mib(largeRounds),
        unit: 'MiB',
        baseline: mib(smallRounds),
        ratio: largeRounds / smallRounds,
        target: '~1 (independent of clients)',
      },
    );
  }
  figures.push({
    name: '1,000 clients: active handles at the last round start (vs the first)',
    value: large.handlesAtRoundStart.at(-1) ?? 0,
    unit: 'handles',
    baseline: large.handlesAtRoundStart[0] ?? 0,
    ratio: (large.handlesAtRoundStart.at(-1) ?? 0) / (large.handlesAtRoundStart[0] ?? 1),
    target: '1 (nothing leaks between rounds)',
  });
  return figures;
}

/** The coordinator's figures: `memory` (item 4) and `scale` (item 5). */
export const coordinatorBenchmarks = { memory: memoryFigures, scale: scaleFigures } as const;
