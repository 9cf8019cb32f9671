import { serverMigration001 } from './001-office';
import { serverMigration002 } from './002-money';
import { serverMigration003 } from './003-working-marks';
import { serverMigration004 } from './004-office-copy';
import { serverMigration005 } from './005-records';
import { serverMigration006 } from './006-entry-digests';
import { serverMigration007 } from './007-remittances-posted';
import { serverMigration008 } from './008-documents';
import { serverMigration009 } from './009-users';
import { serverMigration010 } from './010-posting-detail';
import { serverMigration011 } from './011-record-changes';
import { serverMigration012 } from './012-desk-logins';
import { serverMigration013 } from './013-facilities';
import { serverMigration014 } from './014-user-changes-judged';
import { serverMigration015 } from './015-account-changes';
import { serverMigration016 } from './016-denials';
import { serverMigration017 } from './017-purge-person';
import { serverMigration018 } from './018-contact-rules';
import { serverMigration019 } from './019-plans';
import { serverMigration020 } from './020-assistance';
import { serverMigration021 } from './021-supervisor-decisions-judged';
import { serverMigration022 } from './022-billing-rules';
import { serverMigration023 } from './023-purge-person-texts';
import { serverMigration024 } from './024-appeal-letter-denial';
import { serverMigration025 } from './025-billing-rule-bounds';
import { serverMigration026 } from './026-dunning-stages';
import { serverMigration027 } from './027-document-sendings';
import { serverMigration028 } from './028-agency-changes';
import { serverMigration029 } from './029-claim-line-changes';
import { serverMigration030 } from './030-agency-takes-accounts';
import { serverMigration031 } from './031-facility-changes';
import { serverMigration032 } from './032-claim-status-events';
import { serverMigration033 } from './033-claim-providers';
import { serverMigration034 } from './034-claim-status-files';
import { serverMigration035 } from './035-adjustment-requests';
import { serverMigration036 } from './036-letterhead';
import { serverMigration037 } from './037-purge-request-texts';
import { serverMigration038 } from './038-purge-money-memos';
import { serverMigration039 } from './039-request-decided-by-another';
import { serverMigration041 } from './041-request-waiting-once';

/** Numbered migrations of the office's PostgreSQL database; schema_version holds those applied. */
export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    version: 1,
    name: 'office, desktops, notes and follow-ups, change log',
    sql: serverMigration001,
  },
  {
    version: 2,
    name: 'payments and their reversals, insert-only, reversed once',
    sql: serverMigration002,
  },
  {
    version: 3,
    name: 'who is working which account now, announced, never logged',
    sql: serverMigration003,
  },
  {
    version: 4,
    name: "the office's copy of its database, for new desktops to download",
    sql: serverMigration004,
  },
  {
    version: 5,
    name: 'people, accounts, coverages, claims and lines created at a desktop, insert-only',
    sql: serverMigration005,
  },
  {
    version: 6,
    name: 'what each applied entry held, so a desktop put back in time cannot reuse a number',
    sql: serverMigration006,
  },
  {
    version: 7,
    name: 'which desktop posted each 835 payment, so none is posted twice office-wide',
    sql: serverMigration007,
  },
  {
    version: 8,
    name: 'filed documents created at a desktop, and their files by content hash, insert-only',
    sql: serverMigration008,
  },
  {
    version: 9,
    name: 'users as the office knows them, changed only by its supervisors',
    sql: serverMigration009,
  },
  {
    version: 10,
    name: "a payer's codes on claims and deposit batches posted after joining, insert-only",
    sql: serverMigration010,
  },
  {
    version: 11,
    name: 'changes to payers, people, coverages and claims, by version',
    sql: serverMigration011,
  },
  {
    version: 12,
    name: "each desk's own login, held by the server to its own marks, entries and rows",
    sql: serverMigration012,
  },
  {
    version: 13,
    name: 'facilities added at a desktop, insert-only, one NPI office-wide',
    sql: serverMigration013,
  },
  {
    version: 14,
    name: 'changes to users judged by the server itself: only a supervisor decides',
    sql: serverMigration014,
  },
  {
    version: 15,
    name: "an account's status and class by version; bad debt moves, agencies, placements",
    sql: serverMigration015,
  },
  {
    version: 16,
    name: "denials and the payer's answers to appeals, a denial changed by version",
    sql: serverMigration016,
  },
  {
    version: 17,
    name: 'a person de-identified at a desk purged from the server: log, addresses, notes, files',
    sql: serverMigration017,
  },
  {
    version: 18,
    name: 'contact restrictions and statement holds by version; hold releases insert-only',
    sql: serverMigration018,
  },
  {
    version: 19,
    name: 'payment plans, changed by version with their schedules, and promises to pay',
    sql: serverMigration019,
  },
  {
    version: 20,
    name: 'financial-assistance applications by version, notices of collection actions as sent',
    sql: serverMigration020,
  },
  {
    version: 21,
    name: "a supervisor's decisions in the collection cycle judged by the server itself",
    sql: serverMigration021,
  },
  {
    version: 22,
    name: "the office's billing rules, one row a rule, changed by version in a supervisor's name",
    sql: serverMigration022,
  },
  {
    version: 23,
    name: "a de-identified person purged from the collection records' free texts too",
    sql: serverMigration023,
  },
  {
    version: 24,
    name: 'an appeal letter names its denial office-wide',
    sql: serverMigration024,
  },
  {
    version: 25,
    name: "each billing rule held to Settings' bounds, and calling hours starting before they end",
    sql: serverMigration025,
  },
  {
    version: 26,
    name: "each account's place in its statement cycle, the later of two kept",
    sql: serverMigration026,
  },
  {
    version: 27,
    name: 'when a filed document went out, marked once office-wide',
    sql: serverMigration027,
  },
  {
    version: 28,
    name: 'an agency edited in Settings changes by version, by an active supervisor',
    sql: serverMigration028,
  },
  {
    version: 29,
    name: "a claim's lines change by version, as a replacement claim leaves them",
    sql: serverMigration029,
  },
  {
    version: 30,
    name: 'no accounts sent to an agency the office has set to take no new ones',
    sql: serverMigration030,
  },
  {
    version: 31,
    name: 'a facility edited in Settings changes by version, one NPI office-wide',
    sql: serverMigration031,
  },
  {
    version: 32,
    name: "a 277's claim status events, insert-only, each desk adding its own",
    sql: serverMigration032,
  },
  {
    version: 33,
    name: "a claim's and its lines' providers, inside their rows, by version",
    sql: serverMigration033,
  },
  {
    version: 34,
    name: "one desk's events of a 277 file for a claim, office-wide",
    sql: serverMigration034,
  },
  {
    version: 35,
    name: 'a request waiting for approval and its decision, by an active supervisor',
    sql: serverMigration035,
  },
  {
    version: 36,
    name: "the office's letterhead, one record by version, saved by an active supervisor",
    sql: serverMigration036,
  },
  {
    version: 37,
    name: "the purge of a de-identified person reaches a request's memo and decision note",
    sql: serverMigration037,
  },
  {
    version: 38,
    name: 'the purge of a de-identified person reaches the memos of their money rows, nothing else',
    sql: serverMigration038,
  },
  {
    version: 39,
    name: 'a request waiting for approval decided by someone other than who asked for it',
    sql: serverMigration039,
  },
  {
    version: 41,
    name: 'one request of a kind waits on an account at a time, office-wide',
    sql: serverMigration041,
  },
];

/** The newest server schema this desktop knows; a server past it needs a newer ClaimDesk. */
export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1]?.version ?? 0;
