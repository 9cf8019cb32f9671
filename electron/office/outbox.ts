import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { isOwnGid } from './capture';
import { gidOf, localIdOf, officeLink, setSyncRow } from './gids';
import { toChange, type Pending } from './outbox-changes';
import {
  eachClaimApart,
  isCollection,
  isCollectionChange,
  isPlanEnding,
  isRecordUpdate,
  newDenials,
  standsAlone,
  upgradeEntries,
} from './outbox-entries';
import { boundReferencesOf } from './records';
import { inOrderSaved } from './settings-edits';
import { changes as changesSchema, type Change, type Entry } from './wire';

/**
 * Turns what the triggers noted during this transaction into one outbox entry, in the
 * same transaction: the rows as the request left them, each with the version it started
 * from. Called once at commit by the one function that opens write transactions, so no
 * handler has to know about the office. On a standalone desktop nothing is ever noted and
 * this is one empty read.
 */
export function sealOutbox(db: Db, now: string, userId: number): void {
  // parents before the rows that name them (a facility or a person before the account, the account
  // before its claim, a claim before its lines, a batch before its receipts, a receipt
  // before its ledger rows and the payer's codes, a follow-up before the denial it tracks,
  // a denial before the payer's answers to its appeals), so a desktop taking the entry finds
  // each; withdrawing a refused entry goes the other way
  const pending = all<Pending>(
    db,
    `SELECT tbl, local_id AS localId, op FROM outbox_pending
       ORDER BY CASE tbl WHEN 'facilities' THEN 0 WHEN 'payers' THEN 0 WHEN 'people' THEN 1
           WHEN 'addresses' THEN 2
           WHEN 'accounts' THEN 3 WHEN 'coverages' THEN 4 WHEN 'claims' THEN 5
           WHEN 'claim_lines' THEN 6 WHEN 'deposit_batches' THEN 7 WHEN 'receipts' THEN 8
           WHEN 'ledger_entries' THEN 9 WHEN 'follow_ups' THEN 10 WHEN 'denials' THEN 11
           WHEN 'appeal_responses' THEN 12 ELSE 10 END, tbl, local_id`,
  );
  if (pending.length === 0) return;
  const link = officeLink(db);
  run(db, `DELETE FROM outbox_pending`);
  if (!link) return;
  // a person's change to one of the upkeep's own follow-ups stays here with it
  const sent = pending.filter((p) => p.op === 'insert' || !isOwnGid(gidOf(db, p.tbl, p.localId)));
  if (sent.length === 0) return;
  const upgraded = namedAtTheUpgrade(db, sent);
  const changes = withoutOwn(
    db,
    sent.map((p) => toChange(db, link.desktopId, p, userId)),
  );
  if (changes.length === 0) return;
  // a user goes alone: a new name noted at its first sign-in is sealed with whatever request
  // commits next, which must not stand or fall with it (the office may know the name already)
  const users = changes.filter((c) => c.tbl === 'users');
  if (users.length > 0) addEntry(db, now, userId, users, null);
  // a supervisor's change to the office's billing rules stands or falls on its own
  const rules = changes.filter((c) => c.tbl === 'billing_rules');
  if (rules.length > 0) addEntry(db, now, userId, rules, null);
  // and so does a supervisor's change to the office's letterhead
  const letterhead = changes.filter((c) => c.tbl === 'letterhead');
  if (letterhead.length > 0) addEntry(db, now, userId, letterhead, null);
  // a deposit batch goes ahead of the money posted into it, alone: the office never refuses
  // a batch, and one refused with the payment that opened it would take every later
  // payment posted into it here down with it
  const batches = changes.filter((c) => c.tbl === 'deposit_batches');
  if (batches.length > 0) addEntry(db, now, userId, batches, null);
  // a document's sending goes alone too: the office never refuses one (a second mark changes
  // nothing), and it is never withdrawn (the letter went), so beside the request's work a
  // refusal of that work would keep the work here rather than withdraw it
  const sendings = changes.filter((c) => c.tbl === 'document_sendings');
  if (sendings.length > 0) addEntry(db, now, userId, sendings, null);
  // a contact rule, hold, waiting application, collection record, plan or promise an older
  // version made, sent at the upgrade, goes apart, each in an entry of its own (an account's
  // collection records with its status): refused (a hold the office has open already, a
  // lifting by someone no longer a supervisor, another desk's application waiting on the
  // account, an agency of that name at the office), it must take neither the request's work
  // nor the others down with it
  const olderEntries = upgradeEntries(
    changes.filter((c) => upgraded.has(`${c.tbl} ${c.gid}`)),
    changes,
  );
  for (const entry of olderEntries) addEntry(db, now, userId, entry, null);
  // an agency's or a facility's edit (in Settings, or an older version's sent at the upgrade
  // by migration 71 or 72) is no part of any other work: refused (another desk edited it
  // first, or took its new name or NPI), it must take nothing else down with it
  const settingsEdits = inOrderSaved(
    db,
    changes.filter((c) => (c.tbl === 'agencies' || c.tbl === 'facilities') && c.op === 'update'),
  );
  for (const c of settingsEdits) addEntry(db, now, userId, [c], null);
  const older = [...olderEntries.flat(), ...settingsEdits];
  // a change to an earlier record (a claim's status, a person's details) may be refused for
  // its own reason, another desk's change first: it goes after the request's notes, money
  // and new records, as a part of them, so that it cannot take them down with it
  const others = changes.filter(
    (c) =>
      c.tbl !== 'users' &&
      c.tbl !== 'billing_rules' &&
      c.tbl !== 'letterhead' &&
      c.tbl !== 'deposit_batches' &&
      c.tbl !== 'document_sendings' &&
      !older.includes(c),
  );
  // but a move to bad debt, a placement with an agency or another collection action (and
  // its undoing, recall or reversal) is the account's new status: the one must not stand at
  // the office without the other, so the account's change goes with it, and another desk's
  // change to the account first refuses both
  const collecting = others.some(isCollection);
  // and a financial-assistance application's progress goes with what the request did for it
  // (the decision's charity adjustment and refund, the actions it reversed, the incomplete
  // notice filed): of two desks deciding one application, the second is refused whole, so
  // the discount is taken once; so does a request's decision, with what its approval posted
  // and a claim whose charges the request moved (a replacement, a void) goes with them, its
  // lines too: refused (another desk changed the claim first), the charges are withdrawn
  // with it, so no desk charges services its lines no longer show
  const recharged = new Set(
    others.flatMap((c) =>
      c.tbl === 'ledger_entries' && c.row.kind === 'charge' && c.row.claimGid
        ? [c.row.claimGid]
        : [],
    ),
  );
  // a 277's status events go with the claim change it made, which may be refused apart from
  // the request's notes (another desk changed the claim first): the office must not keep
  // events of a status it does not hold; a claim the request did not change has none to go with
  const changedApart = new Set(
    others.flatMap((c) =>
      c.tbl === 'claims' && c.op === 'update' && !recharged.has(c.gid) ? [c.gid] : [],
    ),
  );
  const withWork = (c: Change) =>
    (!isRecordUpdate(c) &&
      !(c.tbl === 'claim_status_events' && changedApart.has(c.row.claimGid))) ||
    (collecting && isCollectionChange(c)) ||
    isPlanEnding(c) ||
    c.tbl === 'assistance_applications' ||
    c.tbl === 'adjustment_requests' ||
    (c.tbl === 'claims' && recharged.has(c.gid)) ||
    (c.tbl === 'claim_lines' && recharged.has(c.row.claimGid));
  // a new denial goes with the follow-up opened for it, as a part of the posting that
  // opened it: refused with the posting, but refused on its own (another desk recorded the
  // claim's denial first) without taking the posting or the request's other follow-ups. So
  // does a denial denied again, with the new follow-up it now names: sent with the claim's
  // changes, it would be withdrawn with that follow-up and take the claim's change along
  const opened = newDenials(others);
  const changed = others.filter((c) => !withWork(c) && !opened.includes(c));
  // one with no follow-up opened for it (an older version's, sent at the upgrade) goes with
  // no posting, alone: a posting refused later must not take an earlier denial down with it
  const alone = others.filter(
    (c) => c.tbl === 'denials' && c.op === 'insert' && !opened.includes(c),
  );
  // the account's change last: a clash of the record itself (a move standing already) is
  // the reason a person is given, before a version moved by it
  const work = [
    ...others.filter(
      (c) => withWork(c) && !isRecordUpdate(c) && !opened.includes(c) && !alone.includes(c),
    ),
    ...others.filter((c) => withWork(c) && isRecordUpdate(c) && !opened.includes(c)),
  ];
  const money = work.some((c) => c.tbl === 'receipts' || c.tbl === 'ledger_entries');
  const first = money ? work.filter((c) => c.tbl !== 'follow_ups') : work;
  const rest = money ? work.filter((c) => c.tbl === 'follow_ups') : [];
  const seq = first.length > 0 ? addEntry(db, now, userId, first, null) : null;
  if (rest.length > 0) addEntry(db, now, userId, rest, seq);
  if (opened.length > 0) addEntry(db, now, userId, opened, money ? seq : null);
  if (alone.length > 0) addEntry(db, now, userId, alone, null);
  // a part of the request's work only when they could name what it made (standsAlone)
  const partOf = standsAlone(first) ? null : seq;
  for (const entry of eachClaimApart(changed)) addEntry(db, now, userId, entry, partOf);
}

/**
 * The tables whose older version's rows migrations 62, 64, 67, 69 and 76 name and send at
 * the upgrade.
 */
const SENT_AT_THE_UPGRADE: ReadonlySet<string> = new Set([
  'contact_restrictions',
  'collection_holds',
  'statement_hold_releases',
  'assistance_applications',
  'agencies',
  'agency_placement_batches',
  'agency_placements',
  'bad_debt_moves',
  'extraordinary_actions',
  'payment_plans',
  'promises',
  'adjustment_requests',
]);

/**
 * The noted inserts named before this request (by the upgrade, migrations 62, 64, 67 and 69):
 * a row noted by a request has no sync row until toChange names it. Read before toChange, as
 * `tbl gid`.
 */
function namedAtTheUpgrade(db: Db, pending: readonly Pending[]): Set<string> {
  const named = new Set<string>();
  for (const p of pending) {
    if (p.op !== 'insert' || !SENT_AT_THE_UPGRADE.has(p.tbl)) continue;
    const row = one<{ gid: string }>(
      db,
      `SELECT gid FROM sync_rows WHERE tbl = ? AND local_id = ?`,
      p.tbl,
      p.localId,
    );
    if (row) named.add(`${p.tbl} ${row.gid}`);
  }
  return named;
}

/**
 * Drops the rows that name one of this desktop's own (a record the office refused that
 * could not be withdrawn, see withdraw.ts): the office does not have what they name, so
 * they stay here, and are named own themselves so that what names them stays too. A
 * dropped change to an earlier row keeps the version the row had before it.
 */
function withoutOwn(db: Db, changes: Change[]): Change[] {
  const own = new Set<string>();
  const isOwn = (tbl: string, gid: string) => isOwnGid(gid) || own.has(`${tbl} ${gid}`);
  const kept = changes.filter((c) => {
    const local = boundReferencesOf(c).some(([tbl, gid]) => isOwn(tbl, gid));
    if (!local) return true;
    const localId = localIdOf(db, c.tbl, c.gid);
    if (localId === undefined) return false;
    if (c.op === 'insert') {
      own.add(`${c.tbl} ${c.gid}`);
      setSyncRow(db, c.tbl, localId, `own:${localId}`, 1);
    } else {
      // toChange moved the row's version on for a change that now stays here: put it back,
      // or its next change would start from a version the office never saw and be refused
      setSyncRow(db, c.tbl, localId, c.gid, c.baseVersion);
    }
    return false;
  });
  // an appeal letter on a denial kept here goes without naming it: the office has no row to name
  return kept.map((c) =>
    c.tbl === 'documents' && c.row.denialGid && isOwn('denials', c.row.denialGid)
      ? { ...c, row: { ...c.row, denialGid: null } }
      : c,
  );
}

/**
 * Lets go of the denial an appeal letter still to be sent names, when this copy no longer
 * knows the denial by that id: the office refused it and it stays here as this desk's own
 * (withdraw.ts keeps a denial a letter names). The letter goes unlinked, as one filed on it
 * afterwards does (withoutOwn), never held back or refused for it; here it keeps its link.
 */
export function letGoOfLostDenials(db: Db): void {
  for (const e of all<{ seq: number; changes: string }>(db, `SELECT seq, changes FROM outbox`)) {
    let moved = false;
    const changes = changesSchema.parse(JSON.parse(e.changes)).map((c): Change => {
      if (c.tbl !== 'documents' || !c.row.denialGid) return c;
      if (localIdOf(db, 'denials', c.row.denialGid) !== undefined) return c;
      moved = true;
      return { ...c, row: { ...c.row, denialGid: null } };
    });
    if (moved)
      run(db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
}

export function addEntry(
  db: Db,
  now: string,
  userId: number,
  changes: Change[],
  partOf: number | null,
): number {
  return Number(
    run(
      db,
      `INSERT INTO outbox (created_at, user_id, changes, part_of) VALUES (?, ?, ?, ?)`,
      now,
      userId,
      JSON.stringify(changes),
      partOf,
    ).lastInsertRowid,
  );
}

/** The oldest entry still to send, if any. */
export function firstOutboxEntry(
  db: ReadDb,
): (Entry & { userId: number; createdAt: string }) | undefined {
  const row = one<{ seq: number; userId: number; createdAt: string; changes: string }>(
    db,
    `SELECT seq, user_id AS userId, created_at AS createdAt, changes FROM outbox
       ORDER BY seq LIMIT 1`,
  );
  if (!row) return undefined;
  return { ...row, changes: changesSchema.parse(JSON.parse(row.changes)) };
}

export function outboxSize(db: ReadDb): number {
  return one<{ n: number }>(db, `SELECT count(*) AS n FROM outbox`)?.n ?? 0;
}
