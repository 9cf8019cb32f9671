import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES } from '../../shared/api/correspondence';
import { spacedFingerprint } from '../../shared/text/fingerprint';
import type { AccountId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { all } from '../db/query';
import { documentsDir, stagingDir } from '../filing/location';
import { sweepDocuments } from '../filing/sweep';
import { addAccount, addPerson } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { pdfScan, pngScan, scanned } from '../testing/scans';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';
import { sha256 } from './store';

let ctx: TestCtx;
let accountId: AccountId;
let other: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  const personId = addPerson(ctx, { first: 'Hal', last: 'Moreno' });
  accountId = addAccount(ctx, { patientId: personId, number: 'A-1042' }).accountId;
  other = addAccount(ctx, { number: 'A-2077' }).accountId;
});
afterEach(() => ctx.close());

/** Every file under the documents folder but the staging one, relative, sorted. */
function filedOnDisk(): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile() && !f.startsWith('.staging'))
    .sort();
}

const history = (id: AccountId) =>
  call(ctx, 'getAccount', { accountId: id })
    .activities.map((a) => a.text)
    .join('\n');

const fileOne = (fileName: string, data: Buffer, type = 'payer' as const) =>
  call(ctx, 'fileCorrespondence', {
    accountId,
    type,
    receivedDate: '2026-03-14',
    file: scanned(fileName, data),
  });

describe('filing one scan on an account', () => {
  it('files the bytes by fingerprint, lists it, opens it exactly, and says so in history', () => {
    const png = pngScan(1);
    const filed = fileOne('letter from payer.png', png);
    expect(filed).toMatchObject({
      alreadyFiled: false,
      accountId,
      message: 'Payer correspondence "letter from payer.png" filed on account A-1042.',
      correspondence: {
        type: 'payer',
        media: 'png',
        originalName: 'letter from payer.png',
        receivedDate: '2026-03-14',
        bytes: png.length,
        sha256: sha256(png),
        removedAt: null,
      },
    });
    const id = filed.correspondence.correspondenceId;
    // in this database's documents folder, in the layout filed documents use
    const row = all<{ folder: string; fileName: string }>(
      ctx.db,
      `SELECT folder, file_name AS fileName FROM correspondence WHERE id = ?`,
      id,
    )[0];
    expect(row?.fileName).toMatch(new RegExp(`^2026/03/${id}-correspondence-[0-9a-f]{12}\\.png$`));
    expect(filedOnDisk()).toEqual([path.join(...(row?.fileName ?? '').split('/'))]);
    expect(fs.readFileSync(path.join(documentsDir(ctx.databasePath), row?.fileName ?? ''))).toEqual(
      png,
    );
    expect(call(ctx, 'listAccountCorrespondence', { accountId })).toEqual([filed.correspondence]);
    expect(call(ctx, 'listAccountCorrespondence', { accountId: other })).toEqual([]);
    const opened = call(ctx, 'getCorrespondenceFile', { correspondenceId: id });
    expect(opened).toMatchObject({ media: 'png', fileName: 'payer-A-1042-2026-03-14.png' });
    expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(png);
    expect(history(accountId)).toContain(
      `Payer correspondence filed: "letter from payer.png" (PNG image, 1 KB), received 03/14/2026. Fingerprint (SHA-256) ${spacedFingerprint(sha256(png))}.`,
    );
    // the scan at open leaves a filed scan where it is
    expect(sweepDocuments(ctx).setAside).toEqual([]);
  });

  it('files the same bytes on the same account once, whatever the name; another account gets its own', () => {
    const pdf = pdfScan('Explanation of benefits, claim 7');
    const first = fileOne('eob.pdf', pdf);
    const before = tableCounts(ctx);
    const again = fileOne('eob (copy).pdf', pdf, 'legal' as 'payer');
    expect(again.alreadyFiled).toBe(true);
    expect(again.correspondence).toEqual(first.correspondence);
    expect(again.message).toMatch(/was already filed on account A-1042 \(as "eob\.pdf"/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(filedOnDisk()).toHaveLength(1);
    call(ctx, 'fileCorrespondence', {
      accountId: other,
      type: 'payer',
      receivedDate: '2026-03-14',
      file: scanned('eob.pdf', pdf),
    });
    expect(filedOnDisk()).toHaveLength(2);
  });

  it('refuses what is not really a scan, too large, cut short, dated ahead, or of a closed list', () => {
    const input = (file: object, over: Record<string, unknown> = {}) => ({
      accountId,
      type: 'patient',
      receivedDate: '2026-03-14',
      file,
      ...over,
    });
    const program = Buffer.from('MZ\x90\x00 this is a program, not a letter', 'latin1');
    expectRefused(
      ctx,
      'fileCorrespondence',
      input(scanned('letter.pdf', program)),
      /"letter\.pdf" cannot be filed: its content is not a scan ClaimDesk files \(PDF, PNG image, JPEG image, TIFF image\), whatever its name says/,
    );
    expectRefused(
      ctx,
      'fileCorrespondence',
      input({ fileName: 'huge.tif', size: MAX_SCAN_BYTES + 1, dataBase64: '' }),
      /"huge\.tif" cannot be filed: it is 15\.0 MB, larger than the 15\.0 MB a scan may be/,
    );
    const png = pngScan(2);
    expectRefused(
      ctx,
      'fileCorrespondence',
      input({ ...scanned('cut.png', png), size: png.length + 10 }),
      /only \d+ of its \d+ bytes arrived/,
    );
    expectRefused(
      ctx,
      'fileCorrespondence',
      input(scanned('a.png', png), { receivedDate: '2026-03-17' }),
      /in the future/,
    );
    expectRefused(
      ctx,
      'fileCorrespondence',
      input(scanned('a.png', png), { type: 'invoice' }),
      /Choose what kind of correspondence/,
    );
    expectRefused(
      ctx,
      'fileCorrespondence',
      input(scanned('a.png', png), { accountId: 999 }),
      /account was not found/,
    );
    // a path is not something the main process reads: only the bytes sent are filed
    expectRefused(
      ctx,
      'fileCorrespondence',
      input({ ...scanned('a.png', png), path: '/etc/passwd' }),
      /path|Unrecognized/i,
    );
    expect(filedOnDisk()).toEqual([]);
    const staging = stagingDir(ctx.databasePath);
    expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
  });

  it('refuses to open a file that changed or went missing since it was filed', () => {
    const filed = fileOne('a.png', pngScan(3));
    const id = filed.correspondence.correspondenceId;
    const [name] = filedOnDisk();
    const full = path.join(documentsDir(ctx.databasePath), name ?? '');
    fs.appendFileSync(full, 'x');
    const changed = dispatch(ctx, 'getCorrespondenceFile', { correspondenceId: id });
    expect(changed.ok ? '' : changed.error.message).toMatch(/has changed since it was filed/);
    fs.rmSync(full);
    const missing = dispatch(ctx, 'getCorrespondenceFile', { correspondenceId: id });
    expect(missing.ok ? '' : missing.error.message).toMatch(/is missing from the documents folder/);
  });
});

describe('importing a folder of scans named by account number', () => {
  const folder = () => [
    scanned('A-1042 - denial letter.pdf', pdfScan('Denial letter for A-1042')),
    scanned('A-1042_envelope.png', pngScan(4)),
    scanned('A-2077.png', pngScan(5)),
  ];
  const input = (files: ReturnType<typeof scanned>[]) => ({
    type: 'returned_mail' as const,
    receivedDate: '2026-03-16',
    files,
  });

  it('previews each file, refuses the whole folder naming each bad file, and files nothing', () => {
    const bad = [
      ...folder(),
      scanned('scan0001.png', pngScan(6)),
      scanned('Z-9.png', pngScan(7)),
      scanned('A-2077 letter.jpg', Buffer.from('GIF89a not a jpeg', 'latin1')),
      { fileName: 'A-2077 big.tif', size: MAX_SCAN_BYTES + 5, dataBase64: '' },
    ];
    const preview = call(ctx, 'previewCorrespondenceFolder', input(bad));
    expect(preview).toMatchObject({ toFile: 3, alreadyFiled: 0, problems: 4 });
    expect(preview.rows.map((r) => [r.accountId, r.media, r.problem])).toEqual([
      [accountId, 'pdf', null],
      [accountId, 'png', null],
      [other, 'png', null],
      [null, 'png', 'scan0001.png: no account scan0001.'],
      [null, 'png', 'Z-9.png: no account Z-9.'],
      [
        other,
        null,
        'A-2077 letter.jpg: its content is not a scan ClaimDesk files (PDF, PNG image, JPEG image, TIFF image), whatever its name says.',
      ],
      [other, null, 'A-2077 big.tif: it is 15.0 MB, larger than the 15.0 MB a scan may be.'],
    ]);
    const before = tableCounts(ctx);
    const result = dispatch(ctx, 'importCorrespondenceFolder', input(bad));
    if (result.ok) return expect.fail('a folder with bad files was filed');
    expect(result.error.message).toBe(
      'Nothing was filed: 4 files of 7 cannot be filed. Take them out of the folder or fix their names, then import it again.',
    );
    expect(result.error.details?.map((d) => d.path)).toEqual([
      'files.3',
      'files.4',
      'files.5',
      'files.6',
    ]);
    expect(tableCounts(ctx)).toEqual(before);
    expect(filedOnDisk()).toEqual([]);
  });

  it('files the rest on their accounts with history, and a second import files nothing', () => {
    const result = call(ctx, 'importCorrespondenceFolder', input(folder()));
    expect(result).toEqual({
      filed: 3,
      alreadyFiled: 0,
      accountIds: [accountId, other],
      message: '3 scans filed as returned mail on 2 accounts.',
    });
    expect(
      call(ctx, 'listAccountCorrespondence', { accountId }).map((c) => [c.originalName, c.type]),
    ).toEqual([
      ['A-1042_envelope.png', 'returned_mail'],
      ['A-1042 - denial letter.pdf', 'returned_mail'],
    ]);
    expect(filedOnDisk()).toHaveLength(3);
    expect(history(other)).toMatch(/Returned mail filed: "A-2077\.png" \(PNG image/);
    const before = tableCounts(ctx);
    const again = call(ctx, 'importCorrespondenceFolder', input(folder()));
    expect(again).toMatchObject({ filed: 0, alreadyFiled: 3 });
    expect(again.message).toBe(
      'Every file of the folder was filed before; nothing was filed again.',
    );
    expect(tableCounts(ctx)).toEqual(before);
    expect(
      call(ctx, 'previewCorrespondenceFolder', input(folder())).rows.map((r) => r.alreadyFiled),
    ).toEqual([true, true, true]);
  });

  it('sets aside a scan a crash left in the folder with no row, and keeps the filed ones', () => {
    call(ctx, 'importCorrespondenceFolder', input(folder()));
    const stray = path.join(
      documentsDir(ctx.databasePath),
      '2026',
      '03',
      '99-correspondence-x.png',
    );
    fs.writeFileSync(stray, pngScan(9));
    const report = sweepDocuments(ctx);
    expect(report.notDone).toBeNull();
    expect(report.setAside).toEqual([
      expect.stringMatching(/filed\/2026\/03\/99-correspondence-x\.png$/),
    ]);
    expect(filedOnDisk().filter((f) => !f.startsWith('set-aside'))).toHaveLength(3);
  });
});
