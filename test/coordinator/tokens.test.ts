import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { validateCoordinatorConfig, type CoordinatorConfigInput } from '../../coordinator/coordinator-config.js';
import { resolveModel } from '../../shared/model/model-config.js';
import { startTestCoordinator } from '../helpers/coordinator.js';
import { cliPath } from '../helpers/processes.js';
import { ScriptedClient } from '../helpers/scripted-client.js';

const token = 'silo-a-secret-token-0123456789';
const tokenHash = createHash('sha256').update(token).digest('hex');

function configWith(clients: CoordinatorConfigInput['clients']): CoordinatorConfigInput {
  return {
    runDir: 'unused',
    rounds: 1,
    minClients: 1,
    model: 'builtin:tiny',
    clients,
    lora: { r: 4, alpha: 8 },
    train: { localSteps: 1, batchSize: 1, learningRate: 0.01, maxSeqLen: 16 },
  };
}

describe('client tokens', () => {
  it('may be configured as SHA-256 digests, in either case, and the coordinator listens on loopback by default', () => {
    const config = validateCoordinatorConfig(
      configWith([
        { id: 'a', tokenSha256: tokenHash.toUpperCase() },
        { id: 'b', token: 'silo-b-secret-token-0123456789' },
      ]),
    );
    expect(config.clients).toEqual([
      { id: 'a', tokenSha256: tokenHash },
      { id: 'b', tokenSha256: createHash('sha256').update('silo-b-secret-token-0123456789').digest('hex') },
    ]);
    expect(config.host).toBe('127.0.0.1');
  });

  it('needs exactly one of token and tokenSha256, a well-formed digest, and no token twice', () => {
    const invalid = (clients: CoordinatorConfigInput['clients']) => () => validateCoordinatorConfig(configWith(clients));
    expect(invalid([{ id: 'a', token, tokenSha256: tokenHash }])).toThrow('clients.0: give exactly one of token and tokenSha256');
    expect(invalid([{ id: 'a' }])).toThrow('clients.0: give exactly one of token and tokenSha256');
    expect(invalid([{ id: 'a', tokenSha256: 'abc123' }])).toThrow('clients.0.tokenSha256: expected the 64 hex digits printed by fedlora hash-token');
    expect(
      invalid([
        { id: 'a', token },
        { id: 'b', tokenSha256: tokenHash },
      ]),
    ).toThrow('clients.1: duplicate token');
  });

  it('authenticates the plain token against its configured digest, and refuses any other', async () => {
    const coordinator = await startTestCoordinator({ clients: [{ id: 'silo-a', tokenSha256: tokenHash }] });
    try {
      const refused = io(coordinator.url, { auth: { token: `${token}x` }, transports: ['websocket'], reconnection: false });
      const refusal = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
      refused.close();
      expect(refusal.message).toBe('unauthorized: unknown client token');

      const client = new ScriptedClient({ url: coordinator.url, token, fingerprint: resolveModel('builtin:tiny').fingerprint });
      try {
        const welcome = await client.waitFor((m) => m.kind === 'welcome');
        expect(welcome).toMatchObject({ clientId: 'silo-a' });
      } finally {
        client.close();
      }
    } finally {
      await coordinator.close();
    }
  });

  it('fedlora hash-token prints the digest of the token on standard input, and refuses short tokens', () => {
    const hashed = spawnSync(process.execPath, [cliPath, 'hash-token'], { input: `${token}\n`, encoding: 'utf8' });
    expect(hashed.status).toBe(0);
    expect(hashed.stdout).toBe(`${tokenHash}\n`);

    const short = spawnSync(process.execPath, [cliPath, 'hash-token'], { input: 'too-short\n', encoding: 'utf8' });
    expect(short.status).toBe(2);
    expect(short.stderr).toBe('fedlora: tokens must be at least 16 characters; this one has 9\n');
  });
});
