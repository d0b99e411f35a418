/**
 * Names of the clients an audit page mentions: the audit answers ids, so the console asks for each
 * client once (`GET /clients/{id}`) and remembers the answer for the session. A client that is
 * gone (deleted) answers 404 and is shown as such.
 */
import { signal } from '@preact/signals';
import { api, attempt } from '../../api/client';

/** A client's name (or e-mail) by id; null for a client that no longer exists. */
export const clientNames = signal<ReadonlyMap<string, string | null>>(new Map());
const asked = new Set<string>();

/** Remembers a name the screen already knows (from a list or a search). */
export function rememberName(id: string, name: string): void {
  asked.add(id);
  clientNames.value = new Map(clientNames.value).set(id, name);
}

/** Asks for the names of the ids not asked for yet. */
export function loadNames(ids: readonly string[]): void {
  for (const id of new Set(ids)) {
    if (asked.has(id)) continue;
    asked.add(id);
    void attempt(api().GET('/clients/{id}', { params: { path: { id } } })).then((outcome) => {
      if (!outcome.ok && outcome.problem.code !== 'not_found') return void asked.delete(id);
      clientNames.value = new Map(clientNames.value).set(id, outcome.ok ? outcome.data.name ?? outcome.data.email : null);
    });
  }
}

/** A client as an answer names it (`client`: `null` for no client or one whose record is gone). */
type NamedClient = { readonly name: string | null; readonly email: string } | null;

/** Its name, else its e-mail; null when the answer names none. */
export function nameOf(client: NamedClient): string | null {
  return client ? client.name ?? client.email : null;
}

/** How a screen names a client an answer names, falling back to its id. */
export function labelOf(client: NamedClient, clientId: string): string {
  return nameOf(client) ?? clientId;
}
