import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/contract';
import { addDays, formatUsDate, isoDate } from '../../shared/dates/iso-date';
import type { PayerId } from '../../shared/ids';
import { queueRank } from '../queue/priority';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { payerEdit } from '../testing/payers';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, staleQueueColumns, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const REMIT_DATE = isoDate('2026-03-10');
let trace = 0;

/** A claim of the payer denied by a remittance dated REMIT_DATE (CO-197, prior auth). */
function deniedClaim(payerId: PayerId) {
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [30_000]);
  const { n } = ctx.db
    .prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`)
    .get(claimId) as {
    n: string;
  };
  call(ctx, 'importFile', {
    fileName: `denial-${++trace}.835`,
    text: remittanceFile(
      [
        remitClaim({
          patientControlNumber: n,
          charge: 30_000,
          paid: 0,
          status: '4',
          adjustments: [{ group: 'CO', reason: '197', amount: 30_000 }],
        }),
      ],
      { trace: `EFT${trace}`, date: REMIT_DATE },
    ),
  });
  const denial = call(ctx, 'listDenials', { open: false }).rows.find((d) => d.claimId === claimId);
  if (!denial) throw new Error('no denial');
  return { accountId, claimId, denialId: denial.id };
}

const denialRow = (denialId: number) =>
  ctx.db
    .prepare(
      `SELECT d.deadline_date AS deadline, f.deadline_date AS followUpDeadline, f.reason, f.rank,
         f.balance, f.oldest_open_date AS oldestOpenDate, f.due_date AS dueDate
       FROM denials d JOIN follow_ups f ON f.id = d.follow_up_id WHERE d.id = ?`,
    )
    .get(denialId) as {
    deadline: string;
    followUpDeadline: string;
    reason: string;
    rank: number;
    balance: number;
    oldestOpenDate: string | null;
    dueDate: string;
  };

const history = (accountId: number) =>
  call(ctx, 'getAccount', { accountId })
    .activities.map((a) => ({ text: a.text, by: a.userName }))
    .filter((a) => a.text.startsWith('Appeal deadline moved'));

const edit = (payerId: PayerId, changes: Partial<InputOf<'updatePayer'>>) =>
  payerEdit(ctx, payerId, changes);

describe('a supervisor maintains a payer', () => {
  it('moves the deadlines of the payer’s open first-level denials, with a history row each', () => {
    const payerId = addPayer(ctx, { name: 'Acme Health' });
    const open = deniedClaim(payerId);
    const resolved = deniedClaim(payerId);
    call(ctx, 'updateDenial', {
      denialId: resolved.denialId,
      state: 'resolved',
      resolution: 'upheld',
    });
    const other = deniedClaim(addPayer(ctx, { name: 'Other Payer' }));
    const before = denialRow(open.denialId);
    expect(before.deadline).toBe(addDays(REMIT_DATE, 180));
    expect(before.reason).toContain(`appeal by ${formatUsDate(addDays(REMIT_DATE, 180))}`);

    makeSupervisor(ctx);
    ctx.db.prepare(`UPDATE users SET display_name = 'Sam Supervisor' WHERE id = ?`).run(ctx.userId);
    const saved = call(ctx, 'updatePayer', edit(payerId, { appealWindowDays: 20 }));

    expect(saved.deadlinesMoved).toBe(1);
    expect(saved.payer).toMatchObject({
      appealWindowDays: 20,
      reviewed: true,
      updatedBy: 'Sam Supervisor',
      openDenials: 1,
      openDenialsByLevel: { first: 1, second: 0, external: 0 },
    });
    const newDeadline = addDays(REMIT_DATE, 20);
    const after = denialRow(open.denialId);
    expect(after.deadline).toBe(newDeadline);
    expect(after.followUpDeadline).toBe(newDeadline);
    expect(after.reason).toContain(`appeal by ${formatUsDate(newDeadline)}`);
    expect(after.reason).not.toContain(formatUsDate(before.deadline as never));
    // the upkeep at commit re-ranked the follow-up by its new deadline
    expect(after.rank).not.toBe(before.rank);
    expect(after.rank).toBe(
      queueRank(
        {
          balance: after.balance,
          oldestOpenDate: after.oldestOpenDate as never,
          dueDate: after.dueDate as never,
          deadlineDate: newDeadline,
        },
        ctx.clock.today(),
      ),
    );
    expect(staleQueueColumns(ctx, open.accountId)).toBe(0);
    expect(history(open.accountId)).toEqual([
      {
        text:
          `Appeal deadline moved from ${formatUsDate(addDays(REMIT_DATE, 180))} to ` +
          `${formatUsDate(newDeadline)}: Sam Supervisor changed Acme Health's first level ` +
          `appeal window from 180 days to 20 days (counted from the remittance date ` +
          `${formatUsDate(REMIT_DATE)}).`,
        by: 'Sam Supervisor',
      },
    ]);
    expect(
      call(ctx, 'listDenials', {}).rows.find((d) => d.id === open.denialId)?.deadlineDate,
    ).toBe(newDeadline);
    // a resolved denial and another payer's keep theirs, with nothing in their history
    expect(denialRow(resolved.denialId).deadline).toBe(addDays(REMIT_DATE, 180));
    expect(history(resolved.accountId)).toEqual([]);
    expect(denialRow(other.denialId).deadline).toBe(addDays(REMIT_DATE, 180));
    expect(history(other.accountId)).toEqual([]);

    // saving again with the same window moves nothing and adds no history
    expect(call(ctx, 'updatePayer', edit(payerId, { phone: '800-555-0199' })).deadlinesMoved).toBe(
      0,
    );
    expect(history(open.accountId)).toHaveLength(1);
  });

  it('moves a level’s deadlines only when that level’s window changes', () => {
    const payerId = addPayer(ctx, { name: 'Acme Health' });
    const first = deniedClaim(payerId);
    const second = deniedClaim(payerId);
    call(ctx, 'updateDenial', {
      denialId: second.denialId,
      state: 'appeal_sent',
      appealLevel: 'second',
    });
    makeSupervisor(ctx);
    const saved = call(ctx, 'updatePayer', edit(payerId, { secondAppealWindowDays: 60 }));
    expect(saved.deadlinesMoved).toBe(1);
    expect(saved.payer.openDenialsByLevel).toEqual({ first: 1, second: 1, external: 0 });
    expect(denialRow(second.denialId).deadline).toBe(addDays(REMIT_DATE, 60));
    expect(denialRow(first.denialId).deadline).toBe(addDays(REMIT_DATE, 180));
    expect(history(second.accountId)[0]?.text).toMatch(
      /second level \/ reconsideration appeal window from not set to 60 days/,
    );
    // clearing a window says nothing new about any deadline: they stay
    expect(
      call(ctx, 'updatePayer', edit(payerId, { secondAppealWindowDays: null })).deadlinesMoved,
    ).toBe(0);
    expect(denialRow(second.denialId).deadline).toBe(addDays(REMIT_DATE, 60));
  });

  it('keeps the addresses and numbers it is given, and reads them back', () => {
    const payerId = addPayer(ctx, { name: 'Acme Health' });
    makeSupervisor(ctx);
    const address = {
      line1: 'PO Box 14079',
      line2: 'Appeals Unit',
      city: 'Lexington',
      state: 'ky',
      zip: '40512-4079',
    };
    const saved = call(
      ctx,
      'updatePayer',
      edit(payerId, {
        name: '  Acme Health Plan ',
        appealsAddress: address,
        claimsAddress: { ...address, line2: '' },
        phone: '(800) 555-0199 ext. 12',
        fax: '1-800-555-0100',
        timelyFilingDays: 365,
        externalReviewWindowDays: 120,
      }),
    ).payer;
    expect(saved).toMatchObject({
      name: 'Acme Health Plan',
      appealsAddress: { ...address, state: 'KY' },
      claimsAddress: { ...address, state: 'KY', line2: null },
      phone: '(800) 555-0199 ext. 12',
      fax: '1-800-555-0100',
      appealsFax: null,
      timelyFilingDays: 365,
      externalReviewWindowDays: 120,
    });
    const found = call(ctx, 'listPayers', { query: 'health pl' });
    expect(found.rows.map((r) => r.name)).toEqual(['Acme Health Plan']);
    expect(found.canChange).toBe(true);
    expect(call(ctx, 'listPayers', { query: '%' }).rows).toEqual([]);
  });
});

describe('what a payer change refuses', () => {
  it('refuses a representative, whatever the input, and changes nothing', () => {
    const payerId = addPayer(ctx);
    const { denialId } = deniedClaim(payerId);
    expect(call(ctx, 'listPayers', {}).canChange).toBe(false);
    expect(call(ctx, 'getPayer', { payerId }).canChange).toBe(false);
    expectRefused(
      ctx,
      'updatePayer',
      edit(payerId, { appealWindowDays: 30 }),
      /^Only a supervisor can change a payer\.$/,
    );
    expect(denialRow(denialId).deadline).toBe(addDays(REMIT_DATE, 180));
  });

  it('refuses windows, numbers and addresses that cannot be right, in plain words', () => {
    const payerId = addPayer(ctx);
    deniedClaim(payerId);
    makeSupervisor(ctx);
    const cases: [Partial<InputOf<'updatePayer'>>, RegExp][] = [
      [{ appealWindowDays: 0 }, /^First-level appeal window must be at least 1\.$/],
      [{ appealWindowDays: 3651 }, /^First-level appeal window must be at most 3650\.$/],
      [{ secondAppealWindowDays: 30.5 }, /^Second-level appeal window must be a whole number\.$/],
      [{ timelyFilingDays: -1 }, /^Timely filing limit must be at least 1\.$/],
      [{ phone: 'call them' }, /^Telephone must be a 10-digit number/],
      [{ fax: '555-0100' }, /^Fax must be a 10-digit number/],
      [{ name: ' ' }, /^Payer name is required\.$/],
      [
        { appealsAddress: { line1: 'PO Box 1', city: '', state: 'KY', zip: '40512' } },
        /^Appeals city is required\.$/,
      ],
      [
        { claimsAddress: { line1: 'x'.repeat(101), city: 'Lexington', state: 'KY', zip: '40512' } },
        /^Claims street address must be at most 100 characters\.$/,
      ],
      [
        { claimsAddress: { line1: 'PO Box 1', city: 'Lexington', state: 'Kentucky', zip: '4051' } },
        /^Please correct 2 fields: Claims state must be the two-letter postal code\. Claims ZIP code must be 5 digits or ZIP\+4\.$/,
      ],
    ];
    for (const [changes, message] of cases) {
      expectRefused(ctx, 'updatePayer', edit(payerId, changes), message);
    }
    expectRefused(
      ctx,
      'updatePayer',
      { ...edit(payerId, {}), payerId: 999_999 },
      /^The payer was not found\.$/,
    );
  });
});
