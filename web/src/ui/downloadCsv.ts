/** Hands a CSV file (`toCsv`) to the browser as a download. */

/** Downloads `text` as `<fileName>.csv`. */
export function downloadCsv(fileName: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = `${fileName}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
