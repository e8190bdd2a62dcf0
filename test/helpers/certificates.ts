/**
 * Test certificates made with the openssl command at test time: a certificate authority and a server
 * certificate it signs for 127.0.0.1, so that no key material lives in the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM file of the certificate authority that signed `cert`. */
  readonly caCert: string;
  /** PEM files of the server's certificate and private key, valid for the subjectAltName asked (IP 127.0.0.1 by default). */
  readonly cert: string;
  readonly key: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `subjectAltName`: the server certificate's names, as openssl writes them (`IP:…`, `DNS:…`). */
export async function makeTestCertificates(commonName = 'fedlora test CA', subjectAltName: readonly string[] = ['IP:127.0.0.1']): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'fedlora-tls-'));
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${commonName}`], dir);
  openssl(
    [
      'req',
      '-x509',
      ...key,
      '-keyout',
      'server.key',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-addext',
      `subjectAltName=${subjectAltName.join(',')}`,
      '-addext',
      'basicConstraints=CA:FALSE',
    ],
    dir,
  );
  return { caCert: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}
