/** "Detail": per Moscow day the opening, debits, deposits, withdrawals and closing, and every deposit and withdrawal with its Moscow time; exported as CSV. */
import { useEffect, useState } from 'preact/hooks';
import type { BalanceDetail } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { detailRead } from '../firstReads';
import { BalanceFigure } from '../../ui/BalanceFigure';
import { CATALOGUES, t } from '../../i18n/catalogue';
import { formatDay, formatMoney, formatMoscowClock, formatPlainAmount } from '../../i18n/format';
import { type Language, language } from '../../i18n/language';
import { toCsv } from '../../ui/csv';
import { downloadCsv } from '../../ui/downloadCsv';
import { DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/Icon';
import { Id } from '../../ui/CopyButton';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** The per-day figures as CSV in `lang`. */
export function detailCsv(detail: BalanceDetail, lang: Language): string {
  const header = CATALOGUES[lang].csv.detail;
  const amount = (money: { amount: number }) => formatPlainAmount(money.amount, lang);
  return toCsv(
    [header.day, header.opening, header.debits, header.deposits, header.withdrawals, header.closing, header.currency],
    detail.days.map((day) => [formatDay(day.day, lang), amount(day.opening), amount(day.debits), amount(day.deposits), amount(day.withdrawals), amount(day.closing), day.closing.currency]),
    lang,
  );
}

/** The tab for one client and period. */
export function DetailTab({ clientId, from, to }: { readonly clientId: string; readonly from: string; readonly to: string }) {
  const words = t.value;
  const page = words.balance;
  // The page of movements shown: a cursor belongs to one client and period, so it is dropped when they change.
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  useEffect(() => setCursor(undefined), [clientId, from, to]);
  const loaded = useLoaded(
    () => detailRead.take(clientId, from, to, cursor),
    [clientId, from, to, cursor],
  );
  const detail = loaded.data;
  if (loaded.problem) return <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />;
  if (!detail) return loaded.slow ? <DataTable caption={page.perDayCaption} rows={[]} loading rowKey={() => ''} empty="" columns={[{ header: page.columns.day, cell: () => '' }]} /> : null;
  return (
    <>
      <div class="table-tools">
        <button type="button" class="secondary" onClick={() => downloadCsv(`${page.csvFile}-${from}-${to}`, detailCsv(detail, language.value))}>
          <Icon name="download" />{words.common.exportCsv}
        </button>
      </div>
      <dl class="figures">
        <div><dt>{page.figures.opening}</dt><dd><BalanceFigure money={detail.opening} /></dd></div>
        <div><dt>{page.figures.deposits}</dt><dd>{formatMoney(detail.totals.deposits)}</dd></div>
        <div><dt>{page.figures.withdrawals}</dt><dd>{formatMoney(detail.totals.withdrawals)}</dd></div>
        <div><dt>{page.figures.debits}</dt><dd>{formatMoney(detail.totals.debits)}</dd></div>
        <div><dt>{page.figures.closing}</dt><dd><BalanceFigure money={detail.closing} /></dd></div>
      </dl>
      <h2 class="section-title">{page.perDay}</h2>
      <DataTable
        caption={page.perDayCaption}
        layout="dense"
        rows={[...detail.days].reverse()}
        rowKey={(day) => day.day}
        empty={page.noDays}
        columns={[
          { header: page.columns.day, nowrap: true, cell: (day) => formatDay(day.day) },
          { header: page.figures.opening, numeric: true, cell: (day) => <BalanceFigure money={day.opening} /> },
          { header: page.figures.debits, numeric: true, cell: (day) => formatMoney(day.debits) },
          { header: page.figures.deposits, numeric: true, cell: (day) => formatMoney(day.deposits) },
          { header: page.figures.withdrawals, numeric: true, cell: (day) => formatMoney(day.withdrawals) },
          { header: page.figures.closing, numeric: true, cell: (day) => <BalanceFigure money={day.closing} /> },
        ]}
      />
      <h2 class="section-title">{page.movements}</h2>
      <DataTable
        caption={page.movements}
        layout="dense"
        rows={[...detail.movements].reverse()}
        rowKey={(movement) => movement.transactionId}
        empty={page.noMovements}
        columns={[
          { header: page.columns.time, nowrap: true, cell: (movement) => formatMoscowClock(movement.occurredAt) },
          { header: page.columns.type, cell: (movement) => (movement.type === 'deposit' ? page.deposit : page.withdrawal) },
          { header: page.columns.amount, numeric: true, cell: (movement) => formatMoney(movement.amount) },
          { header: page.columns.transaction, cell: (movement) => <Id value={movement.transactionId} /> },
        ]}
      />
      <Pager
        onFirst={cursor ? () => setCursor(undefined) : undefined}
        onNext={detail.nextCursor ? () => setCursor(detail.nextCursor ?? undefined) : undefined}
      />
    </>
  );
}
