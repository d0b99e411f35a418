/**
 * A plain `<table>` with a caption, optional row selection (labelled checkboxes) and a scrolling
 * wrapper that keyboard users can scroll. While a load runs longer than a moment it shows skeleton
 * rows instead of rows that may be stale. On a phone each row shows as a card, every cell with its
 * column's name (`data-label`), unless the table lays its rows out itself (`layout`).
 */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/catalogue';

/** One column: its header and how a row shows in it. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ComponentChildren;
  /** Right-align numbers (and keep them on one line). */
  readonly numeric?: boolean;
  /** Keep the cell on one line (days, times). */
  readonly nowrap?: boolean;
  /** A class of the column's cells (a table with its own phone layout places cells by it). */
  readonly class?: string;
  /** The header is for screen readers only (a narrow column of buttons). */
  readonly hideHeader?: boolean;
}

/** Props of `DataTable`. */
export interface DataTableProps<Row> {
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** What shows instead of an empty table. */
  readonly empty: ComponentChildren;
  /** Show skeleton rows (a load has run for a moment). */
  readonly loading?: boolean;
  /** A class of the table that lays out its rows itself (e.g. `dense`: one line per row). */
  readonly layout?: string;
  /** Opens a row when it is clicked outside its links, buttons and checkboxes (its main link stays the keyboard's way in). */
  readonly onRowClick?: (row: Row) => void;
  /** Row highlight class (e.g. overdue). */
  readonly rowClass?: (row: Row) => string | undefined;
  /** Selection: which rows are selected, and how each row is named for its checkbox label. */
  readonly selection?: {
    readonly selected: ReadonlySet<string>;
    readonly toggle: (key: string) => void;
    readonly toggleAll: (keys: readonly string[], on: boolean) => void;
    readonly label: (row: Row) => string;
  };
}

const SKELETON_ROWS = 8;

/** Renders the table, the skeleton while loading, or `empty` when there are no rows. */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, loading, layout, onRowClick, rowClass, selection }: DataTableProps<Row>) {
  const words = t.value;
  if (!loading && rows.length === 0) return <div class="empty">{empty}</div>;
  const keys = rows.map(rowKey);
  const allSelected = selection !== undefined && keys.length > 0 && keys.every((key) => selection.selected.has(key));
  const cellClass = (column: Column<Row>) =>
    [column.numeric && 'numeric', column.nowrap && 'nowrap', column.class].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`table-scroll${layout ? ` ${layout}` : ''}`} role="region" aria-label={caption} tabIndex={0} aria-busy={loading || undefined}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" class="select">
                <label class="select-all">
                  <input type="checkbox" checked={allSelected} disabled={loading}
                    onChange={() => selection.toggleAll(keys, !allSelected)} />
                  <span class="select-all-words">{words.clients.selectAll}</span>
                </label>
              </th>
            )}
            {columns.map((column) => (
              <th scope="col" class={cellClass(column)}>{column.hideHeader ? <span class="visually-hidden">{column.header}</span> : column.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
            <tr key={`skeleton-${index}`} class="skeleton" aria-hidden="true">
              {selection && <td class="select" />}
              {columns.map((column) => <td class={cellClass(column)}><span class="bar" /></td>)}
            </tr>
          )) : rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr key={key} class={[rowClass?.(row), onRowClick && 'clickable'].filter(Boolean).join(' ') || undefined}
                onClick={onRowClick && ((event) => {
                  if (!(event.target as Element).closest('a, button, input, select, label, [role="menu"]')) onRowClick(row);
                })}>
                {selection && (
                  <td class="select" data-label="">
                    <input
                      type="checkbox"
                      aria-label={words.clients.select(selection.label(row))}
                      checked={selection.selected.has(key)}
                      onChange={() => selection.toggle(key)}
                    />
                  </td>
                )}
                {columns.map((column) => <td class={cellClass(column)} data-label={column.header}>{column.cell(row)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      {loading && <p class="visually-hidden" role="status">{words.common.loading}</p>}
    </div>
  );
}
