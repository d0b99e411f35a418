import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import type { Mail, Mailer } from '../../ports/Mailer';
import { clientTimeoutConfig, SLOW_CALL_TIMEOUTS, timeoutsFor } from '../aws/callTimeouts';

/** An unpaired UTF-16 surrogate: such text has no UTF-8 form, so no mail can carry it. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * Mailer on Amazon SES (v1 API). `SES_ENDPOINT` points it at the local SES.
 *
 * A failed send never leaks into the next one: the SDK's query serializer keeps its output buffer
 * on the client between requests and does not clear it when encoding throws (an unpaired surrogate
 * makes `encodeURIComponent` throw `URIError` halfway), so the next request's body started with the
 * previous recipient and subject. Mails that cannot be encoded are refused before the SDK sees them,
 * and after any failure the client is replaced by a new one.
 */
export class SesMailer implements Mailer {
  private client: SESClient;

  public constructor(
    private readonly createClient: () => SESClient,
    private readonly from: string,
  ) {
    this.client = createClient();
  }

  /** Creates the mailer from `SES_ENDPOINT` (local only) and `MAIL_FROM`. */
  public static fromEnv(env = process.env): SesMailer {
    const endpoint = env.SES_ENDPOINT;
    return new SesMailer(() => new SESClient({ ...clientTimeoutConfig(timeoutsFor(SLOW_CALL_TIMEOUTS, endpoint)), ...(endpoint && { endpoint }) }), env.MAIL_FROM ?? 'partners@partnerdesk.local');
  }

  public async send(mail: Mail): Promise<void> {
    if ([mail.to, mail.subject, mail.text, mail.html ?? ''].some((part) => UNPAIRED_SURROGATE.test(part))) {
      throw new Error('mail refused before sending: it holds text that is not well-formed Unicode');
    }
    try {
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
    } catch (error) {
      // Whatever state the failed request left in the client (a half-written body) goes with it.
      const failed = this.client;
      this.client = this.createClient();
      failed.destroy();
      throw error;
    }
  }
}
