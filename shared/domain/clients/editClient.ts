import { type Actor, EDITABLE_CLIENT_FIELDS, type FieldChange } from '../audit/AuditEntry';
import { retryOnConcurrentChange } from '../ConcurrentChange';
import { NotFoundError } from '../errors';
import type { Client } from './Client';
import type { ClientChange } from './ClientChange';
import type { ClientDeps } from './ClientDeps';

/** What a partner may change on its client: each field given is set (`null` clears it), a field left out stays. */
export interface ClientEdit {
  readonly name?: string | null;
  readonly phone?: string | null;
}

/** The fields of `edit` whose value differs from the client's, with both values. */
export function changedFields(client: Client, edit: ClientEdit): FieldChange[] {
  return EDITABLE_CLIENT_FIELDS.flatMap((field) => {
    const wanted = edit[field];
    if (wanted === undefined) return [];
    const before = client[field] ?? null;
    return before === wanted ? [] : [{ field, before, after: wanted }];
  });
}

/**
 * A partner changes its client's name or phone.
 *
 * 1. The client must be the partner's and attached (not found otherwise, as for another partner's).
 * 2. Compare each field given with the stored one: when nothing differs the client is answered as it
 *    is and nothing is written (no version, no audit entry), so sending the same edit again is harmless.
 * 3. Write the client one version on with an `edit` audit entry naming each changed field before and
 *    after, in one conditional write; a concurrent change of the client (a block, an acceptance, another
 *    edit) makes it read and decide again, so the edit applies on top of the newest state.
 *    The search index follows the new name through the clients' change stream.
 */
export async function editClient(
  deps: Pick<ClientDeps, 'clients' | 'clock' | 'ids'>,
  partnerId: string,
  clientId: string,
  actor: Actor,
  edit: ClientEdit,
): Promise<Client> {
  return retryOnConcurrentChange(async () => {
    const client = await deps.clients.get(partnerId, clientId);
    if (!client) throw new NotFoundError('Client', { clientId });
    const changes = changedFields(client, edit);
    if (changes.length === 0) return client;
    const at = deps.clock.now();
    const update = Object.fromEntries(changes.map(({ field, after }) => [field, after ?? undefined]));
    const after: Client = { ...client, ...update, updatedAt: at, version: client.version + 1 };
    const change: ClientChange = {
      before: client,
      after,
      audit: {
        id: deps.ids.next('aud'), partnerId, clientId, at, actor, action: 'edit', before: client.status, after: client.status, changes,
      },
    };
    await deps.clients.save(change);
    return after;
  });
}
