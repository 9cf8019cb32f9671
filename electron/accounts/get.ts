import type { AccountId, ClaimId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type {
  AccountView,
  ActivityView,
  AddressRecord,
  ClaimProviderView,
  ClaimView,
  CoverageView,
  FollowUpView,
  LedgerEntryView,
  PersonView,
} from '../../shared/api/accounts';
import { describeGroup } from '../../shared/codes/adjustment-codes';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { codeTable, explain } from '../codes/table';
import { accountAging } from '../ledger/ledger';
import { accountDenials } from '../denials/list';
import { accountPlans } from '../plans/load';
import { accountAdjustmentRequests } from '../posting/adjustment-requests';
import { accountPromises } from '../promises/load';
import { priorityLabel } from '../queue/priority';
import { all, one } from '../db/query';

/**
 * Everything the account view shows, in one call. The statements are exported so the
 * benchmark can run them bare.
 */
export const ACCOUNT_SQL = {
  account: `SELECT id, account_number AS accountNumber, status, financial_class AS financialClass,
      service_date AS serviceDate, discharge_date AS dischargeDate, patient_id AS patientId,
      guarantor_id AS guarantorId, insurance_balance + patient_balance AS balance,
      oldest_open_date AS oldestOpenDate
    FROM accounts WHERE id = ?`,
  person: `SELECT id, first_name AS firstName, middle_name AS middleName, last_name AS lastName,
      date_of_birth AS dateOfBirth, sex, phone, returned_mail AS returnedMail,
      deceased_date AS deceasedDate
    FROM people WHERE id = ?`,
  addresses: `SELECT ad.id, line1, line2, city, state, zip, effective_date AS effectiveDate,
      recorded_at AS recordedAt, u.display_name AS recordedBy, reason
    FROM addresses ad JOIN users u ON u.id = ad.recorded_by
    WHERE person_id = ? ORDER BY effective_date DESC, ad.id DESC`,
  coverages: `SELECT cv.id, cv.priority, cv.payer_id AS payerId, py.name AS payerName,
      py.financial_class AS financialClass, cv.member_id AS memberId,
      cv.group_number AS groupNumber, py.appeal_window_days AS appealWindowDays
    FROM coverages cv JOIN payers py ON py.id = cv.payer_id
    WHERE cv.account_id = ? ORDER BY cv.priority`,
  claims: `SELECT c.id, c.claim_number AS claimNumber, c.payer_claim_number AS payerClaimNumber,
      py.name AS payerName, cv.priority AS coveragePriority, c.billed_date AS billedDate,
      c.remit_date AS remitDate, c.status, c.total_charge AS totalCharge,
      c.diagnosis_codes AS diagnoses,
      (SELECT ifnull(-sum(amount), 0) FROM ledger_entries l
        WHERE l.claim_id = c.id AND l.kind = 'payment' AND l.side = 'insurance') AS paid,
      (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
        WHERE l.claim_id = c.id AND l.side = 'insurance') AS balance,
      (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
        WHERE l.claim_id = c.id AND l.side = 'patient') AS patientBalance
    FROM claims c JOIN payers py ON py.id = c.payer_id
    LEFT JOIN coverages cv ON cv.id = c.coverage_id
    WHERE c.account_id = ? ORDER BY c.billed_date DESC, c.id DESC`,
  claimLines: `SELECT cl.id, cl.claim_id AS claimId, line_number AS lineNumber,
      service_date AS serviceDate, revenue_code AS revenueCode, procedure_code AS procedureCode,
      modifiers, units, charge
    FROM claim_lines cl JOIN claims c ON c.id = cl.claim_id
    WHERE c.account_id = ? AND cl.removed_at IS NULL ORDER BY cl.claim_id, line_number`,
  adjustments: `SELECT ca.claim_id AS claimId, cl.line_number AS lineNumber,
      ca.group_code AS groupCode, ca.reason_code AS reasonCode, ca.amount
    FROM claim_adjustments ca JOIN claims c ON c.id = ca.claim_id
    LEFT JOIN claim_lines cl ON cl.id = ca.claim_line_id
    WHERE c.account_id = ? ORDER BY ca.claim_id, cl.line_number, ca.id`,
  providers: `SELECT cp.claim_id AS claimId, cp.role, cp.name, cp.npi
    FROM claim_providers cp JOIN claims c ON c.id = cp.claim_id
    WHERE c.account_id = ? ORDER BY cp.claim_id, cp.role`,
  remarks: `SELECT cr.claim_id AS claimId, cl.line_number AS lineNumber, cr.code
    FROM claim_remarks cr JOIN claims c ON c.id = cr.claim_id
    LEFT JOIN claim_lines cl ON cl.id = cr.claim_line_id
    WHERE c.account_id = ? ORDER BY cr.claim_id, cr.id`,
  ledger: `SELECT l.id, l.posting_date AS postingDate, l.kind, l.side, l.amount,
      c.claim_number AS claimNumber, l.reference, l.reason_code AS reasonCode, l.memo,
      l.reverses_id AS reversesId, r.id AS reversedById, l.receipt_id AS receiptId,
      u.display_name AS createdBy
    FROM ledger_entries l JOIN users u ON u.id = l.created_by
    LEFT JOIN claims c ON c.id = l.claim_id
    LEFT JOIN ledger_entries r ON r.reverses_id = l.id
    WHERE l.account_id = ? ORDER BY l.posting_date, l.id`,
  activities: `SELECT ac.id, ac.kind, ac.direction, ac.party, ac.outcome, ac.body AS text,
      c.claim_number AS claimNumber, u.display_name AS userName, ac.occurred_at AS occurredAt,
      ct.local_label AS callLocalTime, ct.warnings AS callWarnings
    FROM activities ac JOIN users u ON u.id = ac.user_id
    LEFT JOIN claims c ON c.id = ac.claim_id
    LEFT JOIN call_times ct ON ct.activity_id = ac.id
    WHERE ac.account_id = ? ORDER BY ac.occurred_at DESC, ac.id DESC LIMIT 500`,
  followUps: `SELECT f.id, f.kind, f.status, f.claim_id AS claimId, c.claim_number AS claimNumber,
      f.due_date AS dueDate, f.deadline_date AS deadlineDate, f.owner_id AS ownerId,
      u.display_name AS ownerName, f.reason, f.completed_at AS completedAt
    FROM follow_ups f LEFT JOIN claims c ON c.id = f.claim_id LEFT JOIN users u ON u.id = f.owner_id
    WHERE f.account_id = ?
    ORDER BY f.status = 'open' DESC, f.due_date DESC, f.id DESC LIMIT 50`,
} as const;

type ActivityRow = Omit<ActivityView, 'callTime'> & {
  callLocalTime: string | null;
  callWarnings: string | null;
};

type PersonRow = Omit<PersonView, 'fullName' | 'returnedMail' | 'address' | 'addressHistory'> & {
  returnedMail: number;
};

function loadPerson(db: ReadDb, id: number): PersonView {
  const p = one<PersonRow>(db, ACCOUNT_SQL.person, id);
  if (!p) throw notFound('A person on the account');
  const history = all<AddressRecord>(db, ACCOUNT_SQL.addresses, id);
  return {
    ...p,
    fullName: [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' '),
    returnedMail: p.returnedMail === 1,
    address: history[0] ?? null,
    addressHistory: history,
  };
}

function groupBy<T extends { claimId: ClaimId }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.claimId);
    if (list) list.push(r);
    else map.set(r.claimId, [r]);
  }
  return map;
}

export function getAccount(ctx: ReadCtx, input: ParsedInputOf<'getAccount'>): AccountView {
  const { db } = ctx;
  const today = ctx.clock.today();
  const a = one<
    AccountView['account'] & {
      id: AccountId;
      patientId: number;
      guarantorId: number;
      balance: number;
      oldestOpenDate: IsoDate | null;
    }
  >(db, ACCOUNT_SQL.account, input.accountId);
  if (!a) throw notFound('The account');
  const aging = accountAging(db, a.id, today);

  type LineRow = Omit<ClaimView['lines'][number], 'modifiers'> & {
    claimId: ClaimId;
    modifiers: string | null;
  };
  const lines = groupBy(all<LineRow>(db, ACCOUNT_SQL.claimLines, a.id));
  const adjustments = groupBy(
    all<{
      claimId: ClaimId;
      lineNumber: number | null;
      groupCode: string;
      reasonCode: string;
      amount: number;
    }>(db, ACCOUNT_SQL.adjustments, a.id),
  );
  const remarks = groupBy(
    all<{
      claimId: ClaimId;
      lineNumber: number | null;
      code: string;
    }>(db, ACCOUNT_SQL.remarks, a.id),
  );
  const providers = groupBy(
    all<ClaimProviderView & { claimId: ClaimId }>(db, ACCOUNT_SQL.providers, a.id),
  );
  const codes = codeTable(db);
  type ClaimRow = Omit<
    ClaimView,
    'lines' | 'adjustments' | 'remarks' | 'diagnosisCodes' | 'providers'
  > & { diagnoses: string | null };
  const claims = all<ClaimRow>(db, ACCOUNT_SQL.claims, a.id).map(
    ({ diagnoses, ...c }): ClaimView => {
      const claimLines = lines.get(c.id) ?? [];
      // a code is read against the list in effect on the day of service (a stopped code shows so)
      const servedOn = (lineNumber: number | null) =>
        (claimLines.find((l) => l.lineNumber === lineNumber) ?? claimLines[0])?.serviceDate ?? null;
      return {
        ...c,
        diagnosisCodes: diagnoses ? diagnoses.split(' ') : [],
        providers: (providers.get(c.id) ?? []).map(({ claimId: _claimId, ...p }) => p),
        lines: claimLines.map(({ claimId: _claimId, modifiers, ...l }) => ({
          ...l,
          modifiers: modifiers ? modifiers.split(':') : [],
        })),
        adjustments: (adjustments.get(c.id) ?? []).map((x) => ({
          lineNumber: x.lineNumber,
          groupCode: x.groupCode,
          reasonCode: x.reasonCode,
          code: `${x.groupCode}-${x.reasonCode}`,
          amount: cents(x.amount),
          description: explain(codes, 'reason', x.reasonCode, servedOn(x.lineNumber)).description,
          groupDescription: describeGroup(x.groupCode),
        })),
        remarks: (remarks.get(c.id) ?? []).map((r) => ({
          lineNumber: r.lineNumber,
          code: r.code,
          description: explain(codes, 'remark', r.code, servedOn(r.lineNumber)).description,
        })),
      };
    },
  );

  let running = 0;
  const ledger = all<Omit<LedgerEntryView, 'runningBalance'>>(db, ACCOUNT_SQL.ledger, a.id).map(
    (l): LedgerEntryView => {
      running += l.amount;
      return { ...l, runningBalance: cents(running) };
    },
  );

  const followUps = all<Omit<FollowUpView, 'priority'>>(db, ACCOUNT_SQL.followUps, a.id).map(
    (f): FollowUpView => ({
      ...f,
      priority: priorityLabel(
        {
          balance: a.balance,
          oldestOpenDate: a.oldestOpenDate,
          dueDate: f.dueDate,
          deadlineDate: f.deadlineDate,
        },
        today,
      ),
    }),
  );

  const patient = loadPerson(db, a.patientId);
  return {
    today,
    account: {
      id: a.id,
      accountNumber: a.accountNumber,
      status: a.status,
      financialClass: a.financialClass,
      serviceDate: a.serviceDate,
      dischargeDate: a.dischargeDate,
    },
    patient,
    guarantor: a.guarantorId === a.patientId ? patient : loadPerson(db, a.guarantorId),
    guarantorIsPatient: a.patientId === a.guarantorId,
    coverages: all<CoverageView>(db, ACCOUNT_SQL.coverages, a.id),
    balance: {
      total: cents(aging.insuranceBalance + aging.patientBalance),
      insurance: aging.insuranceBalance,
      patient: aging.patientBalance,
      aging: { total: aging.total, insurance: aging.insurance, patient: aging.patient },
    },
    claims,
    ledger,
    activities: all<ActivityRow>(db, ACCOUNT_SQL.activities, a.id).map(
      ({ callLocalTime, callWarnings, ...rest }) => ({
        ...rest,
        callTime:
          callWarnings === null
            ? null
            : { localTime: callLocalTime, warnings: JSON.parse(callWarnings) as string[] },
      }),
    ),
    followUps,
    plans: accountPlans(db, a.id, today),
    promises: accountPromises(db, a.id),
    adjustmentRequests: accountAdjustmentRequests(db, a.id),
    denials: accountDenials(db, a.id, today),
  };
}
