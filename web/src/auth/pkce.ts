/**
 * Proof Key for Code Exchange (RFC 7636, method S256) for the authorization-code sign-in:
 * a random verifier kept in this tab, and its SHA-256 challenge sent with the authorization request.
 */

/** Base64url without padding (RFC 7636 appendix A). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh code verifier: 32 random bytes, 43 characters of base64url (the RFC's minimum length, full entropy). */
export function createVerifier(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** An unguessable `state` value that ties the callback to the sign-in this tab started. */
export function createState(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(16)));
}
