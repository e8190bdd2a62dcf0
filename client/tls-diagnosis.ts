/**
 * Tells a connection failure that retrying cannot fix (a TLS mismatch between client and coordinator) from
 * one that it can (the coordinator is down or restarting), so that the client fails with a clear message
 * instead of retrying forever.
 */
import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import { TlsError } from '../shared/infra/errors.js';

/** OpenSSL verification failures: no certificate authority the client trusts signed the coordinator's certificate. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);
/** The coordinator's certificate is outside its validity period: no --ca fixes that. */
const EXPIRY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Node's check that the certificate names the host in the URL. */
const HOST_NAME_CODE = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** How long the probe for a TLS coordinator behind an `http://` URL may take. */
const PROBE_TIMEOUT_MS = 3000;

/** The Node error under a socket.io-client connect_error (engine.io wraps it as `description.error`). */
function underlyingError(error: Error): (Error & { code?: string }) | undefined {
  const description = (error as { description?: unknown }).description;
  if (description instanceof Error) return description;
  const nested = (description as { error?: unknown } | undefined)?.error;
  return nested instanceof Error ? nested : undefined;
}

/** The certificate of the TLS server at `url`'s host and port, unverified; undefined when it speaks no TLS. */
function peerCertificate(url: URL, defaultPort: number): Promise<X509Certificate | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || defaultPort), rejectUnauthorized: false });
    const done = (certificate: X509Certificate | undefined): void => {
      socket.destroy();
      resolve(certificate);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(undefined));
    socket.once('secureConnect', () => done(socket.getPeerX509Certificate()));
    socket.once('error', () => done(undefined));
  });
}

/** A distinguished name on one line: `CN=fedlora CA, O=Example`. */
function distinguishedName(name: string): string {
  return name.split('\n').join(', ');
}

/**
 * Why a certificate the client does not trust fails. Without `ca`, Node's bundled authorities were used: pass the
 * one that signed it. With `ca`, saying "pass --ca" again helps nobody: name who signed the coordinator's
 * certificate and the authority that was given instead.
 */
async function untrustedCertificate(coordinatorUrl: string, cause: Error & { code?: string }, ca: string | undefined): Promise<TlsError> {
  const detail = `${cause.code}: ${cause.message}`;
  if (ca === undefined) {
    return new TlsError(
      `the certificate of the coordinator at ${coordinatorUrl} is not trusted (${detail}); ` +
        'pass the certificate authority that signed it with --ca <file>, or check the URL',
    );
  }
  const given = distinguishedName(new X509Certificate(ca).subject);
  const served = await peerCertificate(new URL(coordinatorUrl), 443);
  const signer = served === undefined ? 'another authority' : distinguishedName(served.issuer);
  return new TlsError(
    `the certificate of the coordinator at ${coordinatorUrl} is signed by ${signer}, not by the certificate authority given with --ca ` +
      `(${given}) (${detail}): give --ca the authority that signed the coordinator's certificate, or check the URL`,
  );
}

/**
 * A TlsError when `error` (from connecting to `coordinatorUrl`) is a TLS mismatch, else undefined. `ca` is the PEM
 * the client was given with --ca, if any.
 */
export async function diagnoseTlsFailure(coordinatorUrl: string, error: Error, ca?: string): Promise<TlsError | undefined> {
  const cause = underlyingError(error);
  if (!cause?.code) return undefined;
  const url = new URL(coordinatorUrl);
  if (cause.code === HOST_NAME_CODE) {
    const names = (cause as { cert?: PeerCertificate }).cert?.subjectaltname;
    return new TlsError(
      `the certificate of the coordinator at ${coordinatorUrl} is not valid for ${url.hostname}: it names ${names ? names : 'no host (no subjectAltName)'}; ` +
        `connect with one of those names in the URL, or add ${url.hostname} to the certificate's subjectAltName`,
    );
  }
  if (EXPIRY_CODES.has(cause.code)) {
    return new TlsError(
      `the certificate of the coordinator at ${coordinatorUrl} is outside its validity period (${cause.code}: ${cause.message}); ` +
        'renew it on the coordinator, or check the clock of this machine',
    );
  }
  if (UNTRUSTED_CODES.has(cause.code)) return untrustedCertificate(coordinatorUrl, cause, ca);
  if (url.protocol === 'https:' && cause.code === 'EPROTO') {
    return new TlsError(`the coordinator at ${coordinatorUrl} does not speak TLS: use http://, or configure tls on the coordinator`);
  }
  // A TLS server hangs up on a plain HTTP request; a probe tells that from a coordinator that went away.
  if (url.protocol === 'http:' && cause.code === 'ECONNRESET' && (await peerCertificate(url, 80)) !== undefined) {
    return new TlsError(`the coordinator at ${coordinatorUrl} requires TLS: use https://${url.host}${url.pathname === '/' ? '' : url.pathname}`);
  }
  return undefined;
}
