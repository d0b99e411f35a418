import { DEFAULT_MAIL_SETTINGS } from '../../shared/domain/mails/MailSettings';
import type { Language } from '../../shared/domain/Language';
import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Email } from 'aws-ses-v2-local/dist/store';
import { accountLockKey } from '../../shared/adapters/dynamodb/clientKeys';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { DynamoPartnerRepository, partnerItem } from '../../shared/adapters/dynamodb/DynamoPartnerRepository';
import { partnerEmailKey } from '../../shared/adapters/dynamodb/partnerKeys';
import { APPLICATION_KIND, applicationKey } from '../../shared/adapters/dynamodb/applicationKeys';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/DynamoRateLimiter';
import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { SesMailer } from '../../shared/adapters/ses/SesMailer';
import type { Clock } from '../../shared/domain/Clock';
import { addClient } from '../../shared/domain/clients/addClient';
import type { Client } from '../../shared/domain/clients/Client';
import type { AccountOwner } from '../../shared/domain/clients/answerInvitation';
import type { ClientDeps } from '../../shared/domain/clients/ClientDeps';
import { hashSecretToken } from '../../shared/domain/clients/secretToken';
import { newCloudAccountId } from '../../shared/domain/clients/cloudAccountId';
import { randomIds } from '../../shared/domain/IdGenerator';
import type { Mailer } from '../../shared/ports/Mailer';
import { newPartnerRecord, type Partner } from '../../shared/domain/partners/Partner';
import { mailsTo } from './sesInbox';

/** Where invitation links point in tests. */
export const TEST_BASE_URL = 'https://partners.example.test';

/** A well-formed cloud account id no other test uses: drawn as the cloud draws one at sign-up. */
export { newCloudAccountId };

/** Registers a fresh cloud account in the registry, owned by a console user of its own, and returns its id. */
export async function registerCloudAccount(client: DynamoDBDocumentClient): Promise<string> {
  const accountId = newCloudAccountId();
  await new DynamoCloudAccountRegistry(client).register(accountId, new Date(), `owner-of-${accountId}`);
  return accountId;
}

/** Stores a partner account (as the approval of its application would) with a unique e-mail, `<partnerId>@example.com` (its owner: the login `useLocalIssuer().partner(partnerId)` signs for). */
export async function createPartner(client: DynamoDBDocumentClient, name = 'Volkova IT', language: Language = 'en'): Promise<Partner> {
  const suffix = randomBytes(6).toString('hex');
  const partner: Partner = {
    partnerId: `ptn_${suffix}`, name, email: `ptn_${suffix}@example.com`, applicationId: `app_${suffix}`, createdAt: new Date(), language,
  };
  const at = partner.createdAt.toISOString();
  // The approved application it came from: approval creates both, and the partner page reads it.
  await client.send(new PutCommand({
    TableName: physicalTableName('applications'),
    Item: {
      ...applicationKey(partner.applicationId), kind: APPLICATION_KIND, id: partner.applicationId, status: 'approved',
      name: 'Irina Volkova', email: partner.email, phone: '+7 495 000-00-00', company: name, message: 'Test partner', language,
      createdAt: at, updatedAt: at, contactDueAt: at, contactedAt: at, contactedBy: 'mgr_test', decidedAt: at, decidedBy: 'mgr_test', partnerId: partner.partnerId,
    },
  }));
  await client.send(new PutCommand({ TableName: physicalTableName('partners'), Item: partnerItem(newPartnerRecord(partner)) }));
  await client.send(new PutCommand({ TableName: physicalTableName('partners'), Item: { ...partnerEmailKey(partner.email), partnerId: partner.partnerId } }));
  return partner;
}

/** Real adapters (DynamoDB Local, local SES, local event store) for the clients use cases. */
export function clientTestDeps(client: DynamoDBDocumentClient, clock: Clock, mailer: Mailer = SesMailer.fromEnv()): ClientDeps {
  return {
    clients: new DynamoClientRepository(client),
    accounts: new DynamoCloudAccountRegistry(client),
    partners: new DynamoPartnerRepository(client),
    mailer,
    limits: new DynamoRateLimiter(client),
    events: new LocalEventStore(client),
    mail: DEFAULT_MAIL_SETTINGS,
    clock,
    ids: randomIds,
    publicBaseUrl: TEST_BASE_URL,
  };
}

/** The invitation token in the link of an invitation mail. */
export function tokenFromMail(mail: Email): string {
  const token = /\/invitations\/([A-Za-z0-9_-]{43})\b/.exec(mail.body.text ?? '')?.[1];
  if (!token) throw new Error('no invitation link in the mail');
  return token;
}

/** An e-mail address no other test uses (the local SES inbox is shared by the whole run). */
export function uniqueClientEmail(): string {
  return `client-${randomBytes(6).toString('hex')}@example.com`;
}

/** The audit actor of a partner's (single, test) user. */
export function partnerActor(partner: Partner): { kind: 'partner'; id: string } {
  return { kind: 'partner', id: `usr_${partner.partnerId}` };
}

/** Adds a client (for a newly registered account unless given) and returns it with the token from its invitation mail. */
export async function inviteClient(
  client: DynamoDBDocumentClient,
  clock: Clock,
  partner: Partner,
  details: { email?: string; name?: string; accountId?: string } = {},
): Promise<{ client: Client; token: string; email: string; accountId: string }> {
  const email = details.email ?? uniqueClientEmail();
  const accountId = details.accountId ?? (await registerCloudAccount(client));
  const { client: added } = await addClient(clientTestDeps(client, clock), partner.partnerId, partnerActor(partner), {
    email, accountId, name: details.name,
  });
  const mail = (await mailsTo(email)).at(-1);
  if (!mail) throw new Error('no invitation mail');
  return { client: added, token: tokenFromMail(mail), email, accountId };
}

/** Who holds a cloud account now (its lock item, read strongly consistent), or `undefined` when nobody does. */
export async function accountLock(client: DynamoDBDocumentClient, accountId: string): Promise<{ partnerId?: unknown; clientId?: unknown } | undefined> {
  const result = await client.send(new GetCommand({ TableName: physicalTableName('clients'), Key: accountLockKey(accountId), ConsistentRead: true }));
  return result.Item;
}

/**
 * The owner of the cloud account an invitation names, signed in to the console: the one person who
 * may answer it. Throws for an invitation without an account (say whose account answers it).
 */
export async function ownerOf(client: DynamoDBDocumentClient, token: string): Promise<AccountOwner> {
  const invitation = await new DynamoClientRepository(client).invitationForToken(hashSecretToken(token));
  if (!invitation?.accountId) throw new Error('ownerOf: the invitation names no account; answer it as a chosen owner');
  return { accountId: invitation.accountId };
}
