/**
 * Chooses the tfjs backend: webgpu on a hardware GPU (Dawn: Vulkan, Metal or D3D12), otherwise the native
 * TensorFlow binding when it is installed (optional dependency, needs CUDA), otherwise native-cpu (wasm with fedlora's multithreaded native matrix products, when its addon built),
 * otherwise WebAssembly (single-threaded under Node), otherwise the plain JavaScript cpu backend.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import { shareWasmIdentityData } from './wasm-identity.js';
import { type CpuKernels, loadCpuKernels } from './cpu-kernels.js';
import { NATIVE_CPU_BACKEND, registerNativeCpuBackend } from './native-cpu-backend.js';
import { registerWebGpuBackend, WEBGPU_BACKEND } from './webgpu-backend.js';

export type BackendChoice = 'auto' | typeof WEBGPU_BACKEND | 'tensorflow' | typeof NATIVE_CPU_BACKEND | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', WEBGPU_BACKEND, 'tensorflow', NATIVE_CPU_BACKEND, 'wasm', 'cpu'];
/** What `auto` tries, fastest first; it takes webgpu only on a hardware GPU. */
const AUTO_ORDER = [WEBGPU_BACKEND, 'tensorflow', NATIVE_CPU_BACKEND, 'wasm', 'cpu'] as const;

type ConcreteBackend = Exclude<BackendChoice, 'auto'>;

/** A variable, not a literal, so that TypeScript does not require the optional package to be installed. */
const NATIVE_PACKAGE: string = '@tensorflow/tfjs-node-gpu';

async function activate(backend: ConcreteBackend, auto: boolean, logger: Logger): Promise<void> {
  if (backend === WEBGPU_BACKEND) await registerWebGpuBackend(auto, logger);
  if (tf.getBackend() === backend) return;
  if (backend === 'tensorflow') {
    try {
      // Importing the package registers the `tensorflow` backend with the shared tfjs engine.
      await import(NATIVE_PACKAGE);
    } catch (error) {
      throw new BackendUnavailableError(
        `the tensorflow backend needs ${NATIVE_PACKAGE} (CUDA 11.2 + cuDNN 8.1), which did not load: ` +
          `${(error as Error).message}. Install it, or choose --backend wasm or cpu`,
      );
    }
  }
  if (backend === 'wasm' || backend === NATIVE_CPU_BACKEND) await prepareWasm();
  if (backend === NATIVE_CPU_BACKEND) {
    let kernels: CpuKernels;
    try {
      kernels = loadCpuKernels();
    } catch (error) {
      throw new BackendUnavailableError(
        `the ${NATIVE_CPU_BACKEND} backend needs the fedlora-cpu-kernels addon, which is built at install time and did ` +
          `not load: ${(error as Error).message}. Run \`npm install\` again to rebuild it (needs a C++ compiler, make ` +
          `and python3), or choose --backend wasm`,
      );
    }
    registerNativeCpuBackend(kernels);
  }
  let activated: boolean;
  try {
    activated = await tf.setBackend(backend);
  } catch (error) {
    throw new BackendUnavailableError(`the ${backend} backend failed to start: ${(error as Error).message}`);
  }
  if (!activated) throw new BackendUnavailableError(`the ${backend} backend failed to start (see the warning above)`);
}

/** Imports the wasm backend (which registers it) and points it at its binaries, once. */
async function prepareWasm(): Promise<void> {
  if (tf.findBackendFactory('wasm')) return;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const wasmEntry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(`${path.dirname(wasmEntry)}/`);
  shareWasmIdentityData();
}

let previous: { choice: BackendChoice; backend: Promise<string> } | undefined;

/**
 * Activates the chosen backend and returns its name. Calling it again with the same choice returns the same
 * backend without re-initialising anything.
 */
export function selectBackend(choice: BackendChoice, logger: Logger): Promise<string> {
  if (previous?.choice !== choice) {
    const backend = choose(choice, logger);
    previous = { choice, backend };
    // A failed selection is not remembered, so that a later call can try again.
    backend.catch(() => {
      if (previous?.backend === backend) previous = undefined;
    });
  }
  return previous!.backend;
}

async function choose(choice: BackendChoice, logger: Logger): Promise<string> {
  if (choice !== 'auto') {
    await activate(choice, false, logger);
    logger.info({ backend: choice }, 'tfjs backend selected');
    return choice;
  }
  const failures: Record<string, string> = {};
  for (const candidate of AUTO_ORDER) {
    try {
      await activate(candidate, true, logger);
      // tfjs-node-gpu failing is expected on most machines (it needs CUDA 11.2): worth a look only when debugging.
      // Why webgpu was passed over (no driver, a software renderer) matters to whoever expected their GPU to be used.
      const { tensorflow, ...others } = failures;
      if (tensorflow !== undefined) logger.debug({ unavailable: { tensorflow } }, `tfjs backends unavailable before ${candidate}`);
      logger.info({ backend: candidate, unavailable: others }, `tfjs backend selected automatically: ${candidate}`);
      return candidate;
    } catch (error) {
      failures[candidate] = (error as Error).message;
    }
  }
  throw new BackendUnavailableError(
    `no tfjs backend could start: ${Object.entries(failures)
      .map(([b, why]) => `${b}: ${why}`)
      .join('; ')}`,
  );
}
