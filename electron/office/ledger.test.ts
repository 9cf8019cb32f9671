import { expect, it } from 'vitest';
import type { AccountId, LedgerEntryId, ReceiptId, UserId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { addBilledClaim, addCoverage, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { expectLedgersAgree, moneyState, owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { claimNumberOf } from '../testing/office/records';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { TEST_TODAY } from '../testing/test-db';

/** Account 1 owes its payer $500.00 on one claim of two lines; account 2 owes $200.00 itself. */
function prepare(ctx: Ctx, accountId: AccountId): void {
  const first = oneOrThrow<{ id: number }>(ctx.db, `SELECT min(id) AS id FROM accounts`).id;
  if (accountId !== first) return owing(ctx, accountId);
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
  makeSupervisor(ctx);
}

function claimOf(ctx: Ctx, accountId: AccountId) {
  const claimId = oneOrThrow<{ id: number }>(
    ctx.db,
    `SELECT id FROM claims WHERE account_id = ?`,
    accountId,
  ).id;
  const lines = all<{ id: number }>(
    ctx.db,
    `SELECT id FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
    claimId,
  ).map((l) => l.id);
  return { claimId, lines };
}

function adjust(ctx: Ctx, accountId: AccountId, amount: number): LedgerEntryId {
  const posted = call(ctx, 'postAdjustment', {
    accountId,
    side: 'patient',
    amount,
    reasonCode: 'ADMIN',
    memo: 'Courtesy.',
  });
  if (posted.entryId === null) expect.fail(posted.message);
  return posted.entryId as LedgerEntryId;
}

/** The local id on `to` of a ledger row `from` has, by its office-wide id. */
function sameEntry(from: Ctx, to: Ctx, id: number): LedgerEntryId {
  const gid = oneOrThrow<{ gid: string }>(
    from.db,
    `SELECT coalesce((SELECT gid FROM sync_rows WHERE tbl = 'ledger_entries' AND local_id = ?),
         'base:' || ?) AS gid`,
    id,
    id,
  ).gid;
  return oneOrThrow<{ id: LedgerEntryId }>(
    to.db,
    `SELECT local_id AS id FROM sync_rows WHERE tbl = 'ledger_entries' AND gid = ?`,
    gid,
  ).id;
}

describeWithPg('the whole ledger between desktops', () => {
  it('takes an EOB, transfers, an adjustment, a refund and a reversal to the other desktop', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, prepare);
    const [insured, owes] = accountIds as [AccountId, AccountId];
    const { claimId, lines } = claimOf(a.ctx, insured);
    // the payer pays $300.00, writes off $120.00 and moves $80.00 to the patient
    call(a.ctx, 'postInsurancePayment', {
      accountId: insured,
      claimId,
      method: 'check',
      checkNumber: 'EOB-1',
      eobDate: TEST_TODAY,
      patientShareTo: 'patient',
      lines: [
        { claimLineId: lines[0] ?? 0, paid: 18_000, contractual: 7_000, deductible: 5_000 },
        { claimLineId: lines[1] ?? 0, paid: 12_000, contractual: 5_000, coinsurance: 3_000 },
      ],
    });
    const courtesy = adjust(a.ctx, owes, 1_500);
    // $250.00 against the $185.00 left: a $65.00 credit, $40.00 of it refunded
    call(a.ctx, 'takePayment', {
      accountId: owes,
      amount: 25_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    call(a.ctx, 'postRefund', {
      accountId: owes,
      side: 'patient',
      amount: 4_000,
      method: 'check',
      reference: 'Refund 7',
      memo: 'Overpaid at the desk.',
    });
    call(a.ctx, 'reverseEntry', { entryId: courtesy, reason: 'Not approved.' });
    // the batch the payment opened goes alone, ahead of it; the EOB's claim status goes as a
    // part of its posting
    expect((await a.sync.sync()).push).toEqual({ accepted: 7, refused: 0 });
    await b.sync.pull();

    const kinds = all<{ kind: string; n: number }>(
      b.ctx.db,
      `SELECT kind, count(*) AS n FROM ledger_entries GROUP BY kind ORDER BY kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual([
      'adjustment',
      'charge',
      'payment',
      'refund',
      'transfer',
    ]);
    // the payment taken at the account is in the batch it opened at A, on B too
    const receipts = (ctx: Ctx) =>
      all(
        ctx.db,
        `SELECT r.kind, r.amount, b.deposit_date AS batch, b.posted_total AS batchTotal
           FROM receipts r LEFT JOIN deposit_batches b ON b.id = r.batch_id
           ORDER BY r.kind, r.amount`,
      );
    expect(receipts(b.ctx)).toEqual([
      { kind: 'insurance_payment', amount: 30_000, batch: null, batchTotal: null },
      { kind: 'patient_payment', amount: 25_000, batch: TEST_TODAY, batchTotal: 25_000 },
      { kind: 'refund', amount: 4_000, batch: null, batchTotal: null },
    ]);
    expect(receipts(b.ctx)).toEqual(receipts(a.ctx));
    const balances = await expectLedgersAgree(server, a, b);
    // $80.00 the patient owes after the EOB; -$65.00 + $15.00 courtesy back + $40.00 refunded
    expect(balances.map((x) => x.balance)).toEqual([8_000, -1_000]);
    expect(all(a.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    // B's balances moved with the rows: the queue sees what A's does
    expect(
      all(
        b.ctx.db,
        `SELECT insurance_balance AS i, patient_balance AS p FROM accounts ORDER BY id`,
      ),
    ).toEqual(
      all(
        a.ctx.db,
        `SELECT insurance_balance AS i, patient_balance AS p FROM accounts ORDER BY id`,
      ),
    );

    // and back: B reverses the EOB, A takes it
    const eob = oneOrThrow<{ id: ReceiptId }>(
      b.ctx.db,
      `SELECT id FROM receipts WHERE kind = 'insurance_payment'`,
    ).id;
    call(b.ctx, 'reversePayment', { receiptId: eob, reason: 'Paid the wrong claim.' });
    await syncAll(b, a);
    const after = await expectLedgersAgree(server, a, b);
    expect(after.map((x) => x.balance)).toEqual([50_000, -1_000]);
  });

  it('accepts one of two reversals of one adjustment and lists the other, nothing doubled', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, prepare);
    const owes = accountIds[1] as AccountId;
    const onA = adjust(a.ctx, owes, 2_000);
    await syncAll(a, b);
    const onB = sameEntry(a.ctx, b.ctx, onA);
    call(a.ctx, 'reverseEntry', { entryId: onA, reason: 'Posted twice.' });
    call(b.ctx, 'reverseEntry', { entryId: onB, reason: 'Wrong reason.' });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    expect(all(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This entry was already reversed at another desktop ($20.00 on 03/16/2026); this reversal was withdrawn.',
      },
    ]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[1]?.balance).toBe(20_000);
    expect(moneyState(b.ctx).ledger.filter((l) => / reverses [^-]/.test(l))).toHaveLength(1);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT body FROM activities WHERE body LIKE '%Wrong reason%'`)).toEqual(
      [],
    );
  });

  it("withdraws a refused reversal that a supervisor's approval and a returned check name", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, prepare);
    const owes = accountIds[1] as AccountId;
    const onA = adjust(a.ctx, owes, 2_000);
    const paid = call(a.ctx, 'takePayment', {
      accountId: owes,
      amount: 500,
      method: 'check',
      checkNumber: '1042',
      receivedDate: TEST_TODAY,
    });
    await syncAll(a, b);
    // the limit lowered at A after B last synced: A's reversal waits for a second
    // supervisor; B's, under the limit it still holds, goes through and reaches the office
    call(a.ctx, 'saveBillingRules', { reversalApprovalLimit: 1_000 });
    const asked = call(a.ctx, 'reverseEntry', { entryId: onA, reason: 'Posted twice.' });
    call(b.ctx, 'reverseEntry', { entryId: sameEntry(a.ctx, b.ctx, onA), reason: 'Twice.' });
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    const boss = oneOrThrow<{ id: UserId }>(
      a.ctx.db,
      `SELECT id FROM users WHERE username = 'rep.2'`,
    ).id;
    makeSupervisor(a.ctx, boss);
    const requestId = asked.pendingRequestId;
    if (requestId == null) expect.fail('the reversal did not wait for approval');
    call({ ...a.ctx, userId: boss }, 'decideAdjustment', { requestId, decision: 'approve' });
    // A reverses a payment, and B, not having heard, records the same check returned
    if (paid.receiptId === null) expect.fail('no receipt');
    call({ ...a.ctx, userId: boss }, 'reversePayment', {
      receiptId: paid.receiptId,
      reason: 'Keyed twice.',
    });
    const receiptOnB = oneOrThrow<{ id: ReceiptId }>(
      b.ctx.db,
      `SELECT id FROM receipts WHERE check_number = '1042'`,
    ).id;
    call(b.ctx, 'recordReturnedCheck', {
      receiptId: receiptOnB,
      returnedOn: TEST_TODAY,
      reason: 'nsf',
    });
    expect(all(b.ctx.db, `SELECT reason FROM returned_checks`)).toEqual([{ reason: 'nsf' }]);
    // A's approved reversal is refused (B's came first); the new limit, rep.2 made a
    // supervisor, the request's note and the payment reversal are accepted
    expect((await a.sync.sync()).push).toEqual({ accepted: 4, refused: 1 });
    // and so B's returned check is refused, with the follow-up it opened
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 2 });
    await syncAll(a, b);

    const reasons = (ctx: Ctx) =>
      all<{ reason: string }>(ctx.db, `SELECT reason FROM not_synced`).map((r) =>
        r.reason.replace(/ \(.*$/, ''),
      );
    // withdrawn, not kept: nothing local stopped it
    expect(reasons(a.ctx)).toEqual(['This entry was already reversed at another desktop']);
    expect(reasons(b.ctx)).toEqual([
      'This payment was already reversed at another desktop',
      'Not sent: it belongs to an action with money or new records that was not synced.',
    ]);
    // the approval went down with its reversal: the request waits again, as the office holds
    // it, at both desks, for a supervisor to refuse now that B's reversal did what it asked
    for (const d of [a, b]) {
      expect(
        all(d.ctx.db, `SELECT status, ledger_entry_id AS posted FROM adjustment_requests`),
      ).toEqual([{ status: 'pending', posted: null }]);
    }
    expect(all(b.ctx.db, `SELECT * FROM returned_checks`)).toEqual([]);
    // the list says what was not synced in words: the reversal, its history lines
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines[0]).toBe(
      'Reversal of a $5.00 payment on 03/16/2026.',
    );
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[1]?.balance).toBe(20_000);
    for (const d of [a, b]) expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it("takes an 835's payment to the other desktop, and withdraws an 835 reversal refused there", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, prepare);
    const insured = accountIds[0] as AccountId;
    const number = claimNumberOf(a.ctx, insured);
    const paid = remitClaim({
      patientControlNumber: number,
      charge: 50_000,
      paid: 42_000,
      adjustments: [{ group: 'CO', reason: '45', amount: 8_000 }],
    });
    call(a.ctx, 'importFile', {
      fileName: 'paid.835',
      text: remittanceFile([paid], { trace: 'T1' }),
    });
    await syncAll(a, b);
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(0);

    // the payer takes it back in an 835 at A, while B reverses the EOB by hand
    const reversal = {
      ...paid,
      statusCode: '22',
      chargeAmount: -50_000,
      paidAmount: -42_000,
      adjustments: paid.adjustments.map((x) => ({ ...x, amount: -x.amount })),
    } as typeof paid;
    const report = call(a.ctx, 'importFile', {
      fileName: 'reversal.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    expect(report.remittances[0]?.reversals).toBe(1);
    const eob = oneOrThrow<{ id: ReceiptId }>(
      b.ctx.db,
      `SELECT id FROM receipts WHERE kind = 'insurance_payment'`,
    ).id;
    call(b.ctx, 'reversePayment', { receiptId: eob, reason: 'Payer recouped it.' });
    // the reversal, and the claim back to pending as a part of it
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await a.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);
    expect(
      all<{ reason: string }>(a.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`)[0]?.reason,
    ).toMatch(/^This payer's payment was already reversed at another desktop \(\$420\.00 on/);
    // A's reversal went with the claim adjustments it wrote; B's came in its place with
    // the ones B wrote answering the payer's codes, which B had pulled with the payment
    const codes = (ctx: Ctx) =>
      all(
        ctx.db,
        `SELECT c.group_code || '-' || c.reason_code AS code, c.amount,
             r.reverses_id IS NOT NULL AS reversal
           FROM claim_adjustments c JOIN receipts r ON r.id = c.receipt_id
           ORDER BY c.amount DESC`,
      );
    expect(codes(a.ctx)).toEqual([
      { code: 'CO-45', amount: 8_000, reversal: 0 },
      { code: 'CO-45', amount: -8_000, reversal: 1 },
    ]);
    expect(codes(b.ctx)).toEqual(codes(a.ctx));
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);
  });
});
