/**
 * Chooses the tfjs backend: the native TensorFlow binding when it is installed (optional dependency, needs
 * CUDA), otherwise WebAssembly (single-threaded under Node), otherwise the plain JavaScript cpu backend.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from './errors.js';
import type { Logger } from './log.js';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

type ConcreteBackend = Exclude<BackendChoice, 'auto'>;

/** A variable, not a literal, so that TypeScript does not require the optional package to be installed. */
const NATIVE_PACKAGE: string = '@tensorflow/tfjs-node-gpu';

async function activate(backend: ConcreteBackend): Promise<void> {
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
  if (backend === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const wasmEntry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${path.dirname(wasmEntry)}/`);
  }
  let activated: boolean;
  try {
    activated = await tf.setBackend(backend);
  } catch (error) {
    throw new BackendUnavailableError(`the ${backend} backend failed to start: ${(error as Error).message}`);
  }
  if (!activated) throw new BackendUnavailableError(`the ${backend} backend failed to start (see the warning above)`);
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
    await activate(choice);
    logger.info({ backend: choice }, 'tfjs backend selected');
    return choice;
  }
  const failures: Record<string, string> = {};
  for (const candidate of ['tensorflow', 'wasm', 'cpu'] as const) {
    try {
      await activate(candidate);
      logger.info({ backend: candidate, unavailable: failures }, `tfjs backend selected automatically: ${candidate}`);
      return candidate;
    } catch (error) {
      failures[candidate] = (error as Error).message;
    }
  }
  throw new BackendUnavailableError(
    `no tfjs backend could start: ${Object.entries(failures).map(([b, why]) => `${b}: ${why}`).join('; ')}`,
  );
}
