import type { PayerId, UserId } from '../../shared/ids';
import type {
  AccountStatus,
  ActivityKind,
  CallOutcome,
  ClaimStatus,
  Direction,
  FinancialClass,
  FollowUpKind,
  FollowUpStatus,
  LedgerKind,
  LedgerSide,
  Party,
} from '../../shared/codes/enums';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { DemoPayer } from './catalog';
import type { Rng } from './random';
import type { EncounterKind, PlannedLine } from './services';

/**
 * One account's story, planned in memory before anything is written: claims and their
 * remittances, ledger postings, notes and calls, follow-ups. Planning first lets the
 * generator know the balances (and so which follow-ups an account needs) before it
 * writes, and keeps the writing code free of business rules.
 */
export interface PayerInfo extends DemoPayer {
  id: PayerId;
}

export interface CoverageInfo {
  payer: PayerInfo;
  priority: 1 | 2;
  memberId: string;
  groupNumber: string | null;
  subscriber: 'patient' | 'guarantor';
}

export interface ClaimLineWithDate extends PlannedLine {
  serviceDate: IsoDate;
}

export interface PlannedClaim {
  coverage: CoverageInfo;
  claimNumber: string;
  payerClaimNumber: string | null;
  billedDate: IsoDate | null;
  remitDate: IsoDate | null;
  status: ClaimStatus;
  lines: ClaimLineWithDate[];
  adjustments: {
    line: number | null;
    group: string;
    reason: string;
    amount: number;
    remitDate: IsoDate;
  }[];
  remarks: { line: number | null; code: string }[];
  createdOn: IsoDate;
}

export interface PlannedEntry {
  claim: number | null;
  line: number | null;
  kind: LedgerKind;
  side: LedgerSide;
  amount: number;
  postingDate: IsoDate;
  payerId: PayerId | null;
  reference: string | null;
  reasonCode: string | null;
  memo: string | null;
  /** index of the entry this one reverses, within the same account */
  reverses: number | null;
}

export interface PlannedActivity {
  claim: number | null;
  kind: ActivityKind;
  direction: Direction | null;
  party: Party | null;
  outcome: CallOutcome | null;
  body: string;
  userId: number;
  occurredAt: string;
}

export interface PlannedFollowUp {
  claim: number | null;
  kind: FollowUpKind;
  status: FollowUpStatus;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
  ownerId: number | null;
  reason: string;
  createdAt: string;
  createdBy: number;
  completedAt: string | null;
  completedBy: number | null;
}

/** The statements mailed before ClaimDesk, as a converted account's history holds them. */
export interface StatementHistory {
  /** When the patient began to owe the balance still unpaid. */
  patientSince: IsoDate;
  statementsSent: number;
  lastStatementDate: IsoDate;
}

export interface AccountPlan {
  status: AccountStatus;
  /** Null when no statement went out for a balance still owed. */
  statementHistory: StatementHistory | null;
  claims: PlannedClaim[];
  ledger: PlannedEntry[];
  activities: PlannedActivity[];
  followUps: PlannedFollowUp[];
}

export interface Sequences {
  nextClaimNumber(): string;
  nextAccountNumber(): string;
}

export interface AccountSetting {
  rng: Rng;
  today: IsoDate;
  now: string;
  serviceDate: IsoDate;
  dischargeDate: IsoDate | null;
  financialClass: FinancialClass;
  encounter: EncounterKind;
  coverages: CoverageInfo[];
  /** the representative who owns the account's follow-ups; null when unassigned */
  ownerId: UserId | null;
  /** who does the work on an unassigned account */
  workerId: UserId;
  supervisorId: number;
  guarantorIsPatient: boolean;
  patientDeceased: IsoDate | null;
  returnedMail: boolean;
  hasPhone: boolean;
  sequences: Sequences;
}

/** Collects one account's plan and keeps running balances while it does. */
export class AccountBuilder {
  readonly claims: PlannedClaim[] = [];
  readonly ledger: PlannedEntry[] = [];
  readonly activities: PlannedActivity[] = [];
  readonly followUps: PlannedFollowUp[] = [];
  insurance = 0;
  patient = 0;
  status: AccountStatus = 'open';
  statementHistory: StatementHistory | null = null;

  constructor(readonly s: AccountSetting) {}

  get rng(): Rng {
    return this.s.rng;
  }

  get today(): IsoDate {
    return this.s.today;
  }

  get worker(): number {
    return this.s.ownerId ?? this.s.workerId;
  }

  addClaim(claim: Omit<PlannedClaim, 'adjustments' | 'remarks'>): number {
    this.claims.push({ ...claim, adjustments: [], remarks: [] });
    return this.claims.length - 1;
  }

  claim(index: number): PlannedClaim {
    const c = this.claims[index];
    if (!c) throw new Error(`demo plan: no claim ${index}`);
    return c;
  }

  /** Appends a ledger entry (skipping zero amounts, which the ledger refuses) and returns its index. */
  post(
    e: Partial<PlannedEntry> & Pick<PlannedEntry, 'kind' | 'side' | 'amount' | 'postingDate'>,
  ): number {
    if (e.amount === 0) return -1;
    if (e.postingDate > this.today) throw new Error('demo plan: posting dated after today');
    this.ledger.push({
      claim: null,
      line: null,
      payerId: null,
      reference: null,
      reasonCode: null,
      memo: null,
      reverses: null,
      ...e,
    });
    if (e.side === 'insurance') this.insurance += e.amount;
    else this.patient += e.amount;
    return this.ledger.length - 1;
  }

  reverse(index: number, postingDate: IsoDate, memo: string): number {
    const original = this.ledger[index];
    if (!original) return -1;
    return this.post({ ...original, amount: -original.amount, postingDate, memo, reverses: index });
  }

  /** Moves an amount from the insurance side to the patient side (or back, when negative). */
  transferToPatient(
    amount: number,
    postingDate: IsoDate,
    claim: number | null,
    reasonCode: string | null,
    memo: string,
  ): number[] {
    return [
      this.post({
        kind: 'transfer',
        side: 'insurance',
        amount: -amount,
        postingDate,
        claim,
        reasonCode,
        memo,
      }),
      this.post({
        kind: 'transfer',
        side: 'patient',
        amount,
        postingDate,
        claim,
        reasonCode,
        memo,
      }),
    ];
  }

  /** An ISO timestamp during office hours (Central time) on the date, never after now. */
  stamp(date: IsoDate): string {
    const minutes = this.rng.int(13 * 60 + 30, 22 * 60 + 30);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    const ss = String(this.rng.int(0, 59)).padStart(2, '0');
    const value = `${date}T${hh}:${mm}:${ss}.000Z`;
    return value > this.s.now ? this.s.now : value;
  }

  activity(
    date: IsoDate,
    a: Omit<
      PlannedActivity,
      'occurredAt' | 'userId' | 'claim' | 'direction' | 'party' | 'outcome'
    > &
      Partial<Pick<PlannedActivity, 'userId' | 'claim' | 'direction' | 'party' | 'outcome'>>,
  ): void {
    if (date > this.today) return;
    this.activities.push({
      claim: null,
      direction: null,
      party: null,
      outcome: null,
      userId: this.worker,
      ...a,
      occurredAt: this.stamp(date),
    });
  }

  note(date: IsoDate, body: string, claim: number | null = null, userId?: number): void {
    this.activity(date, { kind: 'note', body, claim, userId: userId ?? this.worker });
  }

  call(
    date: IsoDate,
    party: Party,
    outcome: CallOutcome,
    body: string,
    claim: number | null = null,
    direction: Direction = 'outbound',
  ): void {
    this.activity(date, { kind: 'call', party, outcome, direction, body, claim });
  }

  /**
   * Where a follow-up lands relative to today: its natural date when that is within two
   * months either way; long-overdue ones have been rescheduled into the last two months
   * or the next one, as a working queue looks.
   */
  dueFrom(anchor: IsoDate): IsoDate {
    const earliest = addDays(this.today, -60);
    const latest = addDays(this.today, 60);
    if (anchor < earliest) return addDays(this.today, this.rng.int(-60, 30));
    if (anchor > latest) return addDays(latest, -this.rng.int(0, 10));
    return anchor;
  }

  hasOpen(kind: FollowUpKind, claim: number | null): boolean {
    return this.followUps.some((f) => f.status === 'open' && f.kind === kind && f.claim === claim);
  }

  /** Opens a follow-up unless one of that kind is already open for the same claim (the schema allows one). */
  openFollowUp(f: {
    kind: FollowUpKind;
    claim: number | null;
    anchor: IsoDate;
    deadline?: IsoDate | null;
    reason: string;
    createdOn: IsoDate;
  }): void {
    if (this.hasOpen(f.kind, f.claim)) return;
    const createdOn = f.createdOn > this.today ? this.today : f.createdOn;
    this.followUps.push({
      claim: f.claim,
      kind: f.kind,
      status: 'open',
      dueDate: this.dueFrom(f.anchor),
      deadlineDate: f.deadline ?? null,
      ownerId: this.s.ownerId,
      reason: f.reason,
      createdAt: this.stamp(createdOn),
      createdBy: this.worker,
      completedAt: null,
      completedBy: null,
    });
  }

  /** A follow-up that was worked and closed, for the account's history. */
  doneFollowUp(f: {
    kind: FollowUpKind;
    claim: number | null;
    due: IsoDate;
    deadline?: IsoDate | null;
    reason: string;
    createdOn: IsoDate;
    completedOn: IsoDate;
  }): void {
    if (f.completedOn > this.today || f.createdOn > f.completedOn) return;
    this.followUps.push({
      claim: f.claim,
      kind: f.kind,
      status: 'done',
      dueDate: f.due,
      deadlineDate: f.deadline ?? null,
      ownerId: this.s.ownerId,
      reason: f.reason,
      createdAt: this.stamp(f.createdOn),
      createdBy: this.worker,
      completedAt: this.stamp(f.completedOn),
      completedBy: this.worker,
    });
  }

  /** The earliest posting date among patient-side debits still making up the balance. */
  firstPatientDebit(): IsoDate | null {
    let first: IsoDate | null = null;
    for (const e of this.ledger) {
      if (e.side === 'patient' && e.amount > 0 && (first === null || e.postingDate < first))
        first = e.postingDate;
    }
    return first;
  }

  result(): AccountPlan {
    return {
      status: this.status,
      statementHistory: this.statementHistory,
      claims: this.claims,
      ledger: this.ledger,
      activities: this.activities,
      followUps: this.followUps,
    };
  }
}
