import pg from 'pg';
import { expect, it } from 'vitest';
import { twoDesktops } from '../../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';

describeWithPg('calling hours held in order by the server', () => {
  it('two transactions each moving one calling hour cannot leave them ending before they start', async () => {
    const server = await createServerDatabase();
    await twoDesktops(server, 1);
    const admin = new pg.Client(server);
    await admin.connect();
    const [c1, c2] = [new pg.Client(server), new pg.Client(server)];
    await c1.connect();
    await c2.connect();
    try {
      for (const [key, value] of [
        ['callingHoursStart', 8],
        ['callingHoursEnd', 21],
      ] as const) {
        await admin.query(
          `INSERT INTO billing_rules (gid, key, value, updated_at, updated_by, version, desktop_id)
           SELECT 'rule:' || $1::text, $1, $2, '2026-01-01T00:00:00.000Z', 'user:owner', 1, id
             FROM desktops LIMIT 1
           ON CONFLICT (gid) DO UPDATE SET value = excluded.value,
             version = billing_rules.version + 1`,
          [key, value],
        );
      }
      const move = async (c: pg.Client, key: string, value: number) => {
        await c.query('BEGIN');
        await c.query(`UPDATE billing_rules SET value = $2, version = version + 1 WHERE key = $1`, [
          key,
          value,
        ]);
        // the check each would run as it commits, run now: the other has not committed yet
        await c.query('SET CONSTRAINTS billing_rules_calling_hours IMMEDIATE');
      };
      // one desk ends calling at 9, another starts it at 10, at the same moment: the second
      // waits for the first to commit, then is refused
      await move(c1, 'callingHoursEnd', 9);
      const second = move(c2, 'callingHoursStart', 10);
      await c1.query('COMMIT');
      await expect(second).rejects.toThrow(/calling hours must start before they end/);
      await c2.query('ROLLBACK');
      const { rows } = await admin.query<{ key: string; value: string }>(
        `SELECT key, value FROM billing_rules WHERE key LIKE 'callingHours%' ORDER BY key`,
      );
      const hours = Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
      expect(hours.callingHoursStart).toBeLessThan(hours.callingHoursEnd ?? 0);
    } finally {
      await c1.end();
      await c2.end();
      await admin.end();
    }
  });
});
