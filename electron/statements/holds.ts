import type { BillingRules } from '../../shared/api/rules';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../shared/api/contact';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Cents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import { nextStage, paidOffSince, type StageRecord } from './dunning';
import { stateFlags } from './state-flags';

/** What the cycle needs to know about one account. */
export interface AccountState {
  accountId: AccountId;
  accountNumber: string;
  status: string;
  guarantorId: number;
  guarantorName: string;
  patientBalance: Cents;
  insuranceBalance: Cents;
  oldestOpenDate: IsoDate | null;
  lastStatementDate: IsoDate | null;
  deceasedDate: IsoDate | null;
  returnedMail: boolean;
  hasAddress: boolean;
  openHolds: readonly string[];
  /** Contact restrictions in force (electron/contact), each in words. */
  restrictions: readonly { kind: string; reason: string }[];
  promiseOpen: boolean;
  planInGoodStanding: boolean;
  released: readonly string[];
  record: StageRecord | null;
  /** The stage its next dunning statement would have, 0-4. */
  stage: number;
  firstStatementDate: IsoDate;
}

interface StateRow {
  accountId: AccountId;
  accountNumber: string;
  status: string;
  guarantorId: number;
  guarantorName: string;
  patientBalance: Cents;
  insuranceBalance: Cents;
  oldestOpenDate: IsoDate | null;
  lastStatementDate: IsoDate | null;
  deceasedDate: IsoDate | null;
  returnedMail: number;
  hasAddress: number;
  stage: number | null;
  firstStatementDate: IsoDate | null;
  statementsSent: number | null;
  recordLastDate: IsoDate | null;
  postedSince: number;
}

const SELECT = `SELECT a.id AS accountId, a.account_number AS accountNumber, a.status,
    a.guarantor_id AS guarantorId, g.last_name || ', ' || g.first_name AS guarantorName,
    a.patient_balance AS patientBalance, a.insurance_balance AS insuranceBalance,
    a.oldest_open_date AS oldestOpenDate,
    (SELECT max(d.document_date) FROM documents d
      WHERE d.account_id = a.id AND d.kind = 'statement') AS lastStatementDate,
    coalesce(pt.deceased_date, g.deceased_date) AS deceasedDate,
    g.returned_mail AS returnedMail,
    EXISTS (SELECT 1 FROM addresses ad WHERE ad.person_id = a.guarantor_id) AS hasAddress,
    ds.stage, ds.first_statement_date AS firstStatementDate, ds.statements_sent AS statementsSent,
    ds.last_statement_date AS recordLastDate,
    -- paidOffSince looks only at days after the last statement: with nothing posted since, it
    -- cannot be true, so most accounts are spared reading their history (one index seek each)
    EXISTS (SELECT 1 FROM ledger_entries l WHERE l.account_id = a.id
      AND l.posting_date > ds.last_statement_date) AS postedSince
  FROM accounts a JOIN people g ON g.id = a.guarantor_id JOIN people pt ON pt.id = a.patient_id
  LEFT JOIN dunning_stages ds ON ds.account_id = a.id AND ds.guarantor_id = a.guarantor_id`;

/** The patient-side rows of the accounts named, for paidOffSince. */
const PATIENT_ENTRIES = `SELECT account_id AS accountId, posting_date AS postingDate, amount
  FROM ledger_entries WHERE account_id IN (SELECT value FROM json_each(?)) AND side = 'patient'`;

type Entries = { postingDate: IsoDate; amount: number }[];

function patientEntries(db: ReadDb, accountIds: readonly number[]): Map<number, Entries> {
  const out = new Map<number, Entries>();
  if (accountIds.length === 0) return out;
  const rows = all<{ accountId: number; postingDate: IsoDate; amount: number }>(
    db,
    PATIENT_ENTRIES,
    JSON.stringify(accountIds),
  );
  for (const r of rows) {
    const list = out.get(r.accountId);
    if (list) list.push(r);
    else out.set(r.accountId, [r]);
  }
  return out;
}

function recordOf(r: StateRow): StageRecord | null {
  return r.stage !== null && r.firstStatementDate !== null
    ? {
        stage: r.stage,
        firstStatementDate: r.firstStatementDate,
        statementsSent: r.statementsSent ?? 0,
        lastStatementDate: r.recordLastDate,
      }
    : null;
}

/** Shared by the many accounts with nothing of the kind; nothing changes a state's lists. */
const NONE: readonly never[] = [];

/**
 * The accounts named, or every account of the guarantors named that a statement would
 * cover (a patient balance either way), or every such account of every guarantor, as the
 * cycle sees them today: their flags, holds, releases and the stage their next statement
 * would have.
 */
export function accountStates(
  db: ReadDb,
  today: IsoDate,
  rules: BillingRules,
  which: { accountIds: readonly number[] } | { guarantorIds: readonly number[] } | 'owing',
): AccountState[] {
  const rows =
    which === 'owing'
      ? all<StateRow>(db, `${SELECT} WHERE a.patient_balance <> 0 ORDER BY a.account_number`)
      : 'accountIds' in which
        ? all<StateRow>(
            db,
            `${SELECT} WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.account_number`,
            JSON.stringify(which.accountIds),
          )
        : all<StateRow>(
            db,
            `${SELECT} WHERE a.guarantor_id IN (SELECT value FROM json_each(?))
               AND a.patient_balance <> 0 ORDER BY a.account_number`,
            JSON.stringify(which.guarantorIds),
          );
  const flags = stateFlags(
    db,
    which === 'owing'
      ? null
      : {
          accountIds: rows.map((r) => r.accountId),
          guarantorIds: [...new Set(rows.map((r) => r.guarantorId))],
        },
  );
  const entries = patientEntries(
    db,
    rows.flatMap((r) =>
      r.postedSince === 1 && recordOf(r)?.lastStatementDate ? [r.accountId] : [],
    ),
  );
  // most accounts share a stage and a cycle start with many others
  const stages = new Map<string, ReturnType<typeof nextStage>>();
  return rows.map((r) => {
    const record = recordOf(r);
    const since = record?.lastStatementDate ?? null;
    const paid =
      record !== null &&
      since !== null &&
      r.postedSince === 1 &&
      paidOffSince(entries.get(r.accountId) ?? NONE, since);
    let next: ReturnType<typeof nextStage>;
    if (record && !paid) {
      const key = `${record.stage} ${record.firstStatementDate}`;
      next = stages.get(key) ?? nextStage(record, today, rules, false);
      stages.set(key, next);
    } else next = nextStage(record, today, rules, paid);
    return {
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      status: r.status,
      guarantorId: r.guarantorId,
      guarantorName: r.guarantorName,
      patientBalance: r.patientBalance,
      insuranceBalance: r.insuranceBalance,
      oldestOpenDate: r.oldestOpenDate,
      lastStatementDate: r.lastStatementDate,
      deceasedDate: r.deceasedDate,
      returnedMail: r.returnedMail === 1,
      hasAddress: r.hasAddress === 1,
      openHolds: flags.openHolds.get(r.accountId) ?? NONE,
      restrictions: restrictionsOf(flags.restrictions(r.accountId, r.guarantorId)),
      promiseOpen: flags.promiseOpen.has(r.accountId),
      planInGoodStanding: flags.planInGoodStanding.has(r.accountId),
      released: flags.released.get(r.accountId) ?? NONE,
      record: paid ? null : record,
      stage: next.stage,
      firstStatementDate: next.firstStatementDate,
    };
  });
}

function restrictionsOf(
  list: readonly { kind: ContactRestrictionKind; on: IsoDate }[],
): AccountState['restrictions'] {
  if (list.length === 0) return NONE;
  return list.map((r) => ({
    kind: r.kind,
    reason: `${CONTACT_RESTRICTION.labels[r.kind].toLowerCase()} on ${formatUsDate(r.on)}`,
  }));
}

// the decisions over these states live beside them; callers have always found them here
export { accountHolds, guarantorCycles, type GuarantorCycle } from './cycle';
