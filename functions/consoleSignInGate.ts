import type { PreAuthenticationTriggerEvent } from 'aws-lambda';
import { signInGateDeps } from '../shared/adapters/compositionRoot';
import { admitConsoleUser } from '../shared/domain/accounts/admitConsoleUser';
import { signInTrigger } from '../shared/observability/signInTrigger';

/**
 * Cognito pre-authentication trigger of the console users' pool: refuses the sign-in of a cloud
 * account blocked by its partner. Cognito shows the thrown message to the user
 * ("PreAuthentication failed with error …").
 */
export const handler = signInTrigger({
  name: 'consoleSignInGate',
  admit: async (event: PreAuthenticationTriggerEvent) => {
    await admitConsoleUser(signInGateDeps(), event.request.userAttributes.sub ?? '', 'sign-in');
    return event;
  },
});
