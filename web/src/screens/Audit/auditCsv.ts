/** CSV export of an audit page in the page's language. */
import type { AuditEntry } from '../../api/types';
import { type Catalogue, CATALOGUES } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import type { Language } from '../../i18n/language';
import { toCsv } from '../../ui/csv';
import { nameOf } from './clientNames';

/** One changed contact detail of an `edit` in words: "Name: Ivan → Olga". */
export function fieldChange(change: NonNullable<AuditEntry['changes']>[number], words: Catalogue): string {
  const edit = words.clientEdit;
  return edit.change(edit.fields[change.field], change.before ?? edit.notSet, change.after ?? edit.notSet);
}

/** The file: time, client id and name, what, who, status before and after. */
export function auditCsv(entries: readonly AuditEntry[], lang: Language): string {
  const words = CATALOGUES[lang];
  const header = words.csv.audit;
  const status = (value: AuditEntry['after'] | null) => (value ? words.clientStatus[value] : '');
  return toCsv(
    [header.time, header.clientId, header.client, header.action, header.actor, header.before, header.after],
    entries.map((entry) => [
      formatMoscowClock(entry.at, lang), entry.clientId ?? '', entry.clientId === null ? words.audit.allClients : nameOf(entry.client) ?? words.audit.deletedClient,
      [words.audit.actions[entry.action], ...(('changes' in entry && entry.changes) || []).map((change) => fieldChange(change, words))].join('; '),
      entry.actor.email ?? words.audit.actors[entry.actor.kind], status(entry.before), status(entry.after),
    ]),
    lang,
  );
}
