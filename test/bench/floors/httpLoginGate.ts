/** Library floor of block / unblock / delete: the read floor, Powertools idempotency, Cognito (login gate), EventBridge (events). */
import { AdminDisableUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { floorRoute } from './httpStack';
import { idempotency } from './idempotency';

let cognito: CognitoIdentityProviderClient | undefined;
let events: EventBridgeClient | undefined;

export const handler = floorRoute([idempotency()], async () => {
  cognito ??= new CognitoIdentityProviderClient({});
  events ??= new EventBridgeClient({});
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: 'floor', Username: 'floor' }));
  return events.send(new PutEventsCommand({ Entries: [{ Source: 'floor', DetailType: 'floor', Detail: '{}' }] }));
});
