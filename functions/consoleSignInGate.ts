import type { PreAuthenticationTriggerEvent } from 'aws-lambda';
import { signInGateDeps } from '../shared/adapters/compositionRoot';
import { admitConsoleUser } from '../shared/domain/accounts/admitConsoleUser';

/**
 * Cognito pre-authentication trigger of the console users' pool: refuses the sign-in of a cloud
 * account blocked by its partner. Cognito shows the thrown message to the user
 * ("PreAuthentication failed with error …").
 */
export const handler = async (event: PreAuthenticationTriggerEvent): Promise<PreAuthenticationTriggerEvent> => {
  await admitConsoleUser(signInGateDeps(), event.request.userAttributes.sub ?? '', 'sign-in');
  return event;
};
