/**
 * `npm run bench:runs`: the demo simulation (bundled non-IID silos, built-in model, same seeds and rounds) under
 * different strategies, LoRA aggregations, client ranks and update encodings; prints the final eval loss and the
 * payload bytes of each against plain FedAvg with fp32 updates. Then the PEFT methods (bench/peft-runs.ts; BENCH_PEFT=0
 * leaves them out). Writes the figures to bench-results/runs-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulationOptions } from '../cli/simulate.js';
import { benchSimulation, comparePeftMethods } from './peft-runs.js';

type Variant = Pick<SimulationOptions, 'strategy' | 'loraAggregation' | 'loraRanks' | 'encoding' | 'errorFeedback'>;

const variants: [string, Variant][] = [
  ['fedavg, fp32 (baseline)', {}],
  ['ffa (A frozen)', { loraAggregation: 'ffa' }],
  ['exact (products B·A)', { loraAggregation: 'exact' }],
  ['fedavg, ranks 4/8/16 (HetLoRA)', { loraRanks: [4, 8, 16] }],
  ['exact, ranks 4/8/16', { loraAggregation: 'exact', loraRanks: [4, 8, 16] }],
  ['fedprox mu 0.01', { strategy: { name: 'fedprox', mu: 0.01 } }],
  ['fedadam eta 0.01 tau 1e-3', { strategy: { name: 'fedadam', eta: 0.01, tau: 1e-3 } }],
  ['fp16 updates', { encoding: 'fp16' }],
  ['bf16 updates', { encoding: 'bf16' }],
  ['int8 updates', { encoding: 'int8' }],
  ['int8 updates, error feedback', { encoding: 'int8', errorFeedback: true }],
];

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  // BENCH_VARIANTS=exact,ranks runs the baseline and the variants whose names contain one of these.
  const only = process.env.BENCH_VARIANTS?.split(',');
  const selected = variants.filter(([name], i) => i === 0 || !only || only.some((part) => name.includes(part)));
  const results: { name: string; finalEvalLoss: number; bytesUp: number; bytesDown: number; durationMs: number }[] = [];
  for (const [name, variant] of selected) {
    const result = await benchSimulation(rounds, variant);
    const last = result.rounds.at(-1)!;
    results.push({
      name,
      finalEvalLoss: last.eval_loss ?? Number.NaN,
      bytesUp: result.rounds.reduce((n, r) => n + r.bytes_up, 0),
      bytesDown: result.rounds.reduce((n, r) => n + r.bytes_down, 0),
      durationMs: result.durationMs,
    });
    process.stdout.write(`${name}: final eval loss ${last.eval_loss?.toFixed(4)}\n`);
  }
  const baseline = results[0];
  const header = `${'variant'.padEnd(30)}  final eval loss  vs fp32 FedAvg  bytes up  vs fp32 FedAvg  bytes down  vs fp32 FedAvg`;
  const lines = results.map(
    (r) =>
      `${r.name.padEnd(30)}  ${r.finalEvalLoss.toFixed(4).padStart(15)}  ${((r.finalEvalLoss / baseline.finalEvalLoss - 1) * 100).toFixed(2).padStart(13)}%  ${String(r.bytesUp).padStart(8)}  ${(r.bytesUp / baseline.bytesUp).toFixed(3).padStart(14)}  ${String(r.bytesDown).padStart(10)}  ${(r.bytesDown / baseline.bytesDown).toFixed(3).padStart(14)}`,
  );
  process.stdout.write(`\n${header}\n${lines.join('\n')}\n\n`);
  const peft = process.env.BENCH_PEFT === '0' ? [] : await comparePeftMethods(rounds);
  const dir = join(process.cwd(), 'bench-results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `runs-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ node: process.version, rounds, results, peft }, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
}

await main();
