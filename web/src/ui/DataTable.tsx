/**
 * A plain `<table>` with a caption, optional row selection (labelled checkboxes) and a scrolling
 * wrapper that keyboard users can scroll; on a phone each row shows as a card, every cell with its
 * column's name (`data-label`).
 */
import type { ComponentChildren } from 'preact';

/** One column: its header and how a row shows in it. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ComponentChildren;
  /** Right-align numbers (and keep them on one line). */
  readonly numeric?: boolean;
  /** Keep the cell on one line (days, times). */
  readonly nowrap?: boolean;
}

/** Props of `DataTable`. */
export interface DataTableProps<Row> {
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  readonly empty: string;
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

/** Renders the table, or the `empty` sentence when there are no rows. */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, rowClass, selection }: DataTableProps<Row>) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const keys = rows.map(rowKey);
  const allSelected = selection !== undefined && keys.every((key) => selection.selected.has(key));
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" class="select">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={() => selection.toggleAll(keys, !allSelected)}
                />
              </th>
            )}
            {columns.map((column) => <th scope="col" class={column.numeric ? 'numeric' : undefined}>{column.header}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr key={key} class={rowClass?.(row)}>
                {selection && (
                  <td class="select" data-label="Select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${selection.label(row)}`}
                      checked={selection.selected.has(key)}
                      onChange={() => selection.toggle(key)}
                    />
                  </td>
                )}
                {columns.map((column) => (
                  <td class={[column.numeric && 'numeric', column.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined} data-label={column.header}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
