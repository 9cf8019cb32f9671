import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId, BatchId, ReceiptId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { pullSettled, syncAll, twoDesktops } from '../testing/office/desktops';
import { moneyState } from '../testing/office/money';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf, gidOrNull } from './gids';
import { firstOutboxEntry } from './outbox';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

/** The account owes its payer $500.00 on one billed claim of two lines. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
}

/** What the claim screen shows of the payer's codes, claim by claim. */
function claimCodes(ctx: Ctx, accountId: AccountId) {
  return call(ctx, 'getAccount', { accountId }).claims.map((c) => ({
    claim: c.claimNumber,
    adjustments: c.adjustments.map((x) => `${x.lineNumber ?? '-'} ${x.code} ${x.amount}`),
    remarks: c.remarks.map((r) => `${r.lineNumber ?? '-'} ${r.code}`),
  }));
}

/** Every code row, by office-wide ids: the same rows on two copies compare equal. */
function codeRows(ctx: Ctx) {
  const adjustments = all<{
    id: number;
    claimId: number;
    lineId: number | null;
    code: string;
    amount: number;
    receiptId: number | null;
  }>(
    ctx.db,
    `SELECT id, claim_id AS claimId, claim_line_id AS lineId, group_code || '-' || reason_code
         AS code, amount, receipt_id AS receiptId FROM claim_adjustments`,
  ).map(
    (a) =>
      `${gidOf(ctx.db, 'claim_adjustments', a.id)} ${gidOf(ctx.db, 'claims', a.claimId)} ` +
      `${gidOrNull(ctx.db, 'claim_lines', a.lineId) ?? '-'} ${a.code} ${a.amount} ` +
      `${gidOrNull(ctx.db, 'receipts', a.receiptId) ?? '-'}`,
  );
  const remarks = all<{ id: number; claimId: number; code: string }>(
    ctx.db,
    `SELECT id, claim_id AS claimId, code FROM claim_remarks`,
  ).map(
    (r) =>
      `${gidOf(ctx.db, 'claim_remarks', r.id)} ${gidOf(ctx.db, 'claims', r.claimId)} ${r.code}`,
  );
  return { adjustments: adjustments.sort(), remarks: remarks.sort() };
}

function claimOf(ctx: Ctx, accountId: AccountId) {
  return oneOrThrow<{ id: number; n: string }>(
    ctx.db,
    `SELECT id, claim_number AS n FROM claims WHERE account_id = ?`,
    accountId,
  );
}

/** An 835 paying $420.00 of the claim, with a contractual write-off and two remarks. */
function paidFile(claimNumber: string, trace: string): string {
  return remittanceFile(
    [
      remitClaim({
        patientControlNumber: claimNumber,
        charge: 50_000,
        paid: 42_000,
        adjustments: [
          { group: 'CO', reason: '45', amount: 6_000 },
          { group: 'PR', reason: '2', amount: 2_000 },
        ],
        remarks: ['N130', 'MA01'],
      }),
    ],
    { trace },
  );
}

describeWithPg("the payer's codes between desktops", () => {
  it("takes an EOB's codes to the other desktop, and a reversal's negated codes back", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const [accountId] = accountIds as [AccountId];
    const claim = claimOf(a.ctx, accountId);
    const lines = all<{ id: number }>(
      a.ctx.db,
      `SELECT id FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
      claim.id,
    ).map((l) => l.id);
    call(a.ctx, 'postInsurancePayment', {
      accountId,
      claimId: claim.id,
      method: 'check',
      checkNumber: 'EOB-1',
      eobDate: TEST_TODAY,
      patientShareTo: 'patient',
      lines: [
        { claimLineId: lines[0] ?? 0, paid: 18_000, contractual: 7_000, deductible: 5_000 },
        {
          claimLineId: lines[1] ?? 0,
          paid: 12_000,
          contractual: 5_000,
          coinsurance: 2_000,
          otherAdjustments: [{ groupCode: 'OA', reasonCode: '23', amount: 1_000 }],
        },
      ],
    });
    const onA = claimCodes(a.ctx, accountId);
    expect(onA[0]?.adjustments).toEqual([
      '1 CO-45 7000',
      '1 PR-1 5000',
      '2 CO-45 5000',
      '2 PR-2 2000',
      '2 OA-23 1000',
    ]);
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await pullSettled(b);
    expect(claimCodes(b.ctx, accountId)).toEqual(onA);
    // the same rows, naming the same receipt and lines by their office-wide ids
    expect(codeRows(b.ctx)).toEqual(codeRows(a.ctx));
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_adjustments`)).toBe(5);

    // B reverses the EOB: its codes are answered there, and the answers reach A
    const eob = oneOrThrow<{ id: ReceiptId }>(
      b.ctx.db,
      `SELECT id FROM receipts WHERE kind = 'insurance_payment'`,
    ).id;
    call(b.ctx, 'reversePayment', { receiptId: eob, reason: 'Paid the wrong claim.' });
    await syncAll(b, a);
    const reversed = claimCodes(a.ctx, accountId);
    expect(reversed[0]?.adjustments).toHaveLength(10);
    expect(reversed[0]?.adjustments).toContain('2 OA-23 -1000');
    expect(reversed).toEqual(claimCodes(b.ctx, accountId));
    expect(codeRows(a.ctx)).toEqual(codeRows(b.ctx));
    expect(moneyState(a.ctx)).toEqual(moneyState(b.ctx));
  });

  it("takes an 835's codes and remarks to the other desktop once, however often the entry is applied", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const [accountId] = accountIds as [AccountId];
    const claim = claimOf(a.ctx, accountId);
    call(a.ctx, 'importFile', { fileName: 'acme.835', text: paidFile(claim.n, 'EFT1') });
    const entry = firstOutboxEntry(a.ctx.db);
    if (!entry) expect.fail('the 835 left no entry');
    expect(entry.changes.map((c) => c.tbl).filter((t) => t.startsWith('claim_'))).toEqual([
      'claim_adjustments',
      'claim_adjustments',
      'claim_remarks',
      'claim_remarks',
    ]);
    // the desktop crashed before it heard the answer: the server applies the entry once
    const pool = openPool(server);
    try {
      const { desktopId } = oneOrThrow<{ desktopId: string }>(
        a.ctx.db,
        `SELECT desktop_id AS desktopId FROM office_link`,
      );
      const sent = { seq: entry.seq, changes: entry.changes };
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
    } finally {
      await pool.end();
    }
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_adjustments`)).toBe(2);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_remarks`)).toBe(2);

    // and B, taking the same rows a second time (its cursor set back), keeps one of each
    const cursor = oneOrThrow<{ c: string }>(b.ctx.db, `SELECT cursor AS c FROM office_link`).c;
    await pullSettled(b);
    run(b.ctx.db, `UPDATE office_link SET cursor = ?`, cursor);
    await pullSettled(b);
    const onA = claimCodes(a.ctx, accountId);
    expect(onA).toEqual([
      {
        claim: claim.n,
        adjustments: ['- CO-45 6000', '- PR-2 2000'],
        remarks: ['- N130', '- MA01'],
      },
    ]);
    expect(claimCodes(b.ctx, accountId)).toEqual(onA);
    expect(codeRows(b.ctx)).toEqual(codeRows(a.ctx));
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it('withdraws the codes of a refused 835 with its postings, and takes the office’s instead', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const [accountId] = accountIds as [AccountId];
    const claim = claimOf(a.ctx, accountId);
    // both desks post the payer's file before either hears of the other's
    const file = paidFile(claim.n, 'EFT778899');
    for (const d of [a, b]) call(d.ctx, 'importFile', { fileName: 'acme.835', text: file });
    expect(codeRows(b.ctx).adjustments).toHaveLength(2);
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await b.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    expect(all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`)[0]?.reason).toMatch(
      /^This 835 payment \(trace EFT778899\) was already posted at another desktop/,
    );
    // B's own codes went with its postings; A's came in their place: one set, not two
    const onA = codeRows(a.ctx);
    expect(onA.adjustments).toHaveLength(2);
    expect(onA.remarks).toHaveLength(2);
    expect(codeRows(b.ctx)).toEqual(onA);
    expect(claimCodes(b.ctx, accountId)).toEqual(claimCodes(a.ctx, accountId));
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_adjustments`)).toBe(2);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it('refuses to change or remove a code or a batch on the server', async () => {
    const server = await createServerDatabase();
    const { a, accountIds } = await twoDesktops(server, 1, billed);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'importFile', {
      fileName: 'acme.835',
      text: paidFile(claimOf(a.ctx, accountId).n, 'T1'),
    });
    const taken = call(a.ctx, 'takePayment', {
      accountId,
      amount: 2_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    call(a.ctx, 'closeBatch', { batchId: taken.batch.id as BatchId });
    expect((await a.sync.sync()).push.refused).toBe(0);
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      for (const t of ['claim_adjustments', 'claim_remarks', 'deposit_batches', 'batch_closings']) {
        expect(Number((await owner.query(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n), t).toBe(
          t.includes('batch') ? 1 : 2,
        );
        await expect(owner.query(`UPDATE ${t} SET gid = gid`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`DELETE FROM ${t}`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`TRUNCATE ${t}`), t).rejects.toThrow(/insert-only/);
        const rights = await owner.query<{ r: string }>(
          `SELECT r FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) r
             WHERE has_table_privilege('claimdesk_desktop', $1, r)`,
          [t],
        );
        expect(rights.rows.map((x) => x.r)).toEqual(['SELECT', 'INSERT']);
      }
      // the receipt names its batch, and stays insert-only with its new column
      await expect(owner.query(`UPDATE receipts SET batch_gid = NULL`)).rejects.toThrow(
        /insert-only/,
      );
      const named = await owner.query<{ n: string }>(
        `SELECT count(*) AS n FROM receipts r JOIN deposit_batches b ON b.gid = r.batch_gid`,
      );
      expect(named.rows[0]?.n).toBe('1');
    } finally {
      await owner.end();
    }
  });
});
