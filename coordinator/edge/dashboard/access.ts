/**
 * Read access to the dashboard, the JSON API and /metrics: an optional bearer token, sent as
 * `Authorization: Bearer <token>` or, where a browser cannot set headers (page links, EventSource), as `?token=`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { tokenSha256 } from '../token-hash.js';

/** True when `host` only accepts connections from this machine, so a read token may be left off. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The token a request presents, from its Authorization header or its `token` query parameter. */
function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  return bearerToken(req) ?? url.searchParams.get('token') ?? undefined;
}

/** Whether `token` hashes to `expectedSha256` (hex), comparing the digests in constant time. */
export function tokenMatches(token: string | undefined, expectedSha256: string): boolean {
  return token !== undefined && timingSafeEqual(Buffer.from(tokenSha256(token), 'hex'), Buffer.from(expectedSha256, 'hex'));
}

/** The bearer token of the Authorization header only (for actions, whose URLs must not carry secrets into logs). */
export function bearerToken(req: IncomingMessage): string | undefined {
  return req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}

/** Whether the request may read; without a configured token everybody may. */
export function mayRead(req: IncomingMessage, url: URL, readTokenSha256: string | undefined): boolean {
  if (readTokenSha256 === undefined) return true;
  return tokenMatches(presentedToken(req, url), readTokenSha256);
}
