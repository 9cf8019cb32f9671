/**
 * Writing comma-separated files that spreadsheets open safely: values quoted when they
 * need it, and text that a spreadsheet would run as a formula made inert.
 */

// A spreadsheet runs a cell starting with one of these as a formula (a classic way to
// smuggle commands into an exported file); tab and carriage return can hide such a start.
// Text that already starts with quotes before one gets one more, so unguardCell is exact.
const FORMULA_START = /^'*[=+\-@\t\r]/;
// A plain number, negative amounts included, is never run; leaving it alone keeps it a number.
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const GUARDED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Prefixes a single quote to text a spreadsheet would take for a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Takes off the quote guardCell put on, so a file written here reads back as it was. */
export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

function quoted(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line of a file, without its line end. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quoted(guardCell(c))).join(',');
}

/**
 * A whole file: CRLF line ends as RFC 4180 has them, and a byte order mark when asked,
 * which Excel needs to read accented names in UTF-8 correctly.
 */
export function toCsv(
  rows: readonly (readonly string[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = rows.map(csvLine);
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
