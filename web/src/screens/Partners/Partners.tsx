/** Manager → Partners: every partner newest first, by state or by the start of its company or e-mail, with its clients; CSV of the filtered list. */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, type Outcome } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { PartnerItem, PartnerPage, PartnerState } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatCount, formatMoscowClock } from '../../i18n/format';
import { language } from '../../i18n/language';
import { navigate, route, withQuery } from '../../router';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { downloadCsv } from '../../ui/downloadCsv';
import { Icon } from '../../ui/Icon';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { partnersCsv } from './partnersCsv';

/** Every state a partner can be in, in the order the filter lists them. */
export const PARTNER_STATES: readonly PartnerState[] = ['active', 'suspended', 'ended'];

const SEARCH_DEBOUNCE_MS = 300;
/** The API's largest page: the export reads the filtered list in pages of this many. */
const EXPORT_PAGE = 100;

/** The address of a partner's page. */
export function partnerPath(id: string): string {
  return `/partners/${encodeURIComponent(id)}`;
}

/** The list's page: the console never asks for CSV, so a text answer is an empty page. */
function asPage(data: PartnerPage | string): PartnerPage {
  return typeof data === 'string' ? { items: [], nextCursor: null } : data;
}

/** One page of the list. */
async function partnersPage(filters: { state?: PartnerState | undefined; search?: string | undefined; cursor?: string | undefined }, limit: number): Promise<Outcome<PartnerPage>> {
  const outcome = await attempt(api().GET('/partners', {
    params: { query: { ...(filters.state && { state: filters.state }), ...(filters.search && { search: filters.search }), ...(filters.cursor && { cursor: filters.cursor }), limit: String(limit) } },
  }));
  return outcome.ok ? { ok: true, data: asPage(outcome.data) } : outcome;
}

/** Every partner of the filtered list, page by page. */
async function allPartners(filters: { state?: PartnerState | undefined; search?: string | undefined }): Promise<Outcome<PartnerItem[]>> {
  const items: PartnerItem[] = [];
  let cursor: string | undefined;
  do {
    const outcome = await partnersPage({ ...filters, cursor }, EXPORT_PAGE);
    if (!outcome.ok) return outcome;
    items.push(...outcome.data.items);
    cursor = outcome.data.nextCursor ?? undefined;
  } while (cursor);
  return { ok: true, data: items };
}

/** The screen. */
export function Partners() {
  const words = t.value;
  const page = words.department.partners;
  const { query } = route.value;
  const state = PARTNER_STATES.find((known) => known === query.get('state'));
  const search = query.get('search')?.trim() || undefined;
  const cursor = query.get('cursor') ?? undefined;
  const [searchText, setSearchText] = useState(search ?? '');
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const loaded = useLoaded(
    () => partnersPage({ state, search, cursor }, 50),
    [state, search, cursor],
  );
  useEffect(() => {
    if (searchText.trim() === (search ?? '')) return;
    const timer = setTimeout(() => navigate(withQuery('/partners', { state, search: searchText.trim() }), { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);
  const next = loaded.data?.nextCursor;
  const column = page.columns;
  const exportCsv = async () => {
    setExported(null);
    const outcome = await allPartners({ state, search });
    if (!outcome.ok) return setExportProblem(outcome.problem);
    setExportProblem(null);
    downloadCsv(`${page.csvFile}${state ? `-${state}` : ''}`, partnersCsv(outcome.data, language.value));
    setExported(outcome.data.length);
  };

  return (
    <AppShell title={page.title}>
      <div class="screen-head list-head">
        <h1 tabIndex={-1}>{page.title}</h1>
        <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
          <div class="field">
            <label for="partner-state">{page.state}</label>
            <select id="partner-state" value={state ?? ''}
              onChange={(event) => navigate(withQuery('/partners', { state: event.currentTarget.value, search }))}>
              <option value="">{page.allStates}</option>
              {PARTNER_STATES.map((known) => <option value={known}>{words.department.partnerState[known]}</option>)}
            </select>
          </div>
          <div class="field grow">
            <label for="partner-search">{page.search}</label>
            <input id="partner-search" type="search" value={searchText} placeholder={page.searchPlaceholder} aria-describedby="partner-search-hint"
              onInput={(event) => setSearchText(event.currentTarget.value)} />
            <p class="visually-hidden" id="partner-search-hint">{page.searchHint}</p>
          </div>
        </form>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void exportCsv()}><Icon name="download" />{words.common.exportCsv}</button>
        </div>
      </div>
      {exported !== null && <p class="notice" role="status">{words.common.exported(exported)}</p>}
      <ProblemMessage problem={exportProblem} />
      <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />
      {(loaded.data || loaded.slow) && (
        <DataTable
          caption={page.caption}
          layout="dense"
          rows={loaded.data?.items ?? []}
          loading={!loaded.data}
          rowKey={(partner) => partner.id}
          onRowClick={(partner) => navigate(partnerPath(partner.id))}
          empty={state || search ? page.noMatch : page.empty}
          columns={[
            { header: column.company, cell: (partner) => <Link href={partnerPath(partner.id)} translate={false}>{partner.company}</Link> },
            { header: column.email, cell: (partner) => <span translate={false}>{partner.email}</span> },
            { header: column.state, cell: (partner) => <span class={`badge partner-${partner.state}`}>{words.department.partnerState[partner.state]}</span> },
            { header: column.since, nowrap: true, cell: (partner) => formatMoscowClock(partner.since) },
            { header: column.clients, numeric: true, cell: (partner) => formatCount(partner.clients) },
            { header: column.activeClients, numeric: true, cell: (partner) => formatCount(partner.activeClients) },
          ]}
        />
      )}
      <Pager
        onFirst={cursor ? () => navigate(withQuery('/partners', { state, search })) : undefined}
        onNext={next ? () => navigate(withQuery('/partners', { state, search, cursor: next })) : undefined}
      />
    </AppShell>
  );
}
