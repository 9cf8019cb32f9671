import fs from 'node:fs';
import path from 'node:path';
import type { SetAsideDocumentsView, SetAsideFile } from '../../shared/api/documents';
import type { ReadCtx } from '../core/context';
import { isSupervisor } from '../users/users';
import { setAsideDir } from './location';

/** Enough for a screen; a crash leaves a few files, a restored old database maybe more. */
const SHOWN = 200;

/** `2026-03-16T15-00-00-000Z` (setAsideStamp) back to the time it was made from. */
function stampTime(stamp: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}

/**
 * What the scan at open set aside, read from the folder itself, so the list is what is
 * there now (a supervisor who moved files away by hand sees them gone). Everyone may see
 * that files were set aside; only a supervisor is asked to look after them.
 */
export function listSetAsideDocuments(ctx: ReadCtx): SetAsideDocumentsView {
  const folder = setAsideDir(ctx.databasePath);
  const files: SetAsideFile[] = [];
  if (fs.existsSync(folder)) {
    for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const parts = path.relative(folder, full).split(path.sep);
      files.push({
        path: parts.join('/'),
        setAsideAt: stampTime(parts[0] ?? ''),
        why: parts[1] === 'staged' ? 'staged' : 'unrecorded',
        bytes: fs.statSync(full).size,
      });
    }
  }
  files.sort(
    (a, b) =>
      (b.setAsideAt ?? '').localeCompare(a.setAsideAt ?? '') || a.path.localeCompare(b.path),
  );
  return {
    folder,
    total: files.length,
    files: files.slice(0, SHOWN),
    canReview: isSupervisor(ctx.db, ctx.userId),
  };
}
