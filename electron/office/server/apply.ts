import { createHash } from 'node:crypto';
import type pg from 'pg';
import { EntryReplayed } from '../refused';
import type { Change, Entry, Outcome } from '../wire';
import { entry as entrySchema, serverRows as serverRowsSchema } from '../wire';
import { inServerTransaction, sqlState } from './connection';
import { syncStep } from '../steps';
import { describeRow } from '../describe';
import { activityValues, followUpValues, serverFollowUp } from './rows';
import { BatchRefused, insertBatchClosing } from './batches';
import { insertMoney, MoneyRefused } from './money';
import { AlreadyCreated, insertRecord } from './records';
import { applyUserChange } from './users';
import { applyRuleChange, judgeCallingHours } from './rules';
import { applyLetterheadChange } from './letterhead';
import { applyStageChange } from './stages';
import { changeRecord } from './record-changes';
import { isChangeableChange } from '../record-columns';
import { deidentifies, purgePerson, removedOnServer, type PurgeHints } from './purge';
import { insertDocumentSending, withKnownDenial } from './documents';
import { heardAlready } from './status-events';
import { decideFirst, withOfficeRequests } from './requests';
import { Refusal, refusedWithOfficeRows } from './refusal';

/** Wakes listening desktops at commit; the payload names the desktop that wrote. */
export const CHANGES_CHANNEL = 'claimdesk_changes';

/**
 * Applies one outbox entry in one server transaction: every change or none, each
 * changeable row only if it is still at the version the desktop started from, the
 * server's own constraints checked, each accepted row logged for the other desktops.
 * Applying it again (the desktop never heard the answer) changes nothing and gives the
 * first answer back: (desktop, seq) is recorded in the same transaction. A change that
 * de-identifies a person purges them from the server in the same transaction
 * (`purgeHints`: what only the de-identifying desk knows of them).
 */
export async function applyEntry(
  pool: pg.Pool,
  desktopId: string,
  input: Entry,
  purgeHints: PurgeHints = {},
): Promise<Outcome> {
  const e = entrySchema.parse(input);
  const digest = digestOf(e);
  try {
    return await inServerTransaction(pool, async (client) => {
      const fresh = await client.query(
        `INSERT INTO applied_entries (desktop_id, seq, outcome, digest)
           VALUES ($1, $2, 'accepted', $3) ON CONFLICT DO NOTHING RETURNING seq`,
        [desktopId, e.seq, digest],
      );
      if (fresh.rowCount === 0) return earlierAnswer(client, desktopId, e.seq, digest);
      // most entries are notes, follow-ups and money: nothing of these to judge or read
      if (e.changes.some((c) => c.tbl === 'billing_rules')) {
        // calling hours must start before they end, whichever of the two the entry sets
        const rules = e.changes.filter((c) => c.tbl === 'billing_rules');
        await refusedWithOfficeRows(() => judgeCallingHours(client, rules));
      }
      const decided = await refusedWithOfficeRows(() => decideFirst(client, desktopId, e.changes));
      for (const sent of e.changes) {
        const c = sent.tbl === 'documents' ? await withKnownDenial(client, sent) : sent;
        let version = c.version;
        let logged = c.row;
        if (decided.has(c)) {
          // a request's decision, applied first (requests.ts), is logged in its place
        } else if (c.tbl === 'users') {
          // a name already known in the same standing changes nothing and is not logged
          if (!(await refusedWithOfficeRows(() => applyUserChange(client, c)))) continue;
        } else if (c.tbl === 'billing_rules') {
          version = await refusedWithOfficeRows(() => applyRuleChange(client, desktopId, c));
        } else if (c.tbl === 'letterhead') {
          version = await refusedWithOfficeRows(() => applyLetterheadChange(client, desktopId, c));
        } else if (c.tbl === 'document_sendings') {
          // a letter another desk marked sent first: the office keeps that mark
          if (!(await insertDocumentSending(client, desktopId, c))) continue;
        } else if (c.tbl === 'dunning_stages') {
          // the office's stage after it, answered back to the desk when it was not the desk's
          const office = await applyStageChange(client, desktopId, c);
          if (office === null) continue;
          version = office.version;
          logged = office.row;
        } else if (c.tbl === 'claim_status_events' && (await heardAlready(client, desktopId, c))) {
          // another desk's events of the same 277 for the claim are the office's: this desk
          // takes them in place of its own
          continue;
        } else if (deidentifies(c) && !(await removedOnServer(client, c.gid))) {
          await applyChange(client, desktopId, c);
          await purgePerson(client, c.gid, purgeHints[c.gid]);
        } else {
          try {
            await applyChange(client, desktopId, c);
          } catch (error) {
            throw withItsWriteOffSaid(error, c, e.changes);
          }
        }
        await client.query(
          `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
             VALUES ($1, $2, $3, $4, $5, $6)`,
          [c.tbl, c.gid, version, JSON.stringify(logged), desktopId, e.seq],
        );
      }
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, desktopId]);
      syncStep('server-applied');
      return { outcome: 'accepted' } as const;
    });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    // a request decided in a refused entry: its desk takes the office's record of it
    const rows = await withOfficeRequests(pool, e.changes, error.serverRows);
    return recordRefusal(pool, desktopId, e.seq, digest, new Refusal(error.reason, rows));
  }
}

/** What an entry holds, as the wire schema reads it: the same entry always gives the same. */
function digestOf(e: Entry): string {
  return createHash('sha256').update(JSON.stringify(e.changes)).digest('hex');
}

/**
 * The answer given when this entry was first applied. A different entry under the same
 * number is a desktop put back in time, refused every time so that its work stays there.
 */
async function earlierAnswer(
  client: pg.ClientBase,
  desktopId: string,
  seq: number,
  digest: string,
): Promise<Outcome> {
  const { rows } = await client.query<{
    outcome: string;
    reason: string | null;
    serverRows: unknown;
    digest: string | null;
  }>(
    `SELECT outcome, reason, server_rows AS "serverRows", digest FROM applied_entries
       WHERE desktop_id = $1 AND seq = $2`,
    [desktopId, seq],
  );
  const r = rows[0];
  if (r?.digest != null && r.digest !== digest) throw new EntryReplayed();
  if (!r || r.outcome === 'accepted') return { outcome: 'accepted' };
  return {
    outcome: 'refused',
    reason: r.reason ?? '',
    serverRows: serverRowsSchema.parse(r.serverRows),
  };
}

/** The refusal is kept too, so the same entry sent again gets the same answer. */
async function recordRefusal(
  pool: pg.Pool,
  desktopId: string,
  seq: number,
  digest: string,
  refusal: Refusal,
): Promise<Outcome> {
  return inServerTransaction(pool, async (client) => {
    const fresh = await client.query(
      `INSERT INTO applied_entries (desktop_id, seq, outcome, reason, server_rows, digest)
         VALUES ($1, $2, 'refused', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING seq`,
      [desktopId, seq, refusal.reason, JSON.stringify(refusal.serverRows), digest],
    );
    if (fresh.rowCount === 0) return earlierAnswer(client, desktopId, seq, digest);
    return { outcome: 'refused', reason: refusal.reason, serverRows: refusal.serverRows };
  });
}

/**
 * A move to bad debt an older version recorded goes at the upgrade without its write-off,
 * which went to the office when it was posted and stays there (migration 67): refused, the
 * move's words must not say its write-off was withdrawn.
 */
function withItsWriteOffSaid(error: unknown, c: Change, changes: readonly Change[]): unknown {
  const movedEarlier =
    c.tbl === 'bad_debt_moves' &&
    c.op === 'insert' &&
    !changes.some((x) => x.tbl === 'ledger_entries');
  if (!(error instanceof Refusal) || !movedEarlier) return error;
  return new Refusal(
    'This account was already moved to bad debt at another desktop; this move, recorded before this desktop was updated, was withdrawn here and is listed. Its write-off reached the office when it was posted and stands, so the account may now be written off twice: check its ledger and reverse one write-off.',
    error.serverRows,
  );
}

async function applyChange(
  client: pg.ClientBase,
  desktopId: string,
  c: Exclude<
    Change,
    { tbl: 'users' | 'billing_rules' | 'dunning_stages' | 'document_sendings' | 'letterhead' }
  >,
): Promise<void> {
  // a desktop names only rows of its own: one that misnames cannot take another's row
  if (c.op === 'insert' && !c.gid.startsWith(`${desktopId}:`)) {
    throw new Error(`Desktop ${desktopId} sent a new row named ${c.gid}`);
  }
  // a change moves a row one version on from where it started, a new row to version 1
  if (c.version !== c.baseVersion + 1 || (c.op === 'insert') !== (c.baseVersion === 0)) {
    throw new Error(
      `Desktop ${desktopId} sent ${c.gid} from version ${c.baseVersion} to ${c.version}`,
    );
  }
  if (c.op === 'update' && isChangeableChange(c)) {
    // refused, the desktop takes the office's state of the record
    return refusedWithOfficeRows(() => changeRecord(client, desktopId, c));
  }
  if (c.tbl === 'receipts' || c.tbl === 'ledger_entries') {
    try {
      await insertMoney(client, desktopId, c.gid, c);
    } catch (error) {
      // the office's reversal (or its closing of the batch) comes with the next pull
      if (error instanceof MoneyRefused || error instanceof BatchRefused) {
        throw new Refusal(error.reason, []);
      }
      throw error;
    }
    return;
  }
  if (
    c.tbl === 'facilities' ||
    c.tbl === 'payers' ||
    c.tbl === 'people' ||
    c.tbl === 'addresses' ||
    c.tbl === 'accounts' ||
    c.tbl === 'coverages' ||
    c.tbl === 'claims' ||
    c.tbl === 'claim_lines' ||
    c.tbl === 'documents' ||
    c.tbl === 'correspondence' ||
    c.tbl === 'claim_adjustments' ||
    c.tbl === 'claim_remarks' ||
    c.tbl === 'deposit_batches' ||
    c.tbl === 'denials' ||
    c.tbl === 'appeal_responses' ||
    c.tbl === 'bad_debt_moves' ||
    c.tbl === 'agencies' ||
    c.tbl === 'agency_placement_batches' ||
    c.tbl === 'agency_placements' ||
    c.tbl === 'extraordinary_actions' ||
    c.tbl === 'agency_payment_files' ||
    c.tbl === 'agency_payments' ||
    c.tbl === 'contact_restrictions' ||
    c.tbl === 'collection_holds' ||
    c.tbl === 'statement_hold_releases' ||
    c.tbl === 'payment_plans' ||
    c.tbl === 'promises' ||
    c.tbl === 'assistance_applications' ||
    c.tbl === 'eca_notices' ||
    c.tbl === 'claim_status_events' ||
    c.tbl === 'adjustment_requests'
  ) {
    try {
      await insertRecord(client, desktopId, c);
    } catch (error) {
      // the office's record comes to the desktop with its next pull (a claim's denial with
      // the answer: see AlreadyCreated)
      if (error instanceof AlreadyCreated) throw new Refusal(error.reason, error.serverRows);
      throw error;
    }
    return;
  }
  if (c.tbl === 'batch_closings') {
    try {
      await insertBatchClosing(client, desktopId, c.gid, c.row);
    } catch (error) {
      // the office's closing, or the receipts this desk lacked, come with the next pull
      if (error instanceof BatchRefused) throw new Refusal(error.reason, []);
      throw error;
    }
    return;
  }
  if (c.tbl === 'activities') {
    await client.query(
      `INSERT INTO activities (gid, account_gid, claim_gid, kind, direction, party, outcome, body,
           user_gid, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [c.gid, ...activityValues(c.row)],
    );
    return;
  }
  if (c.op === 'insert') return insertFollowUp(client, c.gid, c.row);
  const updated = await client.query(
    `UPDATE follow_ups SET status = $3, due_date = $4, deadline_date = $5, owner_gid = $6,
         reason = $7, completed_at = $8, completed_by = $9, version = $10
       WHERE gid = $1 AND version = $2`,
    [
      c.gid,
      c.baseVersion,
      c.row.status,
      c.row.dueDate,
      c.row.deadlineDate,
      c.row.ownerGid,
      c.row.reason,
      c.row.completedAt,
      c.row.completedBy,
      c.version,
    ],
  );
  if (updated.rowCount === 1) return;
  const now = await serverFollowUp(client, 'gid = $1', [c.gid]);
  if (!now) throw new Refusal('The office has no such follow-up.', []);
  throw new Refusal(`Someone changed this follow-up first: ${describeRow(now)}`, [now]);
}

async function insertFollowUp(
  client: pg.ClientBase,
  gid: string,
  row: Extract<Change, { tbl: 'follow_ups' }>['row'],
): Promise<void> {
  await client.query('SAVEPOINT open_follow_up');
  try {
    await client.query(
      `INSERT INTO follow_ups (gid, account_gid, claim_gid, kind, status, due_date, deadline_date,
           owner_gid, reason, created_at, created_by, completed_at, completed_by, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)`,
      [gid, ...followUpValues(row)],
    );
  } catch (error) {
    if (sqlState(error) !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT open_follow_up');
    const open = await serverFollowUp(
      client,
      `account_gid = $1 AND coalesce(claim_gid, '') = coalesce($2, '') AND kind = $3
         AND status = 'open'`,
      [row.accountGid, row.claimGid, row.kind],
    );
    throw new Refusal(
      `Someone opened this follow-up first${open ? `: ${describeRow(open)}` : '.'}`,
      open ? [open] : [],
    );
  }
}
