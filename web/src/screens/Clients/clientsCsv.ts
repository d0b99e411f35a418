/** CSV export of the partner's filtered clients list (`allClients` reads every page of it), in the page's language. */
import type { ClientItem } from '../../api/types';
import { CATALOGUES } from '../../i18n/catalogue';
import { formatMoscowClock, formatPlainAmount } from '../../i18n/format';
import type { Language } from '../../i18n/language';
import { toCsv } from '../../ui/csv';

/** The file: a header in `lang`, one row per client; balance as a plain number in major units. */
export function clientsCsv(items: readonly ClientItem[], lang: Language): string {
  const words = CATALOGUES[lang];
  const header = words.csv.clients;
  return toCsv(
    [header.id, header.name, header.email, header.phone, header.accountId, header.status, header.invitation, header.balance, header.currency, header.created],
    items.map((client) => [
      client.id, client.name ?? '', client.email, client.phone ?? '', client.accountId ?? '', words.clientStatus[client.status],
      words.invitationStatus[client.invitation.status], client.balance ? formatPlainAmount(client.balance.amount, lang) : '',
      client.balance?.currency ?? '', formatMoscowClock(client.createdAt, lang),
    ]),
    lang,
  );
}
