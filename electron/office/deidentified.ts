import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { removeFiledFiles } from '../purge/files';
import {
  blankedIfWrittenBefore,
  isPersonTextTable,
  type PersonTextTable,
} from '../purge/scrub-records';
import {
  personIdentifiers,
  scrubPersonRows,
  withoutIdentifiers,
  type PersonNames,
} from '../purge/scrub';
import { gidOf, localIdOf } from './gids';
import { blankLateLines, lateMoneyLine } from './late-money-lines';
import { keepQuoted, noneQuoted, readQuoted, type Quoted } from './pull-quoted';
import { deidentifies, type PurgeHints } from './server/purge';
import type { Change, ServerRow } from './wire';

/*
 * A person de-identified at one desk reaches the others as their row with the marker in
 * place of the names. What else named them here (addresses, the history's texts, the
 * queue's copy of the name, the filed letters and scans) travelled only as first written,
 * so each desk that takes the row scrubs its own copy of those as the de-identifying desk
 * did, rather than keep a patient the office has de-identified. Rows that name them may
 * also arrive with the de-identification or after it (written at a desk that was offline):
 * those are scrubbed as they are taken.
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

/** A person the rows de-identify, with what named them here, read before the rows land. */
interface Scrub {
  personId: number;
  accountIds: AccountId[];
  texts: string[];
}

/** Records the de-identification here and scrubs what names the person, while it still can. */
function deidentifyHere(ctx: Ctx, personId: number): Scrub | null {
  const here = one<PersonNames>(
    ctx.db,
    `SELECT id, first_name AS firstName, middle_name AS middleName, last_name AS lastName,
         phone FROM people WHERE id = ?`,
    personId,
  );
  const accountIds = accountsOf(ctx.db, personId);
  if (!here || removed(here) || accountIds.length === 0) return null;
  run(
    ctx.db,
    `INSERT OR IGNORE INTO deidentifications (person_id, account_id, reason, done_at, done_by)
       VALUES (?, ?, ?, ?, ?)`,
    personId,
    accountIds[0],
    'De-identified at another desktop of the office; taken here from the office.',
    ctx.clock.now(),
    ctx.userId,
  );
  const texts = personIdentifiers(ctx.db, here, accountIds);
  scrubPersonRows(ctx.db, personId, accountIds, texts);
  return { personId, accountIds, texts };
}

/**
 * The people of the account de-identified here before these rows came (not those the rows
 * de-identify, scrubbed by their names), with when: empty for most accounts.
 */
function deidentifiedBefore(
  db: ReadDb,
  accountId: number,
  now: ReadonlySet<number>,
): { id: number; at: string }[] {
  return all<{ id: number; at: string }>(
    db,
    `SELECT d.person_id AS id, d.done_at AS at FROM deidentifications d JOIN accounts a
       ON d.person_id IN (a.patient_id, a.guarantor_id) WHERE a.id = ?`,
    accountId,
  ).filter((p) => !now.has(p.id));
}

type PersonTextRow = Extract<ServerRow, { tbl: PersonTextTable }>;
const isPersonTextRow = (r: ServerRow): r is PersonTextRow => isPersonTextTable(r.tbl);

/**
 * A record's texts typed before the de-identification here, blanked whole: returns its
 * account and the texts taken out, or null.
 */
function blankLateRecord(
  ctx: Ctx,
  r: PersonTextRow,
  now: ReadonlySet<number>,
): { accountId: number; texts: string[] } | null {
  const accountId = localIdOf(ctx.db, 'accounts', r.row.accountGid);
  const id = localIdOf(ctx.db, r.tbl, r.gid);
  if (accountId === undefined || id === undefined) return null;
  const last = deidentifiedBefore(ctx.db, accountId, now)
    .map((p) => p.at)
    .sort()
    .at(-1);
  return last ? { accountId, texts: blankedIfWrittenBefore(ctx.db, r.tbl, id, last) } : null;
}

/**
 * The account's system lines that quote a text blanked from its late records (a request's
 * refusal, "Write-off of $15.00 refused: <its note>"): that exact text taken out as the
 * record's was, the rest of the line, the app's own, kept. Every such line this copy holds,
 * not only those of the page: the line may have landed in an earlier page or come in a later
 * one (the caller passes the same `quoted` to each page). Only the blanked texts, whole
 * words, and only on that account: another line or person's words stay.
 */
function unquoteLate(ctx: Ctx, quoted: Quoted) {
  quoted.lines = blankLateLines(ctx.db, quoted.lines);
  for (const [accountId, blanked] of quoted.texts) {
    const texts = [...new Set(blanked)]
      .filter((t) => t.trim().length >= 2)
      .sort((x, y) => y.length - x.length);
    if (texts.length === 0) continue;
    for (const line of all<{ id: number; body: string }>(
      ctx.db,
      `SELECT id, body FROM activities WHERE account_id = ? AND kind = 'system'`,
      accountId,
    )) {
      const body = withoutIdentifiers(line.body, texts);
      if (body !== line.body) {
        run(ctx.db, `UPDATE activities SET body = ? WHERE id = ?`, body, line.id);
      }
    }
  }
}

/**
 * Rows naming a person de-identified here before they arrived, whose names are gone from
 * this copy (written at a desk that was offline): a person's note written before the
 * de-identification is replaced by the marker whole, since its names can no longer be
 * looked for; so is each text of a collection record, and each money row's memo, typed
 * before it (the row's amounts as posted); an address is the marker like the rest; a scan's
 * file is removed. The history's system lines are the app's
 * own and stay, but for a record's blanked text they quote and a late write-off's memo in
 * its own line (late-money-lines.ts).
 */
function scrubLateArrivals(
  ctx: Ctx,
  rows: readonly ServerRow[],
  now: ReadonlySet<number>,
  quoted: Quoted,
) {
  const accounts = new Set<number>();
  for (const r of rows) {
    if (r.tbl === 'addresses') {
      const personId = localIdOf(ctx.db, 'people', r.row.personGid);
      if (personId !== undefined) for (const a of accountsOf(ctx.db, personId)) accounts.add(a);
      continue;
    }
    if (isPersonTextRow(r)) {
      const late = blankLateRecord(ctx, r, now);
      // a money row's memo is no text the history quotes as typed (a payment's line names its
      // method, a write-off's words its memo apart), and a short one ("cash") is a word of the
      // app's own lines: not looked for as a word, but a write-off's own line blanked as written
      const quotes = r.tbl !== 'ledger_entries' && r.tbl !== 'receipts';
      if (quotes && late && late.texts.length > 0) {
        quoted.texts.set(late.accountId, [
          ...(quoted.texts.get(late.accountId) ?? []),
          ...late.texts,
        ]);
      }
      const memo = r.tbl === 'ledger_entries' ? late?.texts[0] : undefined;
      const id = memo === undefined ? undefined : localIdOf(ctx.db, 'ledger_entries', r.gid);
      const line = id === undefined || memo === undefined ? null : lateMoneyLine(ctx.db, id, memo);
      if (line) quoted.lines.push(line);
      continue;
    }
    if (r.tbl !== 'activities' && r.tbl !== 'correspondence') continue;
    const accountId = localIdOf(ctx.db, 'accounts', r.row.accountGid);
    if (accountId === undefined) continue;
    const before = deidentifiedBefore(ctx.db, accountId, now);
    if (before.length === 0) continue;
    accounts.add(accountId);
    const id = r.tbl === 'activities' ? localIdOf(ctx.db, 'activities', r.gid) : undefined;
    if (id === undefined || r.tbl !== 'activities' || r.row.kind === 'system') continue;
    const written = r.row.occurredAt;
    if (before.some((p) => written < p.at) && !r.row.body.includes(REMOVED)) {
      run(ctx.db, `UPDATE activities SET body = ? WHERE id = ?`, REMOVED, id);
    }
  }
  unquoteLate(ctx, quoted);
  for (const accountId of accounts) {
    const before = deidentifiedBefore(ctx.db, accountId, now);
    if (before.length === 0) continue;
    for (const p of before) scrubPersonRows(ctx.db, p.id, [accountId as AccountId], []);
    removeFiledFiles(ctx, [accountId as AccountId]);
  }
}

/**
 * Takes the server's rows (`take`, in the caller's transaction) so that a person they
 * de-identify is de-identified here too: recorded, and what names them scrubbed while
 * their names are still here to be found, and again once the rows have landed (a note in
 * the same rows names her too); then the filed files of their accounts are removed. A
 * person already de-identified here is left as they are, and one with no accounts here
 * needs only their row. `quoted` carries the texts blanked from late records from one page
 * of a pull to the next, for their history lines.
 */
export function takeWithDeidentified<T>(
  ctx: Ctx,
  rows: readonly ServerRow[],
  take: () => T,
  quoted: Quoted = noneQuoted(),
): T {
  const scrubs: Scrub[] = [];
  for (const r of rows) {
    if (r.tbl !== 'people' || !removed(r.row)) continue;
    const personId = localIdOf(ctx.db, 'people', r.gid);
    const scrub = personId === undefined ? null : deidentifyHere(ctx, personId);
    if (scrub) scrubs.push(scrub);
  }
  const out = take();
  for (const s of scrubs) {
    scrubPersonRows(ctx.db, s.personId, s.accountIds, s.texts);
    removeFiledFiles(ctx, s.accountIds);
  }
  scrubLateArrivals(ctx, rows, new Set(scrubs.map((s) => s.personId)), quoted);
  return out;
}

/**
 * Takes one page of a pull (`take`, in the page's transaction) as takeWithDeidentified does,
 * the texts blanked from its late records carried to the next page through the file
 * (`sync_quoted`, migration 80) rather than in memory: the desk may be closed between two
 * pages, and the next start's pull goes on from the page after, where the line quoting them
 * may be. `more`: pages follow. After the last the texts are forgotten, since they name the
 * person.
 */
export function takePulledPage<T>(
  ctx: Ctx,
  rows: readonly ServerRow[],
  take: () => T,
  more: boolean,
): T {
  const quoted = readQuoted(ctx.db);
  const out = takeWithDeidentified(ctx, rows, take, quoted);
  keepQuoted(ctx.db, more ? quoted : noneQuoted());
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
