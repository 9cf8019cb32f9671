import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportInput } from '../../shared/api/reports';
import { REPORT_IDS } from '../../shared/reports/model';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { getReport } from './report';

/**
 * The reports read for one facility must not scan a large table: at 200,000 accounts a scan
 * of the accounts or the ledger alone costs more than the 500 ms the bench allows. Every
 * statement a report runs is caught as it is prepared, with its parameters, and its query
 * plan read on the demo hospital (with the statistics PRAGMA optimize gathers at open).
 */
let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  call(ctx, 'loadDemoData', {});
  ctx.db.exec('ANALYZE');
});
afterAll(() => ctx.close());

/** Tables a bench-size office keeps few rows in: a scan of them costs nothing. */
const SMALL = new Set([
  'payers',
  'users',
  'facilities',
  'agencies',
  'adjustment_reasons',
  'billing_rules',
  // the list of ids a statement read is given, not a table
  'json_each',
]);

const KEYWORDS = new Set([
  'WHERE',
  'ON',
  'JOIN',
  'LEFT',
  'INNER',
  'GROUP',
  'ORDER',
  'LIMIT',
  'USING',
]);

interface Caught {
  sql: string;
  params: unknown[];
}

/** The connection as the report sees it, keeping each statement run and its parameters. */
function catching(db: ReadDb, caught: Caught[]): ReadDb {
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          const statement = target.prepare(sql);
          const keep =
            (run: (...p: unknown[]) => unknown) =>
            (...params: unknown[]) => {
              caught.push({ sql, params });
              return run(...params);
            };
          return new Proxy(statement, {
            get(s, k) {
              const v: unknown = Reflect.get(s, k, s);
              if (typeof v !== 'function') return v;
              const bound = (v as (...p: unknown[]) => unknown).bind(s);
              return k === 'all' || k === 'get' || k === 'iterate' ? keep(bound) : bound;
            },
          });
        };
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...p: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('the reports for one facility', () => {
  it.each(REPORT_IDS)('%s scans no large table', (report) => {
    const caught: Caught[] = [];
    const read: ReadCtx = { ...ctx, db: catching(ctx.db, caught) };
    getReport(read, reportInput.parse({ report, filters: { facilityId: 2 } }));
    expect(caught.length).toBeGreaterThan(0);
    const scans: string[] = [];
    for (const { sql, params } of caught) {
      // the plan names a table by its alias where the SQL gives one
      const tables = new Map<string, string>();
      for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi))
        if (m[1]) tables.set(m[2] && !KEYWORDS.has(m[2].toUpperCase()) ? m[2] : m[1], m[1]);
      const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
        detail: string;
      }[];
      for (const { detail } of plan) {
        const named = /^SCAN (\w+)/.exec(detail)?.[1];
        const table = named && (tables.get(named) ?? named);
        if (table && !SMALL.has(table) && !/^SCAN (CONSTANT|SUBQUERY)/.test(detail))
          scans.push(`${detail}\n  in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
