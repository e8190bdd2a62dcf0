/**
 * `fedlora inspect`: what a PEFT adapter changes, module by module: ‖ΔW‖_F of each adapted weight and, given the
 * base checkpoint, the change relative to the weight itself. The base weights are read one tensor at a time and
 * only their norms kept.
 */
import type { Command } from 'commander';
import { CheckpointError, ConfigError } from '../shared/infra/errors.js';
import { elementCount } from '../shared/lora/adapter.js';
import { loraScaling, loraTensorNames } from '../shared/lora/lora.js';
import { readPeftAdapter, type PeftAdapter } from '../shared/lora/peft.js';
import { frobeniusNorm, moduleShifts, relativeShift } from '../shared/lora/shifts.js';
import { readCheckpointTensors } from '../shared/model/checkpoint.js';
import { loraTargets, resolveModel } from '../shared/model/model-config.js';
import { reportAndExit } from './exit-status.js';
import { stateDictNamer } from '../shared/model/base-weights.js';

export interface InspectedModule {
  readonly module_path: string;
  readonly layer: number | null;
  readonly module: string;
  /** ‖ΔW‖_F, ΔW = scaling · B A. */
  readonly delta_norm: number;
  /** ‖W‖_F of the base weight, with --model. */
  readonly base_norm?: number;
  /** ‖ΔW‖_F / ‖W‖_F, with --model (null when W is zero and ΔW is not). */
  readonly relative_change?: number | null;
}

export interface InspectReport {
  readonly base_model: string;
  readonly r: number;
  readonly lora_alpha: number;
  readonly use_rslora: boolean;
  readonly scaling: number;
  readonly modules: readonly InspectedModule[];
}

export async function inspectAdapter(options: { readonly adapter: string; readonly model?: string }): Promise<InspectReport> {
  const peft = await readPeftAdapter(options.adapter);
  const scaling = loraScaling(peft.lora);
  const shifts = moduleShifts(peft.adapter, scaling);
  const baseNorms =
    options.model === undefined
      ? undefined
      : await readBaseNorms(
          options.model,
          peft,
          shifts.map((shift) => shift.modulePath),
        );
  return {
    base_model: peft.baseModel,
    r: peft.lora.r,
    lora_alpha: peft.lora.alpha,
    use_rslora: peft.lora.useRslora ?? false,
    scaling,
    modules: shifts.map((shift) => {
      const inspected = { module_path: shift.modulePath, layer: shift.layer ?? null, module: shift.module, delta_norm: shift.deltaNorm };
      const baseNorm = baseNorms?.get(shift.modulePath);
      if (baseNorm === undefined) return inspected;
      const relative = relativeShift(shift.deltaNorm, baseNorm);
      // JSON has no Infinity.
      return { ...inspected, base_norm: baseNorm, relative_change: Number.isFinite(relative) ? relative : null };
    }),
  };
}

/** Module path → ‖W‖_F of each weight in `modulePaths`, read from the base checkpoint one tensor at a time. */
async function readBaseNorms(modelId: string, peft: PeftAdapter, modulePaths: readonly string[]): Promise<Map<string, number>> {
  const model = resolveModel(modelId);
  const dir = model.checkpointDir;
  if (dir === undefined) throw new ConfigError(`--model needs a checkpoint directory to read the base weights from, not ${model.id}`);
  const stateDictName = stateDictNamer(model);
  const wanted = new Set(modulePaths);
  // State-dict weight name → module path, for the model's LoRA targets that the adapter modifies.
  const adapted = new Map(
    loraTargets(model, peft.lora.targetModules)
      .filter((target) => wanted.has(target.modulePath))
      .map((target) => [`${target.modulePath}.weight`, target.modulePath]),
  );
  const rename = (stored: string) => {
    const name = stateDictName(stored);
    return name !== undefined && adapted.has(name) ? name : undefined;
  };
  const norms = new Map<string, number>();
  await readCheckpointTensors(dir, rename, (name, tensor) => {
    const modulePath = adapted.get(name)!;
    const names = loraTensorNames(modulePath);
    if (elementCount(tensor.shape) !== peft.adapter.get(names.a)!.shape[1] * peft.adapter.get(names.b)!.shape[0]) {
      throw new CheckpointError(`${dir}: weight ${name} has shape [${tensor.shape.join(', ')}], which the adapter's factors do not fit`);
    }
    norms.set(modulePath, frobeniusNorm(tensor.data));
  });
  const missing = modulePaths.filter((path) => !norms.has(path));
  if (missing.length > 0)
    throw new CheckpointError(`${dir} holds no weight for ${missing.join(', ')}, which the adapter modifies: is it the adapter's base model?`);
  return norms;
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
