import type pg from 'pg';
import { COLUMNS, changingColumns, serverColumn, type ChangeableTable } from '../record-columns';
import { serverRow, type Change, type ServerRow } from '../wire';
import { constraintOf, sqlState } from './connection';
import { embeddedColumns, embeddedFields } from './embedded';
import {
  isDecidedByAsker,
  isSupervisorRefusal,
  notDecidedByAnother,
  notEndedBySupervisor,
} from './supervisor-decisions';

/**
 * Changes to records created earlier (server migrations 11 and 15): a claim's status, a
 * person's details, a payer, an account's status and class, a coverage. Each is applied only from the version the desktop started
 * from, so of two desks changing one claim at once the second is refused and takes the
 * office's row; no change is lost and none silently overwrites another.
 */
export class RecordChangeRefused extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[],
  ) {
    super(reason);
  }
}

type RecordUpdate = Extract<Change, { tbl: ChangeableTable }>;

const BASE = 'base:';

/** A record as the server has it now, or undefined; bigint columns read as numbers via JSON. */
export async function serverRecord(
  q: pg.Pool | pg.ClientBase,
  tbl: ChangeableTable,
  gid: string,
  lock = false,
): Promise<ServerRow | undefined> {
  const { rows } = await q.query<{ j: Record<string, unknown>; version: number }>(
    `SELECT to_jsonb(t) AS j, version FROM ${tbl} t WHERE gid = $1${lock ? ' FOR UPDATE' : ''}`,
    [gid],
  );
  const r = rows[0];
  if (!r) return undefined;
  const row: Record<string, unknown> = {};
  for (const col of COLUMNS[tbl]) row[col[0]] = r.j[serverColumn(col)];
  Object.assign(row, embeddedFields(tbl, r.j));
  return serverRow.parse({ tbl, gid, version: r.version, row });
}

/** The records the server has now of those named, for a desktop whose change was refused. */
export async function fetchRecords(
  pool: pg.Pool,
  named: readonly { tbl: ChangeableTable; gid: string }[],
): Promise<ServerRow[]> {
  const out: ServerRow[] = [];
  for (const n of named) {
    const r = await serverRecord(pool, n.tbl, n.gid);
    if (r) out.push(r);
  }
  return out;
}

/**
 * Applies a change to a record in the entry's transaction. A row of the office's first copy
 * that nobody has changed yet is not on the server, and every copy has it at version 1: its
 * first change (from version 1) brings it. Two desks making that first change at once: the
 * second waits on the first's new row, then finds its version moved and is refused.
 */
export async function changeRecord(
  client: pg.ClientBase,
  desktopId: string,
  c: RecordUpdate,
): Promise<void> {
  const cols = COLUMNS[c.tbl];
  const fields: Record<string, unknown> = c.row;
  // a plan's schedule changes with it, whole
  const extra = embeddedColumns(c);
  const names = [...cols.map(serverColumn), ...extra.map(([column]) => column)];
  const values = [...cols.map(([field]) => fields[field]), ...extra.map(([, value]) => value)];
  // only what changes after a record is made is set (a desk's login may update nothing else,
  // server migration 17); what names it must be as the server has it, or the change is refused
  const changes = new Set(changingColumns(c.tbl));
  const moving = [
    ...cols.flatMap((col, i) => (changes.has(col[1]) ? [i] : [])),
    ...extra.map((_, j) => cols.length + j),
  ];
  const naming = cols.flatMap((col, i) => (changes.has(col[1]) ? [] : [i]));
  const set = moving.map((i) => `${names[i]} = $${i + 4}`).join(', ');
  const same = (t: string) =>
    naming.map((i) => ` AND ${t}.${names[i]} IS NOT DISTINCT FROM $${i + 4}`).join('');
  await client.query('SAVEPOINT change_record');
  let changed: number | null;
  try {
    if (c.gid.startsWith(BASE) && c.baseVersion === 1) {
      const all = ['gid', 'version', 'desktop_id', ...names];
      changed = (
        await client.query(
          `INSERT INTO ${c.tbl} (${all.join(', ')})
             VALUES (${all.map((_, i) => `$${i + 1}`).join(', ')})
             ON CONFLICT (gid) DO UPDATE SET ${set}, version = excluded.version
             WHERE ${c.tbl}.version = 1${same(c.tbl)}`,
          [c.gid, c.version, desktopId, ...values],
        )
      ).rowCount;
    } else {
      changed = (
        await client.query(
          `UPDATE ${c.tbl} t SET ${set}, version = $3 WHERE gid = $1 AND version = $2${same('t')}`,
          [c.gid, c.baseVersion, c.version, ...values],
        )
      ).rowCount;
    }
    await client.query('RELEASE SAVEPOINT change_record');
  } catch (error) {
    const judged = isSupervisorRefusal(error);
    const byAsker = isDecidedByAsker(error);
    // a coverage moved to a priority another already holds, say: refused as a clash
    if (sqlState(error) !== '23505' && !judged && !byAsker) throw error;
    await client.query('ROLLBACK TO SAVEPOINT change_record');
    if (judged || byAsker) {
      const now = await serverRecord(client, c.tbl, c.gid);
      throw new RecordChangeRefused(
        byAsker
          ? notDecidedByAnother(now ? 'has it' : 'has none')
          : notEndedBySupervisor(c.tbl, now !== undefined),
        now ? [now] : [],
      );
    }
    if (c.tbl === 'agencies' && constraintOf(error) === 'agencies_name_once') {
      const now = await serverRecord(client, c.tbl, c.gid);
      throw new RecordChangeRefused(nameTaken(c.row.name, now), now ? [now] : []);
    }
    if (c.tbl === 'facilities' && constraintOf(error) === 'facilities_npi_once') {
      const now = await serverRecord(client, c.tbl, c.gid);
      throw new RecordChangeRefused(npiTaken(c.row.npi ?? '', now), now ? [now] : []);
    }
    changed = 0;
  }
  if (changed === 1) return;
  const now = await serverRecord(client, c.tbl, c.gid);
  if (!now) throw new RecordChangeRefused(`The office has no such ${NOUN[c.tbl]}.`, []);
  if (now.version === c.baseVersion) {
    throw new RecordChangeRefused(
      `The office has ${named(c, now)} as another record; this desktop took the office's record of it.`,
      [now],
    );
  }
  throw new RecordChangeRefused(
    `Someone changed ${named(c, now)} first at another desktop; this desktop took the office's ` +
      'record of it.',
    [now],
  );
}

/**
 * An agency renamed to a name another agency of the office holds (one name office-wide),
 * added or renamed at another desk first.
 */
function nameTaken(name: string, now: ServerRow | undefined): string {
  const after =
    now?.tbl === 'agencies'
      ? `this desktop took the office’s record of the agency it renamed, ${now.row.name}`
      : 'the office has no record of the agency it renamed yet, so this desktop keeps its change here, listed, for a supervisor to put right';
  return `The office already has another agency named ${name}; ${after}.`;
}

/**
 * A facility given an NPI another facility of the office carries (one NPI office-wide, so a
 * claim file's billing provider finds one place), added or changed at another desk first.
 */
function npiTaken(npi: string, now: ServerRow | undefined): string {
  const after =
    now?.tbl === 'facilities'
      ? `this desktop took the office’s record of the facility it changed, ${now.row.name}`
      : 'the office has no record of the facility it changed yet, so this desktop keeps its change here, listed, for a supervisor to put right';
  return `The office already has another facility with NPI ${npi}; ${after}.`;
}

const NOUN: Record<ChangeableTable, string> = {
  facilities: 'facility',
  payers: 'payer',
  people: 'person',
  accounts: 'account',
  coverages: 'coverage',
  claims: 'claim',
  denials: 'denial',
  bad_debt_moves: 'move to bad debt',
  agency_placements: 'placement',
  extraordinary_actions: 'collection action',
  contact_restrictions: 'contact restriction',
  collection_holds: 'statement hold',
  payment_plans: 'payment plan',
  assistance_applications: 'financial-assistance application',
  agencies: 'collection agency',
  claim_lines: 'claim line',
  adjustment_requests: 'request waiting for approval',
};

/**
 * The record in words a person knows it by; a person is not named, the reason being kept. An
 * agency or facility renamed here is named as the office has it, since the desk takes that
 * name back.
 */
function named(c: RecordUpdate, now: ServerRow): string {
  switch (c.tbl) {
    case 'facilities': {
      const office = now.tbl === 'facilities' ? now.row.name : c.row.name;
      // named here as the desk had it, whether the desk renamed it or the office did
      return office === c.row.name
        ? `facility ${office}`
        : `facility ${office} (named ${c.row.name} here)`;
    }
    case 'claims':
      return `claim ${c.row.claimNumber}`;
    case 'payers':
      return `payer ${c.row.name} (${c.row.payerCode})`;
    case 'people':
      return "this person's details";
    case 'accounts':
      return `account ${c.row.accountNumber}`;
    case 'coverages':
      return "this account's coverage";
    case 'denials':
      return "this claim's denial";
    case 'bad_debt_moves':
      return "this account's move to bad debt";
    case 'agency_placements':
      return "this account's placement with its agency";
    case 'extraordinary_actions':
      return "this account's extraordinary collection action";
    case 'contact_restrictions':
      return "this account's contact restriction";
    case 'collection_holds':
      return "this account's statement hold";
    case 'payment_plans':
      return "this account's payment plan";
    case 'assistance_applications':
      return "this account's financial-assistance application";
    case 'agencies': {
      const office = now.tbl === 'agencies' ? now.row.name : c.row.name;
      return office === c.row.name
        ? `collection agency ${office}`
        : `collection agency ${office} (renamed here to ${c.row.name})`;
    }
    case 'claim_lines':
      return `line ${c.row.lineNumber} of this claim`;
    case 'adjustment_requests':
      return "this account's request waiting for approval";
  }
}
