/** A benchmark figure, its baseline measured in the same run, and how the results are printed and kept. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  readonly ratio: number;
  readonly target: string;
}

/** Prints the figures as a table and writes them as JSON (bench-results/<time>.json) for later comparison. */
export async function reportFigures(figures: readonly Figure[], extra: Record<string, unknown> = {}): Promise<void> {
  const digits = (f: Figure): number => (f.unit === 'bytes' ? 0 : f.value >= 100 ? 0 : f.value >= 1 ? 1 : 3);
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(digits(f))} ${f.unit}`, `${f.baseline.toFixed(digits(f))}`, f.ratio.toFixed(3), f.target]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  const dir = join(process.cwd(), 'bench-results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ node: process.version, platform: `${process.platform} ${process.arch}`, ...extra, figures }, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
}
