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
    } finally {
      ctx.close();
    }
  });
});
