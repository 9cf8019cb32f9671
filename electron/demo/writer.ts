import {
  type AccountId,
  type ClaimId,
  type ClaimLineId,
  type LedgerEntryId,
  type UserId,
} from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { takeTouched } from '../core/touched';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { refreshQueueColumns } from '../upkeep/queue-columns';
import type { PlannedAccount, HouseholdPlan } from './household';
import type { PersonPlan } from './people';
import { manyRowsAtOnce, rowByRow, type RowSink } from './rows';
import type { BillingRules } from '../../shared/api/rules';
import { billingRules } from '../rules/billing-rules';
import { recordPriorStatements } from '../statements/stages';
import { demoFacilityOf } from './facilities';

interface QueuedEntry {
  userId: UserId;
  /** queue index of the entry this one reverses */
  reverses: number | null;
  entry: NewLedgerEntry;
}

/**
 * Writes planned households. Statements are prepared once per generation because a
 * bench build inserts millions of rows; ledger rows go through appendLedgerEntries, the
 * one way into the ledger, which also brings cached balances along.
 */
export class DemoWriter {
  private readonly person: RowSink;
  private readonly address: RowSink;
  private readonly account: RowSink;
  private readonly coverage: RowSink;
  private readonly claim: RowSink;
  private readonly line: RowSink;
  private readonly adjustment: RowSink;
  private readonly remark: RowSink;
  private readonly activity: RowSink;
  private readonly followUp: RowSink;
  private queue: QueuedEntry[] = [];
  private readonly rules: BillingRules;

  constructor(
    private readonly db: Db,
    private readonly today: IsoDate,
    private readonly now: string,
    /** who recorded registration data (addresses) */
    private readonly registrarId: number,
    /** rows per INSERT; above 1 only where foreign keys are off (see manyRowsAtOnce) */
    rowsPerStatement = 1,
  ) {
    this.rules = billingRules(db);
    const sink = (table: string, columns: string) => {
      const names = columns.split(/,\s*/);
      return rowsPerStatement > 1
        ? manyRowsAtOnce(db, table, names, rowsPerStatement)
        : rowByRow(db, table, names);
    };
    // parents before children, the order flushRows writes them in
    this.person = sink(
      'people',
      `last_name, first_name, middle_name, date_of_birth, sex, phone, phone_digits,
         returned_mail, deceased_date, created_at`,
    );
    this.address = sink(
      'addresses',
      `person_id, line1, line2, city, state, zip, effective_date, reason, recorded_at, recorded_by`,
    );
    this.account = sink(
      'accounts',
      `account_number, patient_id, guarantor_id, guarantor_relationship, service_date,
         discharge_date, financial_class, status, created_at, facility_id`,
    );
    this.coverage = sink(
      'coverages',
      `account_id, payer_id, priority, member_id, group_number, subscriber_id`,
    );
    this.claim = sink(
      'claims',
      `claim_number, account_id, coverage_id, payer_id, payer_claim_number, billed_date,
         remit_date, status, total_charge, created_at`,
    );
    this.line = sink(
      'claim_lines',
      `claim_id, line_number, service_date, revenue_code, procedure_code, modifiers, units, charge`,
    );
    this.adjustment = sink(
      'claim_adjustments',
      `claim_id, claim_line_id, group_code, reason_code, amount, remit_date`,
    );
    this.remark = sink('claim_remarks', `claim_id, claim_line_id, code`);
    this.activity = sink(
      'activities',
      `account_id, claim_id, kind, direction, party, outcome, body, user_id, occurred_at`,
    );
    this.followUp = sink(
      'follow_ups',
      `account_id, claim_id, kind, status, due_date, deadline_date, owner_id, reason, created_at,
         created_by, completed_at, completed_by`,
    );
  }

  /** Writes the rows held back, before the ledger's posting reads them. */
  private flushRows(): void {
    for (const rows of [
      this.person,
      this.address,
      this.account,
      this.coverage,
      this.claim,
      this.line,
      this.adjustment,
      this.remark,
      this.activity,
      this.followUp,
    ])
      rows.flush();
  }

  /** A timestamp on a date, varied by a number so rows do not all share one time. */
  private at(date: IsoDate, salt: number): string {
    const minutes = 14 * 60 + (salt % 480);
    const value = `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
    return value > this.now ? this.now : value;
  }

  private writePerson(p: PersonPlan): number {
    const id = this.person.add(
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
      this.address.add(
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
    const patientId = this.writePerson(h.patient);
    const guarantorId = h.guarantor ? this.writePerson(h.guarantor) : patientId;
    for (const a of h.accounts) this.writeAccount(a, patientId, guarantorId, h.relationship);
  }

  private writeAccount(
    a: PlannedAccount,
    patientId: number,
    guarantorId: number,
    relationship: string,
  ): void {
    const { plan } = a;
    const accountId = this.account.add(
      a.accountNumber,
      patientId,
      guarantorId,
      relationship,
      a.serviceDate,
      a.dischargeDate,
      a.financialClass,
      plan.status,
      this.at(a.serviceDate, patientId),
      demoFacilityOf(a.accountNumber),
    ) as AccountId;
    const coverageIds = a.coverages.map((c) =>
      this.coverage.add(
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
      const claimId = this.claim.add(
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
          this.line.add(
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
        this.adjustment.add(
          claimId,
          x.line === null ? null : (ids[x.line] ?? null),
          x.group,
          x.reason,
          x.amount,
          x.remitDate,
        );
      }
      for (const r of c.remarks)
        this.remark.add(claimId, r.line === null ? null : (ids[r.line] ?? null), r.code);
    }
    const claimId = (index: number | null) => (index === null ? null : (claimIds[index] ?? null));
    for (const x of plan.activities) {
      this.activity.add(
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
      this.followUp.add(
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
    if (plan.statementHistory) {
      recordPriorStatements(this.db, this.rules, this.today, this.now, {
        accountId,
        guarantorId,
        ...plan.statementHistory,
      });
    }
    // queued, not posted: see flushLedger
    const base = this.queue.length;
    plan.ledger.forEach((e) => {
      this.queue.push({
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
    });
  }

  /**
   * Posts the queued ledger rows of the households written since the last flush: one
   * appendLedgerEntries call per user (every account is still refreshed once), then the
   * reversals, which need the ids of what they reverse. Batching matters because each
   * call prepares its statements afresh.
   */
  flushLedger(): void {
    this.flushRows();
    const ids: LedgerEntryId[] = [];
    const post = (indexes: readonly number[]) => {
      const byUser = new Map<UserId, number[]>();
      for (const i of indexes) {
        const { userId } = this.queue[i] as QueuedEntry;
        const list = byUser.get(userId);
        if (list) list.push(i);
        else byUser.set(userId, [i]);
      }
      for (const [userId, list] of byUser) {
        const entries = list.map((i): NewLedgerEntry => {
          const q = this.queue[i] as QueuedEntry;
          return q.reverses === null
            ? q.entry
            : { ...q.entry, reversesId: ids[q.reverses] ?? null };
        });
        const posted = appendLedgerEntries(this.db, entries, {
          userId,
          now: this.now,
          today: this.today,
        });
        posted.forEach((id, k) => (ids[list[k] as number] = id));
      }
    };
    const all = this.queue.map((_, i) => i);
    post(all.filter((i) => this.queue[i]?.reverses === null));
    post(all.filter((i) => this.queue[i]?.reverses !== null));
    this.queue = [];
    // the plan already decided each account's follow-ups, plans and promises; only the
    // queue's copy of the balances is left to the upkeep's writer
    for (const id of takeTouched(this.db)) refreshQueueColumns(this.db, id, this.today);
  }
}
