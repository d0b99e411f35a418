import { partnerRecords } from '../shared/adapters/compositionRoot';
import { httpRoute } from '../shared/http/httpRoute';
import { listPartnersQuery } from '../shared/http/schemas/partners';
import { toPartnersCsv, toPartnerSummaryView } from '../shared/http/views/partners';

/** GET /partners — managers list partners, newest first, by state or search; `Accept: text/csv` exports the page. */
export const handler = httpRoute({ auth: 'manager', query: listPartnersQuery }, async ({ query, headers }) => {
  const records = partnerRecords();
  const page = await records.list(query);
  const counts = await records.clientCounts(page.items.map((partner) => partner.partnerId));
  const items = page.items.flatMap((partner) => {
    const partnerCounts = counts.get(partner.partnerId);
    return partnerCounts ? [toPartnerSummaryView(partner, partnerCounts)] : [];
  });
  if (/\btext\/csv\b/i.test(headers.accept ?? '')) {
    return {
      status: 200,
      text: toPartnersCsv(items),
      headers: { 'content-type': 'text/csv; charset=utf-8', ...(page.nextCursor && { 'x-next-cursor': page.nextCursor }) },
    };
  }
  return { status: 200, body: { items, nextCursor: page.nextCursor ?? null } };
});
