import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoApplicationRepository } from '../../shared/adapters/dynamodb/DynamoApplicationRepository';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { SesMailer } from '../../shared/adapters/ses/SesMailer';
import type { Clock } from '../../shared/domain/Clock';
import type { NoticeDeps } from '../../shared/domain/applications/deliverNotices';
import type { ApplicationForm } from '../../shared/domain/applications/PartnerApplication';
import { type IdGenerator, randomIds } from '../../shared/domain/IdGenerator';
import { DEFAULT_MAIL_SETTINGS } from '../../shared/domain/mails/MailSettings';
import type { Mailer } from '../../shared/ports/Mailer';

/** An e-mail address no other test uses (the local SES inbox is shared by the whole run). */
export function uniqueEmail(prefix = 'applicant'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}@example.com`;
}

/** A valid "contact sales" form with a unique e-mail, sent from the form in English. */
export function applicationForm(email = uniqueEmail()): ApplicationForm {
  return { name: 'Ann Lee', email, phone: '+74950000000', company: 'Lee IT', message: `We resell cloud ${email}`, language: 'en' };
}

/** Real adapters (DynamoDB Local, local SES, local directory) for the application use cases, with a unique department inbox. */
export function applicationTestDeps(
  client: DynamoDBDocumentClient,
  clock: Clock,
  mailer: Mailer = SesMailer.fromEnv(),
): NoticeDeps & { ids: IdGenerator; settings: { departmentEmail: string; supportEmail: string } } {
  return {
    applications: new DynamoApplicationRepository(client),
    mailer,
    clock,
    ids: randomIds,
    settings: { ...DEFAULT_MAIL_SETTINGS, departmentEmail: uniqueEmail('dept'), supportEmail: 'support@example.com' },
    directory: new LocalAccountDirectory(client),
  };
}
