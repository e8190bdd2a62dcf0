/**
 * Client tokens are kept and compared as SHA-256 digests, so that a configuration may hold the digest instead
 * of the secret (`fedlora hash-token` prints it).
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../../shared/infra/errors.js';

/** Shorter tokens are refused: they could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The digest of a token read from a pipe or a terminal, where one trailing line break is not part of it. */
export function hashTokenInput(input: string): string {
  const token = input.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(token)) throw new ConfigError('expected one token on one line');
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(`tokens must be at least ${MIN_TOKEN_LENGTH} characters; this one has ${token.length}`);
  }
  return tokenSha256(token);
}
