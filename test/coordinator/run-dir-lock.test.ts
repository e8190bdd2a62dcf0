/** One coordinator per run directory: a second one is refused while the first lives, in this process or another. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { startCoordinator } from '../../coordinator/coordinator.js';
import { ConfigError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { clientCredentials, testConfigInput } from '../helpers/coordinator.js';
import { runCli } from '../helpers/processes.js';

const credentials = clientCredentials(1);

describe('run directory lock', () => {
  it('refuses a second coordinator on the same runDir until the first is closed', async () => {
    const config = validateCoordinatorConfig(await testConfigInput({ clients: credentials }));
    const first = await startCoordinator(config, silentLogger());
    try {
      const second = startCoordinator(config, silentLogger());
      await expect(second).rejects.toBeInstanceOf(ConfigError);
      await expect(second).rejects.toThrow(
        `runDir ${config.runDir} is in use by another coordinator (pid ${process.pid}): stop it first, or use another runDir`,
      );
    } finally {
      await first.close();
    }
    const again = await startCoordinator(config, silentLogger());
    expect(again.status().run_id).toBe(first.status().run_id);
    await again.close();
  }, 30_000);

  it('is released when the coordinator cannot listen, so that a retry on a free port may take the runDir', async () => {
    const config = validateCoordinatorConfig(await testConfigInput({ clients: credentials }));
    const occupant = await startCoordinator({ ...config, runDir: await mkdtemp(join(tmpdir(), 'fedlora-lock-other-')) }, silentLogger());
    try {
      await expect(startCoordinator({ ...config, port: occupant.port }, silentLogger())).rejects.toThrow(/EADDRINUSE/);
      const retry = await startCoordinator(config, silentLogger());
      await retry.close();
    } finally {
      await occupant.close();
    }
  }, 30_000);

  it('is held by a coordinator in another process, and released when that process is killed', async () => {
    const input = await testConfigInput({ clients: credentials });
    const configPath = join(await mkdtemp(join(tmpdir(), 'fedlora-lock-')), 'coordinator.yaml');
    await writeFile(configPath, JSON.stringify(input));
    const holder = runCli(['coordinator', '--config', configPath]);
    await holder.waitForLog((r) => r.event === 'coordinator_listening');
    const config = validateCoordinatorConfig(input);
    await expect(startCoordinator(config, silentLogger())).rejects.toThrow(`is in use by another coordinator (pid ${holder.child.pid})`);
    holder.child.kill('SIGKILL');
    await holder.done;
    const successor = await startCoordinator(config, silentLogger());
    await successor.close();
  }, 60_000);
});
