import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { pdfRawText } from '../documents/test-pdf';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  allowStatementRuns,
  makeSupervisor,
} from '../testing/builders';
import { call, callAsync, expectRefused } from '../testing/call';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  // statement runs are work a supervisor hands to a representative
  allowStatementRuns(ctx);
});
afterEach(() => ctx.close());

const on = (date: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(date)) });

/** A guarantor with `amounts.length` accounts, each owing its amount. */
function guarantor(amounts: number[], name = 'Okafor'): AccountId[] {
  const payerId = addPayer(ctx);
  const personId = addPerson(ctx, { first: 'Maria', last: name });
  addAddress(ctx, personId);
  return amounts.map((amount, i) => {
    const { accountId } = addAccount(ctx, { patientId: personId, number: `${name}-${i + 1}` });
    addBilledClaim(ctx, accountId, payerId, [amount], 'patient');
    return accountId;
  });
}

async function runText(c: Ctx, accountIds: AccountId[]) {
  const result = await callAsync(c, 'startStatementRun', { accountIds: accountIds as number[] });
  const file = await callAsync(c, 'getDocumentFile', { documentId: result.documentId });
  return { result, text: pdfRawText(Buffer.from(file.pdfBase64, 'base64')).replace(/\s+/g, ' ') };
}

const stageOf = (accountId: AccountId) =>
  call(ctx, 'getAccountDunning', { accountId: accountId as number }).stage;

describe("a guarantor's statement cycle", () => {
  it("sends one statement listing all the guarantor's accounts, firmer each cycle", async () => {
    const [a, b] = guarantor([4_500, 7_000]);
    const first = await runText(ctx, [a as AccountId]);
    // one statement for both accounts, a copy filed on each
    expect(first.result.total).toBe(1);
    expect(first.text).toContain('Okafor-1 +1 more');
    expect(first.text).toContain('Account Okafor-2');
    expect(first.text).toContain('Amount due $115.00');
    expect(call(ctx, 'listAccountDocuments', { accountId: b as number })).toHaveLength(1);
    expect(stageOf(b as AccountId)).toBe('statement');

    const dates: [string, string][] = [
      ['2026-04-16', 'This is our second statement'],
      ['2026-05-16', 'is past due'],
      ['2026-06-15', 'FINAL NOTICE'],
    ];
    for (const [date, wording] of dates) {
      const { text } = await runText(on(date), [a as AccountId]);
      expect(text).toContain(wording);
    }
    // the final notice names the date after which it may be referred, 30 days out
    const final = await callAsync(on('2026-06-15'), 'getDocumentFile', {
      documentId: call(ctx, 'listAccountDocuments', { accountId: a as number })[0]
        ?.documentId as number,
    });
    expect(pdfRawText(Buffer.from(final.pdfBase64, 'base64')).replace(/\s+/g, ' ')).toContain(
      'If we have not heard from you by 07/15/2026',
    );
    // after the final notice's date: no more statements, it waits for an agency decision
    const later = await callAsync(on('2026-07-20'), 'listStatementCandidates', {});
    expect(later.accounts[0]?.held.map((h) => h.hold)).toEqual([
      'pre_collection',
      'pre_collection',
    ]);
  });

  it('holds a disputed account with its reason until a supervisor releases it for one statement', async () => {
    const [a] = guarantor([4_500]);
    call(ctx, 'setCollectionHold', {
      accountId: a as number,
      kind: 'dispute',
      open: true,
      note: 'says insurance should pay',
    });
    const listed = call(ctx, 'listStatementCandidates', {});
    expect(listed.accounts[0]).toMatchObject({ allHeld: true, accountIds: [] });
    expect(listed.accounts[0]?.held[0]).toMatchObject({ hold: 'dispute', releasable: true });
    expectRefused(ctx, 'startStatementRun', { accountIds: [a] }, /the balance is disputed/);

    // a representative cannot release it; a supervisor can, with a reason, and it is kept
    expectRefused(
      ctx,
      'releaseStatementHold',
      { accountId: a, hold: 'dispute', reason: 'EOB reviewed' },
      /Only a supervisor can release a statement hold/,
    );
    makeSupervisor(ctx);
    expectRefused(
      ctx,
      'releaseStatementHold',
      { accountId: a, hold: 'deceased', reason: 'x' },
      /cannot be released/,
    );
    const released = call(ctx, 'releaseStatementHold', {
      accountId: a as number,
      hold: 'dispute',
      reason: 'EOB reviewed with the patient; the share stands',
    });
    expect(released.holds).toEqual([]);
    expect(released.releases[0]).toMatchObject({
      hold: 'dispute',
      reason: 'EOB reviewed with the patient; the share stands',
    });
    expect(call(ctx, 'getAccount', { accountId: a as number }).activities[0]?.text).toContain(
      'Statement hold released for the next statement: balance disputed.',
    );
    const { result } = await runText(ctx, [a as AccountId]);
    expect(result.total).toBe(1);
    // the release is used up by that statement: the open dispute holds the next one
    const next = call(on('2026-04-16'), 'getAccountDunning', { accountId: a as number });
    expect(next.holds.map((h) => h.hold)).toEqual(['dispute']);
  });

  it('prints a plan statement for a plan in good standing, and keeps why others were not printed', async () => {
    const [onPlan] = guarantor([60_000], 'Plan');
    const [deceased] = guarantor([5_000], 'Estate');
    ctx.db
      .prepare(
        `UPDATE people SET deceased_date = '2026-02-01' WHERE id =
      (SELECT guarantor_id FROM accounts WHERE id = ?)`,
      )
      .run(deceased);
    call(ctx, 'createPlan', {
      accountId: onPlan as number,
      downPayment: 0,
      length: { mode: 'months', months: 6 },
      firstDueDate: isoDate('2026-04-01') as IsoDate,
      includeNewCharges: false,
    });
    const { result, text } = await runText(ctx, [onPlan as AccountId, deceased as AccountId]);
    expect(result.total).toBe(1);
    expect(text).toContain('PAYMENT PLAN STATEMENT');
    expect(text).toContain('Your installment of $100.00 is due by 04/01/2026');
    expect(text).toContain('next installment after this one is due 05/01/2026');
    expect(text).not.toContain('Estate');
    expect(result.skipped).toEqual([
      expect.objectContaining({ accountId: deceased, hold: 'deceased' }),
    ]);
    const kept = ctx.db
      .prepare(
        `SELECT account_id AS accountId, hold FROM statement_run_skips WHERE run_document_id = ?`,
      )
      .all(result.documentId);
    expect(kept).toEqual([{ accountId: deceased, hold: 'deceased' }]);
    expect(TEST_TODAY).toBe('2026-03-16');
  });
});

describe('accounts brought in by spreadsheet', () => {
  it('start at the stage their history gives, not at a first statement', async () => {
    makeSupervisor(ctx);
    const header =
      'Acct #,Last Name,First Name,Address,City,State,ZIP,DOS,Pt Balance,Pt Since,Stmts';
    const text = [
      header,
      'CSV-1,Okafor,Grace,12 Elm St,Springfield,IL,62704,11/02/2025,$80.00,11/20/2025,3',
      'CSV-2,Adebayo,Tunde,14 Elm St,Springfield,IL,62704,03/01/2026,$40.00,,',
    ].join('\n');
    await callAsync(ctx, 'importCsv', {
      fileName: 'conversion.csv',
      text,
      columns: {
        accountNumber: 'Acct #',
        patientLastName: 'Last Name',
        patientFirstName: 'First Name',
        addressLine1: 'Address',
        city: 'City',
        state: 'State',
        zip: 'ZIP',
        serviceDate: 'DOS',
        patientBalance: 'Pt Balance',
        patientSinceDate: 'Pt Since',
        statementsSent: 'Stmts',
      },
      mappingName: null,
    });
    const listed = call(ctx, 'listStatementCandidates', {});
    const stageOfRow = (n: string) => listed.accounts.find((c) => c.accountNumber === n)?.stage;
    // three statements (the last past due) sent since 11/20/2025, 116 days ago: the next
    // one here is the final notice, not a first statement
    expect(stageOfRow('CSV-1')).toBe('final_notice');
    expect(stageOfRow('CSV-2')).toBe('statement');
    const { text: printed } = await runText(
      ctx,
      listed.accounts.flatMap((c) => c.accountIds),
    );
    expect(printed).toContain('FINAL NOTICE');
    expect(printed).toContain('This statement lists');
  });
});
