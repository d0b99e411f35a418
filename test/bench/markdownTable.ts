/** Renders rows as a GitHub markdown table (cells are escaped for `|`). */
export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|');
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** ✓ when a measurement meets its target, ✗ otherwise. */
export function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}
