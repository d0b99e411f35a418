import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import type { Mail, Mailer } from '../../ports/Mailer';

/** Mailer on Amazon SES (v1 API). `SES_ENDPOINT` points it at the local SES. */
export class SesMailer implements Mailer {
  public constructor(
    private readonly client: SESClient,
    private readonly from: string,
  ) {}

  /** Creates the mailer from `SES_ENDPOINT` (local only) and `MAIL_FROM`. */
  public static fromEnv(env = process.env): SesMailer {
    const client = new SESClient(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {});
    return new SesMailer(client, env.MAIL_FROM ?? 'partners@partnerdesk.local');
  }

  public async send(mail: Mail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        Source: this.from,
        Destination: { ToAddresses: [mail.to] },
        Message: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
        },
      }),
    );
  }
}
