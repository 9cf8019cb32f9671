import type pg from 'pg';
import { COLLECTION_HOLD } from '../../../shared/api/statements';
import { COLUMNS, serverColumn, type RecordTable } from '../record-columns';
import type { Change, ServerRow } from '../wire';
import { constraintOf, sqlState } from './connection';
import { serverRecord } from './record-changes';
import { serverFollowUp } from './rows';
import { embeddedColumns } from './embedded';
import {
  isDecidedByAsker,
  isSupervisorRefusal,
  notDecidedByAnother,
  notMadeBySupervisor,
} from './supervisor-decisions';

/**
 * Raised when the office will not take a record a desktop created: another desktop created
 * the same record first, or the supervisor it names is none (server migration 21); with the
 * office's rows the desktop takes in place of its own, when it must have them to go on working.
 */
export class AlreadyCreated extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[] = [],
  ) {
    super(reason);
  }
}

type RecordChange = Extract<Change, { tbl: RecordTable }>;

const WITHDRAWN =
  'this desktop’s copy and what was done on it here were withdrawn and are listed here; redo them on the office’s.';

/**
 * Inserts a record a desktop created. Its unique keys decide between two desktops creating
 * the same one: the first to commit wins, the other waits on its index entry and is
 * refused, in words that name the record.
 */
export async function insertRecord(
  client: pg.ClientBase,
  desktopId: string,
  c: RecordChange,
): Promise<void> {
  const cols = COLUMNS[c.tbl];
  const fields: Record<string, unknown> = c.row;
  const extra = embeddedColumns(c);
  const names = [
    'gid',
    ...cols.map(serverColumn),
    ...extra.map(([column]) => column),
    'desktop_id',
  ];
  await client.query('SAVEPOINT insert_record');
  try {
    await client.query(
      `INSERT INTO ${c.tbl} (${names.join(', ')})
         VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
      [
        c.gid,
        ...cols.map(([field]) => fields[field]),
        ...extra.map(([, value]) => value),
        desktopId,
      ],
    );
    await client.query('RELEASE SAVEPOINT insert_record');
  } catch (error) {
    const why =
      sqlState(error) === '23505'
        ? alreadyCreated(c, constraintOf(error))
        : isSupervisorRefusal(error)
          ? notMadeBySupervisor(c.tbl)
          : isDecidedByAsker(error)
            ? notDecidedByAnother('filed')
            : constraintOf(error) === 'agency_takes_accounts'
              ? AGENCY_TAKES_NONE
              : undefined;
    if (why === undefined) throw error;
    await client.query('ROLLBACK TO SAVEPOINT insert_record');
    throw new AlreadyCreated(
      why,
      c.tbl === 'denials' ? await officeDenial(client, c.row.claimGid) : [],
    );
  }
}

/** Why a sending to an agency set inactive at another desk was refused (server migration 30). */
const AGENCY_TAKES_NONE =
  'The agency was set to take no new accounts at another desktop; these placements were withdrawn here and are listed, and the accounts can be placed with another agency.';

/**
 * The claim's denial the office has, after its follow-up: a desk whose own was refused
 * takes it whole, or its denials list would go on showing a denial only it has, and the
 * pull would never bring the office's (the claim's place is held).
 */
async function officeDenial(client: pg.ClientBase, claimGid: string): Promise<ServerRow[]> {
  const { rows } = await client.query<{ gid: string; followUpGid: string }>(
    `SELECT gid, follow_up_gid AS "followUpGid" FROM denials WHERE claim_gid = $1`,
    [claimGid],
  );
  const named = rows[0];
  if (!named) return [];
  const followUp = await serverFollowUp(client, 'gid = $1', [named.followUpGid]);
  const denial = await serverRecord(client, 'denials', named.gid);
  return [...(followUp ? [followUp] : []), ...(denial ? [denial] : [])];
}

/** What a request waiting elsewhere asks for, as the approvals list names it. */
const WAITING_ELSEWHERE: Record<string, string> = {
  write_off: 'A write-off of this account',
  refund: 'A refund on this account',
  reverse_entry: 'A reversal of this entry',
  reverse_payment: 'A reversal of this payment',
};

/** Why a request was refused: another desk's of the same kind waits already. */
function waitingAlready(kind: unknown): string {
  const what = WAITING_ELSEWHERE[String(kind)] ?? 'A request of this kind';
  return `${what} was already asked for at another desktop and waits for a supervisor there; this request was withdrawn here and is listed; the office’s comes with the next sync, to be decided first.`;
}

/** What the office already has, said as a person knows it; undefined for another clash. */
function alreadyCreated(c: RecordChange, constraint: string | undefined): string | undefined {
  switch (constraint) {
    case 'facilities_npi_once':
      return c.tbl === 'facilities'
        ? `Facility ${c.row.name} (NPI ${c.row.npi ?? ''}) was already added at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'payers_code_once':
      return c.tbl === 'payers'
        ? `Payer ${c.row.name} (${c.row.payerCode}) was already added at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'accounts_number_once':
      return c.tbl === 'accounts'
        ? `Account ${c.row.accountNumber} was already created at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'claims_number_once':
      return c.tbl === 'claims'
        ? `Claim ${c.row.claimNumber} was already created at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'coverages_priority_once':
      return c.tbl === 'coverages'
        ? `This account’s coverage at priority ${c.row.priority} was already added at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'bad_debt_moves_one_standing':
      return c.tbl === 'bad_debt_moves'
        ? 'This account was already moved to bad debt at another desktop; this move and its write-off were withdrawn here and are listed; the office’s move comes with the next sync.'
        : undefined;
    case 'agencies_name_once':
      return c.tbl === 'agencies'
        ? `Agency ${c.row.name} was already added at another desktop; ${WITHDRAWN}`
        : undefined;
    case 'agency_placements_open_once':
      return c.tbl === 'agency_placements'
        ? 'This account was already placed with an agency at another desktop; this placement was withdrawn here and is listed; the office’s comes with the next sync.'
        : undefined;
    case 'agency_payments_once':
      return c.tbl === 'agency_payments'
        ? `The agency's payment ${c.row.reference} was already posted at another desktop; this file's postings were withdrawn here and are listed; the office’s come with the next sync.`
        : undefined;
    case 'collection_holds_open_once':
      return c.tbl === 'collection_holds'
        ? `This account's statements were already held at another desktop (${COLLECTION_HOLD.labels[c.row.kind].toLowerCase()}); this hold was withdrawn here and is listed; the office’s comes with the next sync.`
        : undefined;
    case 'correspondence_filed_once':
      return c.tbl === 'correspondence'
        ? 'This scan was already filed on this account at another desktop.'
        : undefined;
    case 'denials_claim_once':
      return c.tbl === 'denials'
        ? `This claim's denial was already recorded at another desktop; this desktop took the office's and withdrew its own, listed here with what went with it: work the claim's denial on the office's.`
        : undefined;
    case 'payment_plans_number_once':
      return c.tbl === 'payment_plans'
        ? 'This account’s payment plan was already set up at another desktop; this plan was withdrawn here and is listed; the office’s comes with the next sync.'
        : undefined;
    case 'assistance_applications_waiting_once':
      return c.tbl === 'assistance_applications'
        ? 'This account’s financial-assistance application was already received at another desktop and waits for a decision there; this one and what was done with it were withdrawn here and are listed; the office’s comes with the next sync.'
        : undefined;
    case 'adjustment_requests_waiting_once':
      return c.tbl === 'adjustment_requests' ? waitingAlready(c.row.kind) : undefined;
    case 'claim_lines_number_once':
      return c.tbl === 'claim_lines'
        ? `Line ${c.row.lineNumber} of this claim was already added at another desktop; ${WITHDRAWN}`
        : undefined;
  }
  return undefined;
}
