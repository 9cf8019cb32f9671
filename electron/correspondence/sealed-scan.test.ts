import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { newDatabaseKey } from '../db/cipher';
import {
  isSealed,
  sealedMarkerPath,
  sealFiledDocuments,
  sealFiledDocumentsOnce,
} from '../filing/sealed';
import { recordedPath } from '../filing/location';
import fs from 'node:fs';
import { oneOrThrow } from '../db/query';
import { addAccount } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { pdfScan, pngScan, scanned } from '../testing/scans';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let accountId: AccountId;
beforeEach(() => {
  ctx = createTestCtx();
  accountId = addAccount(ctx, { number: 'A-3301' }).accountId;
});
afterEach(() => ctx.close());

function fileOnDisk(correspondenceId: number): string {
  const row = oneOrThrow<{ folder: string; fileName: string }>(
    ctx.db,
    `SELECT folder, file_name AS fileName FROM correspondence WHERE id = ?`,
    correspondenceId,
  );
  const file = recordedPath(ctx.databasePath, row.folder, row.fileName);
  if (!file) throw new Error('the scan has no place');
  return file;
}

it('seals a scan filed while the database is encrypted, and opens it with the key only', () => {
  const key = newDatabaseKey();
  const keyed = { ...ctx, databaseKey: key };
  const png = pngScan(3);
  const filed = call(keyed, 'fileCorrespondence', {
    accountId,
    type: 'patient',
    receivedDate: '2026-03-15',
    file: scanned('letter.png', png),
  });
  const { correspondenceId } = filed.correspondence;
  const onDisk = fs.readFileSync(fileOnDisk(correspondenceId));
  expect(isSealed(onDisk)).toBe(true);
  // not one run of the image's bytes is on the disk
  expect(onDisk.includes(png.subarray(40, 72))).toBe(false);
  const opened = call(keyed, 'getCorrespondenceFile', { correspondenceId });
  expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(png);
  expectRefused(
    { ...ctx, databaseKey: newDatabaseKey() },
    'getCorrespondenceFile',
    { correspondenceId },
    /is sealed with a key this database does not hold/,
  );
});

it('seals image scans filed before the encryption, and again after an older marker', () => {
  const png = pngScan(5);
  const filed = call(ctx, 'fileCorrespondence', {
    accountId,
    type: 'patient',
    receivedDate: '2026-03-15',
    file: scanned('letter.png', png),
  });
  const { correspondenceId } = filed.correspondence;
  expect(isSealed(fs.readFileSync(fileOnDisk(correspondenceId)))).toBe(false);
  // a marker left by a version that sealed only PDFs: the scans are sealed at the next start
  fs.writeFileSync(sealedMarkerPath(ctx.databasePath), '');
  const key = newDatabaseKey();
  expect(sealFiledDocumentsOnce(ctx.databasePath, key)).toBe(1);
  expect(isSealed(fs.readFileSync(fileOnDisk(correspondenceId)))).toBe(true);
  expect(sealFiledDocumentsOnce(ctx.databasePath, key)).toBe(0);
  const opened = call({ ...ctx, databaseKey: key }, 'getCorrespondenceFile', { correspondenceId });
  expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(png);
});

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
