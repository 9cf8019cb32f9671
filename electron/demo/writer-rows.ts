import type { AccountId, ClaimId, ClaimLineId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { PriorStatements } from '../statements/stages';
import { demoFacilityOf } from './facilities';
import type { HouseholdPlan, PlannedAccount } from './household';
import type { PersonPlan } from './people';
import type { AccountFacts, LedgerPlanner, QueuedEntry } from './ledger-rows';

/**
 * The demo writer's rows, worked out from planned households without a database: each row
 * gets the id SQLite will give it (one past the table's largest, as only the writer adds
 * to these tables while it runs), so a batch can be made on another thread than the one
 * that writes it (see plan-worker.ts), and the writer checks every id as it goes in.
 */

/** The tables the writer fills row by row and their columns, the id first; parents first. */
export const DEMO_TABLES = {
  people: `id, last_name, first_name, middle_name, date_of_birth, sex, phone, phone_digits,
    returned_mail, deceased_date, created_at`,
  addresses: `id, person_id, line1, line2, city, state, zip, effective_date, reason,
    recorded_at, recorded_by`,
  accounts: `id, account_number, patient_id, guarantor_id, guarantor_relationship,
    service_date, discharge_date, financial_class, status, created_at, facility_id`,
  coverages: `id, account_id, payer_id, priority, member_id, group_number, subscriber_id`,
  claims: `id, claim_number, account_id, coverage_id, payer_id, payer_claim_number,
    billed_date, remit_date, status, total_charge, created_at`,
  claim_lines: `id, claim_id, line_number, service_date, revenue_code, procedure_code,
    modifiers, units, charge`,
  claim_adjustments: `id, claim_id, claim_line_id, group_code, reason_code, amount, remit_date`,
  claim_remarks: `id, claim_id, claim_line_id, code`,
  activities: `id, account_id, claim_id, kind, direction, party, outcome, body, user_id,
    occurred_at`,
  follow_ups: `id, account_id, claim_id, kind, status, due_date, deadline_date, owner_id,
    reason, created_at, created_by, completed_at, completed_by`,
} as const;

export type DemoTable = keyof typeof DEMO_TABLES;
export const DEMO_TABLE_NAMES = Object.keys(DEMO_TABLES) as DemoTable[];

export const columnsOf = (table: DemoTable): string[] => DEMO_TABLES[table].split(/,\s*/);

export interface PriorStatementsOf extends PriorStatements {
  accountId: number;
  guarantorId: number;
}

/** What the writer writes for a batch of households; plain data, so it can cross threads. */
export interface RowBatch {
  accounts: number;
  /** per table, its rows' values one after another, DEMO_TABLES' columns each */
  rows: Record<DemoTable, unknown[]>;
  /** in the order the accounts were planned, as dunning_stages' ids follow it */
  priorStatements: PriorStatementsOf[];
  /** the ledger to post, where the writer posts it through appendLedgerEntries */
  ledger: QueuedEntry[];
  /** else its rows (LEDGER_COLUMNS) and what posting them brings along (see LedgerPlanner) */
  ledgerRows: unknown[];
  balances: unknown[];
  /** on the last batch of a planned ledger: the day totals of all of them */
  dayTotals: unknown[] | null;
}

const emptyBatch = (): RowBatch => ({
  accounts: 0,
  rows: emptyRows(),
  priorStatements: [],
  ledger: [],
  ledgerRows: [],
  balances: [],
  dayTotals: null,
});

const emptyRows = () =>
  Object.fromEntries(DEMO_TABLE_NAMES.map((t) => [t, []])) as unknown as Record<
    DemoTable,
    unknown[]
  >;

export class RowPlanner {
  private batch = emptyBatch();
  private facts = new Map<number, AccountFacts>();

  constructor(
    /** the id each table's next row gets */
    private readonly next: Record<DemoTable, number>,
    private readonly now: string,
    /** who recorded registration data (addresses) */
    private readonly registrarId: number,
    /** plans the ledger's posting too, for a writer that writes it many rows at once */
    private readonly ledger: LedgerPlanner | null,
  ) {}

  private add(table: DemoTable, ...values: unknown[]): number {
    const id = this.next[table]++;
    this.batch.rows[table].push(id, ...values);
    return id;
  }

  /** The batch so far; the next one starts empty. */
  take(): RowBatch {
    const batch = this.batch;
    this.batch = emptyBatch();
    if (this.ledger) {
      const { rows, balances } = this.ledger.plan(batch.ledger, this.facts);
      Object.assign(batch, { ledger: [], ledgerRows: rows, balances });
      this.facts = new Map();
    }
    return batch;
  }

  /** The day totals of every batch's ledger, once the last is planned. */
  dayTotals(): unknown[] | null {
    return this.ledger?.dayTotals() ?? null;
  }

  /** A timestamp on a date, varied by a number so rows do not all share one time. */
  private at(date: string, salt: number): string {
    const minutes = 14 * 60 + (salt % 480);
    const value = `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
    return value > this.now ? this.now : value;
  }

  private person(p: PersonPlan): number {
    const id = this.add(
      'people',
      p.lastName,
      p.firstName,
      p.middleName,
      p.dateOfBirth,
      p.sex,
      p.phone,
      p.phoneDigits,
      p.returnedMail ? 1 : 0,
      p.deceasedDate,
      this.at(p.registeredOn, p.firstName.length * 37 + p.lastName.length),
    );
    p.addresses.forEach((a, i) => {
      this.add(
        'addresses',
        id,
        a.line1,
        a.line2,
        a.city,
        a.state,
        a.zip,
        a.effectiveDate,
        a.reason,
        this.at(a.effectiveDate, id + i * 53),
        this.registrarId,
      );
    });
    return id;
  }

  household(h: HouseholdPlan): void {
    const patientId = this.person(h.patient);
    const guarantorId = h.guarantor ? this.person(h.guarantor) : patientId;
    for (const a of h.accounts) this.account(a, patientId, guarantorId, h.relationship);
    this.batch.accounts += h.accounts.length;
  }

  private account(
    a: PlannedAccount,
    patientId: number,
    guarantorId: number,
    relationship: string,
  ): void {
    const { plan } = a;
    const facilityId = demoFacilityOf(a.accountNumber);
    const accountId = this.add(
      'accounts',
      a.accountNumber,
      patientId,
      guarantorId,
      relationship,
      a.serviceDate,
      a.dischargeDate,
      a.financialClass,
      plan.status,
      this.at(a.serviceDate, patientId),
      facilityId,
    ) as AccountId;
    if (this.ledger) this.facts.set(accountId, { facilityId, financialClass: a.financialClass });
    const coverageIds = a.coverages.map((c) =>
      this.add(
        'coverages',
        accountId,
        c.payer.id,
        c.priority,
        c.memberId,
        c.groupNumber,
        c.subscriber === 'patient' ? patientId : guarantorId,
      ),
    );
    const claimIds: ClaimId[] = [];
    const lineIds: ClaimLineId[][] = [];
    for (const c of plan.claims) {
      const total = c.lines.reduce((sum, l) => sum + l.charge, 0);
      const coverageId = coverageIds[a.coverages.indexOf(c.coverage)] ?? null;
      const claimId = this.add(
        'claims',
        c.claimNumber,
        accountId,
        coverageId,
        c.coverage.payer.id,
        c.payerClaimNumber,
        c.billedDate,
        c.remitDate,
        c.status,
        total,
        this.at(c.createdOn, accountId),
      ) as ClaimId;
      claimIds.push(claimId);
      const ids = c.lines.map(
        (l, i) =>
          this.add(
            'claim_lines',
            claimId,
            i + 1,
            l.serviceDate,
            l.revenueCode,
            l.procedureCode,
            l.modifiers,
            l.units,
            l.charge,
          ) as ClaimLineId,
      );
      lineIds.push(ids);
      for (const x of c.adjustments) {
        const lineId = x.line === null ? null : (ids[x.line] ?? null);
        this.add('claim_adjustments', claimId, lineId, x.group, x.reason, x.amount, x.remitDate);
      }
      for (const r of c.remarks)
        this.add('claim_remarks', claimId, r.line === null ? null : (ids[r.line] ?? null), r.code);
    }
    const claimId = (index: number | null) => (index === null ? null : (claimIds[index] ?? null));
    for (const x of plan.activities) {
      this.add(
        'activities',
        accountId,
        claimId(x.claim),
        x.kind,
        x.direction,
        x.party,
        x.outcome,
        x.body,
        x.userId,
        x.occurredAt,
      );
    }
    // follow-ups go in before the ledger so posting it ranks them against the final balance
    for (const f of plan.followUps) {
      this.add(
        'follow_ups',
        accountId,
        claimId(f.claim),
        f.kind,
        f.status,
        f.dueDate,
        f.deadlineDate,
        f.ownerId,
        f.reason,
        f.createdAt,
        f.createdBy,
        f.completedAt,
        f.completedBy,
      );
    }
    // a converted account starts at the stage its history shows, as an imported one does
    if (plan.statementHistory)
      this.batch.priorStatements.push({ accountId, guarantorId, ...plan.statementHistory });
    // queued, not posted: see DemoWriter.postLedger
    const { ledger } = this.batch;
    const base = ledger.length;
    for (const e of plan.ledger) {
      ledger.push({
        userId: a.workerId,
        reverses: e.reverses === null ? null : base + e.reverses,
        entry: {
          accountId,
          claimId: claimId(e.claim),
          claimLineId:
            e.claim !== null && e.line !== null ? (lineIds[e.claim]?.[e.line] ?? null) : null,
          kind: e.kind,
          side: e.side,
          amount: cents(e.amount),
          postingDate: e.postingDate,
          payerId: e.payerId,
          reference: e.reference,
          reasonCode: e.reasonCode,
          memo: e.memo,
        },
      });
    }
  }
}
