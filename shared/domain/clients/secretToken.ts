import { createHash, randomBytes } from 'node:crypto';

/**
 * The single-use secrets behind links and confirmations (invitation links, the confirmation token of a
 * client operation's preview): 256 random bits, given out once, stored only as a hash.
 */

/** Bytes of randomness in a token (256 bits). */
const TOKEN_BYTES = 32;

/** The shape of a token: 32 bytes in unpadded base64url are exactly 43 characters. */
export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A freshly drawn token (goes into the link, never stored) and its hash (stored). */
export interface IssuedToken {
  readonly token: string;
  readonly hash: string;
}

/**
 * The stored form of a token: SHA-256, hex. A fast hash is enough because the token is 256 random
 * bits (no dictionary to try); the hash only keeps a database reader from using the links.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Draws a new 256-bit token from the OS CSPRNG. */
export function issueSecretToken(): IssuedToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}
