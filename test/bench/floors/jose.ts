/** A JWT check against a remote key set created on first use, as the authenticated routes check Cognito tokens. */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { FloorUse } from './FloorUse';

let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

export const floorUse: FloorUse = {
  run: (event) => {
    keys ??= createRemoteJWKSet(new URL('https://cognito-idp.eu-central-1.amazonaws.com/floor/.well-known/jwks.json'));
    return jwtVerify(event.token, keys);
  },
};
