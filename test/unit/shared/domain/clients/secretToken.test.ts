import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashSecretToken, SECRET_TOKEN_PATTERN, issueSecretToken } from '../../../../../shared/domain/clients/secretToken';

describe('issueSecretToken', () => {
  it('draws 256 random bits as 43 URL-safe characters', () => {
    const { token } = issueSecretToken();
    expect(token).toMatch(SECRET_TOKEN_PATTERN);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('draws a different token every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => issueSecretToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('gives the SHA-256 of the token as the hash to store, which does not contain the token', () => {
    const { token, hash } = issueSecretToken();
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });
});

describe('hashSecretToken', () => {
  it('is deterministic and tells different tokens apart', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(hashSecretToken(a)).toBe(hashSecretToken(a));
        if (a !== b) expect(hashSecretToken(a)).not.toBe(hashSecretToken(b));
      }),
    );
  });
});
