import type { AccountId } from '../../shared/ids';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { cents, negate, type Cents } from '../../shared/money/cents';
import type { Db } from '../db/open';
import { missingMarker } from '../documents/placeholders';
import type { StatementData } from '../documents/statement-data';
import { computeAging, type AgingInput } from '../ledger/aging';
import { billingRules } from '../rules/billing-rules';
import { statementDueDate } from './due-date';
import { statementLines, type ClaimRow, type LedgerRow, type ShareRow } from './lines';
import { visitKind } from './visit-kind';
import { readFacility } from '../facility/facility';
import { all, one, oneOrThrow } from '../db/query';

export interface LoadedStatement {
  readonly accountId: AccountId;
  readonly accountNumber: string;
  readonly status: string;
  readonly data: StatementData;
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
  id: number;
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
 * Everything a patient statement prints, from the ledger. The summary covers the time
 * since the previous statement (or the whole account when there was none):
 * previous balance (the account's balance on the previous statement's date) + new charges
 * - payments - adjustments - what is still pending with insurance = the patient balance.
 * Every figure is a sum of ledger rows, so the statement cannot disagree with the account.
 */
export function loadStatementData(
  db: Db,
  accountId: AccountId,
  statementDate: IsoDate,
): LoadedStatement | null {
  const account = one<AccountRow>(db, SQL.account, accountId);
  if (!account) return null;
  const warnings: string[] = [];
  const address = one<AddressRow>(db, SQL.address, account.guarantorId);
  if (!address) {
    warnings.push(
      `The guarantor has no address on file; it prints as ${missingMarker('guarantor_address')}.`,
    );
  }
  if (account.returnedMail === 1) {
    warnings.push('Mail to the guarantor came back undeliverable; check the address first.');
  }
  if (account.deceasedDate) {
    warnings.push('The guarantor is deceased; an estate letter may fit better than a statement.');
  }
  const facility = readFacility(db);
  if (!facility) {
    warnings.push(
      `The facility is not set up; its name prints as ${missingMarker('facility_name')}.`,
    );
  }
  const rules = billingRules(db);

  const entries = all<LedgerRow & AgingInput>(db, SQL.ledger, accountId);
  const previous = oneOrThrow<{ date: IsoDate | null }>(
    db,
    SQL.previousStatement,
    accountId,
    statementDate,
  ).date;
  const before = (r: LedgerRow) => previous !== null && r.postingDate <= previous;
  const inPeriod = (r: LedgerRow) => !before(r);
  const patient = entries.filter((e) => e.side === 'patient');
  const aging = computeAging(patient, statementDate);

  const claims = all<
    Omit<ClaimRow, 'description'> & {
      revenueCodes: string | null;
    }
  >(db, SQL.claims, accountId).map(({ revenueCodes, ...c }) => ({
    ...c,
    description: visitKind(revenueCodes ? revenueCodes.split(',') : []),
  }));
  const shares = all<ShareRow>(db, SQL.shares, accountId);
  const lines = statementLines(entries, claims, shares, {
    periodAfter: previous,
    patientName: account.patientId === account.guarantorId ? undefined : account.patientName,
    accountServiceDate: account.serviceDate,
  });

  const facilityAddress = facility ? addressLines(facility) : [missingMarker('facility_address')];
  const facilityName = facility?.name ?? missingMarker('facility_name');
  const data: StatementData = {
    statementDate,
    dueDate: statementDueDate(statementDate),
    accountNumber: account.accountNumber,
    daysPastDue: daysPastDue(db, accountId, aging.oldestOpenDate, statementDate),
    facility: {
      name: facilityName,
      addressLines: facilityAddress,
      phone: facility?.phone ?? missingMarker('facility_phone'),
      ...(facility?.web ? { website: facility.web } : {}),
    },
    // The facility's number is its business office's; an empty value prints as the
    // template's placeholder and is listed in the warnings.
    billingOffice: {
      phone: facility?.phone ?? '',
      hours: facility?.billingOfficeHours ?? '',
      paymentUrl: facility?.web ?? '',
      remitTo: [facilityName, ...facilityAddress],
    },
    financialAssistance: {
      phone: facility?.phone ?? '',
      url: facility?.web ?? '',
      eligibility: `households with income at or below ${rules.assistanceThresholdPercent}% of the Federal Poverty Guidelines`,
    },
    guarantor: {
      name: account.guarantorName,
      addressLines: address ? addressLines(address) : [missingMarker('guarantor_address')],
    },
    summary: {
      previousBalance: sum(entries, before),
      newCharges: sum(entries, (r) => inPeriod(r) && r.kind === 'charge'),
      payments: negate(
        sum(entries, (r) => inPeriod(r) && (r.kind === 'payment' || r.kind === 'refund')),
      ),
      adjustments: negate(
        sum(entries, (r) => inPeriod(r) && (r.kind === 'adjustment' || r.kind === 'transfer')),
      ),
      insurancePending: sum(entries, (r) => r.side === 'insurance'),
      amountDue: sum(entries, (r) => r.side === 'patient'),
    },
    aging: {
      current: aging.patient.current,
      days31to60: aging.patient.d31_60,
      days61to90: aging.patient.d61_90,
      days91to120: aging.patient.d91_120,
      over120: aging.patient.over120,
    },
    lines,
  };
  return {
    accountId,
    accountNumber: account.accountNumber,
    status: account.status,
    data,
    warnings,
  };
}
