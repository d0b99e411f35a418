/** The Cognito user pool API from a client created on first use, as the functions that create partners' logins call it. */
import { AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { FloorUse } from './FloorUse';

let cognito: CognitoIdentityProviderClient | undefined;

export const floorUse: FloorUse = {
  run: () => {
    cognito ??= new CognitoIdentityProviderClient({});
    return cognito.send(new AdminCreateUserCommand({ UserPoolId: 'floor', Username: 'floor' }));
  },
};
