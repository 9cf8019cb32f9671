import pg from 'pg';
import { expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, one } from '../db/query';
import { toCsv } from '../../shared/csv/write';
import { COLUMNS, HEADERS, sheetRow } from '../testing/csv-sheet';
import { withSupervisors } from '../testing/office/records';
import { call, callAsync } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owingPatient } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { notSyncedActions } from './not-synced';

const on = (d: Desktop, date: IsoDate) => ({ ...d.ctx, clock: fixedClock(date) });

/** Where the account's cycle stands at the desk, as its Dunning panel shows it. */
function cycleAt(d: Desktop, accountId: AccountId, date: IsoDate = TEST_TODAY) {
  const { stage, statementsSent, lastStatementDate } = call(on(d, date), 'getAccountDunning', {
    accountId,
  });
  return { stage, statementsSent, lastStatementDate };
}

/** The stage row itself: what the next statement starts from. */
const stageRow = (d: Desktop) =>
  one(
    d.ctx.db,
    `SELECT stage, statements_sent AS sent, last_statement_date AS last FROM dunning_stages`,
  );

const candidatesAt = (d: Desktop, date: IsoDate) =>
  call(on(d, date), 'listStatementCandidates', {}).accounts.flatMap((a) => a.accountIds);

describeWithPg("an account's place in its statement cycle across the office", () => {
  it('a statement printed at A moves the cycle on at B, whose next goes out at the next stage', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    expect(candidatesAt(b, TEST_TODAY)).toEqual([account]);

    await callAsync(a.ctx, 'generateStatement', { accountId: account });
    await syncAll(a, b);
    // B knows the first statement went today: not due again until a cycle has passed
    expect(cycleAt(b, account)).toEqual(cycleAt(a, account));
    expect(cycleAt(b, account)).toMatchObject({ statementsSent: 1, lastStatementDate: TEST_TODAY });
    expect(candidatesAt(b, addDays(TEST_TODAY, 3))).toEqual([]);

    // a cycle on, B prints the second statement of the cycle, and A learns of it
    const next = addDays(TEST_TODAY, 30);
    expect(candidatesAt(b, next)).toEqual([account]);
    await callAsync(on(b, next), 'generateStatement', { accountId: account });
    await syncAll(b, a);
    expect(cycleAt(a, account, next)).toEqual(cycleAt(b, account, next));
    expect(cycleAt(a, account, next)).toMatchObject({ statementsSent: 2, lastStatementDate: next });
    // printed as the second statement of the cycle, not a first one again
    for (const d of [a, b]) {
      expect(stageRow(d)).toEqual({ stage: 1, sent: 2, last: next });
    }
    const [office] = await serverRows<{ statements_sent: number; version: number }>(
      server,
      `SELECT statements_sent, version FROM dunning_stages`,
    );
    expect(office).toEqual({ statements_sent: 2, version: 2 });
  });

  it.each([
    ['the later desk', 'a'],
    ['the earlier desk', 'b'],
  ] as const)(
    'two desks printing offline keep the later statement everywhere, %s reaching the office first',
    async (_, first) => {
      const server = await createServerDatabase();
      const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
      const [account] = accountIds as [AccountId];
      // B prints first, A two days later, neither knowing of the other
      await callAsync(b.ctx, 'generateStatement', { accountId: account });
      const later = addDays(TEST_TODAY, 2);
      await callAsync(on(a, later), 'generateStatement', { accountId: account });
      if (first === 'a') await syncAll(a, b, a);
      else await syncAll(b, a, b);
      for (const d of [a, b]) {
        expect(cycleAt(d, account, later)).toMatchObject({ lastStatementDate: later });
        expect(notSyncedActions(d.ctx.db)).toEqual([]);
      }
      expect(cycleAt(a, account, later)).toEqual(cycleAt(b, account, later));
      expect(stageRow(a)).toEqual(stageRow(b));
      // B's earlier stage never moved the office's back
      const [office] = await serverRows<{ last_statement_date: string; version: number }>(
        server,
        `SELECT last_statement_date, version FROM dunning_stages`,
      );
      expect(office).toEqual({ last_statement_date: later, version: first === 'a' ? 1 : 2 });
    },
  );

  it('a desk pulling an earlier stage than its own unsent one keeps its own', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    await callAsync(b.ctx, 'generateStatement', { accountId: account });
    await b.sync.sync();
    const later = addDays(TEST_TODAY, 2);
    await callAsync(on(a, later), 'generateStatement', { accountId: account });
    // A takes the office's rows before it sends its own
    expect(await a.sync.pull()).toBeGreaterThan(0);
    expect(stageRow(a)).toEqual({ stage: 0, sent: 1, last: later });
    await syncAll(a, b);
    expect(stageRow(b)).toEqual({ stage: 0, sent: 1, last: later });
  });

  it("a refused spreadsheet import takes its accounts' stages with it, and the office's come", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withSupervisors);
    // the other system's history: two statements sent since January
    const history = (d: Desktop, numbers: string[]) =>
      call(d.ctx, 'importCsv', {
        fileName: 'accounts.csv',
        text: toCsv([
          [...HEADERS, 'Owed Since', 'Statements'],
          ...numbers.map((n) => [
            ...HEADERS.map((h) => sheetRow(n, 'ACME01')[h]),
            '01/10/2026',
            '2',
          ]),
        ]),
        columns: { ...COLUMNS, patientSinceDate: 'Owed Since', statementsSent: 'Statements' },
      });
    expect(history(a, ['S-1']).imported).toBe(1);
    expect(history(b, ['S-1', 'S-2']).imported).toBe(2);
    await a.sync.sync();
    await b.sync.sync();
    expect(all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`)[0]?.reason).toMatch(
      /^Account S-1 was already created at another desktop/,
    );
    await syncAll(a, b);
    // B's S-1 and S-2 went, with their stages; A's S-1 came with its own
    const stages = (d: Desktop) =>
      all<{ n: string; sent: number }>(
        d.ctx.db,
        `SELECT a.account_number AS n, s.statements_sent AS sent FROM dunning_stages s
           JOIN accounts a ON a.id = s.account_id ORDER BY n`,
      );
    expect(stages(b)).toEqual([{ n: 'S-1', sent: 2 }]);
    expect(stages(b)).toEqual(stages(a));
    expect(stageRow(b)).toEqual(stageRow(a));
  });

  it("a desk whose clock runs past the office's calendar keeps its stage, and its statement lands", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // a date no server clock has reached: the office will not hold a stage dated by it
    const ahead = '2999-01-04' as IsoDate;
    await callAsync(on(a, ahead), 'generateStatement', { accountId: account });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    await syncAll(a, b);
    expect(stageRow(a)).toEqual({ stage: 0, sent: 1, last: ahead });
    expect(stageRow(b)).toBeUndefined();
    // the statement itself reached B
    expect(one(b.ctx.db, `SELECT count(*) AS n FROM documents WHERE kind = 'statement'`)).toEqual({
      n: 1,
    });
    expect(await serverRows(server, `SELECT 1 FROM dunning_stages`)).toEqual([]);
  });

  it("holds a desk's login to moving a stage on, never back, and never deleting it", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    await callAsync(on(a, addDays(TEST_TODAY, 5)), 'generateStatement', { accountId: account });
    await syncAll(a, b);
    const client = new pg.Client(b.config);
    await client.connect();
    try {
      const desk = (
        await client.query<{ id: string }>(`SELECT desktop_id AS id FROM desks
        WHERE login = current_user`)
      ).rows[0]?.id;
      await expect(
        client.query(
          `UPDATE dunning_stages SET last_statement_date = $1, version = version + 1,
             desktop_id = $2`,
          [TEST_TODAY, desk],
        ),
      ).rejects.toThrow(/only moves on/);
      await expect(client.query(`DELETE FROM dunning_stages`)).rejects.toThrow();
      await expect(client.query(`TRUNCATE dunning_stages`)).rejects.toThrow();
      // in A's name it may not even move it on
      await expect(
        client.query(
          `UPDATE dunning_stages SET statements_sent = statements_sent + 1,
             version = version + 1, desktop_id = (SELECT desktop_id FROM desks
               WHERE login <> current_user LIMIT 1)`,
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
    const [office] = await serverRows<{ last_statement_date: string }>(
      server,
      `SELECT last_statement_date FROM dunning_stages`,
    );
    expect(office?.last_statement_date).toBe(addDays(TEST_TODAY, 5));
  });
});
