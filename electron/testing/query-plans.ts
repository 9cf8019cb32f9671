import Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { all } from '../db/query';
import { LARGE_TABLE_ROWS, plannerStatistics } from './large-stats';

/** A key that picks out at most this many rows is one a small sort may follow. */
const SELECTIVE_ROWS_PER_KEY = 100;

const NOT_ALIASES = new Set(
  'where on join left inner cross natural using group order limit union select as set'.split(' '),
);

/** Each name a statement gives a table (`accounts a`), and the tables themselves. */
function tablesByName(sql: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (name: string, table: string) =>
    names.set(name, (names.get(name) ?? new Set()).add(table));
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const table = (m[1] ?? '').toLowerCase();
    add(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !NOT_ALIASES.has(alias)) add(alias, table);
  }
  return names;
}

export interface PlanOptions {
  /**
   * A sort of a subquery's rows is of rows a LIMIT in it already bounded, which the plan
   * does not show.
   */
  boundedSort?: boolean;
  /**
   * Columns the statement filters a large table on: reading it through a key that is not
   * selective must use one of them, or it reads past every row the filter leaves out.
   */
  keyedOn?: readonly string[];
}

export interface PlanCheck {
  sql: string;
  plan: string[];
  problems: string[];
}

/**
 * The statement's query plan and what is wrong with it for a large database: a full
 * scan of a large table (an index read from end to end included, unless it is partial:
 * then it holds only the rows asked about), or a sort in a temporary
 * B-tree of rows not narrowed by a selective key (a sort of the right part of the order,
 * within rows the index already ordered, is fine).
 */
export function checkPlan(
  db: Db,
  sql: string,
  params: unknown[] = [],
  options: PlanOptions = {},
): PlanCheck {
  const { tableRows, rowsPerKey } = plannerStatistics(db);
  const names = tablesByName(sql);
  const large = (name: string) =>
    [...(names.get(name.toLowerCase()) ?? [name.toLowerCase()])].some(
      (t) => (tableRows.get(t) ?? 0) >= LARGE_TABLE_ROWS,
    );
  const partial = new Set(
    all<{ name: string }>(
      db,
      `SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '% WHERE %'`,
    ).map((r) => r.name),
  );
  const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`, ...params).map(
    (r) => r.detail,
  );
  const problems: string[] = [];
  let unselective = false;
  const sorts = plan.some((step) => step.startsWith('USE TEMP B-TREE FOR ORDER BY'));
  // reading in the order asked with nothing to skip stops at the limit (the newest row)
  const stopsAtLimit = !sorts && /\bLIMIT\b/i.test(sql) && !/\bWHERE\b/i.test(sql);
  for (const step of plan) {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(step);
    // a partial index holds only the rows the list is about (the open denials)
    if (scan?.[1] && large(scan[1]) && !stopsAtLimit && !partial.has(scan[2] ?? '')) {
      problems.push(`full scan of a large table: ${step}`);
      unselective = true;
    }
    const search = /^SEARCH (\w+) USING (?:COVERING )?INDEX (\w+) \((.*)\)/.exec(step);
    if (search?.[1] && large(search[1])) {
      const perKey = rowsPerKey.get(search[2] ?? '') ?? Infinity;
      const key = search[3] ?? '';
      // a range after an equality stays within what the equality picked out
      if (/^\w+[<>]/.test(key) || perKey > SELECTIVE_ROWS_PER_KEY) {
        unselective = true;
        const keyed = options.keyedOn?.some((c) => new RegExp(`\\b${c}[=<>]`).test(key));
        if (options.keyedOn && !keyed)
          problems.push(`filtered while reading a key it does not use: ${step}`);
      }
    }
  }
  if (unselective) {
    for (const [i, step] of plan.entries()) {
      // with boundedSort, the sort of a subquery's rows (the parts of a union), not the
      // sort inside one
      const ofSubquery = options.boundedSort && /^SCAN \(subquery/.test(plan[i - 1] ?? '');
      if (/^USE TEMP B-TREE FOR (ORDER BY|GROUP BY|DISTINCT)/.test(step) && !ofSubquery)
        problems.push(`sort of a large set: ${step}`);
    }
  }
  return { sql, plan, problems };
}

/**
 * Opens the file on a second connection that records every statement it runs, with its
 * parameters written in, so a test can check the plans of exactly what a handler ran.
 */
export function recordingConnection(file: string): { db: Db; ran: string[] } {
  const ran: string[] = [];
  const db = new Database(file, { verbose: (sql) => ran.push(String(sql)) }) as Db;
  db.pragma('foreign_keys = ON');
  return { db, ran };
}
