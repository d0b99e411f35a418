import { BILLING_WRITE_SCOPE, principalFromClaims } from '../../../../shared/http/Principal';

describe('principalFromClaims', () => {
  it('reads a partner from an ID token with role and partner id', () => {
    expect(principalFromClaims({ sub: 'u1', email: 'p@example.com', 'custom:role': 'partner', 'custom:partnerId': 'ptn_1' })).toEqual({
      kind: 'partner', userId: 'u1', partnerId: 'ptn_1', email: 'p@example.com',
    });
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
