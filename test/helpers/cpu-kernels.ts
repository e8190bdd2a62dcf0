/** The native addon where it loaded, and the error measure its tests compare kernels with. */
import { type CpuKernels, loadCpuKernels } from '../../shared/model/cpu-kernels.js';

/** The addon, or undefined where it did not build or load (its suites then test the fallbacks only). */
export function optionalCpuKernels(): CpuKernels | undefined {
  try {
    return loadCpuKernels();
  } catch {
    return undefined;
  }
}

/** max |actual − expected| / max |expected|. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let error = 0;
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i] - expected[i]));
  return error / scale;
}
