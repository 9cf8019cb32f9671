import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { recordedPath } from '../filing/location';
import { isSealed } from '../filing/sealed';
import { documentsDir } from '../filing/location';
import { call, callAsync, expectRefusedAsync } from '../testing/call';
import type { Desktop } from '../testing/office/desktops';
import { sealedDesktop, syncAll, twoDesktops } from '../testing/office/desktops';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { pngScan, scanned } from '../testing/scans';
import { localIdOf } from './gids';

const fileScan = (d: Desktop, accountId: AccountId, data: Buffer) =>
  call(d.ctx, 'fileCorrespondence', {
    accountId,
    type: 'payer',
    receivedDate: '2026-03-14',
    file: scanned('eob.png', data),
  }).correspondence.correspondenceId;

describeWithPg('scanned correspondence in the office', () => {
  it('a scan filed at A is listed on the account at B and opens there with the same bytes', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const accountId = accountIds[0] as AccountId;
    const png = pngScan(3);
    const id = fileScan(a, accountId, png);
    await syncAll(a, b);

    const gid = all<{ gid: string }>(
      a.ctx.db,
      `SELECT gid FROM sync_rows WHERE tbl = 'correspondence' AND local_id = ?`,
      id,
    )[0]?.gid as string;
    const there = localIdOf(b.ctx.db, 'correspondence', gid);
    const listed = call(b.ctx, 'listAccountCorrespondence', { accountId });
    expect(listed.map((c) => [c.correspondenceId, c.type, c.originalName, c.media])).toEqual([
      [there, 'payer', 'eob.png', 'png'],
    ]);
    const file = await callAsync(b.ctx, 'getCorrespondenceFile', {
      correspondenceId: there as number,
    });
    expect(Buffer.from(file.dataBase64, 'base64').equals(png)).toBe(true);
    expect(await serverCount(server, `SELECT count(*) AS n FROM document_files`)).toBe(1);
  });

  it('an encrypted desktop sends its sealed scan plain, and an encrypted desktop seals the copy it takes', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const sealedA = await sealedDesktop(a, server);
    const sealedB = await sealedDesktop(b, server);
    const png = pngScan(4);
    const id = fileScan(sealedA, accountIds[0] as AccountId, png);
    expect(isSealed(scanOnDisk(a, id))).toBe(true);
    await sealedA.sync.sync();
    await sealedB.sync.pull();

    const [taken] = all<{ id: number }>(b.ctx.db, `SELECT id FROM correspondence`);
    const there = taken?.id as number;
    expect(isSealed(scanOnDisk(b, there))).toBe(true);
    const file = await callAsync(sealedB.ctx, 'getCorrespondenceFile', { correspondenceId: there });
    expect(Buffer.from(file.dataBase64, 'base64').equals(png)).toBe(true);
    // sealed with B's own key: without it the scan does not open
    await expectRefusedAsync(
      b.ctx,
      'getCorrespondenceFile',
      { correspondenceId: there },
      /is sealed with a key this database does not hold/,
    );
  });

  it('one scan filed on one account at both desktops is the office’s once; the second desk keeps its own', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const accountId = accountIds[0] as AccountId;
    const png = pngScan(2);
    fileScan(a, accountId, png);
    const mine = fileScan(b, accountId, png);
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });

    expect(all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason: expect.stringMatching(
          /^This scan was already filed on this account at another desktop\./,
        ),
      },
    ]);
    // the same scan stays listed once at B, as B filed it
    expect(
      call(b.ctx, 'listAccountCorrespondence', { accountId }).map((c) => c.correspondenceId),
    ).toEqual([mine]);
    expect(await serverCount(server, `SELECT count(*) AS n FROM correspondence`)).toBe(1);
    expect(await serverCount(server, `SELECT count(*) AS n FROM document_files`)).toBe(1);
    // the office's row of it waits at B, its file never fetched: only B's own is on disk
    await b.sync.pull();
    expect(all(b.ctx.db, `SELECT tbl FROM sync_held`)).toEqual([{ tbl: 'correspondence' }]);
    const root = documentsDir(b.ctx.databasePath);
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
      fs.statSync(path.join(root, f)).isFile(),
    );
    expect(files).toHaveLength(1);
  });
});

function scanOnDisk(d: Desktop, correspondenceId: number): Buffer {
  const row = oneOrThrow<{ folder: string; fileName: string }>(
    d.ctx.db,
    `SELECT folder, file_name AS fileName FROM correspondence WHERE id = ?`,
    correspondenceId,
  );
  return fs.readFileSync(recordedPath(d.ctx.databasePath, row.folder, row.fileName) ?? '');
}
