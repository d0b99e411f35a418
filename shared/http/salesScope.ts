import { clientQueries } from '../adapters/compositionRoot';
import { NotFoundError } from '../domain/errors';
import { assignedOnly, seesClient } from '../domain/team/clientAssignment';
import type { Principal } from './Principal';

/**
 * Refuses a sales member a client that is not assigned to it with 404, exactly as another partner's
 * client (never say which): one read of the client, for sales members only; the other roles pass.
 */
export async function requireAssigned(principal: Extract<Principal, { kind: 'partner' }>, clientId: string): Promise<void> {
  if (assignedOnly(principal) === undefined) return;
  const client = await clientQueries().get(principal.partnerId, clientId);
  if (!client || !seesClient(principal, client)) throw new NotFoundError('Client', { clientId });
}
