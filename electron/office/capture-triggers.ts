import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { all, one } from '../db/query';
import { CHANGEABLE_TABLES, changingColumns } from './record-columns';
import { LETTERHEAD_COLUMNS } from './letterhead';
import { officeRuleIn } from './rules';

/**
 * The triggers that note a linked desktop's writes for the outbox (DESIGN.md, "Outbox") and
 * name the upkeep's own rows (capture.ts, asDesktopsOwn). This is their one definition.
 *
 * They exist only while this copy belongs to an office: created in the transaction that
 * links it, dropped in the one that makes it standalone again, and put right at every
 * open (a copy that migration 57 stripped, a backup, a copy made by another version). A
 * standalone desktop's inserts fire none of them: triggers whose WHEN was false still made
 * a 10,000-claim import about 14% slower. A change to a definition here needs no
 * migration: a linked copy whose triggers differ gets these at its next open.
 *
 * Each still asks the capture flag, which is off while the sync worker writes what the
 * server sent, so the server's own rows are not sent back to it.
 */
export interface CaptureTrigger {
  name: string;
  sql: string;
}

const CAPTURING = `(SELECT capture FROM office_link) = 1`;

const trigger = (name: string, event: string, when: string, body: string): CaptureTrigger => ({
  name,
  sql: `CREATE TRIGGER ${name} ${event}\nWHEN ${when}\nBEGIN\n  ${body}\nEND`,
});

const note = (tbl: string) =>
  `INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('${tbl}', new.id, 'insert');`;

/** Noted once per transaction: an insert then an update is still the insert. */
const noteOnce = (tbl: string, op: 'insert' | 'update', id = 'new.id') =>
  `INSERT INTO outbox_pending (tbl, local_id, op) SELECT '${tbl}', ${id}, '${op}'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending WHERE tbl = '${tbl}' AND local_id = ${id});`;

/** The office's billing rules, by key (a billing rule row has no id: its rowid stands for one). */
const OFFICE_RULE = officeRuleIn('new.key');

const inserted = (name: string, tbl: string, when = '') =>
  trigger(name, `AFTER INSERT ON ${tbl}`, `${when}${CAPTURING}`, note(tbl));

/** Named `own:<id>` while the upkeep writes (OR REPLACE: a withdrawn row's id comes back). */
const own = (name: string, tbl: string) =>
  trigger(
    name,
    `AFTER INSERT ON ${tbl}`,
    `(SELECT own FROM office_link) = 1`,
    `INSERT OR REPLACE INTO sync_rows (tbl, local_id, gid) VALUES ('${tbl}', new.id, 'own:' || new.id);`,
  );

/** The records an import or Settings creates (see record-columns.ts). */
const RECORDS = [
  'facilities',
  'payers',
  'people',
  'addresses',
  'accounts',
  'coverages',
  'claims',
  'claim_lines',
] as const;

/** Only the columns a supervisor decides about a user, or the user's contact, and only a real change. */
const USER_COLUMNS = ['display_name', 'role', 'active', 'pending', 'title', 'email', 'phone'];

/**
 * The columns each changeable record travels with but for what names it (a claim's number
 * and account, a payer's code), which never change: an update of one of them is noted, once
 * per transaction, only when its value really changed.
 */
const CHANGED_RECORDS = CHANGEABLE_TABLES.map((tbl) => [tbl, changingColumns(tbl)] as const);
const CLAIM_COLUMNS = changingColumns('claims');

/**
 * The main facility (id 1) takes its name and NPI from the letterhead, which travels whole
 * (letterhead.ts): its change is never sent itself (the server refuses `base:1`, server
 * migration 31).
 */
const ONLY: Partial<Record<string, string>> = { facilities: 'new.id <> 1 AND ' };

const changedRecord = ([tbl, columns]: readonly [string, readonly string[]]): CaptureTrigger =>
  trigger(
    `office_capture_${tbl}_update`,
    `AFTER UPDATE OF ${columns.join(', ')} ON ${tbl}`,
    `${ONLY[tbl] ?? ''}${CAPTURING} AND (${columns.map((c) => `new.${c} IS NOT old.${c}`).join(' OR ')})`,
    noteOnce(tbl, 'update'),
  );

/** An installment added or changed notes its plan's change (its insert, in the request making it). */
const scheduleNote = `INSERT INTO outbox_pending (tbl, local_id, op) SELECT 'payment_plans', new.plan_id, 'update'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending
                       WHERE tbl = 'payment_plans' AND local_id = new.plan_id);`;
const SCHEDULE_CHANGES: readonly CaptureTrigger[] = [
  trigger(
    'office_capture_plan_installments',
    'AFTER INSERT ON plan_installments',
    CAPTURING,
    scheduleNote,
  ),
  trigger(
    'office_capture_plan_installments_update',
    'AFTER UPDATE OF due_date, amount ON plan_installments',
    `${CAPTURING} AND (new.due_date IS NOT old.due_date OR new.amount IS NOT old.amount)`,
    scheduleNote,
  ),
];

/**
 * A claim's providers, and a line's, travel inside its row (claim-providers.ts): a provider
 * written or removed (a replacement claim naming others) notes the claim's or the line's
 * change, or nothing more when the request made it.
 */
const PROVIDER_CHANGES: readonly CaptureTrigger[] = (
  [
    ['claim_providers', 'claims', 'claim_id'],
    ['claim_line_providers', 'claim_lines', 'claim_line_id'],
  ] as const
).flatMap(([source, tbl, key]) =>
  (
    [
      ['INSERT', 'new'],
      ['DELETE', 'old'],
    ] as const
  ).map(([event, row]) =>
    trigger(
      `office_capture_${source}_${event.toLowerCase()}`,
      `AFTER ${event} ON ${source}`,
      CAPTURING,
      noteOnce(tbl, 'update', `${row}.${key}`),
    ),
  ),
);

/**
 * A claim file replacing the claim here names its providers and its lines' (the claim then
 * names that file; a replacement correcting only a provider leaves its fingerprint as it
 * was; a void names none), so this copy knows them from now on, though it could not vouch for them before
 * (migration 74).
 */
const PROVIDERS_KNOWN = trigger(
  'office_capture_claim_providers_known',
  'AFTER UPDATE OF import_file_id ON claims',
  `${CAPTURING} AND new.import_file_id IS NOT old.import_file_id AND new.status <> 'voided'`,
  `DELETE FROM office_providers_unknown
    WHERE (tbl = 'claims' AND local_id = new.id)
       OR (tbl = 'claim_lines' AND local_id IN (SELECT id FROM claim_lines WHERE claim_id = new.id));`,
);

export const CAPTURE_TRIGGERS: readonly CaptureTrigger[] = [
  inserted('office_capture_activity', 'activities'),
  inserted('office_capture_follow_up_insert', 'follow_ups'),
  // only what a person decides; the queue columns the upkeep rewrites are each desktop's own
  trigger(
    'office_capture_follow_up_update',
    `AFTER UPDATE OF status, due_date, deadline_date, owner_id, reason, completed_at, completed_by
ON follow_ups`,
    CAPTURING,
    noteOnce('follow_ups', 'update'),
  ),
  own('office_own_follow_up', 'follow_ups'),
  own('office_own_activity', 'activities'),
  inserted('office_capture_receipt', 'receipts'),
  inserted('office_capture_ledger_entry', 'ledger_entries'),
  ...RECORDS.map((tbl) => inserted(`office_capture_${tbl}`, tbl)),
  // the denial an 835 opens, and the payer's answers to its appeals
  inserted('office_capture_denials', 'denials'),
  inserted('office_capture_appeal_responses', 'appeal_responses'),
  // later changes to facilities, payers, people, accounts, coverages, claims, denials and the
  // collection records travel by version; an account's cached balances and aging are not among the
  // columns watched, so the ledger's rewrite of them at every posting fires nothing
  ...CHANGED_RECORDS.map(changedRecord),
  // a claim's first change brings the first copy's lines of it that the office lacks, so a
  // desk whose change of the claim (a replacement) is refused can take the office's lines
  trigger(
    'office_capture_claim_base_lines',
    `AFTER UPDATE OF ${CLAIM_COLUMNS.join(', ')} ON claims`,
    `${CAPTURING} AND (${CLAIM_COLUMNS.map((c) => `new.${c} IS NOT old.${c}`).join(' OR ')})`,
    `INSERT INTO outbox_pending (tbl, local_id, op)
    SELECT 'claim_lines', l.id, 'update' FROM claim_lines l
     WHERE l.claim_id = new.id
       AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'claim_lines' AND s.local_id = l.id)
       AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'claim_lines' AND p.local_id = l.id);`,
  ),
  // a statement run's combined file stays the printing desk's; its statements travel
  inserted('office_capture_documents', 'documents', `new.kind <> 'statement_run' AND `),
  inserted('office_capture_correspondence', 'correspondence'),
  // what posting writes beside the ledger: the payer's codes, and deposit batches
  inserted('office_capture_claim_adjustments', 'claim_adjustments'),
  inserted('office_capture_claim_remarks', 'claim_remarks'),
  inserted('office_capture_deposit_batches', 'deposit_batches'),
  // what a 277 said about a claim, in the entry of the claim change it made
  inserted('office_capture_claim_status_events', 'claim_status_events'),
  // the collection cycle: a move to bad debt goes with its write-off (its undoing, above)
  inserted('office_capture_bad_debt_moves', 'bad_debt_moves'),
  // an agency added, a sending of accounts to one and each account placed (its recall, above)
  inserted('office_capture_agencies', 'agencies'),
  inserted('office_capture_agency_placement_batches', 'agency_placement_batches'),
  inserted('office_capture_agency_placements', 'agency_placements'),
  inserted('office_capture_extraordinary_actions', 'extraordinary_actions'),
  // an agency's payment file, and each payment it posted, in the entry of its receipts
  inserted('office_capture_agency_payment_files', 'agency_payment_files'),
  inserted('office_capture_agency_payments', 'agency_payments'),
  // a contact rule or statement hold as recorded (its lifting or closing, above), and a
  // supervisor's release of a hold for the next statement
  inserted('office_capture_contact_restrictions', 'contact_restrictions'),
  inserted('office_capture_collection_holds', 'collection_holds'),
  inserted('office_capture_statement_hold_releases', 'statement_hold_releases'),
  // a payment plan as set up (its ending, above) and a promise to pay
  inserted('office_capture_payment_plans', 'payment_plans'),
  inserted('office_capture_promises', 'promises'),
  // a plan's schedule travels inside it: new charges joining it change the plan
  ...SCHEDULE_CHANGES,
  ...PROVIDER_CHANGES,
  PROVIDERS_KNOWN,
  // a financial-assistance application as received (its progress, above), and the notice of
  // extraordinary collection actions, in the entry of its filed letter
  inserted('office_capture_assistance_applications', 'assistance_applications'),
  inserted('office_capture_eca_notices', 'eca_notices'),
  // a request waiting for a supervisor as filed (its decision, above, with what it posted)
  inserted('office_capture_adjustment_requests', 'adjustment_requests'),
  // a batch closes once; its closing travels under the batch's own local id
  trigger(
    'office_capture_batch_closing',
    'AFTER UPDATE OF status ON deposit_batches',
    `old.status = 'open' AND new.status = 'closed' AND ${CAPTURING}`,
    `INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('batch_closings', new.id, 'insert');`,
  ),
  // a document is marked sent once; its sending travels under the document's own local id
  trigger(
    'office_capture_document_sending',
    'AFTER UPDATE OF sent_date ON documents',
    // only of a document that travels: a statement run's combined print stays on its desk
    `old.sent_date IS NULL AND new.sent_date IS NOT NULL AND new.kind <> 'statement_run'\n  AND ${CAPTURING}`,
    `INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('document_sendings', new.id, 'insert');`,
  ),
  trigger(
    'office_capture_user_insert',
    'AFTER INSERT ON users',
    CAPTURING,
    noteOnce('users', 'insert'),
  ),
  trigger(
    'office_capture_user_update',
    `AFTER UPDATE OF ${USER_COLUMNS.join(', ')} ON users`,
    `${CAPTURING}\n  AND (${USER_COLUMNS.map((c) => `new.${c} IS NOT old.${c}`).join(' OR ')})`,
    noteOnce('users', 'update'),
  ),
  // a rule of Settings as a supervisor sets it; the desk's own backup schedule stays here
  trigger(
    'office_capture_billing_rule_insert',
    'AFTER INSERT ON billing_rules',
    `${CAPTURING} AND ${OFFICE_RULE}`,
    noteOnce('billing_rules', 'insert', 'new.rowid'),
  ),
  trigger(
    'office_capture_billing_rule_update',
    'AFTER UPDATE OF value ON billing_rules',
    `${CAPTURING} AND ${OFFICE_RULE} AND new.value IS NOT old.value`,
    noteOnce('billing_rules', 'update', 'new.rowid'),
  ),
  // the letterhead as a supervisor saves it in Settings, not who saved it nor when alone
  trigger(
    'office_capture_letterhead_insert',
    'AFTER INSERT ON facility',
    CAPTURING,
    noteOnce('letterhead', 'insert'),
  ),
  trigger(
    'office_capture_letterhead_update',
    'AFTER UPDATE ON facility',
    `${CAPTURING}\n  AND (${LETTERHEAD_COLUMNS.map((c) => `new.${c} IS NOT old.${c}`).join(' OR ')})`,
    noteOnce('letterhead', 'update'),
  ),
  // an account's place in its statement cycle, named by the account (it has no id)
  trigger(
    'office_capture_dunning_stage_insert',
    'AFTER INSERT ON dunning_stages',
    CAPTURING,
    noteOnce('dunning_stages', 'insert', 'new.account_id'),
  ),
  trigger(
    'office_capture_dunning_stage_update',
    'AFTER UPDATE ON dunning_stages',
    CAPTURING,
    noteOnce('dunning_stages', 'update', 'new.account_id'),
  ),
];

/** The capture triggers this file holds now, by name (any version's, and any left over). */
function presentTriggers(db: Database.Database): CaptureTrigger[] {
  return all<CaptureTrigger>(
    db,
    `SELECT name, sql FROM sqlite_master
      WHERE type = 'trigger' AND (name GLOB 'office_capture_*' OR name GLOB 'office_own_*')
      ORDER BY name`,
  );
}

/** Whether the file holds exactly the triggers defined here, as defined here. */
export function hasCaptureTriggers(db: Database.Database): boolean {
  const present = new Map(presentTriggers(db).map((t) => [t.name, t.sql]));
  return (
    present.size === CAPTURE_TRIGGERS.length &&
    CAPTURE_TRIGGERS.every((t) => present.get(t.name) === t.sql)
  );
}

/**
 * Creates the capture triggers, replacing any of an older definition. Called in the
 * transaction that links the copy (link.ts), so no write falls between link and capture.
 */
export function startCapture(db: Database.Database): void {
  stopCapture(db);
  for (const t of CAPTURE_TRIGGERS) db.exec(t.sql);
}

/** Drops every capture trigger: the copy is standalone (or the office's plain copy). */
export function stopCapture(db: Database.Database): void {
  for (const { name } of presentTriggers(db)) db.exec(`DROP TRIGGER "${name}"`);
}

/**
 * At open, after the migrations: a linked copy gets the triggers it lacks (migration 57
 * dropped them all; a copy of another version may hold other ones), a standalone one
 * loses any it holds. Reads the schema and the link only, and writes nothing when they
 * already agree, so opening takes no write lock for it.
 */
export function keepCaptureWithLink(db: Db): void {
  if (captureAgreesWithLink(db)) return;
  // read again under the write lock: another workstation may have put it right meanwhile
  db.transaction(() => {
    if (captureAgreesWithLink(db)) return;
    if (isLinked(db)) startCapture(db);
    else stopCapture(db);
  }).immediate();
}

const isLinked = (db: Database.Database) => one(db, `SELECT 1 AS n FROM office_link`) !== undefined;

function captureAgreesWithLink(db: Database.Database): boolean {
  return isLinked(db) ? hasCaptureTriggers(db) : presentTriggers(db).length === 0;
}
