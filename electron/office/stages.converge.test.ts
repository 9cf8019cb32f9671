import pg from 'pg';
import { expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { one, run } from '../db/query';
import { withCaptureOff } from './capture';
import { callAsync, call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owingPatient } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';

const on = (d: Desktop, date: IsoDate) => ({ ...d.ctx, clock: fixedClock(date) });

const stageRow = (d: Desktop) =>
  one(
    d.ctx.db,
    `SELECT stage, statements_sent AS sent, last_statement_date AS last FROM dunning_stages`,
  );

describeWithPg('statement stages that differ between desks', () => {
  it('a desk that wrote a stage earlier than the office row it already took converges with the office', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // A's day is a day ahead of B's (a run started before midnight, a clock a little off)
    await callAsync(on(a, addDays(TEST_TODAY, 1)), 'generateStatement', { accountId: account });
    await syncAll(a, b);
    expect(stageRow(b)).toEqual(stageRow(a));
    // B, having taken A's row, prints on its own day
    await callAsync(on(b, TEST_TODAY), 'generateStatement', { accountId: account });
    await syncAll(b, a, b);
    const [office] = await serverRows<{ sent: number; last: string }>(
      server,
      `SELECT statements_sent AS sent, last_statement_date AS last FROM dunning_stages`,
    );
    // the later of the two rows everywhere (DESIGN: the desk takes the office's with its next pull)
    expect(stageRow(a)).toEqual(stageRow(b));
    expect(stageRow(b)).toMatchObject({ sent: office?.sent, last: office?.last });
  });

  it("a desk's login cannot freeze an account's stage office-wide by writing the table directly", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    const accountGid = gidOf(b.ctx.db, 'accounts', account);
    const guarantor = one<{ id: number }>(
      b.ctx.db,
      `SELECT guarantor_id AS id FROM accounts WHERE id = ?`,
      account,
    );
    const guarantorGid = gidOf(b.ctx.db, 'people', guarantor?.id ?? 0);
    const client = new pg.Client(b.config);
    await client.connect();
    try {
      // dated far past the office's calendar: refused, whoever writes it
      await expect(
        client.query(
          `INSERT INTO dunning_stages (gid, account_gid, guarantor_gid, stage, first_statement_date,
           statements_sent, last_statement_date, last_amount_due, source, updated_at, version,
           desktop_id)
         VALUES ('stage:' || $1::text, $1, $2, 0, '2026-01-01', 0, '9999-12-31', NULL, 'import',
           'x', 1, (SELECT desktop_id FROM desks WHERE login = current_user))`,
          [accountGid, guarantorGid],
        ),
      ).rejects.toThrow(/dated by the office's calendar/);
    } finally {
      await client.end();
    }
    // A prints a real statement; B should learn of it
    await callAsync(a.ctx, 'generateStatement', { accountId: account });
    await syncAll(a, b);
    const { statementsSent } = call(b.ctx, 'getAccountDunning', { accountId: account });
    expect(statementsSent).toBe(1);
  });
});

describeWithPg('statement stages at an office upgraded with stages already on its desks', () => {
  it("a desk's stage never goes back to a gentler one when another desk's earlier-known cycle arrives", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // before server migration 26 each desk kept its own: A sent four statements, up to stage 3;
    // B knew of one only
    const before = (d: Desktop, stage: number, sent: number, last: IsoDate) =>
      withCaptureOff(d.ctx.db, () =>
        run(
          d.ctx.db,
          `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
             statements_sent, last_statement_date, last_amount_due, source, updated_at)
           SELECT id, guarantor_id, ?, ?, ?, ?, NULL, 'statement', ? FROM accounts WHERE id = ?`,
          stage,
          addDays(TEST_TODAY, -120),
          sent,
          last,
          `${last}T12:00:00.000Z`,
          account,
        ),
      );
    before(a, 3, 4, addDays(TEST_TODAY, -10));
    before(b, 0, 1, addDays(TEST_TODAY, -110));
    const stageAt = (d: Desktop) =>
      one<{ stage: number }>(d.ctx.db, `SELECT stage FROM dunning_stages`)?.stage ?? -1;
    expect(stageAt(a)).toBe(3);
    await callAsync(on(b, TEST_TODAY), 'generateStatement', { accountId: account });
    await syncAll(b, a);
    // A's patient already had a stage-3 letter: the next must not be gentler
    expect(stageAt(a)).toBeGreaterThanOrEqual(3);
  });
});
