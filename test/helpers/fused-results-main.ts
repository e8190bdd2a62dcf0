/**
 * Prints the microkernel the addon chose and fusedResults() computed on native-cpu with fused kernels, as JSON:
 * run in a child process (bundled by esbuild), so that the environment the addon reads as it loads can differ from
 * the parent's.
 */
import { silentLogger } from '../../shared/infra/log.js';
import { selectBackend } from '../../shared/model/backend.js';
import { loadCpuKernels } from '../../shared/model/cpu-kernels.js';
import { NATIVE_CPU_BACKEND } from '../../shared/model/native-cpu-backend.js';
import { fusedResults } from './fused-cases.js';

await selectBackend(NATIVE_CPU_BACKEND, silentLogger());
process.stdout.write(JSON.stringify({ microkernel: loadCpuKernels().microkernel, results: fusedResults() }));
