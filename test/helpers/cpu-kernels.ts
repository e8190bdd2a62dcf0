/** The native addon for the suites that test its kernels, and the error measure they compare kernels with. */
import { type CpuKernels, loadCpuKernels } from '../../shared/model/cpu-kernels.js';

/** The addon, or undefined with a warning where it did not build or load (its suites then test the fallbacks only). */
export function optionalCpuKernels(): CpuKernels | undefined {
  try {
    return loadCpuKernels();
  } catch (error) {
    console.warn(`fedlora-cpu-kernels did not load, so its kernels go untested: ${(error as Error).message}`);
    return undefined;
  }
}

/** max |actual − expected| over max |expected| (at least 1e-6): a relative error that near-zero entries cannot inflate. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 1e-6;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(actual[i] - expected[i]));
  }
  return error / scale;
}
