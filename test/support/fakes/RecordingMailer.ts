import type { Mail, Mailer } from '../../../shared/ports/Mailer';

/**
 * `Mailer` that keeps what it sends, mirroring `SesMailer`: a mail either goes out (and is recorded)
 * or `send` throws, as when SES refuses it; `refuse` makes the next sends fail.
 */
export class RecordingMailer implements Mailer {
  /** The mails sent, in order. */
  public readonly sent: Mail[] = [];
  private refusing = false;

  /** From now on the provider refuses every mail (`true`) or accepts them again (`false`). */
  public refuse(refusing = true): void {
    this.refusing = refusing;
  }

  public async send(mail: Mail): Promise<void> {
    if (this.refusing) throw new Error('the mail provider refused the mail');
    this.sent.push(structuredClone(mail));
  }

  /** The mails sent to one address. */
  public to(address: string): Mail[] {
    return this.sent.filter((mail) => mail.to === address);
  }
}
