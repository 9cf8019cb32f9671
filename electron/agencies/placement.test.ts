import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEMENT_COLUMN, type PlacementColumn } from '../../shared/api/agencies';
import { readCsv } from '../../shared/csv/read';
import type { AccountId, PayerId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { run } from '../db/query';
import { addAgency, overdueAccount } from '../testing/agencies';
import { addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let payerId: PayerId;
let a1: AccountId;
let a2: AccountId;
let a3: AccountId;
let agencyId: number;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  // a facility not bound by 501(r): its gate on referrals is tested with placements in
  // electron/fap/clock.test.ts
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  payerId = addPayer(ctx);
  a1 = overdueAccount(ctx, payerId, { number: 'G-1', last: 'Okafor', charges: [12_000] });
  a2 = overdueAccount(ctx, payerId, { number: 'G-2', last: 'Adeyemi', charges: [30_000, 4_500] });
  // a final notice only ten days ago: the rule's 30 days have not passed
  a3 = overdueAccount(ctx, payerId, {
    number: 'G-3',
    last: 'Lindqvist',
    charges: [8_000],
    noticeDaysAgo: 10,
  });
  // what a placement file must never carry: the claim's diagnoses (its lines' procedure
  // codes are 99284 from the builder)
  run(ctx.db, `UPDATE claims SET diagnosis_codes = 'R07.9,I10'`);
  agencyId = addAgency(ctx);
});
afterEach(() => ctx.close());

const HEADERS: Record<PlacementColumn, string[]> = {
  account: ['Account'],
  guarantor_name: ['Guarantor name'],
  address: ['Address line 1', 'Address line 2', 'City', 'State', 'ZIP'],
  phone: ['Phone'],
  date_of_birth: ['Date of birth'],
  balance: ['Balance'],
  service_dates: ['Service from', 'Service to'],
  last_payment: ['Last payment date', 'Last payment amount'],
};
const CLINICAL = /99284|0450|R07\.9|I10|diagnos|procedure|icd|cpt|hcpcs|revenue|ssn|social/i;

const statusOf = (id: AccountId) =>
  (ctx.db.prepare(`SELECT status FROM accounts WHERE id = ?`).get(id) as { status: string }).status;
const historyOf = (id: AccountId) =>
  call(ctx, 'getAccount', { accountId: id as number })
    .activities.map((h) => h.text)
    .join('\n');

describe('the placement file', () => {
  it('offers a closed list of columns, none clinical and no SSN', () => {
    expect([...PLACEMENT_COLUMN.keys].sort()).toEqual(Object.keys(HEADERS).sort());
  });

  for (const column of PLACEMENT_COLUMN.keys) {
    it(`holds only what the ${column} column says, nothing clinical or an SSN`, () => {
      const columns: PlacementColumn[] = column === 'account' ? ['account'] : ['account', column];
      call(ctx, 'saveAgency', {
        agencyId,
        name: 'Coastal Recovery',
        columns,
        commissionBps: 2500,
        remittance: 'gross',
      });
      const placed = call(ctx, 'placeAccounts', { agencyId, accountIds: [a1, a2] });
      const reading = readCsv(placed.file.text);
      if (!reading.ok) expect.fail(reading.problem);
      expect(reading.table.headers).toEqual(columns.flatMap((c) => HEADERS[c]));
      expect(reading.table.rows.map((r) => r.cells[0])).toEqual(['G-1', 'G-2']);
      expect(placed.file.text).not.toMatch(CLINICAL);
    });
  }

  it('writes each chosen column from the account as placed', () => {
    call(ctx, 'saveAgency', {
      agencyId,
      name: 'Coastal Recovery',
      columns: [...PLACEMENT_COLUMN.keys],
      commissionBps: 2500,
      remittance: 'gross',
    });
    const placed = call(ctx, 'placeAccounts', { agencyId, accountIds: [a2] });
    const reading = readCsv(placed.file.text);
    if (!reading.ok) expect.fail(reading.problem);
    expect(reading.table.rows[0]?.cells).toEqual([
      'G-2',
      'Adeyemi, Pat',
      'G-2 Main St',
      '',
      'Falmouth',
      'ME',
      '04105',
      '207-555-0100',
      '1970-01-01',
      '345.00',
      '2026-03-16',
      '2026-03-16',
      '',
      '',
    ]);
    // the same file again, for a supervisor who must send it once more
    expect(call(ctx, 'getPlacementFile', { batchId: placed.batchId })).toEqual(placed.file);
  });

  it('refuses a layout with a column outside the list, writing nothing', () => {
    for (const column of ['ssn', 'diagnosis_codes', 'procedure_code']) {
      expectRefused(
        ctx,
        'saveAgency',
        { name: 'Other', columns: ['account', column], commissionBps: 0, remittance: 'net' },
        /Choose columns from the list/,
      );
    }
  });
});

describe('choosing accounts by rule', () => {
  it('picks by stage, days since the final notice and balance, and explains each held back', () => {
    call(ctx, 'setCollectionHold', {
      accountId: a2,
      kind: 'dispute',
      open: true,
      note: 'Billing error claimed',
    });
    const preview = call(ctx, 'previewPlacement', { agencyId, minDaysSinceFinalNotice: 30 });
    expect(
      preview.eligible.map((e) => [e.accountNumber, e.stage, e.finalNoticeDate, e.balance]),
    ).toEqual([['G-1', 'pre_collection', '2026-01-30', 12_000]]);
    expect(preview.excluded).toEqual([
      { accountId: a2, accountNumber: 'G-2', reason: 'the balance is disputed.' },
    ]);
    expect(preview.eligibleBalance).toBe(12_000);

    const all = call(ctx, 'previewPlacement', { agencyId, minBalance: 10_000 });
    expect(all.eligible.map((e) => e.accountNumber)).toEqual(['G-1']);
    const capped = call(ctx, 'previewPlacement', { agencyId, maxBalance: 10_000 });
    expect(capped.eligible.map((e) => e.accountNumber)).toEqual(['G-3']);
  });

  it('places the accounts: at the agency with the date, statements held, in history and the list', () => {
    const placed = call(ctx, 'placeAccounts', { agencyId, accountIds: [a1, a3] });
    expect(placed.message).toBe('2 accounts placed with Coastal Recovery, $200.00 in all.');
    expect([statusOf(a1), statusOf(a2), statusOf(a3)]).toEqual(['agency', 'open', 'agency']);
    expect(historyOf(a1)).toMatch(
      /Placed with Coastal Recovery on 03\/16\/2026 with a patient balance of \$120\.00, 45 days after the final notice of 01\/30\/2026\. Statements stop/,
    );
    const dunning = call(ctx, 'getAccountDunning', { accountId: a1 });
    expect(dunning.holds.map((h) => h.hold)).toContain('agency');
    const detail = call(ctx, 'getAgency', { agencyId });
    expect(detail.agency.placedNow).toBe(2);
    expect(detail.placements.map((p) => [p.accountNumber, p.placedOn, p.balancePlaced])).toEqual([
      ['G-1', '2026-03-16', 12_000],
      ['G-3', '2026-03-16', 8_000],
    ]);
    expect(detail.batches).toEqual([
      { batchId: placed.batchId, placedOn: '2026-03-16', accountCount: 2, balance: 20_000 },
    ]);
    // placed already: a second placement is refused, naming the account
    expectRefused(ctx, 'placeAccounts', { agencyId, accountIds: [a1] }, /cannot be placed/);
  });

  it('refuses a placement with any account that may not go, naming each, and writes nothing', () => {
    call(ctx, 'setCollectionHold', {
      accountId: a2,
      kind: 'bankruptcy',
      open: true,
      note: 'Ch. 7',
    });
    const before = tableCounts(ctx);
    const result = dispatch(ctx, 'placeAccounts', { agencyId, accountIds: [a1, a2, a1, 999] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('3 accounts of 4 cannot be placed; nothing was placed.');
    expect(result.error.details).toEqual([
      { path: 'accountIds.1', message: 'Account G-2: a bankruptcy is on file.' },
      { path: 'accountIds.2', message: 'Account G-1 is chosen twice.' },
      { path: 'accountIds.3', message: 'Account 999 was not found.' },
    ]);
    expect(tableCounts(ctx)).toEqual(before);
    expect(statusOf(a1)).toBe('open');
  });

  it('is a supervisor decision: a representative may not preview or place', () => {
    run(ctx.db, `UPDATE users SET role = 'representative' WHERE id = ?`, ctx.userId);
    expectRefused(ctx, 'placeAccounts', { agencyId, accountIds: [a1] }, /Only a supervisor/);
    expectRefused(ctx, 'previewPlacement', { agencyId }, /Only a supervisor/);
  });
});
