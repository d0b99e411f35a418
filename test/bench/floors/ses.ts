/** SES sending one mail from a client created on first use, as the functions that mail do. */
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { FloorUse } from './FloorUse';

let ses: SESClient | undefined;

export const floorUse: FloorUse = {
  run: () => {
    ses ??= new SESClient({});
    return ses.send(new SendEmailCommand({ Source: 'floor@example.com', Destination: { ToAddresses: ['to@example.com'] }, Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } }));
  },
};
