/**
 * `fedlora inspect`: what a PEFT adapter changes, module by module: ‖ΔW‖_F of each adapted weight and, given the
 * base checkpoint, the change relative to the weight itself. The base weights are read one tensor at a time and
 * only their norms kept.
 */
import type { Command } from 'commander';
import { loraScaling } from '../shared/lora/lora.js';
import { readPeftAdapter } from '../shared/lora/peft.js';
import { moduleShiftReport, moduleShifts, type ModuleShiftReport } from '../shared/lora/shifts.js';
import { readBaseWeightNorms } from '../shared/model/base-weight-norms.js';
import { resolveModel } from '../shared/model/model-config.js';
import { reportAndExit } from './exit-status.js';

export interface InspectReport {
  readonly base_model: string;
  readonly r: number;
  readonly lora_alpha: number;
  readonly use_rslora: boolean;
  readonly scaling: number;
  readonly modules: readonly ModuleShiftReport[];
}

export async function inspectAdapter(options: { readonly adapter: string; readonly model?: string }): Promise<InspectReport> {
  const peft = await readPeftAdapter(options.adapter);
  const scaling = loraScaling(peft.lora);
  const shifts = moduleShifts(peft.adapter, scaling);
  const baseNorms = options.model === undefined ? undefined : await readBaseWeightNorms(resolveModel(options.model), peft.lora.targetModules, peft.adapter);
  return {
    base_model: peft.baseModel,
    r: peft.lora.r,
    lora_alpha: peft.lora.alpha,
    use_rslora: peft.lora.useRslora ?? false,
    scaling,
    modules: shifts.map((shift) => moduleShiftReport(shift, baseNorms?.get(shift.modulePath))),
  };
}

/** The report as a fixed-width table, one row per module. */
export function formatInspectTable(report: InspectReport): string {
  const withBase = report.modules.some((m) => m.base_norm !== undefined);
  const number = (x: number | null | undefined) => (x === undefined ? '' : x === null ? 'inf' : x.toPrecision(4));
  const header = ['layer', 'module', '‖ΔW‖_F', ...(withBase ? ['‖W‖_F', '‖ΔW‖/‖W‖'] : [])];
  const rows = report.modules.map((m) => [
    m.layer === null ? '-' : String(m.layer),
    m.module,
    number(m.delta_norm),
    ...(withBase ? [number(m.base_norm), number(m.relative_change)] : []),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const scalingNote = `scaling = lora_alpha / ${report.use_rslora ? '√r' : 'r'} = ${report.lora_alpha} / ${report.use_rslora ? `√${report.r}` : report.r} = ${report.scaling.toPrecision(4)}`;
  return [`base model: ${report.base_model}, r = ${report.r}, ${scalingNote}`, line(header), ...rows.map(line)].join('\n');
}

const INSPECT_HELP = `
For every adapted module, the norm of the weight change the adapter adds, ‖ΔW‖_F with ΔW = scaling · B A
(lora_B · lora_A, scaling = lora_alpha / r, or lora_alpha / √r with use_rslora), computed from r × r products
without forming ΔW. With --model, also the base weight's norm ‖W‖_F and the relative change ‖ΔW‖_F / ‖W‖_F
("inf" in the table, null in JSON, when W is zero and ΔW is not).
A running coordinator reports the same figures for each round's change of its global adapter
(GET /api/v1/rounds/<n>/shifts, and the dashboard's update-shifts panel).

--json prints {"base_model", "r", "lora_alpha", "use_rslora", "scaling", "modules": [{"module_path", "layer",
"module", "delta_norm", "base_norm", "relative_change"}]}, the last two only with --model.

Example:
  fedlora inspect run/rounds/12 --model ./Qwen2-0.5B`;

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('Print how much a PEFT adapter changes each weight of the model: ‖ΔW‖_F per layer and module, relative to the base weight with --model.')
    .argument('<adapter_dir>', 'PEFT adapter directory (adapter_config.json + adapter_model.safetensors), e.g. a round of a run')
    .option('--model <dir>', 'the base checkpoint directory, to print each change relative to the base weight')
    .option('--json', 'print the report as JSON instead of a table')
    .addHelpText('after', INSPECT_HELP)
    .action(async (adapter: string, flags: { model?: string; json?: boolean }) => {
      try {
        const report = await inspectAdapter({ adapter, model: flags.model });
        process.stdout.write(`${flags.json ? JSON.stringify(report) : formatInspectTable(report)}\n`);
      } catch (error) {
        reportAndExit(error, { paths: [{ setting: '<adapter_dir>', path: adapter }] });
      }
    });
}
