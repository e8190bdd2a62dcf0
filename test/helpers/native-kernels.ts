/** The native addon for tests of its kernels: loaded when it built, with a warning when it did not. */
import { type CpuKernels, loadCpuKernels } from '../../shared/model/cpu-kernels.js';

export function tryLoadCpuKernels(): CpuKernels | undefined {
  try {
    return loadCpuKernels();
  } catch (error) {
    console.warn(`fedlora-cpu-kernels did not load, so its kernels go untested: ${(error as Error).message}`);
    return undefined;
  }
}

/** max |actual − expected| relative to max |expected|. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let error = 0;
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i] - expected[i]));
  return error / scale;
}
