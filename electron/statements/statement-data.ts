import type { AccountId } from '../../shared/ids';
import type { DunningStage } from '../../shared/api/statements';
import { bucketForAge } from '../../shared/aging/buckets';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { addCents, cents, negate, sumCents, type Cents } from '../../shared/money/cents';
import type { Db } from '../db/open';
import { missingMarker } from '../documents/placeholders';
import type { StatementAging, StatementData, StatementLine } from '../documents/statement-data';
import { computeAging, type AgingInput } from '../ledger/aging';
import { accountPlans } from '../plans/load';
import { billingRules } from '../rules/billing-rules';
import { statementDueDate } from './due-date';
import { referralDate } from './dunning';
import { statementLines, type ClaimRow, type LedgerRow, type ShareRow } from './lines';
import { visitKind } from './visit-kind';
import { readFacility } from '../facility/facility';
import { all, one, oneOrThrow } from '../db/query';

export interface LoadedStatement {
  /** The first account listed; a guarantor's statement lists all of `accountIds`. */
  readonly accountId: AccountId;
  readonly accountIds: readonly AccountId[];
  readonly accountNumber: string;
  readonly status: string;
  readonly data: StatementData;
  /** Each account's own amount due, to keep as the next statement's previous balance. */
  readonly amountsDue: ReadonlyMap<AccountId, Cents>;
  /** What prints as a placeholder or needs a look, beyond the template's own gaps. */
  readonly warnings: readonly string[];
}

const SQL = {
  account: `SELECT a.id, a.account_number AS accountNumber, a.status, a.service_date AS serviceDate,
      a.patient_id AS patientId, a.guarantor_id AS guarantorId,
      pt.first_name || ifnull(' ' || pt.middle_name, '') || ' ' || pt.last_name AS patientName,
      g.first_name || ifnull(' ' || g.middle_name, '') || ' ' || g.last_name AS guarantorName,
      g.returned_mail AS returnedMail, g.deceased_date AS deceasedDate
    FROM accounts a JOIN people pt ON pt.id = a.patient_id JOIN people g ON g.id = a.guarantor_id
    WHERE a.id = ?`,
  address: `SELECT line1, line2, city, state, zip FROM addresses WHERE person_id = ?
    ORDER BY effective_date DESC, id DESC LIMIT 1`,
  ledger: `SELECT id, claim_id AS claimId, kind, side, amount, posting_date AS postingDate,
      reverses_id AS reversesId
    FROM ledger_entries WHERE account_id = ? ORDER BY posting_date, id`,
  claims: `SELECT c.id, c.primary_claim_id AS primaryClaimId, py.name AS payerName,
      min(cl.service_date) AS firstDate, group_concat(cl.revenue_code) AS revenueCodes
    FROM claims c JOIN payers py ON py.id = c.payer_id
    LEFT JOIN claim_lines cl ON cl.claim_id = c.id
    WHERE c.account_id = ? GROUP BY c.id ORDER BY c.id`,
  shares: `SELECT ca.claim_id AS claimId, ca.reason_code AS reasonCode, sum(ca.amount) AS amount
    FROM claim_adjustments ca JOIN claims c ON c.id = ca.claim_id
    WHERE c.account_id = ? AND ca.group_code = 'PR' GROUP BY ca.claim_id, ca.reason_code`,
  previousStatement: `SELECT max(document_date) AS date FROM documents
    WHERE account_id = ? AND kind = 'statement' AND document_date < ?`,
  firstStatementSince: `SELECT min(document_date) AS date FROM documents
    WHERE account_id = ? AND kind = 'statement' AND document_date >= ? AND document_date < ?`,
} as const;

interface AccountRow {
  id: AccountId;
  accountNumber: string;
  status: string;
  serviceDate: IsoDate;
  patientId: number;
  guarantorId: number;
  patientName: string;
  guarantorName: string;
  returnedMail: number;
  deceasedDate: IsoDate | null;
}

interface AddressRow {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

function addressLines(a: AddressRow): string[] {
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.city}, ${a.state} ${a.zip}`];
}

function sum(rows: readonly LedgerRow[], keep: (r: LedgerRow) => boolean): Cents {
  return cents(rows.reduce((s, r) => (keep(r) ? s + r.amount : s), 0));
}

/**
 * Days the oldest amount the patient still owes is past its due date: the due date of
 * the first statement filed after it became the patient's, or, when none was filed
 * here, the due date it would have had on a statement the day it did.
 */
function daysPastDue(db: Db, accountId: AccountId, oldestOpen: IsoDate | null, today: IsoDate) {
  if (oldestOpen === null) return 0;
  const first = oneOrThrow<{
    date: IsoDate | null;
  }>(db, SQL.firstStatementSince, accountId, oldestOpen, today).date;
  return daysBetween(statementDueDate(first ?? oldestOpen), today);
}

/**
 * The patient side by age. A credit left over after paying every charge ages from the date
 * of the payments or adjustments that made it (the latest ones), not from today.
 */
function patientAging(
  patient: readonly (LedgerRow & AgingInput)[],
  today: IsoDate,
): StatementAging {
  const aged = computeAging(patient, today).patient;
  const balance = sum(patient, () => true);
  const buckets = {
    current: aged.current,
    d31_60: aged.d31_60,
    d61_90: aged.d61_90,
    d91_120: aged.d91_120,
    over120: aged.over120,
  };
  if (balance < 0) {
    let left = -balance;
    const credits = patient
      .filter((e) => e.amount < 0)
      .sort((a, b) => b.postingDate.localeCompare(a.postingDate));
    const byBucket: Record<string, number> = {
      current: 0,
      d31_60: 0,
      d61_90: 0,
      d91_120: 0,
      over120: 0,
    };
    for (const c of credits) {
      if (left === 0) break;
      const part = Math.min(left, -c.amount);
      left -= part;
      const key = bucketForAge(daysBetween(c.postingDate, today));
      byBucket[key] = (byBucket[key] ?? 0) - part;
    }
    for (const key of Object.keys(buckets) as (keyof typeof buckets)[]) {
      buckets[key] = cents(byBucket[key] ?? 0);
    }
  }
  return {
    current: buckets.current,
    days31to60: buckets.d31_60,
    days61to90: buckets.d61_90,
    days91to120: buckets.d91_120,
    over120: buckets.over120,
  };
}

interface AccountPart {
  account: AccountRow;
  summary: StatementData['summary'];
  aging: StatementAging;
  lines: StatementLine[];
  daysPastDue: number;
  insuranceProcessed: boolean;
  plan: StatementData['plan'];
}

/**
 * One account's part of a statement. The summary is the patient's side since the previous
 * statement: its balance then (what that statement asked for) + new charges + shares moved
 * to the patient after insurance - payments - adjustments = the patient balance now.
 */
function accountPart(
  db: Db,
  account: AccountRow,
  statementDate: IsoDate,
  labelAccount: boolean,
): AccountPart {
  const accountId = account.id;
  const entries = all<LedgerRow & AgingInput>(db, SQL.ledger, accountId);
  const previous = oneOrThrow<{ date: IsoDate | null }>(
    db,
    SQL.previousStatement,
    accountId,
    statementDate,
  ).date;
  const patient = entries.filter((e) => e.side === 'patient');
  const before = (r: LedgerRow) => previous !== null && r.postingDate <= previous;
  const since = (r: LedgerRow) => r.side === 'patient' && !before(r);
  const claims = all<Omit<ClaimRow, 'description'> & { revenueCodes: string | null }>(
    db,
    SQL.claims,
    accountId,
  ).map(({ revenueCodes, ...c }) => ({
    ...c,
    description: visitKind(revenueCodes ? revenueCodes.split(',') : []),
  }));
  const shares = all<ShareRow>(db, SQL.shares, accountId);
  const lines = statementLines(entries, claims, shares, {
    periodAfter: previous,
    patientName: account.patientId === account.guarantorId ? undefined : account.patientName,
    accountServiceDate: account.serviceDate,
  }).map((l) => (labelAccount ? { ...l, accountNumber: account.accountNumber } : l));
  const insuranceActivity = entries.some(
    (e) => e.side === 'insurance' && e.kind !== 'charge' && e.kind !== 'transfer',
  );
  const owing = lines.filter((l) => l.youOwe > 0);
  const aging = computeAging(patient, statementDate);
  const plan = accountPlans(db, accountId, statementDate).find(
    (p) => p.status === 'active' && !p.delinquent,
  );
  const next = plan?.nextDue ?? null;
  const after = plan?.installments.find((i) => next !== null && i.dueDate > next.dueDate);
  return {
    account,
    summary: {
      previousBalance: sum(patient, before),
      newCharges: sum(entries, (r) => since(r) && r.kind === 'charge'),
      afterInsurance: sum(entries, (r) => since(r) && r.kind === 'transfer' && r.amount > 0),
      payments: negate(
        sum(entries, (r) => since(r) && (r.kind === 'payment' || r.kind === 'refund')),
      ),
      adjustments: negate(
        sum(
          entries,
          (r) => since(r) && (r.kind === 'adjustment' || (r.kind === 'transfer' && r.amount < 0)),
        ),
      ),
      insurancePending: sum(entries, (r) => r.side === 'insurance'),
      amountDue: sum(patient, () => true),
    },
    aging: patientAging(patient, statementDate),
    lines,
    daysPastDue: daysPastDue(db, accountId, aging.oldestOpenDate, statementDate),
    // "processed" only when every visit still owed went through a payer that decided it
    insuranceProcessed:
      insuranceActivity && owing.length > 0 && owing.every((l) => l.payerName !== undefined),
    plan:
      plan && next
        ? {
            installmentDue: addCents(next.amount, plan.pastDue),
            dueDate: next.dueDate,
            remaining: plan.remaining,
            nextDate: after?.dueDate ?? null,
          }
        : undefined,
  };
}

function addAll<T extends { readonly [K in keyof T]: Cents }>(parts: readonly T[]): T {
  const first = parts[0];
  if (!first) throw new RangeError('a statement lists at least one account');
  const out = { ...first };
  for (const key of Object.keys(first) as (keyof T)[]) {
    (out as Record<keyof T, Cents>)[key] = sumCents(parts.map((p) => p[key]));
  }
  return out;
}

export interface StatementOptions {
  /** The dunning stage the statement is printed at; none on a plan statement. */
  readonly stage?: DunningStage;
  /** Print the plan's installment: a plan statement. */
  readonly plan?: boolean;
}

/**
 * Everything one guarantor's statement prints, from the ledgers of the accounts it lists
 * (all the same guarantor's). Every figure is a sum of ledger rows, so the statement cannot
 * disagree with the accounts.
 */
export function loadGuarantorStatement(
  db: Db,
  accountIds: readonly AccountId[],
  statementDate: IsoDate,
  options: StatementOptions = {},
): LoadedStatement | null {
  const accounts = accountIds
    .map((id) => one<AccountRow>(db, SQL.account, id))
    .filter((a): a is AccountRow => a !== undefined);
  const first = accounts[0];
  if (!first) return null;
  const warnings: string[] = [];
  const address = one<AddressRow>(db, SQL.address, first.guarantorId);
  if (!address) {
    warnings.push(
      `The guarantor has no address on file; it prints as ${missingMarker('guarantor_address')}.`,
    );
  }
  if (first.returnedMail === 1) {
    warnings.push('Mail to the guarantor came back undeliverable; check the address first.');
  }
  if (first.deceasedDate) {
    warnings.push('The guarantor is deceased; an estate letter may fit better than a statement.');
  }
  const facility = readFacility(db);
  if (!facility) {
    warnings.push(
      `The facility is not set up; its name prints as ${missingMarker('facility_name')}.`,
    );
  }
  const rules = billingRules(db);
  const several = accounts.length > 1;
  const parts = accounts.map((a) => accountPart(db, a, statementDate, several));
  const lines = parts.flatMap((p) => p.lines).sort((a, b) => a.date.localeCompare(b.date));
  const plans = parts.flatMap((p) => (p.plan ? [p.plan] : []));
  const plan =
    options.plan && plans.length > 0
      ? {
          installmentDue: sumCents(plans.map((p) => p.installmentDue)),
          dueDate: plans.map((p) => p.dueDate).sort()[0] as IsoDate,
          remaining: sumCents(plans.map((p) => p.remaining)),
          nextDate: plans.flatMap((p) => (p.nextDate ? [p.nextDate] : [])).sort()[0] ?? null,
        }
      : undefined;

  const facilityAddress = facility ? addressLines(facility) : [missingMarker('facility_address')];
  const facilityName = facility?.name ?? missingMarker('facility_name');
  const remitTo = facility?.remitTo
    ? facility.remitTo.split('\n').filter((l) => l.trim() !== '')
    : [];
  if (remitTo.length === 0) {
    warnings.push(
      `The facility has no remit-to address; the stub prints ${missingMarker('remit_address')}.`,
    );
  }
  const taglines = facility?.languageTaglines
    ? facility.languageTaglines.split('\n').filter((l) => l.trim() !== '')
    : [];
  if (taglines.length === 0) {
    warnings.push('The facility has no language-assistance taglines to print.');
  }
  const summary = addAll(parts.map((p) => p.summary));
  const stage = options.stage;
  const data: StatementData = {
    statementDate,
    dueDate: statementDueDate(statementDate),
    accountNumber: several
      ? `${first.accountNumber} +${accounts.length - 1} more`
      : first.accountNumber,
    daysPastDue: Math.max(...parts.map((p) => p.daysPastDue)),
    ...(stage ? { stage } : {}),
    ...(stage === 'final_notice' || stage === 'pre_collection'
      ? { finalActionDate: referralDate(statementDate, rules) }
      : {}),
    insuranceProcessed: parts.every((p) => p.insuranceProcessed),
    ...(plan ? { plan } : {}),
    languageTaglines: taglines,
    facility: {
      name: facilityName,
      addressLines: facilityAddress,
      phone: facility?.phone ?? missingMarker('facility_phone'),
      ...(facility?.web ? { website: facility.web } : {}),
    },
    // an empty value prints as the template's placeholder and is listed in the warnings
    billingOffice: {
      phone: facility?.billingPhone ?? facility?.phone ?? '',
      hours: facility?.billingOfficeHours ?? '',
      paymentUrl: facility?.paymentUrl ?? '',
      remitTo: remitTo.length > 0 ? remitTo : [missingMarker('remit_address')],
    },
    financialAssistance: {
      phone: facility?.assistancePhone ?? '',
      url: facility?.assistanceUrl ?? '',
      ...(facility?.assistanceSummaryUrl ? { summaryUrl: facility.assistanceSummaryUrl } : {}),
      eligibility: `households with income at or below ${rules.assistanceThresholdPercent}% of the Federal Poverty Guidelines`,
    },
    guarantor: {
      name: first.guarantorName,
      addressLines: address ? addressLines(address) : [missingMarker('guarantor_address')],
    },
    summary,
    aging: addAll(parts.map((p) => p.aging)),
    lines,
  };
  return {
    accountId: first.id,
    accountIds: accounts.map((a) => a.id),
    accountNumber: first.accountNumber,
    status: first.status,
    data,
    amountsDue: new Map(parts.map((p) => [p.account.id, p.summary.amountDue])),
    warnings,
  };
}

/** One account's statement, as on demand from the account. */
export function loadStatementData(
  db: Db,
  accountId: AccountId,
  statementDate: IsoDate,
  options: StatementOptions = {},
): LoadedStatement | null {
  return loadGuarantorStatement(db, [accountId], statementDate, options);
}
