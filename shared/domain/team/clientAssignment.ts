import type { Client } from '../clients/Client';
import { RuleViolationError } from '../errors';
import type { ClientAssignments } from '../../ports/ClientAssignments';
import type { TeamStore } from '../../ports/TeamStore';
import type { MemberRole } from './Member';

/** Who looks at a partner's clients: its member id and role (set by the membership check). */
export interface ClientViewer {
  readonly memberId?: string;
  readonly role?: MemberRole;
}

/** The member whose assigned clients are all the viewer may see: a sales member's own id; `undefined` for the roles that see every client. */
export function assignedOnly(viewer: ClientViewer): string | undefined {
  return viewer.role === 'sales' ? viewer.memberId ?? '' : undefined;
}

/** Whether the viewer may see (and act on) the client: a sales member only on the clients assigned to it. */
export function seesClient(viewer: ClientViewer, client: Pick<Client, 'assignee'>): boolean {
  const only = assignedOnly(viewer);
  return only === undefined || client.assignee === only;
}

/** Most clients one assignment request names (as many as one bulk operation). */
export const MAX_ASSIGNED_PER_REQUEST = 500;

/**
 * An owner or admin assigns clients (a selection) to a sales member, or takes them back (`memberId`
 * `null`). Clients that are not the partner's (or no longer attached) are reported, not assigned.
 * 1. The member must be a sales member of the partner (else `assignee_not_sales`: other roles see every client anyway).
 * 2. Each client is assigned on its own (a client deleted meanwhile is reported as not found).
 */
export async function assignClients(
  deps: { readonly clients: ClientAssignments; readonly team: Pick<TeamStore, 'team'> },
  partnerId: string,
  clientIds: readonly string[],
  memberId: string | null,
): Promise<{ assigned: string[]; notFound: string[] }> {
  if (memberId !== null) {
    const team = await deps.team.team(partnerId);
    const member = team?.members.find((candidate) => candidate.memberId === memberId);
    if (member?.role !== 'sales') {
      throw new RuleViolationError('assignee_not_sales', 'Clients are assigned to sales members only', { memberId });
    }
  }
  const unique = [...new Set(clientIds)];
  const results = await Promise.all(unique.map(async (clientId) => ({ clientId, found: await deps.clients.assign(partnerId, clientId, memberId) })));
  return {
    assigned: results.filter((r) => r.found).map((r) => r.clientId),
    notFound: results.filter((r) => !r.found).map((r) => r.clientId),
  };
}
