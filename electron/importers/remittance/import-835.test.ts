import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { insertFollowUp } from '../../followups/store';
import { call } from '../../testing/call';
import { billedClaimFor, remitClaim, remittanceFile } from '../../testing/remittance';
import type { ServiceLine } from '../x12/remittance-types';
import {
  createTestCtx,
  rowCount,
  staleQueueColumns,
  tableCounts,
  TEST_TODAY,
  type TestCtx,
} from '../../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const claimFor = (charge: number, appealWindowDays = 180) =>
  billedClaimFor(ctx, charge, appealWindowDays);

const ledgerCount = () =>
  (ctx.db.prepare(`SELECT count(*) AS n FROM ledger_entries`).get() as { n: number }).n;

describe('importing a remittance (835)', () => {
  it('posts payments, contractual adjustments and patient responsibility, once', () => {
    const a = claimFor(100_000);
    const text = remittanceFile(
      [
        remitClaim({
          patientControlNumber: a.number,
          charge: 100_000,
          paid: 60_000,
          adjustments: [
            { group: 'CO', reason: '45', amount: 30_000 },
            { group: 'PR', reason: '2', amount: 10_000 },
          ],
          remarks: ['MA01'],
        }),
      ],
      { trace: 'EFT-77', date: TEST_TODAY },
    );
    const report = call(ctx, 'importFile', { fileName: 'era-0316.835', text });
    expect(report.status).toBe('posted');
    expect(report.remittances[0]).toMatchObject({
      claimsPosted: 1,
      totalPaid: 60_000,
      adjustments: 30_000,
      patientResponsibility: 10_000,
      denialsCreated: 0,
      exceptions: 0,
    });
    const account = call(ctx, 'getAccount', { accountId: a.accountId });
    expect(account.balance).toMatchObject({ insurance: 0, patient: 10_000 });
    expect(account.claims[0]).toMatchObject({
      status: 'paid',
      payerClaimNumber: `PCN-${a.number}`,
    });
    expect(account.claims[0]?.remarks.map((r) => r.code)).toEqual(['MA01']);

    // the same remittance again posts nothing and says when it came before
    const rows = ledgerCount();
    const again = call(ctx, 'importFile', { fileName: 'era-0316-copy.835', text });
    expect(again.status).toBe('duplicate');
    expect(again.remittances[0]?.duplicateOf?.fileName).toBe('era-0316.835');
    expect(ledgerCount()).toBe(rows);
    expect(call(ctx, 'listImports', {}).map((i) => i.status)).toEqual(['duplicate', 'posted']);
  });

  it('closes the claim-status follow-up, saying so in the one history row of the posting', () => {
    const a = claimFor(10_000);
    const followUpId = insertFollowUp(ctx, {
      accountId: a.accountId,
      claimId: a.claimId,
      kind: 'claim_status',
      dueDate: TEST_TODAY,
      reason: 'Check the claim with the payer',
    });
    const before = rowCount(ctx, 'activities');
    call(ctx, 'importFile', {
      fileName: 'paid.835',
      text: remittanceFile([
        remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 }),
      ]),
    });
    expect(ctx.db.prepare(`SELECT status FROM follow_ups WHERE id = ?`).get(followUpId)).toEqual({
      status: 'done',
    });
    expect(rowCount(ctx, 'activities')).toBe(before + 1);
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).activities[0]?.text).toMatch(
      /^Remittance .+: paid \$100\.00, .+\. Claim status follow-up closed\.$/,
    );
  });

  it('turns a denial into a follow-up with its category and appeal deadline', () => {
    const a = claimFor(50_000, 120);
    const text = remittanceFile(
      [
        remitClaim({
          patientControlNumber: a.number,
          charge: 50_000,
          paid: 0,
          status: '4',
          adjustments: [{ group: 'CO', reason: '50', amount: 50_000 }],
          remarks: ['N115'],
        }),
      ],
      { date: TEST_TODAY },
    );
    const report = call(ctx, 'importFile', { fileName: 'denial.835', text });
    expect(report.remittances[0]?.denialsCreated).toBe(1);
    const denials = call(ctx, 'listDenials', {});
    expect(denials.rows[0]).toMatchObject({
      claimId: a.claimId,
      category: 'medical_necessity',
      action: 'appeal',
      amount: 50_000,
      deadlineDate: addDays(TEST_TODAY, 120),
      daysLeft: 120,
      state: 'new',
    });
    expect(denials.rows[0]?.codes.map((c) => c.code)).toEqual(['CO-50', 'N115']);
    const queue = call(ctx, 'listQueue', { kind: 'denial' });
    expect(queue.rows[0]).toMatchObject({
      claimId: a.claimId,
      deadlineDate: addDays(TEST_TODAY, 120),
    });
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).claims[0]?.status).toBe('denied');
    expect(staleQueueColumns(ctx, a.accountId)).toBe(0);
  });

  it('marks CO-16 with MA130 as correct and resubmit, not appeal', () => {
    const a = claimFor(20_000);
    call(ctx, 'importFile', {
      fileName: 'ma130.835',
      text: remittanceFile([
        remitClaim({
          patientControlNumber: a.number,
          charge: 20_000,
          paid: 0,
          status: '4',
          adjustments: [{ group: 'CO', reason: '16', amount: 20_000 }],
          remarks: ['MA130', 'M51'],
        }),
      ]),
    });
    const denial = call(ctx, 'listDenials', {}).rows[0];
    expect(denial).toMatchObject({
      category: 'missing_information',
      action: 'correct_and_resubmit',
    });
    expect(call(ctx, 'listQueue', { kind: 'denial' }).rows[0]?.reason).toMatch(
      /correct and resubmit/,
    );
  });

  it('sends a claim that matches nothing to the exceptions, where a person can post it', () => {
    const a = claimFor(10_000);
    const report = call(ctx, 'importFile', {
      fileName: 'stranger.835',
      text: remittanceFile([
        remitClaim({ patientControlNumber: 'NOBODY1', charge: 10_000, paid: 10_000 }),
      ]),
    });
    expect(report.remittances[0]).toMatchObject({ claimsPosted: 0, exceptions: 1 });
    const [exception] = call(ctx, 'listRemittanceExceptions', {});
    expect(exception).toMatchObject({
      patientControlNumber: 'NOBODY1',
      postable: true,
      paid: 10_000,
    });
    call(ctx, 'resolveRemittanceException', {
      exceptionId: exception?.id ?? 0,
      action: 'match',
      claimId: a.claimId,
      note: 'Old claim number from the previous system',
    });
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).balance.insurance).toBe(0);
    expect(call(ctx, 'listRemittanceExceptions', {})).toEqual([]);
  });

  it('does not post to a claim a claim file voided; the payment waits in the exceptions', () => {
    const a = claimFor(10_000);
    ctx.db.prepare(`UPDATE claims SET status = 'voided' WHERE id = ?`).run(a.claimId);
    const ledgerRows = rowCount(ctx, 'ledger_entries');
    const report = call(ctx, 'importFile', {
      fileName: 'voided.835',
      text: remittanceFile([
        remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 }),
      ]),
    });
    expect(report.remittances[0]).toMatchObject({ claimsPosted: 0, exceptions: 1 });
    expect(rowCount(ctx, 'ledger_entries')).toBe(ledgerRows);
    const [exception] = call(ctx, 'listRemittanceExceptions', {});
    expect(exception?.reason).toMatch(/voided by a claim file/);
  });

  it('records provider-level adjustments for the facility, not on a patient', () => {
    const a = claimFor(10_000);
    const report = call(ctx, 'importFile', {
      fileName: 'plb.835',
      text: remittanceFile(
        [remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 })],
        {
          withheld: 2_500 as never,
        },
      ),
    });
    expect(report.remittances[0]?.providerAdjustments).toBe(2_500);
    expect(
      ctx.db.prepare(`SELECT reason_code AS code, amount FROM provider_adjustments`).all(),
    ).toEqual([{ code: 'WO', amount: 2_500 }]);
  });

  it('rejects a file cut off midway, garbage, or the wrong transaction, posting nothing', () => {
    const a = claimFor(10_000);
    const good = remittanceFile([
      remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 }),
    ]);
    const cases: [string, string, RegExp][] = [
      ['cut.835', good.slice(0, Math.floor(good.length / 2)), /ends inside transaction/],
      ['garbage.835', '\u0000\u0001binary\u00ff junk', /^The file has no ISA header/],
      ['claims.837', good.replace(/ST\*835/, 'ST*837'), /837 claim file/],
    ];
    for (const [fileName, text, message] of cases) {
      const before = tableCounts(ctx);
      const report = call(ctx, 'importFile', { fileName, text });
      expect(report.status).toBe('rejected');
      expect(report.rejected[0]?.message).toMatch(message);
      const after = tableCounts(ctx);
      // only the import history grows: the rejected file is listed with its report
      expect({ ...after, import_files: 0, activities: 0 }).toEqual({
        ...before,
        import_files: 0,
        activities: 0,
      });
      expect(after.import_files).toBe((before.import_files ?? 0) + 1);
    }
  });

  it('holds back a claim that does not balance and posts the rest', () => {
    const a = claimFor(10_000);
    const b = claimFor(20_000);
    const text = remittanceFile([
      remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 }),
      remitClaim({
        patientControlNumber: b.number,
        charge: 20_000,
        paid: 15_000,
        adjustments: [{ group: 'CO', reason: '45', amount: 1_000 }],
      }),
    ]);
    const report = call(ctx, 'importFile', { fileName: 'unbalanced.835', text });
    expect(report.remittances[0]).toMatchObject({ claimsPosted: 1, exceptions: 1 });
    expect(report.remittances[0]?.failedChecks[0]?.segmentId).toBe('CLP');
    expect(call(ctx, 'getAccount', { accountId: b.accountId }).balance.insurance).toBe(20_000);
    expect(call(ctx, 'listRemittanceExceptions', {})[0]).toMatchObject({ postable: false });
  });

  it('holds back a claim with a negative line payment, leaving nothing of it posted', () => {
    const a = claimFor(10_000);
    const b = claimFor(20_000);
    const line = (code: string, charge: number, paid: number, adjusted = 0): ServiceLine => ({
      procedure: { qualifier: 'HC', code, modifiers: [], description: null },
      chargeAmount: cents(charge),
      paidAmount: cents(paid),
      revenueCode: null,
      units: 1,
      originalProcedure: null,
      originalUnits: null,
      dates: [],
      adjustments:
        adjusted > 0
          ? [{ group: 'CO', reason: '45', amount: cents(adjusted), quantity: null }]
          : [],
      references: [],
      amounts: [],
      quantities: [],
      remarks: [],
    });
    // the lines add up to the claim's payment, but one of them takes money back
    const odd = {
      ...remitClaim({
        patientControlNumber: b.number,
        charge: 20_000,
        paid: 5_000,
      }),
      serviceLines: [line('99213', 10_000, 10_000), line('99214', 10_000, -5_000, 15_000)],
    };
    const before = { receipts: rowCount(ctx, 'receipts'), ledger: ledgerCount() };
    const report = call(ctx, 'importFile', {
      fileName: 'negative-line.835',
      text: remittanceFile([
        remitClaim({ patientControlNumber: a.number, charge: 10_000, paid: 10_000 }),
        odd,
      ]),
    });
    expect(report.remittances[0]).toMatchObject({ claimsPosted: 1, exceptions: 1 });
    expect(call(ctx, 'listRemittanceExceptions', {})[0]?.reason).toMatch(/negative payment/);
    // one receipt and one payment row, for the claim that posted; nothing of the other
    expect(rowCount(ctx, 'receipts')).toBe(before.receipts + 1);
    expect(ledgerCount()).toBe(before.ledger + 1);
    expect(call(ctx, 'getAccount', { accountId: b.accountId }).balance.insurance).toBe(20_000);
  });

  it('reads every public sample file without failing, posting what it can as exceptions', () => {
    const dir = fileURLToPath(new URL('../../../../shared/fixtures/x12/835/', import.meta.url));
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.835'))) {
      const report = call(ctx, 'importFile', {
        fileName: name,
        text: fs.readFileSync(path.join(dir, name), 'utf8'),
      });
      const expectRejected = name === 'k-blue_cross_nc_sample.835';
      // some samples are the same remittance laid out differently: the second is a duplicate
      if (expectRejected) expect(report.status, name).toBe('rejected');
      else expect(['posted', 'partial', 'duplicate'], name).toContain(report.status);
      if (!expectRejected) {
        // nothing matches our (empty) books, so every claim is an exception to match by hand
        expect(
          report.remittances.reduce((s, r) => s + r.claimsPosted, 0),
          name,
        ).toBe(0);
      }
    }
  });
});
