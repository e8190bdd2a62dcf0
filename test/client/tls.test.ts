import { readFile } from 'node:fs/promises';
import { get } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClient } from '../../client/client.js';
import { sampleSilos } from '../../cli/simulate.js';
import type { Coordinator } from '../../coordinator/coordinator.js';
import { ConfigError, TlsError } from '../../shared/infra/errors.js';
import { silentLogger } from '../../shared/infra/log.js';
import { makeTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { validateCoordinatorConfig } from '../../coordinator/coordinator-config.js';
import { clientCredentials, MINIMAL_CONFIG, startTestCoordinator } from '../helpers/coordinator.js';

const credentials = clientCredentials(1);
/** Long enough that a test finishing well within it shows the client gave up at once instead of retrying. */
const CONNECT_TIMEOUT_MS = 30_000;

function connectClient(coordinatorUrl: string, caFile?: string) {
  return runClient({
    coordinatorUrl,
    token: credentials[0].token,
    caFile,
    dataPath: sampleSilos()[0],
    model: 'builtin:tiny',
    backend: 'wasm',
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    logger: silentLogger(),
  });
}

/** Rejects with what runClient threw, and how long it took to give up. */
async function failure(run: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('TLS', () => {
  let certificates: TestCertificates;
  let foreignCa: TestCertificates;
  let coordinator: Coordinator;

  beforeAll(async () => {
    certificates = await makeTestCertificates();
    foreignCa = await makeTestCertificates('another CA');
    coordinator = await startTestCoordinator({ clients: credentials, tls: { cert: certificates.cert, key: certificates.key } });
  });

  afterAll(async () => {
    await coordinator?.close();
  });

  it("serves HTTPS, and a client trusting the coordinator's CA completes the run", async () => {
    expect(coordinator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsGet(`${coordinator.url}/healthz`, await readFile(certificates.caCert));
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });

    const session = await connectClient(coordinator.url, certificates.caCert);
    await coordinator.finished;
    expect(session.roundsTrained).toBe(1);
    expect(coordinator.roundRecords().map((r) => r.participants)).toEqual([1]);
  });

  it('fails at once with a clear error when the client trusts another CA: who signed the certificate, not "pass --ca"', async () => {
    const { error, ms } = await failure(connectClient(coordinator.url, foreignCa.caCert));
    expect(error).toBeInstanceOf(TlsError);
    expect((error as Error).message).toBe(
      `the certificate of the coordinator at ${coordinator.url} is signed by CN=fedlora test CA, not by the certificate authority given with --ca ` +
        "(CN=another CA) (UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate): give --ca the authority that signed the coordinator's certificate, or check the URL",
    );
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS / 2);
  });

  it('tells a client without --ca to pass the authority that signed the certificate', async () => {
    const { error } = await failure(connectClient(coordinator.url));
    expect((error as Error).message).toMatch(
      /is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE.*; pass the certificate authority that signed it with --ca <file>/,
    );
  });

  it('refuses a --ca file that holds no certificate before connecting', async () => {
    await expect(connectClient(coordinator.url, certificates.key)).rejects.toThrow(
      new ConfigError(
        `the --ca file ${certificates.key} holds no PEM certificate: give the certificate authority's certificate, a file that starts with -----BEGIN CERTIFICATE-----`,
      ),
    );
  });

  it('names the host missing from the certificate, and the names it holds', async () => {
    const elsewhere = await makeTestCertificates('fedlora test CA', ['DNS:coordinator.example', 'IP:10.0.0.7']);
    const misnamed = await startTestCoordinator({ clients: credentials, tls: { cert: elsewhere.cert, key: elsewhere.key } });
    try {
      const { error, ms } = await failure(connectClient(misnamed.url, elsewhere.caCert));
      expect(error).toBeInstanceOf(TlsError);
      expect((error as Error).message).toBe(
        `the certificate of the coordinator at ${misnamed.url} is not valid for 127.0.0.1: it names DNS:coordinator.example, IP Address:10.0.0.7; ` +
          "connect with one of those names in the URL, or add 127.0.0.1 to the certificate's subjectAltName",
      );
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS / 2);
    } finally {
      await misnamed.close();
    }
  });

  it('fails at once with a clear error when the client uses http:// for a TLS coordinator', async () => {
    const plainUrl = coordinator.url.replace('https://', 'http://');
    const { error, ms } = await failure(connectClient(plainUrl));
    expect(error).toBeInstanceOf(TlsError);
    expect((error as Error).message).toBe(`the coordinator at ${plainUrl} requires TLS: use ${coordinator.url}`);
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS / 2);
  });

  it('fails at once with a clear error when the client uses https:// for a coordinator without TLS', async () => {
    const plain = await startTestCoordinator({ clients: credentials });
    try {
      const httpsUrl = plain.url.replace('http://', 'https://');
      const { error, ms } = await failure(connectClient(httpsUrl, certificates.caCert));
      expect(error).toBeInstanceOf(TlsError);
      expect((error as Error).message).toMatch(/does not speak TLS: use http:\/\//);
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS / 2);
    } finally {
      await plain.close();
    }
  });

  it('refuses to start when a TLS file cannot be read or the key does not fit the certificate', async () => {
    await expect(startTestCoordinator({ clients: credentials, tls: { cert: `${certificates.cert}.missing`, key: certificates.key } })).rejects.toThrow(
      new ConfigError(`cannot read tls.cert file ${certificates.cert}.missing: ENOENT: no such file or directory, open '${certificates.cert}.missing'`),
    );
    await expect(startTestCoordinator({ clients: credentials, tls: { cert: certificates.cert, key: foreignCa.key } })).rejects.toThrow(
      /tls\.cert .* and tls\.key .* cannot serve TLS: .*key values mismatch/,
    );
  });

  it('is required off loopback unless the configuration says allowInsecure: true', () => {
    const dashboard = { readToken: 'r'.repeat(20) };
    for (const host of ['0.0.0.0', '::', '192.0.2.7', 'coordinator.example']) {
      expect(() => validateCoordinatorConfig({ ...MINIMAL_CONFIG, host, dashboard })).toThrow(
        `tls: required when host is ${host}, not loopback: client tokens and secure-aggregation keys would cross the network in clear; ` +
          'set tls (cert and key), or allowInsecure: true if a TLS-terminating proxy or a private network protects the traffic',
      );
      expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, host, dashboard, allowInsecure: true }).allowInsecure).toBe(true);
      expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, host, dashboard, tls: { cert: 'c.pem', key: 'k.pem' } }).tls).toBeDefined();
    }
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]']) {
      expect(validateCoordinatorConfig({ ...MINIMAL_CONFIG, host }).allowInsecure).toBe(false);
    }
  });
});
