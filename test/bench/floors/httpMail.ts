/** Library floor of a write route that mails (add client, resend invitation): the read floor, Powertools idempotency, SES. */
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { floorRoute } from './httpStack';
import { idempotency } from './idempotency';

let ses: SESClient | undefined;

export const handler = floorRoute([idempotency()], async () => {
  ses ??= new SESClient({});
  return ses.send(new SendEmailCommand({ Source: 'floor@example.com', Destination: { ToAddresses: ['to@example.com'] }, Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } }));
});
