/**
 * fedlora's Adam (shared/lora/adam.ts) moves variables as tf.train.adam does: exactly, where it runs tfjs's
 * arithmetic (wasm), and to float32 rounding where the step is the addon's kernel (native-cpu).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/infra/log.js';
import { Adam } from '../../shared/lora/adam.js';
import { selectBackend } from '../../shared/model/backend.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { maxRelativeError, optionalCpuKernels } from '../helpers/cpu-kernels.js';

const kernels = optionalCpuKernels();

/** Five steps of `optimizer` over two variables with seeded gradients; the variables' values after each step. */
function train(step: (gradients: tf.NamedTensorMap) => void, names: [string, string]): Float32Array[] {
  const variables = names.map((name, i) => {
    const initial = tf.randomNormal([3 + i, 5], 0, 1, 'float32', 100 + i);
    const variable = tf.variable(initial, true, name);
    initial.dispose();
    return variable;
  });
  const values: Float32Array[] = [];
  for (let t = 0; t < 5; t++) {
    const gradients = Object.fromEntries(names.map((name, i) => [name, tf.randomNormal([3 + i, 5], 0, 1 + t, 'float32', 10 * t + i + 1)]));
    step(gradients);
    tf.dispose(Object.values(gradients));
    values.push(...variables.map((variable) => variable.dataSync() as Float32Array));
  }
  tf.dispose(variables);
  return values;
}

function compareWithTfjs(backend: string, suffix: string): { ours: Float32Array[]; reference: Float32Array[] } {
  const reference = tf.train.adam(3e-2);
  const expected = train(
    (gradients) => reference.applyGradients(Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }))),
    [`ref-a${suffix}`, `ref-b${suffix}`],
  );
  reference.dispose();
  const before = tf.memory().numTensors;
  const adam = new Adam(3e-2);
  const actual = train((gradients) => adam.applyGradients(gradients), [`ours-a${suffix}`, `ours-b${suffix}`]);
  adam.dispose();
  expect(tf.memory().numTensors, backend).toBe(before);
  return { ours: actual, reference: expected };
}

describe('Adam', () => {
  it("equals tf.train.adam exactly where it runs tfjs's arithmetic", async () => {
    await selectBackend('wasm', silentLogger());
    const { ours, reference } = compareWithTfjs('wasm', '-wasm');
    expect(ours).toEqual(reference);
  });

  it.runIf(kernels)('equals tf.train.adam to float32 rounding on native-cpu, where each step is the addon kernel', async () => {
    await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
    const kernel = vi.spyOn(kernels!, 'adamStep');
    const { ours, reference } = compareWithTfjs(NATIVE_CPU_BACKEND, '-native');
    expect(kernel).toHaveBeenCalledTimes(10);
    kernel.mockRestore();
    ours.forEach((values, i) => expect(maxRelativeError(values, reference[i])).toBeLessThan(1e-6));
  });

  it('refuses a gradient for a variable that does not exist', () => {
    const adam = new Adam(1e-3);
    const gradient = tf.zeros([2]);
    expect(() => adam.applyGradients({ 'no-such-variable': gradient })).toThrow('Adam: no variable named no-such-variable');
    gradient.dispose();
  });
});
