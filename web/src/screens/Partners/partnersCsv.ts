/** CSV export of the managers' filtered partners list (every page of it), in the page's language. */
import type { PartnerItem } from '../../api/types';
import { CATALOGUES } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import type { Language } from '../../i18n/language';
import { toCsv } from '../../ui/csv';

/** The file: a header in `lang`, one row per partner, the state in words, counts as plain numbers. */
export function partnersCsv(items: readonly PartnerItem[], lang: Language): string {
  const words = CATALOGUES[lang].department;
  const column = words.partners.columns;
  return toCsv(
    [column.company, column.email, column.state, column.since, column.clients, column.activeClients],
    items.map((partner) => [partner.company, partner.email, words.partnerState[partner.state], formatMoscowClock(partner.since, lang),
      String(partner.clients), String(partner.activeClients)]),
    lang,
  );
}
