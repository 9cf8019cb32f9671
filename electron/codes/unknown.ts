import type { UnknownCodeView } from '../../shared/api/codes';
import type { CodeKind } from '../../shared/codes/code-list';
import type { Ctx, ReadCtx } from '../core/context';
import { all, one, prepare } from '../db/query';
import type { Remittance } from '../importers/x12/remittance-types';
import { codeTable } from './table';

export interface SeenCode {
  kind: CodeKind;
  code: string;
}

/** Every reason code (CAS) and remark code (MIA, MOA, LQ HE) a remittance carries, once each. */
export function codesInRemittance(t: Remittance): SeenCode[] {
  const seen = new Map<string, SeenCode>();
  const add = (kind: CodeKind, code: string) => {
    const c = code.trim();
    if (c) seen.set(`${kind}:${c}`, { kind, code: c });
  };
  for (const claim of t.claims) {
    for (const a of claim.adjustments) add('reason', a.reason);
    for (const r of claim.inpatient?.remarkCodes ?? []) add('remark', r);
    for (const r of claim.outpatient?.remarkCodes ?? []) add('remark', r);
    for (const line of claim.serviceLines) {
      for (const a of line.adjustments) add('reason', a.reason);
      for (const r of line.remarks) if (r.qualifier === 'HE') add('remark', r.code);
    }
  }
  return [...seen.values()];
}

/**
 * Counts the codes a file carried that no code table in effect holds, in the caller's
 * transaction (a file that is not kept leaves no trace here either). The first sighting
 * keeps where it was (the file's name and `label`, e.g. "remittance 12345 from Acme
 * Health"); later ones only count. Returns how many of the codes were unknown.
 */
export function noteCodesSeen(
  ctx: Ctx,
  codes: readonly SeenCode[],
  where: { importFileId: number | null; label: string },
): number {
  const table = codeTable(ctx.db);
  const unknown = codes.filter((c) => !table[c.kind].has(c.code));
  if (unknown.length === 0) return 0;
  const file =
    where.importFileId === null
      ? undefined
      : one<{ fileName: string }>(
          ctx.db,
          `SELECT file_name AS fileName FROM import_files WHERE id = ?`,
          where.importFileId,
        );
  const seenIn = file ? `${file.fileName}, ${where.label}` : where.label;
  const now = ctx.clock.now();
  const upsert = prepare(
    ctx.db,
    `INSERT INTO unknown_codes_seen (kind, code, first_seen_at, first_import_file_id,
         first_seen_in, last_seen_at, times_seen) VALUES (?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (kind, code) DO UPDATE SET last_seen_at = excluded.last_seen_at,
         times_seen = times_seen + 1`,
  );
  for (const c of unknown) upsert.run(c.kind, c.code, now, where.importFileId, seenIn, now);
  return unknown.length;
}

/**
 * The codes remittances carried that the tables in effect still do not hold, most seen
 * first. A code a list has since brought in drops off by itself.
 */
export function listUnknownCodes(ctx: ReadCtx): UnknownCodeView[] {
  const table = codeTable(ctx.db);
  return all<UnknownCodeView>(
    ctx.db,
    `SELECT kind, code, first_seen_at AS firstSeenAt, first_seen_in AS firstSeenIn,
         last_seen_at AS lastSeenAt, times_seen AS timesSeen
       FROM unknown_codes_seen ORDER BY times_seen DESC, kind, code`,
  ).filter((c) => !table[c.kind].has(c.code));
}
