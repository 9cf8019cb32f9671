import { REASON_CODES, REMARK_CODES } from '../../shared/codes/adjustment-codes';
import {
  explainCode,
  type CodeEntry,
  type CodeKind,
  type ExplainedCode,
} from '../../shared/codes/code-list';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';

/**
 * The code tables in effect: the codes ClaimDesk ships (shared/codes/adjustment-codes),
 * overlaid by every code of a list a supervisor loaded, which takes precedence.
 */
export interface CodeTable {
  reason: ReadonlyMap<string, CodeEntry>;
  remark: ReadonlyMap<string, CodeEntry>;
  /** How many codes of each came from a loaded list. */
  loaded: Record<CodeKind, number>;
}

const shipped = (codes: Record<string, string>): Map<string, CodeEntry> =>
  new Map(
    Object.entries(codes).map(([code, description]) => [
      code,
      { code, description, startDate: null, lastModified: null, stopDate: null },
    ]),
  );

/** Keyed by connection: a list is loaded a few times a year and read on every account view. */
const cache = new WeakMap<ReadDb, { stamp: string; table: CodeTable }>();

/** What changes when a list is loaded: the loads' count and last id. */
function stampOf(db: ReadDb): string {
  const row = one<{ n: number; last: number | null }>(
    db,
    `SELECT count(*) AS n, max(id) AS last FROM code_list_loads`,
  );
  return `${row?.n ?? 0}:${row?.last ?? 0}`;
}

export function codeTable(db: ReadDb): CodeTable {
  const stamp = stampOf(db);
  const cached = cache.get(db);
  if (cached && cached.stamp === stamp) return cached.table;
  const reason = shipped(REASON_CODES);
  const remark = shipped(REMARK_CODES);
  const loaded: Record<CodeKind, number> = { reason: 0, remark: 0 };
  const rows = all<CodeEntry & { kind: CodeKind }>(
    db,
    `SELECT kind, code, description, start_date AS startDate, last_modified AS lastModified,
         stop_date AS stopDate
       FROM code_list_entries`,
  );
  for (const { kind, ...entry } of rows) {
    (kind === 'reason' ? reason : remark).set(entry.code, entry);
    loaded[kind]++;
  }
  const table: CodeTable = { reason, remark, loaded };
  // a table read inside a transaction may be rolled back with it, and a later load could
  // reuse its id: only what is committed is kept
  if (!db.inTransaction) cache.set(db, { stamp, table });
  return table;
}

/** A reason or remark code in words, marked when unknown or stopped before the service date. */
export function explain(
  table: CodeTable,
  kind: CodeKind,
  code: string,
  serviceDate: IsoDate | null = null,
): ExplainedCode {
  return explainCode(table[kind].get(code), kind, code, serviceDate);
}

/**
 * The published wording of reason codes in effect, for classifyDenial: a code a loaded list
 * brought in is placed in a denial category by its wording.
 */
export function reasonWording(db: ReadDb): (code: string) => string | undefined {
  const reasons = codeTable(db).reason;
  return (code) => reasons.get(code)?.description;
}
