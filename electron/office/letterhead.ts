import type { Db, ReadDb } from '../db/open';
import { one } from '../db/query';
import { readFacility, writeFacility } from '../facility/facility';
import { forgetSyncRow, localIdOf, setSyncRow, versionOf } from './gids';
import { takeUser, userGidOf } from './users';
import type { Change, ServerRow } from './wire';
import { LETTERHEAD, LETTERHEAD_FIELD_COLUMNS, type LetterheadRow } from './wire-letterhead';

/**
 * The office's letterhead (server migration 36): each desk's `facility` row (id 1), one
 * record of the office named `letterhead` on every copy, changed by version as a billing rule
 * is. A supervisor's change of the remit-to address or the financial-assistance phone at one
 * desk is every desk's: statements and letters to patients print the same everywhere. The
 * main facility (id 1) takes its name and NPI from it, here as when it is saved in Settings,
 * and is itself never sent (`facilities_not_the_main`).
 */

type LetterheadChange = Extract<Change, { tbl: 'letterhead' }>;
type OfficeLetterhead = Extract<ServerRow, { tbl: 'letterhead' }>;

/** The letterhead's columns whose change travels: not who saved it, nor when. */
export const LETTERHEAD_COLUMNS = LETTERHEAD_FIELD_COLUMNS.map(([, column]) => column);

/** The letterhead as this copy holds it, with who saved it by office-wide name. */
export function readLetterhead(db: ReadDb): LetterheadRow {
  const facility = readFacility(db);
  const saved = one<{ at: string | null; by: number | null }>(
    db,
    `SELECT updated_at AS at, updated_by AS by FROM facility WHERE id = 1`,
  );
  if (!facility || !saved) throw new Error('This copy has no letterhead to send');
  return {
    ...facility,
    updatedAt: saved.at,
    updatedBy: saved.by === null ? null : (userGidOf(db, saved.by) ?? null),
  };
}

/**
 * A saved letterhead as it travels: an insert is one this copy never held (none set up in
 * the first copy, nor taken from the office), from version 0; a change counts from the
 * version this copy holds (1 for the first copy's, which every copy holds at 1).
 */
export function letterheadChange(db: Db, op: 'insert' | 'update'): LetterheadChange {
  const baseVersion = op === 'insert' ? 0 : versionOf(db, 'letterhead', 1);
  setSyncRow(db, 'letterhead', 1, LETTERHEAD, baseVersion + 1);
  const version = baseVersion + 1;
  return { tbl: 'letterhead', op, gid: LETTERHEAD, baseVersion, version, row: readLetterhead(db) };
}

/**
 * Writes the office's letterhead here (with the capture off, so it is not sent back), and the
 * main facility's name and NPI with it, as saving it in Settings does: claim files of its NPI
 * are then matched at this desk as at every other. The supervisor who saved it is added here
 * when this copy has never seen them.
 */
export function writeLetterhead(db: Db, row: LetterheadRow): void {
  const by =
    row.updatedBy !== null && row.updatedAt !== null
      ? takeUser(db, row.updatedBy, row.updatedAt)
      : null;
  writeFacility(db, row, { at: row.updatedAt, by });
}

/** Takes the office's letterhead when it is newer than this copy's (`force`: whatever it is). */
export function takeLetterhead(db: Db, r: OfficeLetterhead, force: boolean): 'taken' | 'kept' {
  const held = localIdOf(db, 'letterhead', r.gid) !== undefined;
  if (held && !force && r.version <= versionOf(db, 'letterhead', 1)) return 'kept';
  writeLetterhead(db, r.row);
  setSyncRow(db, 'letterhead', 1, LETTERHEAD, r.version);
  return 'taken';
}

/**
 * A refused change of a letterhead the office has no row of (the server answered none: an
 * office made before the letterhead travelled, or one whose first copy had none): this desk
 * keeps its letterhead, listed, rather than print none, and its next change starts from the
 * version it started from, so it reaches the office then.
 */
export function settleRefusedLetterhead(
  db: Db,
  changes: readonly Change[],
  taken: ReadonlySet<string>,
): void {
  const refused = changes.find((c) => c.tbl === 'letterhead');
  if (!refused || taken.has(LETTERHEAD)) return;
  if (refused.baseVersion === 0) forgetSyncRow(db, 'letterhead', 1);
  else setSyncRow(db, 'letterhead', 1, LETTERHEAD, refused.baseVersion);
}
