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
