/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break quoted, its
 * quotes doubled), safe to open in a spreadsheet: a field that starts like a formula (= + - @, a tab
 * or a carriage return) gets a leading single quote, so Excel, LibreOffice and Sheets show it as text
 * instead of running it (CSV injection, OWASP).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
