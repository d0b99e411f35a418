import { BILLING_WRITE_SCOPE, DEFAULT_CONSOLE_SOURCE, principalFromClaims } from '../../../../shared/http/Principal';

describe('principalFromClaims', () => {
  it('reads a partner from an ID token with role and partner id', () => {
    expect(principalFromClaims({ sub: 'u1', token_use: 'id', email: 'p@example.com', 'custom:role': 'partner', 'custom:partnerId': 'ptn_1' })).toEqual({
      kind: 'partner', userId: 'u1', partnerId: 'ptn_1', email: 'p@example.com',
    });
  });

  it('never takes a role from an access token, nor from a token that does not say what it is', () => {
    const claims = { sub: 'u1', 'custom:role': 'manager' };
    expect(principalFromClaims({ ...claims, token_use: 'access' })).toEqual({ kind: 'anonymous' });
    expect(principalFromClaims(claims)).toEqual({ kind: 'anonymous' });
  });

  it('reads a cloud account owner only from a console ID token naming a cloud account, and never from a staff token', () => {
    const console = DEFAULT_CONSOLE_SOURCE;
    const claims = { sub: 'u2', 'custom:accountId': 'acc-7f3k9q2m4x8b1n5c6v0z' };
    expect(principalFromClaims({ ...claims, token_use: 'id' }, console)).toEqual({ kind: 'console', userId: 'u2', accountId: claims['custom:accountId'] });
    expect(principalFromClaims(claims, { ...console, tokenUseRequired: false })).toMatchObject({ kind: 'console' });
    expect(principalFromClaims({ ...claims, token_use: 'access' }, console)).toEqual({ kind: 'anonymous' });
    expect(principalFromClaims({ ...claims, 'custom:accountId': 'not-an-account' }, console)).toEqual({ kind: 'anonymous' });
    expect(principalFromClaims({ ...claims, token_use: 'id' })).toEqual({ kind: 'anonymous' });
  });

  it('refuses a console token without token_use from the stack\'s own pool (Cognito always sets it)', () => {
    const claims = { sub: 'u2', 'custom:accountId': 'acc-7f3k9q2m4x8b1n5c6v0z' };
    expect(principalFromClaims(claims, DEFAULT_CONSOLE_SOURCE)).toEqual({ kind: 'anonymous' });
  });

  it('carries a console user\'s e-mail only when the provider says it verified it, from the configured claims', () => {
    const claims = { sub: 'u2', token_use: 'id', 'custom:accountId': 'acc-7f3k9q2m4x8b1n5c6v0z', email: 'Owner@Example.com' };
    expect(principalFromClaims({ ...claims, email_verified: true }, DEFAULT_CONSOLE_SOURCE)).toMatchObject({ verifiedEmail: 'Owner@Example.com' });
    expect(principalFromClaims({ ...claims, email_verified: 'true' }, DEFAULT_CONSOLE_SOURCE)).toMatchObject({ verifiedEmail: 'Owner@Example.com' });
    expect(principalFromClaims({ ...claims, email_verified: false }, DEFAULT_CONSOLE_SOURCE)).not.toHaveProperty('verifiedEmail');
    expect(principalFromClaims(claims, DEFAULT_CONSOLE_SOURCE)).not.toHaveProperty('verifiedEmail');
    const oidc = { ...DEFAULT_CONSOLE_SOURCE, emailClaim: 'mail', emailVerifiedClaim: 'mail_verified', tokenUseRequired: false };
    const { token_use: _none, ...withoutUse } = claims;
    expect(principalFromClaims({ ...withoutUse, mail: 'o@example.com', mail_verified: true }, oidc)).toMatchObject({ verifiedEmail: 'o@example.com' });
  });

  it('does not make a partner of a token without a partner id', () => {
    expect(principalFromClaims({ sub: 'u1', 'custom:role': 'partner' })).toEqual({ kind: 'anonymous' });
  });

  it('reads a machine client only from an access token with the billing scope', () => {
    expect(principalFromClaims({ client_id: 'c1', token_use: 'access', scope: BILLING_WRITE_SCOPE })).toEqual({
      kind: 'system', clientId: 'c1', scopes: [BILLING_WRITE_SCOPE],
    });
  });

  it("never treats a person's Cognito access token as a machine client", () => {
    expect(principalFromClaims({ client_id: 'web', token_use: 'access', scope: 'aws.cognito.signin.user.admin' })).toEqual({ kind: 'anonymous' });
    expect(principalFromClaims({ client_id: 'web', token_use: 'id', scope: BILLING_WRITE_SCOPE })).toEqual({ kind: 'anonymous' });
  });
});
