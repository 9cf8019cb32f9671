import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { removeFiledFiles } from '../purge/files';
import { scrubPersonRows, type PersonNames } from '../purge/scrub';
import { gidOf, localIdOf } from './gids';
import { deidentifies, type PurgeHints } from './server/purge';
import type { Change, ServerRow } from './wire';

/*
 * A person de-identified at one desk reaches the others as their row with the marker in
 * place of the names. What else named them here (addresses, the history's texts, the
 * queue's copy of the name, the filed letters and scans) travelled only as first written,
 * so each desk that takes the row scrubs its own copy of those as the de-identifying desk
 * did, rather than keep a patient the office has de-identified.
 */

const removed = (row: { firstName: string; lastName: string }) =>
  row.firstName === REMOVED && row.lastName === REMOVED;

function accountsOf(db: ReadDb, personId: number): AccountId[] {
  return all<{ id: AccountId }>(
    db,
    `SELECT id FROM accounts WHERE ? IN (patient_id, guarantor_id) ORDER BY id`,
    personId,
  ).map((a) => a.id);
}

/** This copy's people that the rows de-identify, by local id. */
function deidentifiedBy(db: ReadDb, rows: readonly ServerRow[]): number[] {
  const out: number[] = [];
  for (const r of rows) {
    if (r.tbl !== 'people' || !removed(r.row)) continue;
    const id = localIdOf(db, 'people', r.gid);
    if (id !== undefined) out.push(id);
  }
  return out;
}

/**
 * Takes the server's rows (`take`, in the caller's transaction) so that a person they
 * de-identify is de-identified here too: recorded, and what names them scrubbed while
 * their names are still here to be found; after the rows, the filed files of their
 * accounts are removed. A person already de-identified here is
 * left as they are, and one with no accounts here needs only their row.
 */
export function takeWithDeidentified<T>(ctx: Ctx, rows: readonly ServerRow[], take: () => T): T {
  const people = deidentifiedBy(ctx.db, rows);
  for (const id of people) {
    const here = one<PersonNames>(
      ctx.db,
      `SELECT id, first_name AS firstName, middle_name AS middleName, last_name AS lastName,
           phone FROM people WHERE id = ?`,
      id,
    );
    const accountIds = accountsOf(ctx.db, id);
    if (!here || removed(here) || accountIds.length === 0) continue;
    run(
      ctx.db,
      `INSERT OR IGNORE INTO deidentifications (person_id, account_id, reason, done_at, done_by)
         VALUES (?, ?, ?, ?, ?)`,
      id,
      accountIds[0],
      'De-identified at another desktop of the office; taken here from the office.',
      ctx.clock.now(),
      ctx.userId,
    );
    scrubPersonRows(ctx.db, here, accountIds);
  }
  const out = take();
  for (const id of people) {
    const accountIds = accountsOf(ctx.db, id);
    removeFiledFiles(ctx, accountIds);
  }
  return out;
}

/**
 * What the server's purge of each person an outbox entry de-identifies needs from this desk
 * (server/purge.ts): their first-copy accounts, and this copy's notes on their accounts as
 * scrubbed here, by gid (those this desk keeps as its own never reached the server).
 */
export function purgeHintsOf(db: ReadDb, changes: readonly Change[]): PurgeHints {
  const out: Record<string, PurgeHints[string]> = {};
  for (const c of changes) {
    const id = deidentifies(c) ? localIdOf(db, 'people', c.gid) : undefined;
    if (id === undefined) continue;
    const accounts = accountsOf(db, id);
    const notes: Record<string, string> = {};
    for (const n of all<{ id: number; body: string }>(
      db,
      `SELECT id, body FROM activities
        WHERE account_id IN (SELECT value FROM json_each(?)) AND body LIKE ?`,
      JSON.stringify(accounts),
      `%${REMOVED}%`,
    )) {
      const gid = gidOf(db, 'activities', n.id);
      if (!gid.startsWith('base:') && !gid.startsWith('own:')) notes[gid] = n.body;
    }
    out[c.gid] = {
      accounts: accounts.map((a) => gidOf(db, 'accounts', a)).filter((g) => g.startsWith('base:')),
      notes,
    };
  }
  return out;
}
