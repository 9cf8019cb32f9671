import type { DemoLoadResult } from '../../shared/api/app';
import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { all as allRows, one as oneRow } from '../db/query';
import { generateDemoData } from '../demo/generate';
import { createTestCtx, type TestCtx } from './test-db';

/** The demo hospital that the generator's tests inspect, and the queries they inspect it with. */

export const TODAY: IsoDate = isoDate('2026-06-15');

export function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return allRows<T>(db, sql, ...params);
}

export function one<T>(db: Db, sql: string, ...params: unknown[]): T {
  return oneRow<T>(db, sql, ...params) as T;
}

export function n(db: Db, sql: string, ...params: unknown[]): number {
  return one<{ n: number }>(db, sql, ...params).n;
}

// building the demo hospital takes 6-8 s alone, more on a machine busy with other tests,
// so each test file builds it once for all its tests
export function buildDemoHospital(): { ctx: TestCtx; result: DemoLoadResult } {
  const ctx = createTestCtx(TODAY);
  try {
    return {
      ctx,
      result: generateDemoData(ctx.db, { today: TODAY, now: ctx.clock.now(), scale: 'demo' }),
    };
  } catch (error) {
    ctx.close();
    throw error;
  }
}
