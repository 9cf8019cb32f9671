import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { newDatabaseKey } from '../db/cipher';
import { isSealed, sealFiledDocuments } from '../filing/sealed';
import { recordedPath } from '../filing/location';
import fs from 'node:fs';
import { oneOrThrow } from '../db/query';
import { addAccount } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { pdfScan, scanned } from '../testing/scans';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let accountId: AccountId;
beforeEach(() => {
  ctx = createTestCtx();
  accountId = addAccount(ctx, { number: 'A-3301' }).accountId;
});
afterEach(() => ctx.close());

it('opens a PDF scan that the encryption of the database sealed with the documents', () => {
  const pdf = pdfScan('Explanation of benefits, claim 12');
  const filed = call(ctx, 'fileCorrespondence', {
    accountId,
    type: 'payer',
    receivedDate: '2026-03-14',
    file: scanned('eob.pdf', pdf),
  });
  const correspondenceId = filed.correspondence.correspondenceId;
  // the database encrypted afterwards: every PDF in the documents folder is sealed at start
  const key = newDatabaseKey();
  expect(sealFiledDocuments(ctx.databasePath, key)).toBe(1);
  const row = oneOrThrow<{ folder: string; fileName: string }>(
    ctx.db,
    `SELECT folder, file_name AS fileName FROM correspondence WHERE id = ?`,
    correspondenceId,
  );
  expect(
    isSealed(fs.readFileSync(recordedPath(ctx.databasePath, row.folder, row.fileName) ?? '')),
  ).toBe(true);
  const keyed = { ...ctx, databaseKey: key };
  const opened = call(keyed, 'getCorrespondenceFile', { correspondenceId });
  expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(pdf);
  // with another key it is not shown, and says why
  expectRefused(
    { ...ctx, databaseKey: newDatabaseKey() },
    'getCorrespondenceFile',
    { correspondenceId },
    /is sealed with a key this database does not hold, so it cannot be shown\.$/,
  );
});
