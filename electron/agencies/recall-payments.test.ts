import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { isoDate } from '../../shared/dates/iso-date';
import { dispatch } from '../api/dispatch';
import { fixedClock } from '../core/context';
import { all, run } from '../db/query';
import { addAgency, overdueAccount } from '../testing/agencies';
import { addAccount, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { balanceDrift, createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let a1: AccountId;
let a2: AccountId;
let a3: AccountId;
let gross: number;
let net: number;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  // a facility not bound by 501(r): its gate on referrals is tested with placements in
  // electron/fap/clock.test.ts
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  const payerId = addPayer(ctx);
  a1 = overdueAccount(ctx, payerId, { number: 'G-1', last: 'Okafor', charges: [12_000] });
  a2 = overdueAccount(ctx, payerId, { number: 'G-2', last: 'Adeyemi', charges: [30_000, 4_500] });
  a3 = overdueAccount(ctx, payerId, { number: 'G-3', last: 'Lindqvist', charges: [8_000] });
  gross = addAgency(ctx);
  net = addAgency(ctx, { name: 'Harbor Credit', remittance: 'net', commissionBps: 3000 });
  // placed two weeks ago, so the agency's payments since can be posted
  const then = { ...ctx, clock: fixedClock(isoDate('2026-03-02')) };
  call(then, 'placeAccounts', { agencyId: gross, accountIds: [a1, a2] });
  call(then, 'placeAccounts', { agencyId: net, accountIds: [a3] });
});
afterEach(() => ctx.close());

const statusOf = (id: AccountId) =>
  (ctx.db.prepare(`SELECT status FROM accounts WHERE id = ?`).get(id) as { status: string }).status;
const patientBalance = (id: AccountId) =>
  (
    ctx.db.prepare(`SELECT patient_balance AS b FROM accounts WHERE id = ?`).get(id) as {
      b: number;
    }
  ).b;
const historyOf = (id: AccountId) =>
  call(ctx, 'getAccount', { accountId: id as number })
    .activities.map((h) => h.text)
    .join('\n');

function refusedWith(method: 'importRecallFile' | 'importAgencyPayments', input: unknown) {
  const before = tableCounts(ctx);
  const result = dispatch(ctx, method, input);
  expect(tableCounts(ctx)).toEqual(before);
  if (result.ok) return expect.fail(`${method} was accepted`);
  return result.error;
}

describe('recall', () => {
  it('brings an account back by account: open again, in history and the agency list', () => {
    const result = call(ctx, 'recallAccounts', {
      accountIds: [a1],
      reason: 'Patient set up a plan',
    });
    expect(result).toEqual({
      accountIds: [a1],
      message: '1 account recalled from Coastal Recovery.',
    });
    expect(statusOf(a1)).toBe('open');
    expect(historyOf(a1)).toMatch(
      /Recalled from Coastal Recovery on 03\/16\/2026 \(placed 03\/02\/2026\): Patient set up a plan\. The patient balance is \$120\.00; the account is open again/,
    );
    const detail = call(ctx, 'getAgency', { agencyId: gross });
    expect(detail.agency.placedNow).toBe(1);
    expect(detail.placements.find((p) => p.accountId === a1)).toMatchObject({
      recalledOn: '2026-03-16',
      recallReason: 'Patient set up a plan',
    });
    // dunning resumes: the agency hold is gone
    const holds = call(ctx, 'getAccountDunning', { accountId: a1 }).holds.map((h) => h.hold);
    expect(holds).not.toContain('agency');
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('recalls by file, and refuses a file with bad rows naming each, recalling nothing', () => {
    const error = refusedWith('importRecallFile', {
      agencyId: gross,
      fileName: 'recall.csv',
      reason: 'Agency returned them',
      text: 'Account\nG-1\nG-9\n\nG-3\nG-1\n,\n',
    });
    expect(error.message).toBe('3 rows of 4 cannot be recalled; nothing was recalled.');
    expect(error.details?.map((d) => d.message)).toEqual([
      'Row 3: no account G-9.',
      'Row 5: account G-3 is at Harbor Credit, not Coastal Recovery.',
      'Row 6: G-1 is already on row 2.',
    ]);
    expect(statusOf(a1)).toBe('agency');
    const result = call(ctx, 'importRecallFile', {
      agencyId: gross,
      fileName: 'recall.csv',
      reason: 'Agency returned them',
      text: 'Account Number,Note\r\nG-1,closed\r\nG-2,closed\r\n',
    });
    expect(result.accountIds).toEqual([a1, a2]);
    expect([statusOf(a1), statusOf(a2), statusOf(a3)]).toEqual(['open', 'open', 'agency']);
    expect(
      refusedWith('importRecallFile', {
        agencyId: gross,
        fileName: 'recall.csv',
        reason: 'Again',
        text: 'Account\nG-1\n',
      }).details,
    ).toEqual([{ path: 'row 2', message: 'Row 2: account G-1 is not at an agency.' }]);
    expect(
      refusedWith('importRecallFile', {
        agencyId: gross,
        fileName: 'x.csv',
        reason: 'R',
        text: 'Name\nX\n',
      }).message,
    ).toBe('The file has no column for the account number (a column named account).');
  });
});

describe('agency payments', () => {
  const FILE = [
    'Account,Date,Amount,Reference',
    'G-1,03/10/2026,100.00,CR-1',
    'G-2,2026-03-12,40.00,CR-2',
  ].join('\n');

  it('posts gross: the payment sent and the commission as an adjustment credit all paid', () => {
    const result = call(ctx, 'importAgencyPayments', {
      agencyId: gross,
      fileName: 'pay.csv',
      text: FILE,
    });
    expect(result).toMatchObject({ posted: 2, alreadyPosted: 0, gross: 14_000, commission: 3_500 });
    expect(result.message).toBe(
      '2 payments from Coastal Recovery posted: $140.00 paid, $35.00 commission.',
    );
    expect(patientBalance(a1)).toBe(2_000);
    expect(patientBalance(a2)).toBe(30_500);
    const rows = all<{ kind: string; amount: number; reason: string | null }>(
      ctx.db,
      `SELECT kind, amount, reason_code AS reason FROM ledger_entries
         WHERE account_id = ? AND kind <> 'charge' ORDER BY id`,
      a1,
    );
    expect(rows).toEqual([
      { kind: 'payment', amount: -7_500, reason: null },
      { kind: 'adjustment', amount: -2_500, reason: 'AGENCY_COMMISSION' },
    ]);
    const receipts = all<{ amount: number; date: string }>(
      ctx.db,
      `SELECT amount, received_date AS date FROM receipts ORDER BY id`,
    );
    expect(receipts).toEqual([
      { amount: 7_500, date: '2026-03-10' },
      { amount: 3_000, date: '2026-03-12' },
    ]);
    expect(historyOf(a1)).toMatch(
      /Coastal Recovery reports \$100\.00 paid on 03\/10\/2026 \(reference CR-1\); it kept \$25\.00 commission and sent \$75\.00\. Posted gross: a \$75\.00 payment and a \$25\.00 commission adjustment\./,
    );
    expect(balanceDrift(ctx)).toBe(0);
    const detail = call(ctx, 'getAgency', { agencyId: gross });
    expect(detail.paymentFiles).toMatchObject([
      { fileName: 'pay.csv', rowCount: 2, gross: 14_000, commission: 3_500 },
    ]);
    expect(detail.placements.find((p) => p.accountId === a1)?.collected).toBe(10_000);

    // the same file again posts nothing and says so
    const before = tableCounts(ctx);
    const again = call(ctx, 'importAgencyPayments', {
      agencyId: gross,
      fileName: 'pay.csv',
      text: FILE,
    });
    expect(again).toMatchObject({ fileId: null, posted: 0, alreadyPosted: 2 });
    expect(again.message).toBe('Every row of pay.csv was posted before; nothing was posted again.');
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('posts net: only what the agency sent', () => {
    const result = call(ctx, 'importAgencyPayments', {
      agencyId: net,
      fileName: 'harbor.csv',
      text: 'Acct #,Payment Date,Amount Paid,Ref\nG-3,03/15/2026,$50.00,H-77\n',
    });
    expect(result).toMatchObject({ posted: 1, gross: 5_000, commission: 1_500 });
    expect(patientBalance(a3)).toBe(8_000 - 3_500);
    expect(historyOf(a3)).toMatch(
      /it kept \$15\.00 commission and sent \$35\.00\. Posted net: a \$35\.00 payment\./,
    );
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('refuses a file with bad rows, naming each row, and posts nothing', () => {
    const closed = addAccount(ctx, { number: 'G-8' }).accountId;
    run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, closed);
    const error = refusedWith('importAgencyPayments', {
      agencyId: gross,
      fileName: 'bad.csv',
      text: [
        'Account,Date,Amount,Reference',
        'G-1,03/10/2026,100.00,CR-1',
        'G-9,03/10/2026,10.00,CR-2',
        'G-3,03/10/2026,10.00,CR-3',
        'G-2,13/40/2026,abc,',
        'G-2,2026-04-01,-5,CR-1',
        'G-2,2026-02-20,5,CR-6',
        'G-8,2026-03-10,5,CR-7',
      ].join('\n'),
    });
    expect(error.message).toBe('6 rows of 7 cannot be posted; nothing was posted.');
    expect(error.details?.map((d) => d.message)).toEqual([
      'Row 3: no account G-9.',
      'Row 4: account G-3 was not placed with Coastal Recovery on 03/10/2026.',
      'Row 5: the date "13/40/2026" is not a real calendar date. the amount "abc" is not an amount. no reference.',
      'Row 6: the date 04/01/2026 is in the future. the amount must be more than $0.00. reference CR-1 is already on row 2.',
      'Row 7: account G-2 was not placed with Coastal Recovery on 02/20/2026.',
      'Row 8: account G-8 is closed; nothing can be posted to it.',
    ]);
    expect(patientBalance(a1)).toBe(12_000);
  });

  it('are counted in the collections report with the placements and recalls', () => {
    call(ctx, 'importAgencyPayments', { agencyId: gross, fileName: 'pay.csv', text: FILE });
    call(ctx, 'recallAccounts', { accountIds: [a3], reason: 'Returned by the agency' });
    const report = call(ctx, 'getReport', { report: 'collections', filters: {} });
    const figure = (label: string) => report.figures.find((f) => f.label === label)?.value;
    expect(figure('Accounts placed with agencies')).toBe(3);
    expect(figure('Accounts recalled from agencies')).toBe(1);
    expect(figure('Collected by agencies')).toBe(14_000);
    expect(figure('Agency commission')).toBe(3_500);
    expect(report.tables.find((t) => t.id === 'agencies')?.rows).toEqual([
      ['Coastal Recovery', 2, 46_500, 0, 14_000, 3_500],
      ['Harbor Credit', 1, 8_000, 1, 0, 0],
    ]);
  });
});
