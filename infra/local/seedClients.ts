/**
 * Demo clients for the local stack, created through the real use cases: cloud accounts are
 * registered with their owners (console users), the demo partner invites them, and some owners
 * follow the mailed link and accept, one declines, the rest stay invited — as people would do it.
 */
import { answerDeps, clientDeps, documentClient } from '../../shared/adapters/compositionRoot';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { addClient } from '../../shared/domain/clients/addClient';
import { FixedClock } from '../../shared/domain/Clock';
import { acceptInvitation, declineInvitation } from '../../shared/domain/clients/answerInvitation';
import type { Mail, Mailer } from '../../shared/ports/Mailer';

/** What the seed created: accounts by what happened to their invitation. */
export interface SeededClients {
  /** Every registered cloud account id (the first ones are clients, the rest are free to invite). */
  readonly registeredAccounts: readonly string[];
  /** Accounts whose owners accepted: they have balances. */
  readonly activeAccounts: readonly string[];
  /** The client ids of those accounts (what block / unblock / delete take). */
  readonly activeClientIds: readonly string[];
}

const PEOPLE = [
  { name: 'Sergey Ivanov', email: 'sergey@ivanov-bakery.example', phone: '+74957770001', answer: 'accept' },
  { name: 'Maria Sokolova', email: 'maria@sokolova-design.example', phone: '+74957770002', answer: 'accept' },
  { name: 'Pavel Kuznetsov', email: 'pavel@kuznetsov-logistics.example', phone: '+74957770003', answer: 'accept' },
  { name: 'Elena Popova', email: 'elena@popova-clinic.example', phone: '+74957770004', answer: 'decline' },
  { name: 'Dmitry Lebedev', email: 'dmitry@lebedev-shop.example', phone: '+74957770005', answer: 'none' },
] as const;

/** A demo cloud account id of the documented shape (`acc-` + 20 lower-case letters and digits). */
export function demoAccountId(n: number): string {
  return `acc-demo${String(n).padStart(16, '0')}`;
}

/** The invitation token from a mailed link: what the invitee's click sends. */
function tokenFromMail(mail: Mail): string {
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error('seed: no invitation link in the mail');
  return token;
}

/** The e-mail of the console user who owns demo account `n` (the first five are the demo people's). */
export function demoOwnerEmail(n: number): string {
  return PEOPLE[n - 1]?.email ?? `owner${n}@accounts.example`;
}

/**
 * Registers 10 cloud accounts, each owned by a console user (who signs in locally by account id or
 * e-mail), and makes the first five the demo partner's clients in different states; those who
 * accept were invited and accepted at `since`: a partner sees billing only from acceptance on, so
 * they must have been its clients for the months of billing the demo shows.
 */
export async function seedClients(partnerId: string, apiUrl: string, since: Date): Promise<SeededClients> {
  const registry = new DynamoCloudAccountRegistry(documentClient());
  const directory = new LocalAccountDirectory(documentClient());
  const registeredAccounts = Array.from({ length: 10 }, (_, i) => demoAccountId(i + 1));
  for (const [i, accountId] of registeredAccounts.entries()) {
    const { userId } = await directory.createConsoleUser(demoOwnerEmail(i + 1), `local-console-demo-${i + 1}`);
    await registry.register(accountId, new Date(), userId);
  }

  const deps = clientDeps(apiUrl);
  const sent: Mail[] = [];
  const recording: Mailer = { send: async (mail) => { sent.push(mail); await deps.mailer.send(mail); } };
  const activeAccounts: string[] = [];
  const activeClientIds: string[] = [];
  for (const [i, person] of PEOPLE.entries()) {
    const accountId = registeredAccounts[i] ?? '';
    // Those who accept did so at `since`; pending invitations are fresh (an old one would expire at the first job run).
    const clock = person.answer === 'accept' ? new FixedClock(since) : deps.clock;
    const { client } = await addClient({ ...deps, clock, mailer: recording }, partnerId, { kind: 'partner', id: 'seed' }, {
      accountId, email: person.email, name: person.name, phone: person.phone,
    });
    const invitation = sent.at(-1);
    if (!invitation) throw new Error('seed: no invitation mail');
    const owner = { accountId };
    if (person.answer === 'accept') {
      await acceptInvitation({ ...answerDeps(apiUrl), clock }, tokenFromMail(invitation), owner);
      activeAccounts.push(accountId);
      activeClientIds.push(client.id);
    }
    if (person.answer === 'decline') await declineInvitation({ ...answerDeps(apiUrl), clock }, tokenFromMail(invitation), owner);
  }
  return { registeredAccounts, activeAccounts, activeClientIds };
}
