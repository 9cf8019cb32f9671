import type pg from 'pg';
import type { Change, ServerRow } from '../wire';
import {
  LETTERHEAD,
  LETTERHEAD_FIELD_COLUMNS,
  letterheadRow,
  type LetterheadRow,
} from '../wire-letterhead';
import { isSupervisorRefusal } from './supervisor-decisions';

/**
 * The office's letterhead (server migration 36), one row named `letterhead`, changed as a
 * billing rule is: one version on from where the desk started (0: none held there; 1: the
 * first copy's, which an office made before migration 36 has only from its first change), in
 * a supervisor's name, which the server judges.
 */
export class LetterheadRefused extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[],
  ) {
    super(reason);
  }
}

type LetterheadChange = Extract<Change, { tbl: 'letterhead' }>;
type OfficeLetterhead = Extract<ServerRow, { tbl: 'letterhead' }>;

/** Each field of the row as it travels, and its column on the server (and on every desk). */
const COLUMNS: readonly (readonly [keyof LetterheadRow, string])[] = [
  ...LETTERHEAD_FIELD_COLUMNS,
  ['updatedAt', 'updated_at'],
  ['updatedBy', 'updated_by'],
];

/** The letterhead as the office holds it, if it holds one a desk can take. */
export async function serverLetterhead(
  client: pg.ClientBase,
): Promise<OfficeLetterhead | undefined> {
  const { rows } = await client.query<Record<string, unknown> & { version: number }>(
    `SELECT ${COLUMNS.map(([field, column]) => `${column} AS "${field}"`).join(', ')}, version
       FROM letterhead WHERE gid = $1`,
    [LETTERHEAD],
  );
  const r = rows[0];
  if (!r) return undefined;
  const { version, ...row } = r;
  const parsed = letterheadRow.safeParse(row);
  return parsed.success
    ? { tbl: 'letterhead', gid: LETTERHEAD, version, row: parsed.data }
    : undefined;
}

/** Applies a desk's change of the letterhead; returns the version the office now holds it at. */
export async function applyLetterheadChange(
  client: pg.ClientBase,
  desktopId: string,
  c: LetterheadChange,
): Promise<number> {
  if (c.version !== c.baseVersion + 1) {
    throw new Error(
      `Desktop ${desktopId} sent the letterhead from ${c.baseVersion} to ${c.version}`,
    );
  }
  const columns = COLUMNS.map(([, column]) => column);
  const values = COLUMNS.map(([field]) => c.row[field]);
  const n = values.length;
  await client.query('SAVEPOINT letterhead_change');
  let changed: number | null;
  try {
    changed = (
      await client.query(
        `INSERT INTO letterhead (gid, ${columns.join(', ')}, version, desktop_id)
           VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}, $${n + 2}, $${n + 3})
           ON CONFLICT (gid) DO UPDATE SET
             ${[...columns, 'version'].map((col) => `${col} = excluded.${col}`).join(', ')}
           WHERE letterhead.version = $${n + 4}`,
        [LETTERHEAD, ...values, c.version, desktopId, c.baseVersion],
      )
    ).rowCount;
    await client.query('RELEASE SAVEPOINT letterhead_change');
  } catch (error) {
    if (!isSupervisorRefusal(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT letterhead_change');
    const now = await serverLetterhead(client);
    throw new LetterheadRefused(
      `Only a supervisor can change the office’s letterhead, and the office does not know the person who saved this one as an active supervisor; ${afterRefusal(now)}.`,
      now ? [now] : [],
    );
  }
  if (changed === 1) return c.version;
  const now = await serverLetterhead(client);
  throw new LetterheadRefused(
    `Someone changed the letterhead first at another desktop; ${afterRefusal(now)}.`,
    now ? [now] : [],
  );
}

/** What the refused desk holds then (settleRefusedLetterhead, on the desk). */
function afterRefusal(now: OfficeLetterhead | undefined): string {
  return now
    ? 'this desktop took the office’s'
    : 'the office has no letterhead yet, so this desktop keeps its own here, listed';
}
