import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { CLAIMS } from '../../shared/http/Principal';

/** Audience (app client id) of local demo tokens; the functions accept it through `AUTH_AUDIENCES`. */
export const LOCAL_AUDIENCE = 'partnerdesk-local';

/** Client id of the local machine client (billing ingestion); the functions accept it through `AUTH_MACHINE_CLIENTS`. */
export const LOCAL_MACHINE_CLIENT = 'partnerdesk-local-billing';

/** Stands in for the Cognito user pool locally: signs tokens with the claims Cognito would issue. */
export interface LocalTokenIssuer {
  readonly issuer: string;
  readonly jwks: { keys: JWK[] };
  /** Signs a token with the given claims (`sub`, `custom:role`, ...); `expiresIn: null` leaves out `exp` (tests of refusal). */
  sign(claims: JWTPayload, expiresIn?: string | null): Promise<string>;
  /** A machine client's access token (client credentials) with the given scopes, as Cognito issues for billing ingestion. */
  machineToken(clientId: string, scopes: readonly string[]): Promise<string>;
  /** A person's ID token: role `partner` (with partnerId) or `manager`. */
  personToken(person: { sub: string; email: string; role: 'partner' | 'manager'; partnerId?: string }): Promise<string>;
}

/** Creates a fresh ES256 key pair and an issuer whose JWKS the local gateway serves. */
export async function createLocalTokenIssuer(issuer: string): Promise<LocalTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'ES256', use: 'sig' };
  const sign = (claims: JWTPayload, expiresIn: string | null = '12h'): Promise<string> => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'local-1' }).setIssuer(issuer).setIssuedAt();
    return (expiresIn === null ? jwt : jwt.setExpirationTime(expiresIn)).sign(privateKey);
  };
  return {
    issuer,
    jwks: { keys: [publicJwk] },
    sign,
    machineToken: (clientId, scopes) =>
      sign({ sub: clientId, client_id: clientId, token_use: 'access', scope: scopes.join(' ') }),
    personToken: ({ sub, email, role, partnerId }) =>
      sign({
        sub,
        aud: LOCAL_AUDIENCE,
        token_use: 'id',
        [CLAIMS.email]: email,
        [CLAIMS.role]: role,
        ...(partnerId ? { [CLAIMS.partnerId]: partnerId } : {}),
      }),
  };
}
