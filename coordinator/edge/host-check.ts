/**
 * Checks the Host header of every HTTP request and socket.io handshake, against DNS rebinding: a web page whose
 * name its author points at the coordinator's address must not read the coordinator through a visitor's browser.
 * Accepted: IP addresses and `localhost` (a browser sends them only when the page's origin is that very address,
 * which rebinding cannot fake), the configured `host` when it is a name, `allowedHosts`, and with TLS the DNS
 * names of the certificate (`*.example.org` covers one label). A request without a Host header (no browser
 * sends one) passes.
 */
import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Logger } from '../../shared/infra/log.js';
import { RefusalSummary } from './refusal-limiter.js';

/** A host name as `allowedHosts` takes it: labels of letters, digits and dashes, the first one possibly `*`. */
export const ALLOWED_HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i;

/** `name`, `[v6]` or either with `:port`. */
const HOST_HEADER = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::\d{1,5})?$/i;

/** Refused requests from one address are logged as a first line, then one count per this many milliseconds. */
const SUMMARY_WINDOW_MS = 60_000;

/** The DNS names in a PEM certificate's subjectAltName (the first certificate of a chain: the server's). */
export function certificateDnsNames(pem: Buffer): string[] {
  const altNames = new X509Certificate(pem).subjectAltName ?? '';
  return altNames
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
}

const normalized = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export class HostCheck {
  private readonly names: Set<string>;
  /** `.example.org` for `*.example.org`. */
  private readonly wildcardSuffixes: string[];
  private readonly refusals = new RefusalSummary(SUMMARY_WINDOW_MS);

  /** `names`: the configured host, allowedHosts and the certificate's DNS names (IP addresses pass anyway). */
  constructor(
    names: readonly string[],
    private readonly logger: Logger,
  ) {
    const lowered = names.map(normalized);
    this.names = new Set(['localhost', ...lowered.filter((name) => !name.startsWith('*.'))]);
    this.wildcardSuffixes = lowered.filter((name) => name.startsWith('*.')).map((name) => name.slice(1));
  }

  /** Why the request is refused (and logged, in summaries per address), or undefined when it may be served. */
  refusal(req: IncomingMessage): string | undefined {
    const header = req.headers.host;
    if (header === undefined || this.accepts(header)) return undefined;
    const shown = JSON.stringify(header.slice(0, 100));
    const address = req.socket.remoteAddress ?? 'an unknown address';
    this.refusals.record(
      address,
      () =>
        this.logger.warn(
          { event: 'host_refused', address, host: header.slice(0, 100) },
          `refused a request from ${address} for host ${shown}: not a name of this coordinator`,
        ),
      (count) =>
        this.logger.warn(
          { event: 'host_refused', address, repeated: count, window_ms: SUMMARY_WINDOW_MS },
          `refused ${count} more requests from ${address} for host names not of this coordinator`,
        ),
    );
    return `this coordinator does not answer to the host name ${shown}: use its IP address, or add the name to its allowedHosts`;
  }

  close(): void {
    this.refusals.close();
  }

  private accepts(header: string): boolean {
    const match = HOST_HEADER.exec(header);
    if (!match) return false;
    if (match[1] !== undefined) return isIP(match[1]) === 6;
    const name = normalized(match[2]);
    if (isIP(name) === 4 || this.names.has(name)) return true;
    return this.wildcardSuffixes.some((suffix) => name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.') && name.length > suffix.length);
  }
}
