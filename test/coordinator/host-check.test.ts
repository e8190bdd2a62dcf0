import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { io } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { certificateDnsNames, HostCheck } from '../../coordinator/edge/host-check.js';
import { silentLogger } from '../../shared/infra/log.js';
import { makeTestCertificates } from '../helpers/certificates.js';
import { clientCredentials, coordinatorFixture, MINIMAL_CONFIG } from '../helpers/coordinator.js';
import { collectingLogger } from '../helpers/log-lines.js';

/** A request as HostCheck sees it. */
const requestFor = (host: string | undefined): IncomingMessage =>
  ({ headers: host === undefined ? {} : { host }, socket: { remoteAddress: '192.0.2.1' } }) as unknown as IncomingMessage;

/** GET `path` from the coordinator on 127.0.0.1:`port` with the given Host header. */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** Opens a socket.io connection whose handshake carries `host`: resolves 'connected' or the connect error. */
function handshake(url: string, token: string, host: string): Promise<string> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, extraHeaders: { host } });
  return new Promise<string>((resolve) => {
    socket.on('connect', () => resolve('connected'));
    socket.on('connect_error', (error) => resolve(error.message));
  }).finally(() => socket.close());
}

describe('the Host check', () => {
  it('accepts IP addresses, localhost and the configured names (certificate wildcards cover one label), and nothing else', async () => {
    const certificates = await makeTestCertificates('fedlora test CA', ['IP:127.0.0.1', 'DNS:coordinator.example', 'DNS:*.silos.example']);
    const names = certificateDnsNames(await readFile(certificates.cert));
    expect(names).toEqual(['coordinator.example', '*.silos.example']);
    const check = new HostCheck(['0.0.0.0', 'dashboard.internal', ...names], silentLogger());
    const accepted = [
      undefined,
      '127.0.0.1',
      '127.0.0.1:8080',
      '192.0.2.7:443',
      '[::1]:8080',
      '[2001:db8::1]',
      'localhost:8080',
      'LocalHost',
      'dashboard.internal:8080',
      'coordinator.example',
      'Coordinator.Example.:443',
      'hospital-a.silos.example:8080',
    ];
    for (const host of accepted) expect(check.refusal(requestFor(host)), host).toBeUndefined();
    const refused = [
      'rebind.attacker.example:8080',
      'coordinator.example.attacker.example',
      'silos.example',
      'a.b.silos.example',
      'localhost.attacker.example',
      'evil@127.0.0.1',
      '127.0.0.1:8080/x',
      '[::1',
      '',
    ];
    for (const host of refused) {
      expect(check.refusal(requestFor(host)), host).toBe(
        `this coordinator does not answer to the host name ${JSON.stringify(host)}: use its IP address, or add the name to its allowedHosts`,
      );
    }
    check.close();
  });

  it('takes host names, plain or with a leading *, in allowedHosts', () => {
    expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, allowedHosts: ['coordinator.example', '*.silos.example'] }).allowedHosts).toHaveLength(2);
    for (const bad of ['https://coordinator.example', 'coordinator.example:8080', 'a.*.example', '']) {
      expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, allowedHosts: [bad] })).toThrow(
        'allowedHosts.0: a host name such as coordinator.example or *.example.org, without scheme or port',
      );
    }
  });
});

describe('a coordinator on loopback', () => {
  const fixture = coordinatorFixture();

  it('refuses HTTP requests and socket.io handshakes for a host name it does not answer to (DNS rebinding), logging a summary', async () => {
    const [credential] = clientCredentials(1);
    const { lines, logger } = collectingLogger();
    const coordinator = await fixture.start({ clients: [credential], allowedHosts: ['coordinator.example'] }, logger);
    const rebound = `rebind.attacker.example:${coordinator.port}`;
    for (const path of ['/api/v1/status', '/healthz', '/dashboard', '/metrics', '/api/v1/rounds']) {
      const reply = await get(coordinator.port, path, rebound);
      expect(reply.status, path).toBe(421);
      expect(JSON.parse(reply.body)).toEqual({
        error: `this coordinator does not answer to the host name "${rebound}": use its IP address, or add the name to its allowedHosts`,
      });
    }
    const polling = await get(coordinator.port, '/socket.io/?EIO=4&transport=polling', rebound);
    expect(polling.status).toBe(403);
    expect(JSON.parse(polling.body)).toMatchObject({ message: expect.stringMatching(/does not answer to the host name/) });
    expect(await handshake(coordinator.url, credential.token, rebound)).toBe('websocket error');

    for (const host of [`127.0.0.1:${coordinator.port}`, `localhost:${coordinator.port}`, `coordinator.example:${coordinator.port}`]) {
      expect((await get(coordinator.port, '/api/v1/status', host)).status, host).toBe(200);
    }
    expect(await handshake(coordinator.url, credential.token, `coordinator.example:${coordinator.port}`)).toBe('connected');

    expect(lines.filter((line) => line.event === 'host_refused')).toEqual([
      expect.objectContaining({ address: expect.stringMatching(/127\.0\.0\.1$/), host: rebound, msg: expect.stringContaining(`for host "${rebound}"`) }),
    ]);
    await coordinator.close();
    await vi.waitFor(() => expect(lines.filter((line) => line.event === 'host_refused')[1]).toMatchObject({ repeated: 6, window_ms: 60_000 }));
  });
});
