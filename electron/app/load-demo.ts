import { conflict } from '../../shared/api/errors';
import type { DemoLoadResult } from '../../shared/api/app';
import type { Ctx } from '../core/context';
import { generateDemoData } from '../demo/generate';
import { oneOrThrow } from '../db/query';

/** Offered on first start: fills an empty database with the demo hospital. */
export function loadDemoData(ctx: Ctx): DemoLoadResult {
  const { n } = oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM accounts`);
  if (n > 0) {
    throw conflict(
      'This database already has accounts; demo data can only be loaded into an empty one.',
    );
  }
  const result = generateDemoData(ctx.db, {
    today: ctx.clock.today(),
    now: ctx.clock.now(),
    scale: 'demo',
  });
  // fresh statistics, so the work queue's first page is an index scan from the start
  ctx.db.exec('ANALYZE');
  return result;
}
