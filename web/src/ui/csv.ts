/**
 * CSV files as spreadsheets in the page's language open them: UTF-8 with a byte-order mark (Excel
 * reads Cyrillic right), `;` between cells in Russian (Excel's separator in a Russian locale) and
 * `,` in English, CRLF line ends (RFC 4180), amounts as plain numbers with the language's decimal sign.
 */
import type { Language } from '../i18n/language';

/** The byte-order mark that tells a spreadsheet the file is UTF-8. */
export const BOM = '\uFEFF';

/** The cell separator a spreadsheet in `lang`'s locale expects. */
export function separatorOf(lang: Language): string {
  return lang === 'ru' ? ';' : ',';
}

/**
 * One CSV cell: quoted when needed, and text starting with `=`, `+`, `-`, `@` neutralised so a
 * spreadsheet never runs a client-typed name as a formula (plain numbers such as `-12.50` or `-12,50` stay numbers).
 */
export function csvCell(value: string, separator = ','): string {
  const formula = /^[=+\-@\t\r]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, the header row and the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], lang: Language): string {
  const separator = separatorOf(lang);
  return BOM + [header, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n') + '\r\n';
}
