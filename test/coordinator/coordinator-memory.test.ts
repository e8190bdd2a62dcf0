import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAdapter, rawByteSize, type AdapterWeights } from '../../shared/lora/adapter.js';
import { describeModel, resolveModel } from '../../shared/model/model-config.js';
import { readPeftAdapter } from '../../shared/lora/peft.js';
import { encodeMessage } from '../../shared/wire/protocol.js';
import type { TrainMessage } from '../../shared/wire/messages.js';
import { clientCredentials, testConfigInput } from '../helpers/coordinator.js';
import { llamaHfConfig, WIDE_LLAMA, writeCheckpoint } from '../../tools/hf-checkpoint.js';
import { freePort, runCli } from '../helpers/processes.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { residentBytes } from '../../tools/resident-memory.js';

const MIB = 2 ** 20;
/**
 * What the coordinator process needs besides adapter-sized buffers: Node, its libraries and SQLite, plus the
 * chunks in flight — each transfer keeps at most 4 chunks unacknowledged, here 8 uploads and 8 downloads of
 * 1 MiB chunks (64 MiB at most, counted twice for socket.io's framing copies).
 */
const FIXED_OVERHEAD_BYTES = 256 * MIB;

const clients: ScriptedClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.close()));

// A Llama-shaped checkpoint (config only, plus one small tensor for its fingerprint) whose q and v LoRA adapters
// at r 1024 hold 4 layers × 2 modules × 1024 × (4096 + 4096) float32 values: 256 MiB.
const LARGE_MODEL = describeModel('large', WIDE_LLAMA).config;
const UPDATE_VALUE = 1 / 1024;

describe.skipIf(process.platform !== 'linux')('coordinator memory', () => {
  it('takes 256 MiB updates from 8 clients uploading at once within 3× the adapter size plus a fixed overhead', async () => {
    const modelDir = join(await mkdtemp(join(tmpdir(), 'fedlora-large-')), 'model');
    writeCheckpoint(modelDir, {
      hfConfig: llamaHfConfig(LARGE_MODEL, 'LlamaForCausalLM'),
      tokenizer: { addsBos: false },
      tensors: new Map([['model.norm.weight', { shape: [4096], data: new Float32Array(4096).fill(1) }]]),
    });
    const credentials = clientCredentials(8);
    const port = await freePort();
    const input = await testConfigInput({
      clients: credentials,
      port,
      model: modelDir,
      lora: { r: 1024, alpha: 16, targetModules: ['q_proj', 'v_proj'] },
      chunkBytes: MIB,
      maxMessageBytes: 2 * MIB,
      roundTimeoutMs: 900_000,
    });
    const configPath = join(await mkdtemp(join(tmpdir(), 'fedlora-memory-')), 'coordinator.json');
    await writeFile(configPath, JSON.stringify(input));
    const coordinator = runCli(['coordinator', '--config', configPath]);
    await coordinator.waitForLog((r) => r.event === 'coordinator_listening', 120_000);

    // Every client sends the same update (constant values), encoded once here, with a different weight: the
    // weighted mean is that update exactly.
    let adapterBytes = 0;
    let encoded: Uint8Array | undefined;
    const reply = (instruction: TrainMessage, global: AdapterWeights): Uint8Array => {
      adapterBytes = rawByteSize(global);
      encoded ??= encodeMessage({
        kind: 'update',
        updateId: `round-${instruction.round}`,
        round: instruction.round,
        globalDigest: instruction.globalDigest,
        update: makeAdapter([...global].map(([name, t]) => [name, { shape: t.shape, data: new Float32Array(t.data.length).fill(UPDATE_VALUE) }])),
        numExamples: 1,
        trainLoss: 1,
        tokensPerSecond: 1,
        steps: 1,
        durationMs: 1,
      });
      return encoded;
    };
    const fingerprint = resolveModel(modelDir).fingerprint;
    for (const credential of credentials) {
      // No evaluation data: the coordinator sends no evaluation instruction, only the training one.
      clients.push(
        new ScriptedClient({ url: `http://127.0.0.1:${port}`, token: credential.token, fingerprint, numEvalExamples: 0, chunkBytes: MIB, onTrain: reply }),
      );
    }
    // About 3 minutes on an idle 2-core machine (2 GiB each way over loopback); allow for a busy one.
    const finished = await coordinator.waitForLog((r) => r.event === 'run_finished', 900_000);
    const peak = residentBytes(coordinator.child.pid!, 'VmHWM')!;
    coordinator.child.kill('SIGTERM');
    await coordinator.done;

    expect(finished.rounds).toBe(1);
    expect(adapterBytes).toBe(256 * MIB);
    const round = (await coordinator.waitForLog((r) => r.event === 'round_finished')) as { participants: number };
    expect(round.participants).toBe(8);
    const adapter = (await readPeftAdapter(join(input.runDir, 'rounds', '1'))).adapter;
    // B starts at zero, so after one round it holds the mean update.
    for (const [name, t] of adapter) {
      if (name.includes('lora_B')) expect(t.data.every((v) => v === UPDATE_VALUE)).toBe(true);
    }
    console.info(
      `coordinator peak RSS with 8 clients uploading 256 MiB updates at once: ${(peak / MIB).toFixed(0)} MiB ` +
        `= ${(peak / adapterBytes).toFixed(2)}× the adapter (limit 3× + ${FIXED_OVERHEAD_BYTES / MIB} MiB = ${((3 * adapterBytes + FIXED_OVERHEAD_BYTES) / MIB).toFixed(0)} MiB)`,
    );
    expect(peak).toBeLessThan(3 * adapterBytes + FIXED_OVERHEAD_BYTES);
  }, 1_000_000);
});
