import {
  RELEASABLE_HOLDS,
  STATEMENT_HOLD,
  type HeldAccount,
  type StatementHold,
} from '../../shared/api/statements';
import type { BillingRules } from '../../shared/api/rules';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../shared/api/contact';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { sumCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import { nextStage, paidOffSince, PRE_COLLECTION, type StageRecord } from './dunning';

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
  openHolds: string[];
  /** Contact restrictions in force (electron/contact), each in words. */
  restrictions: { kind: string; reason: string }[];
  promiseOpen: boolean;
  planInGoodStanding: boolean;
  released: string[];
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
  openHolds: string | null;
  restrictions: string | null;
  promiseOpen: number;
  planInGoodStanding: number;
  released: string | null;
  stage: number | null;
  firstStatementDate: IsoDate | null;
  statementsSent: number | null;
  recordLastDate: IsoDate | null;
  postedSince: number;
}

/**
 * The open restrictions that concern account a, as two indexed lookups joined by `joiner`
 * (written as one OR, every open restriction was read per account).
 */
const RESTRICTED = (head: string, tail: string, joiner: string) =>
  [
    `${head} FROM contact_restrictions x WHERE x.lifted_at IS NULL AND x.account_id = a.id${tail}`,
    `${head} FROM contact_restrictions x WHERE x.lifted_at IS NULL
      AND x.kind <> 'written_dispute' AND x.person_id = a.guarantor_id${tail}`,
  ].join(joiner);

const SELECT = `SELECT a.id AS accountId, a.account_number AS accountNumber, a.status,
    a.guarantor_id AS guarantorId, g.last_name || ', ' || g.first_name AS guarantorName,
    a.patient_balance AS patientBalance, a.insurance_balance AS insuranceBalance,
    a.oldest_open_date AS oldestOpenDate,
    (SELECT max(d.document_date) FROM documents d
      WHERE d.account_id = a.id AND d.kind = 'statement') AS lastStatementDate,
    coalesce(pt.deceased_date, g.deceased_date) AS deceasedDate,
    g.returned_mail AS returnedMail,
    EXISTS (SELECT 1 FROM addresses ad WHERE ad.person_id = a.guarantor_id) AS hasAddress,
    (SELECT group_concat(h.kind) FROM collection_holds h
      WHERE h.account_id = a.id AND h.closed_at IS NULL) AS openHolds,
    -- whether any restriction applies, first: nearly all accounts have none, and building the
    -- union for each of them cost more than asking
    CASE WHEN ${RESTRICTED('EXISTS (SELECT 1', ')', ' OR ')} THEN
      (SELECT json_group_array(json_object('kind', cr.kind, 'on', cr.effective_date))
        FROM contact_restrictions cr WHERE cr.id IN (${RESTRICTED('SELECT x.id', '', ' UNION ')}))
    END AS restrictions,
    EXISTS (SELECT 1 FROM promises p WHERE p.account_id = a.id AND p.status = 'open') AS promiseOpen,
    EXISTS (SELECT 1 FROM payment_plans pp
      WHERE pp.account_id = a.id AND pp.status = 'active' AND pp.delinquent = 0) AS planInGoodStanding,
    -- the guard spares the accounts with no release (nearly all) reading their statements
    CASE WHEN EXISTS (SELECT 1 FROM statement_hold_releases r WHERE r.account_id = a.id) THEN
      (SELECT group_concat(r.hold) FROM statement_hold_releases r
        WHERE r.account_id = a.id AND r.released_at > coalesce((SELECT max(d.created_at)
          FROM documents d WHERE d.account_id = a.id AND d.kind = 'statement'), '')) END AS released,
    ds.stage, ds.first_statement_date AS firstStatementDate, ds.statements_sent AS statementsSent,
    ds.last_statement_date AS recordLastDate,
    -- paidOffSince looks only at days after the last statement: with nothing posted since, it
    -- cannot be true, so most accounts are spared reading their history (one index seek each)
    EXISTS (SELECT 1 FROM ledger_entries l WHERE l.account_id = a.id
      AND l.posting_date > ds.last_statement_date) AS postedSince
  FROM accounts a JOIN people g ON g.id = a.guarantor_id JOIN people pt ON pt.id = a.patient_id
  LEFT JOIN dunning_stages ds ON ds.account_id = a.id AND ds.guarantor_id = a.guarantor_id`;

const PATIENT_ENTRIES = `SELECT posting_date AS postingDate, amount FROM ledger_entries
  WHERE account_id = ? AND side = 'patient'`;

/**
 * The accounts named, or every account of the guarantors named that a statement would
 * cover (a patient balance either way), as the cycle sees them today: their flags, holds,
 * releases and the stage their next statement would have.
 */
export function accountStates(
  db: ReadDb,
  today: IsoDate,
  rules: BillingRules,
  which: { accountIds: readonly number[] } | { guarantorIds: readonly number[] },
): AccountState[] {
  const rows =
    'accountIds' in which
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
  return rows.map((r) => {
    const record: StageRecord | null =
      r.stage !== null && r.firstStatementDate !== null
        ? {
            stage: r.stage,
            firstStatementDate: r.firstStatementDate,
            statementsSent: r.statementsSent ?? 0,
            lastStatementDate: r.recordLastDate,
          }
        : null;
    const since = record?.lastStatementDate ?? null;
    const paid =
      record !== null &&
      since !== null &&
      r.postedSince === 1 &&
      paidOffSince(
        all<{ postingDate: IsoDate; amount: number }>(db, PATIENT_ENTRIES, r.accountId),
        since,
      );
    const next = nextStage(record, today, rules, paid);
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
      openHolds: r.openHolds ? r.openHolds.split(',') : [],
      restrictions: restrictionsOf(r.restrictions),
      promiseOpen: r.promiseOpen === 1,
      planInGoodStanding: r.planInGoodStanding === 1,
      released: r.released ? r.released.split(',') : [],
      record: paid ? null : record,
      stage: next.stage,
      firstStatementDate: next.firstStatementDate,
    };
  });
}

function restrictionsOf(json: string | null): AccountState['restrictions'] {
  const list = json ? (JSON.parse(json) as { kind: ContactRestrictionKind; on: IsoDate }[]) : [];
  return list.map((r) => ({
    kind: r.kind,
    reason: `${CONTACT_RESTRICTION.labels[r.kind].toLowerCase()} on ${formatUsDate(r.on)}`,
  }));
}

function held(a: AccountState, hold: StatementHold, reason: string): HeldAccount {
  return {
    accountId: a.accountId,
    accountNumber: a.accountNumber,
    hold,
    reason: `Account ${a.accountNumber}: ${reason}`,
    releasable: RELEASABLE_HOLDS.includes(hold),
  };
}

/**
 * Every hold on one account, the one that decides first. A release by a supervisor lifts
 * its hold for the next statement; the holds that need their cause fixed cannot be lifted.
 */
export function accountHolds(a: AccountState): HeldAccount[] {
  const out: HeldAccount[] = [];
  const add = (hold: StatementHold, reason: string) => {
    if (!(RELEASABLE_HOLDS.includes(hold) && a.released.includes(hold))) {
      out.push(held(a, hold, reason));
    }
  };
  if (a.status === 'agency') add('agency', 'the account is with a collection agency.');
  else if (a.status !== 'open') {
    add(
      'not_open',
      `the account is ${a.status === 'bad_debt' ? 'written off as bad debt' : a.status}.`,
    );
  }
  if (a.deceasedDate) {
    add(
      'deceased',
      `the patient or guarantor died on ${formatUsDate(a.deceasedDate)}; the estate process applies instead.`,
    );
  }
  const bankruptcy = a.restrictions.find((r) => r.kind === 'bankruptcy');
  if (a.openHolds.includes('bankruptcy') || bankruptcy) {
    add('bankruptcy', `a bankruptcy is on file${bankruptcy ? ` (${bankruptcy.reason})` : ''}.`);
  }
  const restricted = a.restrictions.filter((r) => r.kind !== 'bankruptcy');
  if (restricted.length > 0) {
    add(
      'contact_restricted',
      `contact is restricted: ${restricted.map((r) => r.reason).join('; ')}.`,
    );
  }
  if (a.returnedMail) add('returned_mail', 'mail to the guarantor came back; confirm the address.');
  else if (!a.hasAddress) add('no_address', 'the guarantor has no address on file.');
  if (a.openHolds.includes('dispute')) add('dispute', 'the balance is disputed.');
  if (a.openHolds.includes('assistance')) {
    add('assistance', 'a financial-assistance application is pending.');
  }
  if (a.promiseOpen) add('promise', 'a promise to pay is open.');
  if (a.insuranceBalance > 0) {
    add(
      'insurance_pending',
      `${formatCents(a.insuranceBalance)} is still with insurance; the patient's share is not final.`,
    );
  }
  if (a.patientBalance < 0)
    add('credit', 'the account has a credit balance; the refund process applies.');
  else if (a.patientBalance === 0) add('no_balance', 'the patient owes nothing.');
  if (a.stage === PRE_COLLECTION && !a.planInGoodStanding) {
    add(
      'pre_collection',
      'the final notice period has passed; it waits for a decision on agency referral.',
    );
  }
  return out;
}

/** A guarantor's accounts, sorted into the statement's, the plan statement's and the held. */
export interface GuarantorCycle {
  guarantorId: number;
  guarantorName: string;
  dunning: AccountState[];
  plan: AccountState[];
  held: HeldAccount[];
  /** The stage of the dunning statement: the firmest its accounts have reached. */
  stage: number;
}

export function guarantorCycles(
  states: readonly AccountState[],
  rules: BillingRules,
): GuarantorCycle[] {
  const byGuarantor = new Map<number, AccountState[]>();
  for (const s of states) {
    const list = byGuarantor.get(s.guarantorId) ?? [];
    list.push(s);
    byGuarantor.set(s.guarantorId, list);
  }
  const cycles: GuarantorCycle[] = [];
  for (const [guarantorId, accounts] of byGuarantor) {
    const cycle: GuarantorCycle = {
      guarantorId,
      guarantorName: accounts[0]?.guarantorName ?? '',
      dunning: [],
      plan: [],
      held: [],
      stage: 0,
    };
    for (const a of accounts) {
      const holds = accountHolds(a);
      const first = holds[0];
      if (first) {
        cycle.held.push(
          holds.length > 1
            ? {
                ...first,
                reason: `${first.reason} Also: ${holds
                  .slice(1)
                  .map((h) => STATEMENT_HOLD.labels[h.hold].toLowerCase())
                  .join(', ')}.`,
              }
            : first,
        );
      } else if (a.planInGoodStanding) cycle.plan.push(a);
      else cycle.dunning.push(a);
    }
    const owed = sumCents(cycle.dunning.map((a) => a.patientBalance));
    if (cycle.dunning.length > 0 && owed < rules.statementMinimum) {
      const released = cycle.dunning.filter((a) => a.released.includes('minimum'));
      if (released.length === 0) {
        for (const a of cycle.dunning) {
          cycle.held.push(
            held(
              a,
              'minimum',
              `the guarantor owes ${formatCents(owed)} in all, under the ${formatCents(rules.statementMinimum)} minimum.`,
            ),
          );
        }
        cycle.dunning = [];
      }
    }
    cycle.stage = Math.max(0, ...cycle.dunning.map((a) => a.stage));
    cycles.push(cycle);
  }
  return cycles;
}
