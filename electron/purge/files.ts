import { CORRESPONDENCE_TYPE, type CorrespondenceType } from '../../shared/api/correspondence';
import { REMOVED } from '../../shared/api/purge';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { spacedFingerprint } from '../../shared/text/fingerprint';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, run } from '../db/query';
import { finishRemovals, moveForRemoval, type FiledFile } from '../filing/removals';
import { asDesktopsOwn } from '../office/capture';

interface Held extends FiledFile {
  accountId: AccountId;
  what: string;
  date: IsoDate;
  sha256: string;
}

/** The files still on disk for these accounts: generated documents and filed scans. */
function heldFiles(db: ReadDb, accountIds: readonly AccountId[]): Held[] {
  const ids = JSON.stringify(accountIds);
  const documents = all<Omit<Held, 'table'>>(
    db,
    `SELECT id, account_id AS accountId, folder, file_name AS fileName, sha256, title AS what,
        document_date AS date
      FROM documents WHERE removed_at IS NULL AND account_id IN (SELECT value FROM json_each(?))
      ORDER BY id`,
    ids,
  );
  const scans = all<Omit<Held, 'table' | 'what'> & { type: CorrespondenceType }>(
    db,
    `SELECT id, account_id AS accountId, folder, file_name AS fileName, sha256, type,
        received_date AS date
      FROM correspondence WHERE removed_at IS NULL
        AND account_id IN (SELECT value FROM json_each(?))
      ORDER BY id`,
    ids,
  );
  return [
    ...documents.map((d) => ({ ...d, table: 'documents' as const })),
    ...scans.map((s) => ({
      ...s,
      table: 'correspondence' as const,
      what: `${CORRESPONDENCE_TYPE.labels[s.type]} (scan)`,
    })),
  ];
}

/** The names scans came in under, which may hold the person's name, for the history's rewrite. */
export function scanNames(db: ReadDb, accountIds: readonly AccountId[]): string[] {
  return all<{ name: string }>(
    db,
    `SELECT DISTINCT original_name AS name FROM correspondence
      WHERE account_id IN (SELECT value FROM json_each(?)) AND original_name <> ?`,
    JSON.stringify(accountIds),
    REMOVED,
  ).map((r) => r.name);
}

/**
 * Deletes from disk every filed file of the accounts (letters, statements, appeals and
 * scans all name the person), in the caller's transaction: each is renamed aside, its row
 * marked removed (keeping its fingerprint, size and dates) and the history lists them by
 * fingerprint; once the transaction has committed the files set aside are unlinked, and
 * had it rolled back they go back (finishRemovals decides from the rows either way; the
 * scan at open finishes what a crash interrupted). Returns how many files were removed.
 */
export function removeFiledFiles(ctx: Ctx, accountIds: readonly AccountId[]): number {
  const held = heldFiles(ctx.db, accountIds);
  if (held.length === 0) return 0;
  const { moved, missing } = moveForRemoval(ctx.databasePath, held);
  const now = ctx.clock.now();
  for (const f of held) {
    if (f.table === 'documents') {
      run(
        ctx.db,
        `UPDATE documents SET removed_at = ?, removed_by = ? WHERE id = ?`,
        now,
        ctx.userId,
        f.id,
      );
    } else {
      run(
        ctx.db,
        `UPDATE correspondence SET removed_at = ?, removed_by = ?, original_name = ? WHERE id = ?`,
        now,
        ctx.userId,
        REMOVED,
        f.id,
      );
    }
  }
  for (const accountId of accountIds) {
    const mine = held.filter((f) => f.accountId === accountId);
    if (mine.length === 0) continue;
    const listed = mine.map(
      (f) =>
        `${f.what} of ${formatUsDate(f.date)} (SHA-256 ${spacedFingerprint(f.sha256)}${missing.includes(f) ? ', already missing from the folder' : ''})`,
    );
    // it lists this desk's folder: in an office, each desk's line is its own, never sent
    asDesktopsOwn(ctx.db, () =>
      recordActivity(ctx, {
        accountId,
        kind: 'system',
        text: `De-identification deleted the filed files that named the person from the documents folder; their records and fingerprints are kept: ${listed.join('; ')}.`,
      }),
    );
  }
  // after the commit (the request's synchronous work ends with it), or after its rollback
  const { db, databasePath } = ctx;
  queueMicrotask(() => {
    try {
      finishRemovals(db, databasePath, moved);
    } catch {
      // what is left is finished by the scan at the next open
    }
  });
  return held.length;
}
