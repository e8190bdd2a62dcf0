/**
 * The PEFT methods on the bundled silos, for `npm run bench:runs`: per method, the final eval loss of the demo
 * simulation, the bytes a round's updates take up, the values a client trains, and a client's peak resident memory.
 *
 * Every method runs on one model, so that the rows compare: builtin:tiny has no bias terms for BitFit, so it is a
 * Qwen2 checkpoint of builtin:tiny's shape (Qwen2 adds biases to q, k and v) with seeded random weights and a
 * byte-level tokenizer (tools/hf-checkpoint.ts). QLoRA is LoRA with every client holding its base in NF4.
 *
 * The simulation runs coordinator and clients in one process, so a client's peak memory is measured apart: a child
 * process per method (bench/train-workload.ts) that loads the model and the first silo, as a client does, and
 * trains the round's local steps with the method's adapter.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleSilos, simulate, type SimulationOptions } from '../cli/simulate.js';
import { silentLogger } from '../shared/infra/log.js';
import { adapterConfig } from '../shared/lora/lora.js';
import { peftSpecSchema, type PeftMethod } from '../shared/lora/peft-method.js';
import { baseWeightShapes } from '../shared/model/llama.js';
import { defaultTargetModules, resolveModel, textModelConfig, type LlamaConfig } from '../shared/model/model-config.js';
import type { Quantization } from '../shared/model/quantize.js';
import { llamaHfConfig, randomTensors, TOKENIZER_VOCAB, writeCheckpoint } from '../tools/hf-checkpoint.js';
import { loadAverage, measureInChild } from './train-workload.js';

/** The settings every benchmarked simulation shares: the demo's clients, local steps and batches. */
const CLIENTS = 3;
const LOCAL_STEPS = 30;
const BATCH_SIZE = 8;
const MAX_SEQ_LEN = 128;
const RANK = 8;

/** The demo simulation with `options`, in a scratch run directory removed afterwards. */
export async function benchSimulation(rounds: number, options: Partial<SimulationOptions>) {
  const scratch = await mkdtemp(join(tmpdir(), 'fedlora-bench-'));
  return simulate({
    clients: CLIENTS,
    rounds,
    localSteps: LOCAL_STEPS,
    maxSeqLen: MAX_SEQ_LEN,
    port: 0,
    backend: 'auto',
    runDir: join(scratch, 'run'),
    logger: silentLogger(),
    print: () => undefined,
    ...options,
  }).finally(() => rm(scratch, { recursive: true, force: true }));
}

const METHODS: readonly { method: PeftMethod; quantize?: Quantization }[] = [
  { method: 'lora' },
  { method: 'qlora', quantize: 'nf4' },
  { method: 'dora' },
  { method: 'prompt-tuning' },
  { method: 'prefix-tuning' },
  { method: 'bitfit' },
];

/** builtin:tiny's shape as a Qwen2 (biases on q, k, v) over the byte-level tokenizer of tools/hf-checkpoint.ts. */
function writeTinyQwen2(dir: string): void {
  const builtin = textModelConfig(resolveModel('builtin:tiny')).config as LlamaConfig;
  const config: LlamaConfig = { ...builtin, vocabSize: TOKENIZER_VOCAB, qkvBias: true, initSeed: undefined };
  // builtin:tiny's initialisation: linear layers std 0.02, the tied embeddings std 0.1, norms about 1.
  const tensors = randomTensors(baseWeightShapes(config), 1, 0.02);
  for (const [name, tensor] of randomTensors([['model.embed_tokens.weight', [config.vocabSize, config.hiddenSize]]], 2, 0.1)) tensors.set(name, tensor);
  writeCheckpoint(dir, { hfConfig: llamaHfConfig(config, 'Qwen2ForCausalLM'), tensors, tokenizer: { addsBos: false } });
}

export interface PeftRow {
  readonly method: PeftMethod;
  readonly quantize: Quantization | 'fp32';
  /** The model's eval loss before any training: where each method starts. */
  readonly initialEvalLoss: number;
  readonly finalEvalLoss: number;
  readonly bytesUpPerRound: number;
  readonly trainableValues: number;
  readonly clientPeakRssMb: number;
  readonly clientBackend: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
}

/** Runs every method, prints the table and returns its rows. */
export async function comparePeftMethods(rounds: number): Promise<PeftRow[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'fedlora-bench-peft-'));
  const model = join(scratch, 'tiny-qwen2');
  writeTinyQwen2(model);
  const targetModules = defaultTargetModules(resolveModel(model));
  process.stdout.write(
    `PEFT methods on a Qwen2 of builtin:tiny's shape (seeded random weights, biases on q,k,v), ${CLIENTS} clients, ${rounds} rounds of ` +
      `${LOCAL_STEPS} local steps (batch ${BATCH_SIZE} × ${MAX_SEQ_LEN}); LoRA-family methods r=${RANK} on ${targetModules.join(',')}; ` +
      `${cpus().length} cores, load average ${loadAverage()}\n`,
  );
  const rows: PeftRow[] = [];
  try {
    for (const { method, quantize } of METHODS) {
      const loadBefore = loadAverage();
      const peft = peftSpecSchema.parse({ method });
      const result = await benchSimulation(rounds, { model, peft, quantize: quantize && [quantize] });
      const client = await measureInChild({
        model,
        dataPath: sampleSilos()[0],
        backend: 'auto',
        quantize,
        batchSize: BATCH_SIZE,
        maxSeqLen: MAX_SEQ_LEN,
        steps: LOCAL_STEPS,
        lora: adapterConfig(peft, { r: RANK, alpha: 2 * RANK, targetModules }),
      });
      if ('error' in client) throw new Error(`${method}: the client measurement failed: ${client.error}`);
      rows.push({
        method,
        quantize: quantize ?? 'fp32',
        initialEvalLoss: result.baselineEvalLoss ?? Number.NaN,
        finalEvalLoss: result.rounds.at(-1)?.eval_loss ?? Number.NaN,
        bytesUpPerRound: result.rounds.reduce((n, r) => n + r.bytes_up, 0) / result.rounds.length,
        trainableValues: client.trainableValues,
        clientPeakRssMb: client.peakRssMb,
        clientBackend: client.backend,
        loadBefore,
        loadAfter: loadAverage(),
      });
      process.stdout.write(`${method}: final eval loss ${rows.at(-1)!.finalEvalLoss.toFixed(4)}\n`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const header = `${'method'.padEnd(14)}  base  eval loss before → final  bytes up per round  trained values  client peak RSS MB  client backend  load average before → after`;
  const lines = rows.map(
    (r) =>
      `${r.method.padEnd(14)}  ${r.quantize.padEnd(4)}  ${`${r.initialEvalLoss.toFixed(4)} → ${r.finalEvalLoss.toFixed(4)}`.padStart(25)}  ${r.bytesUpPerRound.toFixed(0).padStart(18)}  ` +
      `${String(r.trainableValues).padStart(14)}  ${r.clientPeakRssMb.toFixed(0).padStart(17)}  ${r.clientBackend.padEnd(14)}  ${r.loadBefore} → ${r.loadAfter}`,
  );
  process.stdout.write(`\n${header}\n${lines.join('\n')}\n`);
  return rows;
}
