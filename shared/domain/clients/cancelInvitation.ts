import type { Actor } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import type { Client } from './Client';
import type { ClientDeps } from './ClientDeps';
import { closeInvitation } from './invitationChanges';
import { partnerClient } from './partnerClient';

/**
 * A partner withdraws a client's pending invitation: invitation `cancelled`, client `cancelled`,
 * the cloud account released (the partner, or another one, may invite it again). An invitation
 * already answered, cancelled or expired (also by a concurrent request) is `invitation_closed`.
 */
export async function cancelInvitation(
  deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>,
  partnerId: string,
  clientId: string,
  actor: Actor,
): Promise<Client> {
  return retryOnConcurrentChange(async () => {
    const { client, invitation } = await partnerClient(deps.clients, partnerId, clientId);
    const change = closeInvitation(client, invitation, 'cancel', { at: deps.clock.now(), actor, auditId: deps.ids.next('aud') });
    await deps.clients.save(change);
    return change.after;
  });
}
