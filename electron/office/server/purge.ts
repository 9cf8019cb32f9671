import type pg from 'pg';
import { REMOVED } from '../../../shared/api/purge';
import type { Change } from '../wire';

/**
 * What the de-identifying desk knows that the server may not, for each person an entry
 * de-identifies (by office-wide id): the person's first-copy accounts (`base:`; the server
 * holds only those created after joining) and the desk's own scrubbed notes on all their
 * accounts by gid (a first-copy person de-identified at their first change was never named
 * on the server). The server takes a note only where it can have come from its own by
 * replacing parts with the marker.
 */
export type PurgeHints = Readonly<
  Record<string, { accounts: readonly string[]; notes: Readonly<Record<string, string>> }>
>;

type PersonChange = Extract<Change, { tbl: 'people' }>;

const removed = (r: { firstName: string; lastName: string }) =>
  r.firstName === REMOVED && r.lastName === REMOVED;

/**
 * Whether this change is to a deceased person, to a row with the marker in place of the
 * names: what the purge acts on (it refuses anyone else, which would hold the desk's outbox).
 */
export function deidentifies(c: Change): c is PersonChange {
  return c.tbl === 'people' && c.op === 'update' && removed(c.row) && c.row.deceasedDate !== null;
}

/** Whether the server's row of the person already has the marker (or there is none yet). */
export async function removedOnServer(client: pg.ClientBase, gid: string): Promise<boolean> {
  const { rows } = await client.query<{ firstName: string; lastName: string }>(
    `SELECT first_name AS "firstName", last_name AS "lastName" FROM people WHERE gid = $1`,
    [gid],
  );
  const r = rows[0];
  return r !== undefined && removed(r);
}

/**
 * Purges the person from the server (server migration 17's `purge_person`, in the caller's
 * transaction): what named them in the change log, their addresses, the notes on their
 * accounts and their filed files. The server refuses unless its own row of them is already
 * de-identified. Returns how many notes were rewritten.
 */
export async function purgePerson(
  client: pg.ClientBase,
  gid: string,
  hints: PurgeHints[string] = { accounts: [], notes: {} },
): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT purge_person($1, $2, $3) AS n`, [
    gid,
    hints.accounts,
    JSON.stringify(hints.notes),
  ]);
  return rows[0]?.n ?? 0;
}
