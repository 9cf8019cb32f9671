import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CorrespondenceType } from '../../shared/api/correspondence';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { oneOrThrow, prepare } from '../db/query';
import { filingError } from '../filing/disk-errors';
import { documentsDir, documentsFolderName, stagingDir } from '../filing/location';
import { sealDocument } from '../filing/sealed';
import { stagedFileName } from '../filing/staging';
import { sha256 } from '../filing/store';
import { inWriteTransaction } from '../upkeep/upkeep';
import { extensionFor, type ScanType } from './file-type';

/** A scan checked and ready to file. */
export interface NewScan {
  readonly accountId: AccountId;
  readonly type: CorrespondenceType;
  readonly receivedDate: IsoDate;
  readonly originalName: string;
  readonly media: ScanType;
  readonly data: Buffer;
}

export { sha256 };

/**
 * The stored name, relative to the documents folder, in the year/month layout filed
 * documents use (so the scan at open knows it): `2026/03/12-correspondence-3f9a0c51d2e7.tif`.
 * The random part keeps a name from being taken twice when an id comes back.
 */
export function scanFileName(id: number, media: ScanType, date: IsoDate): string {
  const [year, month] = [date.slice(0, 4), date.slice(5, 7)];
  const unique = randomBytes(6).toString('hex');
  return `${year}/${month}/${id}-correspondence-${unique}.${extensionFor(media)}`;
}

/**
 * Files scans in the caller's write transaction (or one of its own): each written under a
 * staged name first, its row inserted, then moved into place while the write lock is
 * held, as generated documents are. If anything fails, every file written is removed and
 * the rows roll back; a crash after the move and before the commit leaves a file with no
 * row, which the scan at open sets aside. Returns the new ids in order.
 */
export function fileScans(ctx: Ctx, scans: readonly NewScan[]): number[] {
  const root = documentsDir(ctx.databasePath);
  const folder = documentsFolderName(ctx.databasePath);
  const staging = stagingDir(ctx.databasePath);
  const written: string[] = [];
  try {
    fs.mkdirSync(staging, { recursive: true });
    const staged = scans.map((s) => {
      const file = path.join(staging, stagedFileName());
      written.push(file);
      // sealed at rest when the database is encrypted, as generated documents are
      fs.writeFileSync(file, sealDocument(s.data, ctx.databaseKey), { flag: 'wx' });
      return file;
    });
    const insert = prepare(
      ctx.db,
      `INSERT INTO correspondence (id, account_id, type, original_name, media, received_date,
         folder, file_name, sha256, bytes, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return inWriteTransaction(ctx, () => {
      let next = oneOrThrow<{ id: number }>(
        ctx.db,
        `SELECT ifnull(max(id), 0) + 1 AS id FROM correspondence`,
      ).id;
      const now = ctx.clock.now();
      return scans.map((s, i) => {
        const id = next++;
        const fileName = scanFileName(id, s.media, s.receivedDate);
        insert.run(
          id,
          s.accountId,
          s.type,
          s.originalName,
          s.media,
          s.receivedDate,
          folder,
          fileName,
          sha256(s.data),
          s.data.length,
          now,
          ctx.userId,
        );
        const target = path.join(root, fileName);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (fs.existsSync(target)) throw new Error('a filed document is in the way');
        fs.renameSync(staged[i] as string, target);
        written.push(target);
        return id;
      });
    });
  } catch (error) {
    for (const file of written) {
      try {
        fs.rmSync(file, { force: true });
      } catch {
        // the row was rolled back, so the next open sets this file aside
      }
    }
    throw filingError(error, root);
  }
}
