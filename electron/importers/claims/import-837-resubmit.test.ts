import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../testing/call';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import {
  createTestCtx,
  rowCount,
  tableCounts,
  TEST_TODAY,
  type TestCtx,
} from '../../testing/test-db';
import { resent, serviceLine, SUBSCRIBER, testClaim } from '../../testing/claims';
import {
  accountOf,
  chargesOn,
  claimOf,
  dependentClaim,
  expectCachesMatchLedger,
  history,
  importClaims,
} from '../../testing/claim-import';

/** Claims sent again: unchanged, replaced (frequency 7) or voided (frequency 8). */

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('importing an 837 claim file', () => {
  it('changes nothing when the same claims come in again, in the same file or a new one', () => {
    const claims = [testClaim('ANA-1', [10_000, 2_500]), dependentClaim('LEO-1', [7_525])];
    importClaims(ctx, 'claims.837', claims);
    const before = tableCounts(ctx);
    for (const [name, controlNumber] of [
      ['claims.837', 1],
      ['resent-batch.837', 77],
    ] as const) {
      const again = importClaims(ctx, name, claims, controlNumber);
      expect(again.status).toBe('duplicate');
      expect(again.summary).toBe(
        '2 claims: 0 added, 0 updated, 2 skipped; $0.00 in charges; 2 imported before',
      );
      expect(again.claimFile?.claims.map((c) => [c.outcome, c.alreadyImported, c.message])).toEqual(
        [
          [
            'skipped',
            true,
            'Already imported: claim ANA-1 on account ANA-1 has this content; nothing changed.',
          ],
          [
            'skipped',
            true,
            'Already imported: claim LEO-1 on account LEO-1 has this content; nothing changed.',
          ],
        ],
      );
    }
    // only the import history grew
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    expect(rowCount(ctx, 'import_files')).toBe((before.import_files ?? 0) + 2);
  });

  it('replaces a claim (frequency 7): new lines and data, charges moved only by new ledger rows', () => {
    const original = testClaim('REP-1', [10_000, 2_500, 4_000]);
    importClaims(ctx, 'original.837', [original]);
    const { id: claimId } = claimOf(ctx, 'REP-1');
    const account = accountOf(ctx, 'REP-1');
    const rowsBefore = ctx.db.prepare(`SELECT * FROM ledger_entries ORDER BY id`).all();

    const replacement = resent(original, '7', {
      lines: [
        serviceLine(1, 12_000),
        serviceLine(2, 1_500),
        serviceLine(4, 700, {
          revenueCode: '0636',
          procedure: { qualifier: 'HC', code: 'J1885', modifiers: [] },
        }),
      ],
      diagnosisCodes: ['R0789', 'E119'],
      priorAuthorization: 'PA-77',
      subscriber: { ...SUBSCRIBER, memberId: 'ACM999999999' },
    });
    const report = importClaims(ctx, 'corrected.837', [replacement], 2);
    expect(report.status).toBe('posted');
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'updated',
      claimNumber: 'REP-1',
      accountNumber: 'REP-1',
      chargesPosted: -2_300,
      message:
        'Replaced claim REP-1 (frequency 7): total $165.00 → $142.00; charges -$23.00; 1 line removed; coverage updated.',
    });
    expect(report.summary).toBe('1 claim: 0 added, 1 updated, 0 skipped; -$23.00 in charges');

    // nothing posted before changed; the new rows move each line to its new charge
    expect(
      ctx.db.prepare(`SELECT * FROM ledger_entries ORDER BY id LIMIT ?`).all(rowsBefore.length),
    ).toEqual(rowsBefore);
    const lines = ctx.db
      .prepare(
        `SELECT id, line_number AS n, charge, procedure_code AS proc, removed_at IS NOT NULL AS removed
         FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
      )
      .all(claimId) as { id: number; n: number; charge: number; proc: string; removed: number }[];
    expect(lines.map(({ id: _id, ...l }) => l)).toEqual([
      { n: 1, charge: 12_000, proc: '99284', removed: 0 },
      { n: 2, charge: 1_500, proc: '99284', removed: 0 },
      { n: 3, charge: 0, proc: '99284', removed: 1 },
      { n: 4, charge: 700, proc: 'J1885', removed: 0 },
    ]);
    const added = ctx.db
      .prepare(
        `SELECT claim_line_id AS line, amount, reverses_id IS NOT NULL AS reversal, posting_date AS date
         FROM ledger_entries WHERE id > ? ORDER BY id`,
      )
      .all((rowsBefore.at(-1) as { id: number }).id);
    const lineId = (n: number) => lines.find((l) => l.n === n)?.id;
    expect(added).toEqual([
      { line: lineId(1), amount: 2_000, reversal: 0, date: TEST_TODAY },
      { line: lineId(2), amount: -2_500, reversal: 1, date: TEST_TODAY },
      { line: lineId(2), amount: 1_500, reversal: 0, date: TEST_TODAY },
      { line: lineId(4), amount: 700, reversal: 0, date: TEST_TODAY },
      { line: lineId(3), amount: -4_000, reversal: 1, date: TEST_TODAY },
    ]);
    expect(chargesOn(ctx, claimId)).toBe(14_200);
    expect(accountOf(ctx, 'REP-1').insurance).toBe(14_200);
    expect(claimOf(ctx, 'REP-1')).toMatchObject({
      status: 'billed',
      total: 14_200,
      frequency: '7',
      payerClaimNumber: 'PAYER-CLAIM-1',
      diagnoses: 'R0789 E119',
      priorAuthorization: 'PA-77',
      importFileId: report.importId,
    });
    expect(
      ctx.db
        .prepare(`SELECT member_id AS member FROM coverages WHERE account_id = ?`)
        .get(account.id),
    ).toEqual({ member: 'ACM999999999' });
    expect(history(ctx, account.id).at(-1)).toBe(
      'Replacement claim (frequency 7) from claim file corrected.837 updated claim REP-1: total $165.00 → $142.00; charges -$23.00; 1 line removed; coverage updated. Billed again on 03/16/2026.',
    );
    expectCachesMatchLedger(ctx);

    // the same replacement again finds the claim already as it says
    const before = tableCounts(ctx);
    const again = importClaims(ctx, 'corrected.837', [replacement], 2);
    expect(again.status).toBe('duplicate');
    expect(again.claimFile?.claims[0]?.message).toMatch(/^Already imported: claim REP-1/);
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });

    // a later replacement that raises the charges again posts the difference
    const higher = resent(replacement, '7', {
      lines: [serviceLine(1, 12_000), serviceLine(2, 3_000)],
    });
    importClaims(ctx, 'corrected-again.837', [higher], 3);
    expect(chargesOn(ctx, claimId)).toBe(15_000);
    expect(
      ctx.db
        .prepare(
          `SELECT line_number AS n, charge, removed_at IS NOT NULL AS removed FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
        )
        .all(claimId),
    ).toEqual([
      { n: 1, charge: 12_000, removed: 0 },
      { n: 2, charge: 3_000, removed: 0 },
      { n: 3, charge: 0, removed: 1 },
      { n: 4, charge: 0, removed: 1 },
    ]);
    expectCachesMatchLedger(ctx);
  });

  it('voids a claim (frequency 8): marked voided, its charges reversed, its status follow-up closed', () => {
    const original = testClaim('VOID-1', [10_000, 2_500]);
    importClaims(ctx, 'original.837', [original]);
    const { id: claimId } = claimOf(ctx, 'VOID-1');
    const account = accountOf(ctx, 'VOID-1');
    const report = importClaims(ctx, 'void.837', [resent(original, '8')], 2);
    expect(report.status).toBe('posted');
    expect(report.summary).toBe(
      '1 claim: 0 added, 0 updated, 1 voided, 0 skipped; -$125.00 in charges',
    );
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'voided',
      chargesPosted: -12_500,
      message: 'Voided claim VOID-1 (frequency 8); $125.00 in charges reversed.',
    });
    expect(claimOf(ctx, 'VOID-1')).toMatchObject({
      status: 'voided',
      frequency: '8',
      voidedAt: ctx.clock.now(),
    });
    expect(chargesOn(ctx, claimId)).toBe(0);
    expect(
      ctx.db
        .prepare(
          `SELECT count(*) AS n FROM ledger_entries WHERE claim_id = ? AND reverses_id IS NOT NULL`,
        )
        .get(claimId),
    ).toEqual({ n: 2 });
    expect(accountOf(ctx, 'VOID-1').insurance).toBe(0);
    expect(ctx.db.prepare(`SELECT status FROM follow_ups WHERE claim_id = ?`).all(claimId)).toEqual(
      [{ status: 'done' }],
    );
    expect(history(ctx, account.id).slice(-2)).toEqual([
      'Claim status follow-up closed: the claim was voided.',
      'Claim VOID-1 voided (frequency 8) by claim file void.837; charges of $125.00 reversed.',
    ]);
    expectCachesMatchLedger(ctx);

    // the void again changes nothing; the claim under its old number stays voided
    const before = tableCounts(ctx);
    const again = importClaims(ctx, 'void.837', [resent(original, '8')], 2);
    expect(again.status).toBe('duplicate');
    expect(again.claimFile?.claims[0]?.message).toBe(
      'Already voided: claim VOID-1 was voided on 03/16/2026.',
    );
    const reopened = importClaims(ctx, 'new.837', [original], 3);
    // its only claim refused: nothing stored, so the file is rejected, not partly posted
    expect(reopened.status).toBe('rejected');
    expect(reopened.claimFile?.claims[0]?.message).toMatch(
      /^Not imported: claim VOID-1 was voided on 03\/16\/2026\. A voided claim is not reopened/,
    );
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
  });

  it('applies a claim, its replacement and its void from one file in the order they come', () => {
    const original = testClaim('SEQ-1', [5_000]);
    const report = importClaims(ctx, 'sequence.837', [
      original,
      resent(original, '7', { lines: [serviceLine(1, 6_000)] }),
      resent(original, '8'),
    ]);
    expect(report.claimFile?.claims.map((c) => [c.outcome, c.chargesPosted])).toEqual([
      ['added', 5_000],
      ['updated', 1_000],
      ['voided', -6_000],
    ]);
    expect(report.claimFile?.chargesPosted).toBe(0);
    expect(accountOf(ctx, 'SEQ-1').insurance).toBe(0);
    expectCachesMatchLedger(ctx);
  });

  it('leaves a paid claim alone when a void comes for it, and a remittance finds an imported claim', () => {
    const original = testClaim('PAY-1', [10_000, 2_500]);
    importClaims(ctx, 'original.837', [original]);
    const { id: claimId } = claimOf(ctx, 'PAY-1');
    // the payer's remittance names the claim by the patient control number it was sent under
    const remit = call(ctx, 'importFile', {
      fileName: 'era.835',
      text: remittanceFile([
        remitClaim({
          patientControlNumber: 'PAY-1',
          charge: 12_500,
          paid: 10_000,
          adjustments: [{ group: 'CO', reason: '45', amount: 2_500 }],
        }),
      ]),
    });
    expect(remit.remittances[0]).toMatchObject({ claimsPosted: 1, exceptions: 0 });
    expect(claimOf(ctx, 'PAY-1').status).toBe('paid');
    expect(
      ctx.db.prepare(`SELECT kind, status FROM follow_ups WHERE claim_id = ?`).all(claimId),
    ).toEqual([{ kind: 'claim_status', status: 'done' }]);

    const before = tableCounts(ctx);
    const report = importClaims(ctx, 'void.837', [resent(original, '8')], 2);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'skipped',
      message:
        "Not imported: Claim PAY-1 has payments or adjustments posted; reverse them (or import the payer's recoupment) before voiding it.",
    });
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
    expect(claimOf(ctx, 'PAY-1').status).toBe('paid');
  });

  it("finds the claim a replacement is for by the payer's claim number when the control number changed", () => {
    importClaims(ctx, 'original.837', [testClaim('F8-1', [10_000])]);
    // the payer's remittance tells us its own number for the claim
    call(ctx, 'importFile', {
      fileName: 'era.835',
      text: remittanceFile([
        remitClaim({
          patientControlNumber: 'F8-1',
          charge: 10_000,
          paid: 0,
          status: '4',
          payerClaimNumber: 'ICN-2026-555',
          adjustments: [{ group: 'CO', reason: '16', amount: 10_000 }],
        }),
      ]),
    });
    const corrected = resent(testClaim('F8-1-CORRECTED', [10_000, 1_500]), '7', {
      payerClaimNumber: 'ICN-2026-555',
    });
    const report = importClaims(ctx, 'corrected.837', [corrected], 2);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'updated',
      claimNumber: 'F8-1',
      accountNumber: 'F8-1',
      chargesPosted: 1_500,
    });
    expect(claimOf(ctx, 'F8-1')).toMatchObject({ status: 'billed', total: 11_500 });
    expect(chargesOn(ctx, claimOf(ctx, 'F8-1').id)).toBe(11_500);
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM claims`).get()).toEqual({ n: 1 });
    expectCachesMatchLedger(ctx);
  });
});
