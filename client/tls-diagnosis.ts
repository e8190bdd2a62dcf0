/**
 * Tells a connection failure that retrying cannot fix (a TLS mismatch between client and coordinator) from
 * one that it can (the coordinator is down or restarting), so that the client fails with a clear message
 * instead of retrying forever.
 */
import { connect } from 'node:tls';
import { TlsError } from '../shared/errors.js';

/** OpenSSL and Node verification failures: the coordinator's certificate is not trusted or does not fit. */
const CERTIFICATE_ERROR_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** How long the probe for a TLS coordinator behind an `http://` URL may take. */
const PROBE_TIMEOUT_MS = 3000;

/** The Node error under a socket.io-client connect_error (engine.io wraps it as `description.error`). */
function underlyingError(error: Error): (Error & { code?: string }) | undefined {
  const description = (error as { description?: unknown }).description;
  if (description instanceof Error) return description;
  const nested = (description as { error?: unknown } | undefined)?.error;
  return nested instanceof Error ? nested : undefined;
}

/** Resolves true when the server at `url`'s host and port completes a TLS handshake. */
function speaksTls(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 80), rejectUnauthorized: false });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TlsError when `error` (from connecting to `coordinatorUrl`) is a TLS mismatch, else undefined. */
export async function diagnoseTlsFailure(coordinatorUrl: string, error: Error): Promise<TlsError | undefined> {
  const cause = underlyingError(error);
  if (!cause?.code) return undefined;
  if (CERTIFICATE_ERROR_CODES.has(cause.code)) {
    return new TlsError(
      `the certificate of the coordinator at ${coordinatorUrl} is not trusted (${cause.code}: ${cause.message}); ` +
        'pass the certificate authority that signed it with --ca <file>, or check the URL',
    );
  }
  const url = new URL(coordinatorUrl);
  if (url.protocol === 'https:' && cause.code === 'EPROTO') {
    return new TlsError(`the coordinator at ${coordinatorUrl} does not speak TLS: use http://, or configure tls on the coordinator`);
  }
  // A TLS server hangs up on a plain HTTP request; a probe tells that from a coordinator that went away.
  if (url.protocol === 'http:' && cause.code === 'ECONNRESET' && (await speaksTls(url))) {
    return new TlsError(`the coordinator at ${coordinatorUrl} requires TLS: use https://${url.host}${url.pathname === '/' ? '' : url.pathname}`);
  }
  return undefined;
}
