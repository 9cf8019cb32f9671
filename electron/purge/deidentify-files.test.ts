import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { spacedFingerprint } from '../../shared/text/fingerprint';
import type { AccountId, PersonId } from '../../shared/ids';
import { dispatch, dispatchAsync } from '../api/dispatch';
import { fixedClock, type Ctx } from '../core/context';
import { all, run } from '../db/query';
import { pdfText } from '../documents/test-pdf';
import { documentsDir } from '../filing/location';
import { moveForRemoval, removingDir, type FiledFile } from '../filing/removals';
import { sweepDocuments } from '../filing/sweep';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../testing/builders';
import { call, callAsync } from '../testing/call';
import { pdfScan, pngScan, scanned } from '../testing/scans';
import { balanceDrift, createTestCtx, type TestCtx } from '../testing/test-db';

/**
 * De-identification reaches the files filed on the person's accounts: the itemized bill
 * and the scans that name them are deleted from disk, their rows say so and keep their
 * fingerprints, and the books are as they were.
 */
let ctx: TestCtx;
let then: Ctx;
let eleanor: PersonId;
let accountId: AccountId;
let otherAccount: AccountId;
const NAME = /eleanor|testwell|lantern/i;

beforeEach(async () => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  then = { ...ctx, clock: fixedClock(isoDate('2015-06-01')) };
  eleanor = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1931-05-02' });
  addAddress(ctx, eleanor, '77 Lantern Way');
  accountId = addAccount(then, { patientId: eleanor, number: 'D-1' }).accountId;
  addBilledClaim(then, accountId, addPayer(ctx), [12_500], 'patient');
  await callAsync(then, 'generateItemizedBill', { accountId });
  call(then, 'postPatientPayment', {
    accountId,
    amount: 12_500,
    method: 'check',
    checkNumber: '88',
    receivedDate: '2015-06-01',
  });
  call(then, 'fileCorrespondence', {
    accountId,
    type: 'patient',
    receivedDate: '2015-06-01',
    file: scanned('D-1 Testwell letter.pdf', pdfScan('Dear billing office, Eleanor Testwell')),
  });
  call(then, 'fileCorrespondence', {
    accountId,
    type: 'returned_mail',
    receivedDate: '2015-06-01',
    file: scanned('D-1 envelope.png', pngScan(11)),
  });
  const ben = addPerson(ctx, { first: 'Ben', last: 'Adeyemi' });
  otherAccount = addAccount(then, { patientId: ben, number: 'D-2' }).accountId;
  call(then, 'fileCorrespondence', {
    accountId: otherAccount,
    type: 'payer',
    receivedDate: '2015-06-01',
    file: scanned('D-2.pdf', pdfScan('Explanation of benefits for Ben Adeyemi')),
  });
  call(then, 'recordDeath', {
    accountId,
    personId: eleanor,
    deceasedDate: '2015-05-20',
    source: 'Obituary',
  });
  run(ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, accountId);
  run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, accountId);
});
afterEach(() => ctx.close());

/** Every file anywhere under the documents folder, with its bytes. */
function everyFile(): { name: string; bytes: Buffer }[] {
  const root = documentsDir(ctx.databasePath);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(root, name)) }));
}

/** What a reader of the file sees: its raw bytes, and a PDF's extracted text besides. */
const readable = (f: { name: string; bytes: Buffer }) =>
  f.bytes.toString('latin1') + (/\.pdf$/i.test(f.name) ? pdfText(f.bytes) : '');

const money = () => ({
  ledger: all(ctx.db, `SELECT * FROM ledger_entries ORDER BY id`),
  receipts: all(ctx.db, `SELECT * FROM receipts ORDER BY id`),
  balances: all(ctx.db, `SELECT id, insurance_balance, patient_balance FROM accounts ORDER BY id`),
  cash: call(ctx, 'getCashSummary', { date: '2015-06-01' }),
});

const deidentify = () =>
  call(ctx, 'deidentifyPerson', { accountId, personId: eleanor, reason: 'Retention period over' });

const held = (): FiledFile[] => [
  ...all<FiledFile>(
    ctx.db,
    `SELECT 'documents' AS "table", id, folder, file_name AS fileName FROM documents
      WHERE account_id = ?
     UNION ALL
     SELECT 'correspondence', id, folder, file_name FROM correspondence WHERE account_id = ?`,
    accountId,
    accountId,
  ),
];

describe('de-identification and filed files', () => {
  it('deletes every file naming the person; their rows keep the fingerprints; the books are unchanged', async () => {
    // the files do name her before: otherwise the check after proves nothing
    const before = everyFile();
    expect(before).toHaveLength(4);
    expect(before.filter((f) => NAME.test(readable(f))).length).toBeGreaterThanOrEqual(2);
    const figures = money();
    const fingerprints = all<{ sha: string }>(
      ctx.db,
      `SELECT sha256 AS sha FROM documents WHERE account_id = ?
       UNION ALL SELECT sha256 FROM correspondence WHERE account_id = ?`,
      accountId,
      accountId,
    ).map((r) => r.sha);
    expect(fingerprints).toHaveLength(3);

    const result = deidentify();
    expect(result.filesRemoved).toBe(3);
    // committed: the files wait in the removing folder until the request's work has ended
    expect(fs.readdirSync(removingDir(ctx.databasePath))).toHaveLength(3);
    await Promise.resolve();
    expect(fs.readdirSync(removingDir(ctx.databasePath))).toEqual([]);

    const after = everyFile();
    expect(after.map((f) => f.name)).toHaveLength(1);
    for (const f of after) expect(readable(f), f.name).not.toMatch(NAME);
    // the other patient's scan is untouched and still opens
    const [kept] = call(ctx, 'listAccountCorrespondence', { accountId: otherAccount });
    expect(kept?.removedAt).toBeNull();
    expect(
      call(ctx, 'getCorrespondenceFile', { correspondenceId: kept?.correspondenceId ?? 0 }),
    ).toBeTruthy();

    expect(money()).toEqual(figures);
    expect(balanceDrift(ctx)).toBe(0);

    // the rows say so, keep the fingerprints, and the name a scan came in under is gone
    const scans = call(ctx, 'listAccountCorrespondence', { accountId });
    expect(scans.map((s) => [s.originalName, s.removedAt !== null])).toEqual([
      ['[removed]', true],
      ['[removed]', true],
    ]);
    const docs = call(ctx, 'listAccountDocuments', { accountId });
    expect(docs.map((d) => d.removedAt !== null)).toEqual([true]);
    const history = call(ctx, 'getAccount', { accountId })
      .activities.map((a) => a.text)
      .join('\n');
    expect(history).not.toMatch(NAME);
    for (const sha of fingerprints) expect(history).toContain(spacedFingerprint(sha));
    expect(history).toMatch(/De-identification deleted the filed files that named the person/);

    const opened = dispatch(ctx, 'getCorrespondenceFile', {
      correspondenceId: scans[0]?.correspondenceId,
    });
    expect(opened.ok ? '' : opened.error.message).toMatch(/deleted from disk when the person/);
    const doc = await dispatchAsync(ctx, 'getDocumentFile', { documentId: docs[0]?.documentId });
    expect(doc.ok ? '' : doc.error.message).toMatch(/deleted from disk when the person/);
  });

  it('puts files back when a crash came before the commit, and deletes them when after', () => {
    const files = held();
    const [first, ...rest] = files;
    if (!first) return expect.fail('nothing filed');
    // a crash before the commit: set aside, rows not marked
    moveForRemoval(ctx.databasePath, [first]);
    // a crash after the commit: set aside, rows marked
    moveForRemoval(ctx.databasePath, rest);
    for (const f of rest) {
      run(
        ctx.db,
        `UPDATE ${f.table} SET removed_at = 't', removed_by = ? WHERE id = ?`,
        ctx.userId,
        f.id,
      );
    }
    expect(fs.readdirSync(removingDir(ctx.databasePath))).toHaveLength(3);

    const report = sweepDocuments(ctx);
    expect(report).toEqual({ setAside: [], notDone: null });
    expect(fs.readdirSync(removingDir(ctx.databasePath))).toEqual([]);
    const root = documentsDir(ctx.databasePath);
    expect(fs.existsSync(path.join(root, first.fileName))).toBe(true);
    for (const f of rest) expect(fs.existsSync(path.join(root, f.fileName))).toBe(false);
  });
});
