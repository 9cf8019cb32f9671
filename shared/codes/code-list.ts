/**
 * A published code list (claim adjustment reason codes or remittance advice remark codes)
 * as a supervisor loads it from a file, and how a code reads against the list in effect.
 *
 * The accepted file: comma-separated (CSV, as a spreadsheet saves it) or tab-separated
 * text with a header row naming the columns, in any order, in the words X12 and WPC use:
 *   Code, Description, Start Date, Last Modified, Stop Date
 * Code and Description are required; the dates may be blank and are written MM/DD/YYYY or
 * YYYY-MM-DD. One row per code; a code appears once. A "Notes" column or any other is
 * ignored. The list's own date (its publication) is given when loading, not in the file.
 */
import { readCsv, type CsvTable } from '../csv/read';
import { readUsDate, type IsoDate } from '../dates/iso-date';

export type CodeKind = 'reason' | 'remark';

export const CODE_KIND_LABEL: Record<CodeKind, string> = {
  reason: 'Claim adjustment reason codes (CARC)',
  remark: 'Remittance advice remark codes (RARC)',
};

export interface CodeEntry {
  code: string;
  description: string;
  startDate: IsoDate | null;
  lastModified: IsoDate | null;
  stopDate: IsoDate | null;
}

export type CodeListReading =
  { ok: true; entries: CodeEntry[] } | { ok: false; problems: string[] };

/** A code as the X12 lists write them: letters and digits, at most six. */
const CODE_PATTERN = /^[A-Z0-9]{1,6}$/;
/** Remark codes all begin with M or N (M15, MA130, N4); reason codes never do. */
const looksLikeRemark = (code: string) => /^[MN]/.test(code);
/** Past this many, the rest of a file's problems are counted, not listed. */
const MAX_PROBLEMS = 12;

type Column = 'code' | 'description' | 'startDate' | 'lastModified' | 'stopDate';
const COLUMN_NAMES: Record<string, Column> = {
  code: 'code',
  description: 'description',
  startdate: 'startDate',
  start: 'startDate',
  lastmodified: 'lastModified',
  lastmodifieddate: 'lastModified',
  modified: 'lastModified',
  stopdate: 'stopDate',
  stop: 'stopDate',
};
const COLUMN_LABEL: Record<Column, string> = {
  code: 'Code',
  description: 'Description',
  startDate: 'Start Date',
  lastModified: 'Last Modified',
  stopDate: 'Stop Date',
};

function readTabs(text: string): CsvTable {
  const lines = text.split(/\r\n|\r|\n/);
  const unquote = (v: string) =>
    v
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .replace(/""/g, '"');
  const rows = lines.map((line, i) => ({ rowNumber: i + 1, cells: line.split('\t').map(unquote) }));
  const [header, ...body] = rows;
  return {
    headers: (header?.cells ?? []).map((h, i) => h || `Column ${i + 1}`),
    rows: body.filter((r) => r.cells.some((c) => c !== '')),
  };
}

/** Reads a code list file; any problem refuses the whole file, each one said with its row. */
export function readCodeList(text: string, kind: CodeKind): CodeListReading {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  let table: CsvTable;
  if (firstLine.includes('\t')) table = readTabs(body);
  else {
    const csv = readCsv(body);
    if (!csv.ok) return { ok: false, problems: [csv.problem] };
    table = csv.table;
  }
  const at = new Map<Column, number>();
  table.headers.forEach((h, i) => {
    const column = COLUMN_NAMES[h.toLowerCase().replace(/[^a-z]/g, '')];
    if (column && !at.has(column)) at.set(column, i);
  });
  const missing = (['code', 'description'] as const).filter((c) => !at.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [
        `The header row must name the columns Code and Description (found: ${table.headers.join(', ') || 'nothing'}). Missing: ${missing.map((c) => COLUMN_LABEL[c]).join(', ')}.`,
      ],
    };
  }
  if (table.rows.length === 0) return { ok: false, problems: ['The file lists no codes.'] };

  const problems: string[] = [];
  const entries: CodeEntry[] = [];
  const seen = new Map<string, number>();
  const cell = (cells: string[], c: Column) => {
    const i = at.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  for (const { rowNumber, cells } of table.rows) {
    const row = `Row ${rowNumber}`;
    const code = cell(cells, 'code').toUpperCase();
    const description = cell(cells, 'description').replace(/\s+/g, ' ');
    if (!CODE_PATTERN.test(code)) {
      problems.push(
        code
          ? `${row}: "${code}" is not a code (letters and digits, up to six).`
          : `${row} has no code.`,
      );
      continue;
    }
    if (kind === 'reason' && looksLikeRemark(code))
      problems.push(`${row}: ${code} is a remark code; this is a list of reason codes.`);
    if (kind === 'remark' && !looksLikeRemark(code))
      problems.push(`${row}: ${code} is not a remark code (they begin with M or N).`);
    if (!description) problems.push(`${row}: code ${code} has no description.`);
    const earlier = seen.get(code);
    if (earlier !== undefined)
      problems.push(`${row}: code ${code} is listed again (first in row ${earlier}).`);
    else seen.set(code, rowNumber);
    const dates: Partial<Record<Column, IsoDate | null>> = {};
    for (const c of ['startDate', 'lastModified', 'stopDate'] as const) {
      const value = cell(cells, c);
      if (!value) {
        dates[c] = null;
        continue;
      }
      const reading = readUsDate(value);
      if (reading.ok) dates[c] = reading.date;
      else
        problems.push(`${row}: the ${COLUMN_LABEL[c]} of ${code}, "${value}", ${reading.problem}.`);
    }
    const start = dates.startDate ?? null;
    const stop = dates.stopDate ?? null;
    if (start && stop && stop < start)
      problems.push(`${row}: code ${code} stops (${stop}) before it starts (${start}).`);
    entries.push({
      code,
      description,
      startDate: start,
      lastModified: dates.lastModified ?? null,
      stopDate: stop,
    });
  }
  if (problems.length > 0) {
    const more = problems.length - MAX_PROBLEMS;
    return {
      ok: false,
      problems:
        more > 0
          ? [...problems.slice(0, MAX_PROBLEMS), `…and ${more} more problems in this file.`]
          : problems,
    };
  }
  return { ok: true, entries };
}

export interface CodeListDiff {
  /** Codes the list in effect does not have. */
  added: string[];
  /** Codes whose wording or dates change (a newly stopped code counts under stopped). */
  changed: string[];
  /** Codes that now carry a stop date they did not carry before. */
  stopped: string[];
  unchanged: number;
  /** Codes in effect that the file does not list; they are kept. */
  notInFile: string[];
}

const sameEntry = (a: CodeEntry, b: CodeEntry) =>
  a.description === b.description &&
  a.startDate === b.startDate &&
  a.lastModified === b.lastModified &&
  a.stopDate === b.stopDate;

/** What loading `incoming` over the list in effect would change. */
export function diffCodeList(
  current: ReadonlyMap<string, CodeEntry>,
  incoming: readonly CodeEntry[],
): CodeListDiff {
  const diff: CodeListDiff = { added: [], changed: [], stopped: [], unchanged: 0, notInFile: [] };
  const listed = new Set<string>();
  for (const entry of incoming) {
    listed.add(entry.code);
    const now = current.get(entry.code);
    if (!now) diff.added.push(entry.code);
    else if (sameEntry(now, entry)) diff.unchanged++;
    else if (entry.stopDate && entry.stopDate !== now.stopDate) diff.stopped.push(entry.code);
    else diff.changed.push(entry.code);
  }
  for (const code of current.keys()) if (!listed.has(code)) diff.notInFile.push(code);
  return diff;
}

export type CodeStatus = 'current' | 'stopped' | 'unknown';

export interface ExplainedCode {
  code: string;
  description: string;
  status: CodeStatus;
}

/**
 * A code in words against the list in effect. An unknown code still shows, marked; a code
 * whose stop date is before the date of service is shown as stopped, since a payer should
 * not have used it there.
 */
export function explainCode(
  entry: CodeEntry | undefined,
  kind: CodeKind,
  code: string,
  serviceDate: IsoDate | null,
): ExplainedCode {
  const noun = kind === 'reason' ? 'Reason code' : 'Remark code';
  if (!entry)
    return {
      code,
      description: `${noun} ${code} (not in ClaimDesk's code table).`,
      status: 'unknown',
    };
  if (entry.stopDate && serviceDate && entry.stopDate < serviceDate)
    return {
      code,
      description: `${entry.description} (code stopped ${entry.stopDate}, before this service date)`,
      status: 'stopped',
    };
  return { code, description: entry.description, status: 'current' };
}
