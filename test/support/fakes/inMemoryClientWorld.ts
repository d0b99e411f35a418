import { FixedClock } from '../../../shared/domain/Clock';
import { InMemoryRateLimiter } from './InMemoryRateLimiter';
import { addClient } from '../../../shared/domain/clients/addClient';
import type { Client } from '../../../shared/domain/clients/Client';
import type { ClientDeps } from '../../../shared/domain/clients/ClientDeps';
import { clientOperationChange } from '../../../shared/domain/clients/decideClientOperation';
import { closeInvitation, type ClientDetails, inviteNewClient } from '../../../shared/domain/clients/invitationChanges';
import type { ClientOperationDeps } from '../../../shared/domain/clients/runClientOperation';
import { issueSecretToken } from '../../../shared/domain/clients/secretToken';
import type { Partner } from '../../../shared/domain/partners/Partner';
import { loggedFailures } from '../../../shared/observability/loggedFailures';
import type { Mail } from '../../../shared/ports/Mailer';
import { InMemoryClientBatchStore } from './InMemoryClientBatchStore';
import { InMemoryClientRepository } from './InMemoryClientRepository';
import { InMemoryClientTables } from './InMemoryClientTables';
import { InMemoryCloudAccountRegistry } from './InMemoryCloudAccountRegistry';
import { InMemoryOperationConfirmations } from './InMemoryOperationConfirmations';
import { InMemoryPartnerRepository } from './InMemoryPartnerRepository';
import { RecordingEventPublisher } from './RecordingEventPublisher';
import { RecordingMailer } from './RecordingMailer';
import { SequentialIds } from './SequentialIds';

/** Where invitation links point in the unit tests. */
export const UNIT_BASE_URL = 'https://partners.example.test';

/**
 * The clients feature on in-memory fakes: one set of tables behind the repository and the batch
 * store, a fixed clock and sequential ids; failures go to the real (lazily loaded) logger. `deps` feeds the invitation use cases, `operationDeps`
 * block / unblock / delete.
 */
export function inMemoryClientWorld(start: string = '2026-03-01T10:00:00Z') {
  const tables = new InMemoryClientTables();
  const world = {
    tables,
    clients: new InMemoryClientRepository(tables),
    operations: new InMemoryClientBatchStore(tables),
    accounts: new InMemoryCloudAccountRegistry(),
    partners: new InMemoryPartnerRepository(),
    confirmations: new InMemoryOperationConfirmations(),
    mailer: new RecordingMailer(),
    limits: new InMemoryRateLimiter(),
    events: new RecordingEventPublisher(),
    clock: new FixedClock(start),
    ids: new SequentialIds(),
    publicBaseUrl: UNIT_BASE_URL,
    failures: loggedFailures(),
  };
  const deps: ClientDeps = world;
  const operationDeps: ClientOperationDeps = world;
  return { ...world, deps, operationDeps };
}

/** A world of in-memory fakes. */
export type InMemoryClientWorld = ReturnType<typeof inMemoryClientWorld>;

/** A partner account stored in the world (as the approval of its application stores it). */
export function addPartner(world: InMemoryClientWorld, partnerId: string, name = 'Volkova IT'): Partner {
  return world.partners.add({ partnerId, name, email: `${partnerId}@partners.example.com`, applicationId: `app_${partnerId}`, createdAt: world.clock.now() });
}

/** The audit actor of a partner's (single, test) user. */
export function partnerActor(partnerId: string): { readonly kind: 'partner'; readonly id: string } {
  return { kind: 'partner', id: `usr_${partnerId}` };
}

/** The token in the link of an invitation mail. */
export function tokenInMail(mail: Mail | undefined): string {
  const token = /\/invitations\/([A-Za-z0-9_-]{43})\b/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no invitation link in the mail');
  return token;
}

/** A client added by the partner through `addClient`, with the token of the link mailed to it. */
export async function invite(world: InMemoryClientWorld, partnerId: string, details: ClientDetails): Promise<{ client: Client; token: string }> {
  const { client } = await addClient(world.deps, partnerId, partnerActor(partnerId), details);
  return { client, token: tokenInMail(world.mailer.to(details.email).at(-1)) };
}

/**
 * A stored client of the partner brought to `status` through the real state machine, a second per
 * step before the clock's time, for the account given (each client gets its own by default).
 */
export async function storedClient(
  world: InMemoryClientWorld,
  partnerId: string,
  status: 'invited' | 'active' | 'blocked',
  accountId = `acc-${world.ids.next('account').replace(/\D/g, '').padStart(20, '0')}`,
): Promise<Client> {
  const at = (secondsAgo: number) => new Date(world.clock.now().getTime() - secondsAgo * 1000);
  const actor = partnerActor(partnerId);
  const clientId = world.ids.next('cli');
  const invited = inviteNewClient(partnerId, clientId, { accountId, email: `${clientId}@example.com` }, {
    id: world.ids.next('inv'), tokenHash: issueSecretToken().hash, partnerName: 'Volkova IT',
  }, { at: at(3), actor, auditId: world.ids.next('aud') });
  await world.clients.save(invited);
  let current = invited.after;
  if (status !== 'invited' && invited.invitation) {
    const accepted = closeInvitation(current, invited.invitation.after, 'accept', { at: at(2), actor: { kind: 'invitee', id: clientId }, auditId: world.ids.next('aud') });
    await world.clients.save(accepted);
    current = accepted.after;
  }
  if (status === 'blocked') {
    const blocked = clientOperationChange('block', current, undefined, { at: at(1), actor, auditId: world.ids.next('aud') });
    await world.clients.save(blocked);
    current = blocked.after;
  }
  return current;
}
