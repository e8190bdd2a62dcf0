import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitStatus } from '../../cli/exit-status.js';
import type { InspectReport } from '../../cli/inspect.js';
import { makeAdapter, type TensorData } from '../../shared/lora/adapter.js';
import { loraScaling, loraTensorNames, type LoraConfig } from '../../shared/lora/lora.js';
import { writePeftAdapter } from '../../shared/lora/peft.js';
import { frobeniusNorm, moduleShifts } from '../../shared/lora/shifts.js';
import { SeededRandom } from '../../shared/infra/random.js';
import { gpt2WeightShapes } from '../../shared/model/gpt2.js';
import { loraTargets, resolveModel } from '../../shared/model/model-config.js';
import { gpt2HfConfig, randomTensors, TINY_GPT2, writeCheckpoint } from '../../tools/hf-checkpoint.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
const root = mkdtempSync(join(tmpdir(), 'fedlora-inspect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Stored as the original GPT-2 files are, without the `transformer.` prefix, and with Conv1D's [in, out] weights.
const modelDir = join(root, 'gpt2');
const storedName = (stateDictName: string) => stateDictName.replace(/^transformer\./, '');
const baseWeights = writeCheckpoint(modelDir, {
  hfConfig: gpt2HfConfig(TINY_GPT2),
  tensors: new Map([...randomTensors(gpt2WeightShapes(TINY_GPT2), 5, 0.3)].map(([name, tensor]) => [storedName(name), tensor])),
  tokenizer: { addsBos: false },
});

const lora: LoraConfig = { r: 2, alpha: 4, useRslora: true, fanInFanOut: true, targetModules: ['c_attn', 'c_fc'] };
const targets = loraTargets(resolveModel(modelDir), lora.targetModules);
const random = new SeededRandom(9);
const randomFactor = (shape: [number, number]): TensorData => ({ shape, data: random.fillNormal(new Float32Array(shape[0] * shape[1]), 0.5) });
const adapter = makeAdapter(
  targets.flatMap((target) => {
    const names = loraTensorNames(target.modulePath);
    return [
      [names.a, randomFactor([lora.r, target.inFeatures])],
      [names.b, randomFactor([target.outFeatures, lora.r])],
    ] as [string, TensorData][];
  }),
);
const adapterDir = join(root, 'adapter');
await writePeftAdapter(adapterDir, adapter, { lora, baseModel: modelDir });

async function inspect(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'inspect', ...args]);
    return { status: ExitStatus.ok, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { status: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('fedlora inspect', () => {
  it('prints each module’s ‖ΔW‖_F, the base weight’s norm and their ratio as JSON', async () => {
    const { status, stdout } = await inspect([adapterDir, '--model', modelDir, '--json']);
    expect(status).toBe(ExitStatus.ok);
    const report = JSON.parse(stdout) as InspectReport;
    const scaling = loraScaling(lora);
    expect(report).toMatchObject({ base_model: modelDir, r: 2, lora_alpha: 4, use_rslora: true, scaling: 4 / Math.SQRT2 });
    const shifts = moduleShifts(adapter, scaling);
    expect(report.modules.map((m) => m.module_path).sort()).toEqual(targets.map((t) => t.modulePath).sort());
    for (const module of report.modules) {
      const shift = shifts.find((s) => s.modulePath === module.module_path)!;
      const baseNorm = frobeniusNorm(baseWeights.get(storedName(`${module.module_path}.weight`))!);
      expect(module).toEqual({
        module_path: shift.modulePath,
        layer: shift.layer,
        module: shift.module,
        delta_norm: shift.deltaNorm,
        base_norm: baseNorm,
        relative_change: shift.deltaNorm / baseNorm,
      });
      expect(module.delta_norm).toBeGreaterThan(0);
    }
  });

  it('prints a table of layer × module, without base norms when no model is given', async () => {
    const { status, stdout } = await inspect([adapterDir]);
    expect(status).toBe(ExitStatus.ok);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('r = 2');
    expect(lines[1].split(/\s+/)).toEqual(['layer', 'module', '‖ΔW‖_F']);
    expect(lines.slice(2).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['0', 'c_attn'],
      ['0', 'c_fc'],
      ['1', 'c_attn'],
      ['1', 'c_fc'],
    ]);
  });

  it('ends with the usage status on a directory that is no adapter, or a model without a checkpoint', async () => {
    const missing = await inspect([join(root, 'nothing-here')]);
    expect(missing.status).toBe(ExitStatus.usage);
    expect(missing.stderr).toContain('adapter_config.json');
    const builtin = await inspect([adapterDir, '--model', 'builtin:tiny']);
    expect(builtin.status).toBe(ExitStatus.usage);
    expect(builtin.stderr).toContain('checkpoint directory');
  });
});
