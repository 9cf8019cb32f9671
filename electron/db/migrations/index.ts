import { migration001 } from './001-initial';
import { migration002 } from './002-posting';
import { migration003 } from './003-imports-denials';
import { migration004 } from './004-claim-files';
import { migration005 } from './005-documents';
import { migration006 } from './006-csv-import';
import { migration007 } from './007-open-follow-up-indexes';
import { migration008 } from './008-office-hours';
import { migration009 } from './009-user-changes';
import { migration010 } from './010-batch-totals';
import { migration011 } from './011-documents-folder';
import { migration012 } from './012-payer-windows';
import { migration013 } from './013-code-lists';
import { migration015 } from './015-facility-ledger';
import { migration017 } from './017-dunning';
import { migration018 } from './018-user-contact';
import { migration019 } from './019-approvals';
import { migration020 } from './020-audit-trail';
import { migration021 } from './021-report-indexes';
import { migration022 } from './022-sign-in-lock';
import { migration023 } from './023-deceased-returned-mail';
import { migration025 } from './025-claim-providers';
import { migration026 } from './026-estate-representatives';
import { migration027 } from './027-financial-assistance';
import { migration028 } from './028-agencies';
import { migration029 } from './029-contact-rules';
import { migration031 } from './031-letter-facts';
import { migration032 } from './032-office-outbox';
import { migration033 } from './033-user-states';
import { migration034 } from './034-ledger-day-totals';
import { migration035 } from './035-facilities';
import { migration036 } from './036-correspondence';
import { migration038 } from './038-sync-held';
import { migration040 } from './040-bad-debt-index';
import { migration041 } from './041-accounts-status-index';
import { migration044 } from './044-office-money';
import { migration045 } from './045-queue-filter-indexes';
import { migration046 } from './046-queue-counts';
import { migration047 } from './047-office-own-rows';
import { migration048 } from './048-open-deadlines';
import { migration049 } from './049-working-marks';
import { migration051 } from './051-office-records';
import { migration052 } from './052-office-ledger';
import { migration053 } from './053-office-documents';
import { migration054 } from './054-office-users';
import { migration057 } from './057-office-capture-when-linked';
import { migration058 } from './058-office-remittance-payments';
import { migration059 } from './059-office-batches-of-older-versions';
import { migration060 } from './060-bad-debt-moves-from-the-office';
import { migration061 } from './061-office-denials-of-older-versions';
import { migration062 } from './062-office-contact-rules';
import { migration063 } from './063-plans-from-the-office';
import { migration064 } from './064-office-assistance';
import { migration065 } from './065-deidentified-collection-texts';
import { migration066 } from './066-assistance-decided-by';
import { migration067 } from './067-office-collections-of-older-versions';
import { migration069 } from './069-office-plans-of-older-versions';
import { migration070 } from './070-office-sendings-of-older-versions';
import { migration071 } from './071-office-agency-edits-of-older-versions';
import { migration072 } from './072-office-facility-edits-of-older-versions';
import { migration073 } from './073-claim-status-events-from-the-office';
import { migration074 } from './074-claim-providers-unknown';
import { migration076 } from './076-adjustment-requests-from-the-office';
import { migration077 } from './077-office-letterhead';
import { migration078 } from './078-deidentified-money-memos';
import { migration080 } from './080-pull-quoted';

/** Numbered migrations; the database's PRAGMA user_version is the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: migration001 },
  { version: 2, name: 'posting, batches, plans and promises', sql: migration002 },
  { version: 3, name: 'imports, remittances and denials', sql: migration003 },
  { version: 4, name: 'claim files (X12 837)', sql: migration004 },
  { version: 5, name: 'documents and template copies', sql: migration005 },
  { version: 6, name: 'spreadsheet import mappings', sql: migration006 },
  { version: 7, name: 'open-only work queue indexes', sql: migration007 },
  { version: 8, name: 'billing office hours', sql: migration008 },
  { version: 9, name: 'user change history', sql: migration009 },
  { version: 10, name: 'deposit batch running totals', sql: migration010 },
  { version: 11, name: 'a documents folder per database', sql: migration011 },
  { version: 12, name: 'payer appeal windows by level', sql: migration012 },
  { version: 13, name: 'published code lists and unknown codes seen', sql: migration013 },
  { version: 15, name: 'provider-level adjustments on facility accounts', sql: migration015 },
  { version: 17, name: 'dunning stages, statement holds and remit-to', sql: migration017 },
  { version: 18, name: 'user contact for letters, facts of filed letters', sql: migration018 },
  { version: 19, name: 'approvals of refunds and reversals; user permissions', sql: migration019 },
  { version: 20, name: 'the audit trail', sql: migration020 },
  { version: 21, name: 'the ledger by posting date, for reports', sql: migration021 },
  {
    version: 22,
    name: 'sign-in allowed by a supervisor, PINs, emergency access',
    sql: migration022,
  },
  { version: 23, name: 'dates of death, estate contacts and returned mail', sql: migration023 },
  { version: 25, name: 'claim-level providers from claim files', sql: migration025 },
  { version: 26, name: 'personal representatives of estates', sql: migration026 },
  {
    version: 27,
    name: 'the 501(r) clock: assistance applications, ECA notices; bad debt',
    sql: migration027,
  },
  { version: 28, name: 'collection agencies, placements, recalls and payments', sql: migration028 },
  {
    version: 29,
    name: 'contact restrictions, call times, returned checks, de-identification',
    sql: migration029,
  },
  {
    version: 31,
    name: 'appeal responses, line-level providers and other facts letters cite',
    sql: migration031,
  },
  { version: 32, name: 'office database: outbox, office-wide ids, not synced', sql: migration032 },
  { version: 33, name: "users' states in the audit trail", sql: migration033 },
  { version: 34, name: 'the ledger summed by day, for reports', sql: migration034 },
  {
    version: 35,
    name: 'facilities: each account under one, day totals by facility',
    sql: migration035,
  },
  {
    version: 36,
    name: 'scanned correspondence; filed files removed at de-identification',
    sql: migration036,
  },
  { version: 38, name: 'office rows waiting for their place', sql: migration038 },
  { version: 40, name: 'adjustments by reason and date, for bad debt', sql: migration040 },
  { version: 41, name: 'accounts by status with their balances', sql: migration041 },
  { version: 44, name: 'office database: payments and their reversals', sql: migration044 },
  { version: 45, name: "the work queue's filters in rank order", sql: migration045 },
  { version: 46, name: "the work queue's counts, kept by triggers", sql: migration046 },
  {
    version: 47,
    name: "office database: the upkeep's follow-ups stay on each desktop",
    sql: migration047,
  },
  { version: 48, name: 'open follow-ups by deadline, for the daily re-rank', sql: migration048 },
  {
    version: 49,
    name: 'office database: who is working which account now',
    sql: migration049,
  },
  {
    version: 51,
    name: 'office database: new people, accounts, claims and their charges',
    sql: migration051,
  },
  {
    version: 52,
    name: 'office database: every ledger row and receipt, and their reversals',
    sql: migration052,
  },
  {
    version: 53,
    name: 'office database: filed documents',
    sql: migration053,
  },
  {
    version: 54,
    name: 'office database: users as a supervisor decides them',
    sql: migration054,
  },
  {
    version: 57,
    name: 'office database: capture triggers only while linked to an office',
    sql: migration057,
  },
  {
    version: 58,
    name: "office database: 835 payments pulled from another desk, for the payer's reversal",
    sql: migration058,
  },
  {
    version: 59,
    name: 'office database: deposit batches an older version opened at a linked desk travel',
    sql: migration059,
  },
  {
    version: 60,
    name: 'office database: moves to bad debt and agency placements from another desk',
    sql: migration060,
  },
  {
    version: 61,
    name: 'office database: denials an older version recorded at a linked desk travel',
    sql: migration061,
  },
  {
    version: 62,
    name: 'office database: contact restrictions and statement holds travel',
    sql: migration062,
  },
  {
    version: 63,
    name: 'office database: payment plans counted per account, and those of older versions',
    sql: migration063,
  },
  {
    version: 64,
    name: 'office database: assistance applications and ECA notices from another desk',
    sql: migration064,
  },
  {
    version: 65,
    name: "a de-identified person's name taken out of the collection records' texts",
    sql: migration065,
  },
  {
    version: 66,
    name: 'who decided a financial-assistance application',
    sql: migration066,
  },
  {
    version: 67,
    name: 'office database: collection records an older version made at a linked desk travel',
    sql: migration067,
  },
  {
    version: 69,
    name: 'office database: plans and promises an older version made at a linked desk travel',
    sql: migration069,
  },
  {
    version: 70,
    name: 'office database: sent marks an older version recorded at a linked desk travel',
    sql: migration070,
  },
  {
    version: 71,
    name: 'office database: agency edits an older version made at a linked desk travel',
    sql: migration071,
  },
  {
    version: 72,
    name: 'office database: facility edits an older version made at a linked desk travel',
    sql: migration072,
  },
  {
    version: 73,
    name: "office database: a 277's claim status events travel",
    sql: migration073,
  },
  {
    version: 74,
    name: "office database: a claim's providers travel; those a linked copy cannot vouch for noted",
    sql: migration074,
  },
  {
    version: 76,
    name: 'office database: requests waiting for approval travel, and those of older versions',
    sql: migration076,
  },
  {
    version: 77,
    name: 'office database: the letterhead travels, saved by a supervisor',
    sql: migration077,
  },
  {
    version: 78,
    name: "a de-identified person's names taken out of their money rows' memos, nothing else",
    sql: migration078,
  },
  {
    version: 80,
    name: "office database: a pull's blanked texts kept between its pages",
    sql: migration080,
  },
];

// the last version, not the count: version numbers need not be contiguous
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
