import type { AuditCheck } from '../../shared/api/audit';
import type { ReadDb } from '../db/open';
import { all, one, prepare } from '../db/query';
import { entryHash, GENESIS, ROW_COLUMNS, type ChainedRow, type Head } from './chain';
import { readHeadFile, type HeadFile } from './head';
import { userStateProblems } from './user-states';

export const AUDIT_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete'] as const;

/** Problems past this many are counted, not each said. */
const MAX_SAID = 5;

interface ChainWalk {
  checked: number;
  problems: string[];
  last: Head | null;
}

/**
 * Follows the chain from `from` (an entry already verified, or the start) to its end:
 * each entry's number follows the one before, it names the hash before it, and its own
 * hash is that of its content.
 */
function walkChain(db: ReadDb, from: Head | null): ChainWalk {
  const problems: string[] = [];
  let prev: Head = from ?? { id: 0, hash: GENESIS };
  if (from && from.id > 0) {
    const at = one<Head>(db, `SELECT id, hash FROM audit_log WHERE id = ?`, from.id);
    if (!at) problems.push(`entry ${from.id}, checked before, is no longer there`);
    else if (at.hash !== from.hash)
      problems.push(`entry ${from.id} differs from when it was checked`);
    if (problems.length > 0) {
      const whole = walkChain(db, null);
      return { ...whole, problems: [...problems, ...whole.problems] };
    }
  }
  let checked = 0;
  const rows = prepare<ChainedRow>(
    db,
    `SELECT ${ROW_COLUMNS} FROM audit_log WHERE id > ? ORDER BY id`,
  ).iterate(prev.id);
  for (const row of rows) {
    checked += 1;
    if (problems.length <= MAX_SAID) {
      if (row.id !== prev.id + 1)
        problems.push(
          row.id === prev.id + 2
            ? `entry ${prev.id + 1} is missing`
            : `entries ${prev.id + 1} to ${row.id - 1} are missing`,
        );
      else if (row.prevHash !== prev.hash || row.hash !== entryHash(row.prevHash, row.id, row))
        problems.push(`entry ${row.id} was changed`);
    }
    prev = { id: row.id, hash: row.hash };
  }
  const said = problems.slice(0, MAX_SAID);
  if (problems.length > MAX_SAID) said.push('and more');
  return { checked, problems: said, last: prev.id === 0 ? null : prev };
}

function triggerProblems(db: ReadDb): string[] {
  const present = new Set(
    all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'trigger'`).map(
      (t) => t.name,
    ),
  );
  return AUDIT_TRIGGERS.some((t) => !present.has(t))
    ? ['the safeguard that stops anyone changing or removing its entries was taken away']
    : [];
}

function headProblems(head: HeadFile | null | 'unreadable', last: Head | null): string[] {
  if (head === 'unreadable')
    return ['the record of where it ended, kept beside the database, is not readable'];
  if (head === null) {
    return last ? ['the record of where it ended, kept beside the database, is missing'] : [];
  }
  if (!last || last.id < head.last.id)
    return [`it ends at entry ${last?.id ?? 0} but had reached entry ${head.last.id}`];
  return [];
}

export interface TrailCheck extends AuditCheck {
  last: Head | null;
}

/**
 * Checks the trail: the safeguards are in place, the chain holds from the last entry
 * verified (or from the start: `full`), and it still passes through the entry the file
 * beside the database says it had reached, unchanged.
 */
export function checkTrail(db: ReadDb, databasePath: string, full: boolean): TrailCheck {
  const head = readHeadFile(databasePath);
  const from = !full && head !== null && head !== 'unreadable' ? head.checked : null;
  const walk = walkChain(db, from);
  const problems = [
    ...triggerProblems(db),
    ...walk.problems,
    ...headProblems(head, walk.last),
    ...userStateProblems(db),
  ];
  if (head !== null && head !== 'unreadable' && head.last.id > 0) {
    const at = one<Head>(db, `SELECT id, hash FROM audit_log WHERE id = ?`, head.last.id);
    if (at && at.hash !== head.last.hash)
      problems.push(`entry ${head.last.id} is not the one ClaimDesk wrote`);
  }
  const total = one<{ n: number }>(db, `SELECT count(*) AS n FROM audit_log`)?.n ?? 0;
  return { ok: problems.length === 0, checked: walk.checked, total, problems, last: walk.last };
}

/** The sentence shown at opening when the check found something. */
export function tamperWarning(problems: readonly string[]): string {
  return (
    `The audit trail of this database was changed outside ClaimDesk: ${problems.join('; ')}. ` +
    'ClaimDesk opened it so that a supervisor can look into it (Audit, Check the trail); ' +
    'keep a copy of the database file and the files beside it as they are.'
  );
}
