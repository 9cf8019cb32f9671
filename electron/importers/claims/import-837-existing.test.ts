import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents } from '../../../shared/money/cents';
import { addAccount, addPayer, addPerson } from '../../testing/builders';
import { call } from '../../testing/call';
import { createTestCtx, tableCounts, type TestCtx } from '../../testing/test-db';
import { CHILD, claimFileText, resent, SUBSCRIBER, testClaim } from '../../testing/claims';
import {
  accountOf,
  chargesOn,
  claimOf,
  expectCachesMatchLedger,
  importClaims,
} from '../../testing/claim-import';

/** Claims that meet what the database already holds, and claims skipped for what they say. */

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('importing an 837 claim file', () => {
  it('skips, with the reason, what it cannot apply as sent, and imports the rest', () => {
    importClaims(ctx, 'first.837', [testClaim('ON-FILE', [10_000])]);
    const before = tableCounts(ctx);
    const report = importClaims(
      ctx,
      'mixed.837',
      [
        testClaim('ON-FILE', [10_000, 500]),
        resent(testClaim('NOT-HERE', [1_000]), '7'),
        resent(testClaim('NOT-HERE-2', [1_000]), '8', { payerClaimNumber: null }),
        testClaim('INTERIM', [1_000], { frequencyCode: '2' }),
        testClaim('NEW-ONE', [2_000]),
      ],
      2,
    );
    expect(report.status).toBe('partial');
    expect(
      report.claimFile?.claims.map((c) => [c.patientControlNumber, c.outcome, c.message]),
    ).toEqual([
      [
        'ON-FILE',
        'skipped',
        'Not imported: claim ON-FILE on account ON-FILE already exists with different content. To change it, send a replacement claim (frequency 7).',
      ],
      [
        'NOT-HERE',
        'skipped',
        'Not imported: this replacement refers to claim NOT-HERE (payer claim number PAYER-CLAIM-1), which ClaimDesk does not have.',
      ],
      [
        'NOT-HERE-2',
        'skipped',
        'Not imported: this void refers to claim NOT-HERE-2, which ClaimDesk does not have.',
      ],
      [
        'INTERIM',
        'skipped',
        'Not imported: frequency code 2 marks an interim bill (first claim) that ClaimDesk does not import; it imports original (1), replacement (7) and void (8) claims.',
      ],
      ['NEW-ONE', 'added', 'Added claim NEW-ONE to new account NEW-ONE; $20.00 in charges posted.'],
    ]);
    expect(report.summary).toBe('5 claims: 1 added, 0 updated, 4 skipped; $20.00 in charges');
    const after = tableCounts(ctx);
    expect(after.claims).toBe((before.claims ?? 0) + 1);
    expect(chargesOn(ctx, claimOf(ctx, 'ON-FILE').id)).toBe(10_000);
  });

  it('skips a claim that fails its checks, saying where, and imports the others', () => {
    const text = claimFileText([
      testClaim('BAD-1', [10_000, 2_500]),
      testClaim('OK-1', [3_000]),
    ]).replace('CLM*BAD-1*125*', 'CLM*BAD-1*126*');
    const report = call(ctx, 'importFile', { fileName: 'checks.837', text });
    expect(report.status).toBe('partial');
    const [bad, ok] = report.claimFile?.claims ?? [];
    expect(bad).toMatchObject({
      outcome: 'skipped',
      message: 'Not imported: the claim failed 1 check; correct it and send it again.',
      segmentIndex: text.split('~').findIndex((s) => s.includes('CLM*BAD-1')) + 1,
      problems: [
        {
          segmentId: 'CLM',
          segmentIndex: text.split('~').findIndex((s) => s.includes('CLM*BAD-1')) + 1,
          message: 'The service lines add up to 125.00, but the claim total (CLM02) is 126.00.',
        },
      ],
    });
    expect(ok?.outcome).toBe('added');
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM claims WHERE claim_number = 'BAD-1'`).get(),
    ).toEqual({ n: 0 });
  });

  it('finds returning patients and their payer, and adds an address only when it is new', () => {
    const acme = Number(
      ctx.db
        .prepare(
          `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days, appeal_window_days)
           VALUES ('Acme Health (our name)', 'ACME01', 'managed_care', 90, 120)`,
        )
        .run().lastInsertRowid,
    );
    importClaims(ctx, 'one.837', [testClaim('VISIT-1', [1_000])]);
    const person = accountOf(ctx, 'VISIT-1').patientId;
    const addresses = () =>
      ctx.db
        .prepare(`SELECT line1, zip FROM addresses WHERE person_id = ? ORDER BY id`)
        .all(person);
    // the same address written differently is not a move
    const sameAddress = {
      ...SUBSCRIBER,
      address: { ...SUBSCRIBER.address!, line1: '100  MAIN ST.', zip: '60614' },
    };
    const two = importClaims(
      ctx,
      'two.837',
      [testClaim('VISIT-2', [1_000], { subscriber: sameAddress })],
      2,
    );
    expect(two.claimFile).toMatchObject({ added: 1, peopleCreated: 0, payersCreated: [] });
    expect(accountOf(ctx, 'VISIT-2').patientId).toBe(person);
    expect(addresses()).toEqual([{ line1: '100 Main St', zip: '60614-3318' }]);
    const moved = {
      ...SUBSCRIBER,
      address: { line1: '9 Elm Ct', line2: null, city: 'Evanston', state: 'IL', zip: '60201' },
    };
    importClaims(ctx, 'three.837', [testClaim('VISIT-3', [1_000], { subscriber: moved })], 3);
    expect(addresses()).toEqual([
      { line1: '100 Main St', zip: '60614-3318' },
      { line1: '9 Elm Ct', zip: '60201' },
    ]);
    expect(ctx.db.prepare(`SELECT DISTINCT payer_id AS payer FROM claims`).all()).toEqual([
      { payer: acme },
    ]);
    expect(accountOf(ctx, 'VISIT-3').financialClass).toBe('managed_care');
  });

  it("adds a claim to the account whose number is the patient control number, if it is the patient's", () => {
    const ana = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
    const { accountId } = addAccount(ctx, { number: 'T-EXIST', patientId: ana });
    addAccount(ctx, { number: 'T-OTHER' });
    const other = importClaims(ctx, 'other.837', [testClaim('T-OTHER', [4_200])], 9);
    expect(other.claimFile?.claims[0]?.message).toBe(
      "Not imported: Account T-OTHER is another patient's account; check the patient control number, which names this account.",
    );
    const report = importClaims(ctx, 'existing.837', [testClaim('T-EXIST', [4_200])]);
    expect(report.claimFile?.claims[0]).toMatchObject({
      outcome: 'added',
      accountId,
      message: 'Added claim T-EXIST to existing account T-EXIST; $42.00 in charges posted.',
    });
    expect(report.claimFile?.accountsCreated).toBe(0);
    expect(accountOf(ctx, 'T-EXIST').insurance).toBe(4_200);
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM coverages WHERE account_id = ?`).get(accountId),
    ).toEqual({
      n: 1,
    });
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(accountId);
    const closed = importClaims(ctx, 'closed.837', [resent(testClaim('T-EXIST', [5_000]), '7')], 2);
    expect(closed.claimFile?.claims[0]?.message).toBe(
      'Not imported: Account T-EXIST is closed; nothing can be posted to it. Reopen it, then import the file again.',
    );
  });

  it('refuses a new claim for an existing account before writing anything of it', () => {
    const ana = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
    const otherPayer = addPayer(ctx, { name: 'Other Mutual' });
    addAccount(ctx, { number: 'T-COVERED', patientId: ana, payerId: otherPayer });
    addAccount(ctx, { number: 'T-NOT-ANA' });
    const before = tableCounts(ctx);
    const newPayer = { name: 'Brand New Health', payerId: 'NEW99' };
    const report = importClaims(
      ctx,
      'refused.837',
      [
        // the payer and the subscriber's address are new: refused, neither may stay behind
        testClaim('T-COVERED', [4_200], { payer: newPayer }),
        testClaim('T-NOT-ANA', [4_200], { payer: newPayer, patient: CHILD }),
      ],
      3,
    );
    expect(report.claimFile?.claims.map((c) => [c.outcome, c.message])).toEqual([
      [
        'skipped',
        "Not imported: Account T-COVERED has Other Mutual as its primary coverage, not Brand New Health; correct the account's coverage, then import the file again.",
      ],
      [
        'skipped',
        "Not imported: Account T-NOT-ANA is another patient's account; check the patient control number, which names this account.",
      ],
    ]);
    expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({ ...before, import_files: 0 });
  });

  it('keeps every cent: charges posted equal the claim totals exactly', () => {
    const amounts = [[1], [99, 1], [99_999_999_99, 1], [33_33, 33_33, 33_34]];
    const report = importClaims(
      ctx,
      'cents.837',
      amounts.map((a, i) => testClaim(`CENT-${i}`, a, { type: 'professional' })),
    );
    expect(report.claimFile?.chargesPosted).toBe(cents(1 + 100 + 100_000_000_00 + 100_00));
    amounts.forEach((a, i) => {
      const claim = claimOf(ctx, `CENT-${i}`);
      expect(claim.total).toBe(a.reduce((s, x) => s + x, 0));
      expect(chargesOn(ctx, claim.id)).toBe(claim.total);
    });
    expectCachesMatchLedger(ctx);
  });
});
