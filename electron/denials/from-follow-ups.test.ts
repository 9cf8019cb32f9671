import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo/generate';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

describe('denials of the demo hospital', () => {
  it('every open denial follow-up has a classified denial in the denials view', () => {
    const ctx = createTestCtx();
    try {
      generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
      const open = ctx.db
        .prepare(`SELECT count(*) AS n FROM follow_ups WHERE kind = 'denial' AND status = 'open'`)
        .get() as { n: number };
      const list = call(ctx, 'listDenials', { limit: 500 });
      expect(open.n).toBeGreaterThan(20);
      expect(list.total).toBe(open.n);
      const categories = new Set(list.rows.map((d) => d.category));
      for (const c of ['medical_necessity', 'prior_authorization', 'timely_filing']) {
        expect(categories).toContain(c);
      }
      // most are explained by their codes; "other" is the exception, not the rule
      expect(list.rows.filter((d) => d.category === 'other').length).toBeLessThan(
        list.rows.length / 5,
      );
      expect(list.rows.every((d) => d.codes.length > 0 && d.amount > 0)).toBe(true);

      // by deadline: the coming ones soonest first, then the passed ones latest first,
      // each by amount, the same whichever page a row is read from
      const today = ctx.clock.today();
      const key = (d: { deadlineDate: string; amount: number }) =>
        [d.deadlineDate < today ? 1 : 0, d.deadlineDate, d.amount] as const;
      const expected = list.rows
        .map(key)
        .sort((a, b) => a[0] - b[0] || (a[0] ? -1 : 1) * a[1].localeCompare(b[1]) || b[2] - a[2]);
      expect(expected.some(([passed]) => passed === 1)).toBe(true);
      expect(expected.some(([passed]) => passed === 0)).toBe(true);
      expect(list.rows.map(key)).toEqual(expected);
      const paged = [0, 7, 14].flatMap(
        (offset) => call(ctx, 'listDenials', { offset, limit: 7 }).rows,
      );
      expect(paged.map(key)).toEqual(expected.slice(0, 21));
    } finally {
      ctx.close();
    }
  });
});
