import { approvalDeps, billingDeps, documentClient, partners, teamDeps } from '../../shared/adapters/compositionRoot';
import { DynamoAccountOwners } from '../../shared/adapters/dynamodb/DynamoAccountOwners';
import { founderMemberId } from '../../shared/domain/team/Member';
import { inviteMember } from '../../shared/domain/team/manageTeam';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { FixedClock } from '../../shared/domain/Clock';
import { decideApplication } from '../../shared/domain/applications/decideApplication';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import type { Partner } from '../../shared/domain/partners/Partner';
import { seedBalances } from './seedBalances';
import { type SeededClients, seedClients } from './seedClients';

/** Who the demo data belongs to; `npm start` prints their tokens. */
export interface DemoData {
  readonly manager: { readonly email: string; readonly userId: string };
  readonly partner: Partner;
  readonly clients: SeededClients;
  /** How many billing events the importer recorded for the active clients. */
  readonly billingEvents: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Months of billing the demo clients have (Detail and Expenses show them). */
const BILLING_MONTHS = 4;
/** The demo partner's clients accepted its invitations before their billing starts (partners see billing from acceptance on). */
const CLIENTS_DAYS_AGO = BILLING_MONTHS * 30 + 5;
/** The demo partner was admitted before it invited its clients. */
const ADMITTED_DAYS_AGO = CLIENTS_DAYS_AGO + 5;

/**
 * Seeds the local stack through the real use cases: a manager login, a partner admitted through
 * the whole application flow with a finance and a sales member in its team, applications in every state (one of them already past 48 hours,
 * so the first escalation run has something to do), the partner's clients, and a few months of
 * billing for the clients who accepted.
 */
export async function seedDemoData(apiUrl: string, now = new Date()): Promise<DemoData> {
  const directory = new LocalAccountDirectory(documentClient());
  const manager = { email: 'manager@partnerdesk.local', userId: 'mgr_demo' };
  await directory.createManagerLogin(manager.email, 'Demo Manager');

  const at = (daysAgo: number) => ({ ...approvalDeps(), clock: new FixedClock(new Date(now.getTime() - daysAgo * DAY)) });
  const { application: admitted } = await submitApplication(at(ADMITTED_DAYS_AGO + 1), {
    name: 'Irina Volkova', email: 'partner@partnerdesk.local', phone: '+74951234567',
    company: 'Volkova Cloud Integration LLC', message: 'We resell cloud services to 40 SMB customers in Moscow.',
  });
  await decideApplication(at(ADMITTED_DAYS_AGO + 0.5), admitted.id, manager.userId, { action: 'contact' });
  await decideApplication(at(ADMITTED_DAYS_AGO), admitted.id, manager.userId, { action: 'approve' });

  await submitApplication(at(3), {
    name: 'Oleg Smirnov', email: 'oleg@northwind.example', phone: '+78121234567',
    company: 'Northwind Systems', message: 'Integrator, 12 engineers, interested in the reseller program.',
  });
  await submitApplication(at(0.1), {
    name: 'Anna Petrova', email: 'anna@bluebird.example', phone: '+79161234567',
    company: 'Bluebird Hosting', message: 'Hosting provider moving customers to the cloud.',
  });
  const { application: spam } = await submitApplication(at(1), {
    name: 'Max Power', email: 'max@spam.example', phone: '+15551234567', company: 'Cheap Links', message: 'Buy backlinks!',
  });
  await decideApplication(at(0.5), spam.id, manager.userId, { action: 'reject', reason: 'Not a cloud reseller or integrator' });

  const partner = await partners().findByEmail(admitted.email);
  if (!partner) throw new Error('seed: the demo partner was not created');
  // The demo partner's team besides its owner (sign in locally with these e-mails): what each role sees and may do.
  for (const [email, role] of [['finance@partnerdesk.local', 'finance'], ['sales@partnerdesk.local', 'sales']] as const) {
    await inviteMember(teamDeps(), partner.partnerId, founderMemberId(partner.partnerId), { email, role });
  }
  const clients = await seedClients(partner.partnerId, apiUrl, new Date(now.getTime() - CLIENTS_DAYS_AGO * DAY));
  const served = await new DynamoAccountOwners(documentClient()).servedAccounts(clients.activeAccounts);
  const billing = await seedBalances(clients.activeAccounts, { now, months: BILLING_MONTHS }, billingDeps(), served);
  return { manager, partner, clients, billingEvents: billing.recorded };
}
