/**
 * Reading comma-separated files as spreadsheets save them (RFC 4180): values in double
 * quotes may hold commas, line breaks and doubled quotes; lines end in CRLF, LF or CR.
 */

export interface CsvRecord {
  /** The row number a spreadsheet shows for it: the header is row 1. */
  rowNumber: number;
  cells: string[];
}

export interface CsvTable {
  /** The header row's names, trimmed; a blank header is named by its position ("Column 4"). */
  headers: string[];
  /** The rows under the header, blank rows left out (their numbers are skipped). */
  rows: CsvRecord[];
}

export type CsvReading = { ok: true; table: CsvTable } | { ok: false; problem: string };

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

class CsvSyntaxError extends Error {}

/**
 * Splits text into records. A quote that never closes would swallow the rest of the file,
 * so it stops the reading with the row it started on. Anything else is read leniently,
 * the way spreadsheets do: a quote inside an unquoted value is kept, and text after a
 * closing quote joins the value.
 */
function splitRecords(text: string, maxRecords: number): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  if (n === 0) return records;
  const boundary = /[,\r\n]/g;
  const nextBoundary = (from: number) => {
    boundary.lastIndex = from;
    const m = boundary.exec(text);
    return m ? m.index : n;
  };
  let i = 0;
  let rowNumber = 1;
  let cells: string[] = [];
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          throw new CsvSyntaxError(
            `Row ${rowNumber} has a value that opens a quote (") and never closes it, so the rest of the file cannot be read. Close the quote or remove it.`,
          );
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      const end = nextBoundary(i);
      value += text.slice(i, end);
      i = end;
    } else {
      const end = nextBoundary(i);
      value = text.slice(i, end);
      i = end;
    }
    cells.push(value);
    if (i >= n) {
      records.push({ rowNumber, cells });
      return records;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push({ rowNumber, cells });
    if (i >= n || records.length >= maxRecords) return records;
    rowNumber += 1;
    cells = [];
  }
}

const isBlank = (r: CsvRecord) => r.cells.every((c) => c.trim() === '');

/**
 * Reads a whole file, or its first `maxRows` rows under the header (enough to show a
 * mapping with sample values without reading a large file twice).
 */
export function readCsv(text: string, maxRows = Number.POSITIVE_INFINITY): CsvReading {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let records: CsvRecord[];
  try {
    records = splitRecords(body, maxRows + 1);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problem: e.message };
    throw e;
  }
  const header = records[0];
  if (!header || isBlank(header)) {
    return {
      ok: false,
      problem: 'The first row must name the columns (a header row); this file starts empty.',
    };
  }
  if (header.cells.length === 1) {
    const only = header.cells[0] ?? '';
    const separator = only.includes('\t') ? 'tabs' : only.includes(';') ? 'semicolons' : null;
    if (separator)
      return {
        ok: false,
        problem: `The columns of this file are separated by ${separator}. Save it from the spreadsheet as CSV (comma delimited) and choose it again.`,
      };
  }
  return {
    ok: true,
    table: {
      headers: header.cells.map((h, i) => h.trim() || `Column ${i + 1}`),
      rows: records.slice(1).filter((r) => !isBlank(r)),
    },
  };
}
