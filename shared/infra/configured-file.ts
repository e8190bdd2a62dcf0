/** Reads a file named in a configuration or on the command line, reporting a failure as a ConfigError. */
import { readFile } from 'node:fs/promises';
import { ConfigError } from './errors.js';

/** `what` names the setting, e.g. `tls.cert` or `--ca`. */
export async function readConfiguredFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ConfigError(`cannot read ${what} file ${path}: ${(error as Error).message}`);
  }
}
