import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { signInGateDeps } from '../shared/adapters/compositionRoot';
import { admitConsoleUser } from '../shared/domain/accounts/admitConsoleUser';
import { CLAIMS } from '../shared/http/Principal';
import { signInTrigger } from '../shared/observability/signInTrigger';

/**
 * Cognito pre-token-generation trigger of the console users' pool, at sign-in and at every token
 * refresh: refuses a cloud account blocked by its partner (so a blocked session ends when its
 * tokens do), registers a cloud account for a user who has just signed up, and names the account
 * in the ID token (`custom:accountId`), which the invitation routes read.
 */
export const handler = signInTrigger({
  name: 'consoleTokenClaims',
  admit: async (event: PreTokenGenerationTriggerEvent) => {
    const { accountId } = await admitConsoleUser(signInGateDeps(), event.request.userAttributes.sub ?? '', 'token');
    event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { [CLAIMS.accountId]: accountId ?? '' } } };
    return event;
  },
});
