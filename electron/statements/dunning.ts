import { DUNNING_STAGE, type DunningStage } from '../../shared/api/statements';
import type { BillingRules } from '../../shared/api/rules';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';

/** Stages by index: 0 statement ... 4 pre-collection, as dunning_stages stores them. */
export const STAGES: readonly DunningStage[] = DUNNING_STAGE.keys;
export const FINAL_NOTICE = STAGES.indexOf('final_notice');
export const PRE_COLLECTION = STAGES.indexOf('pre_collection');

/** What the account's statements reached so far; null before its first statement. */
export interface StageRecord {
  readonly stage: number;
  readonly firstStatementDate: IsoDate;
  readonly statementsSent: number;
  readonly lastStatementDate: IsoDate | null;
}

type StageRules = Pick<
  BillingRules,
  'statementCycleDays' | 'pastDueDays' | 'finalNoticeDays' | 'referralNoticeDays'
>;

/**
 * Days after the first statement at which each stage begins. Pre-collection begins when the
 * final notice's referral date has passed; rules out of order never make a stage earlier
 * than the one before it.
 */
export function stageDays(rules: StageRules): number[] {
  const days = [
    0,
    rules.statementCycleDays,
    rules.pastDueDays,
    rules.finalNoticeDays,
    rules.finalNoticeDays + rules.referralNoticeDays,
  ];
  for (let i = 1; i < days.length; i++) days[i] = Math.max(days[i] ?? 0, days[i - 1] ?? 0);
  return days;
}

export function stageByTime(first: IsoDate, today: IsoDate, rules: StageRules): number {
  const elapsed = daysBetween(first, today);
  const days = stageDays(rules);
  let stage = 0;
  days.forEach((d, i) => {
    if (elapsed >= d) stage = i;
  });
  return stage;
}

/**
 * The stage of the next statement: time since the first statement decides, one step at a
 * time (a patient hears "past due" before a final notice, however long a hold lasted), and
 * never below the stage reached while the balance stays unpaid. A balance that was paid off
 * since the last statement starts a new cycle.
 */
export function nextStage(
  record: StageRecord | null,
  today: IsoDate,
  rules: StageRules,
  paidOffSinceLast: boolean,
): { stage: number; firstStatementDate: IsoDate } {
  if (!record || paidOffSinceLast) return { stage: 0, firstStatementDate: today };
  const byTime = stageByTime(record.firstStatementDate, today, rules);
  const stage = Math.max(record.stage, Math.min(byTime, record.stage + 1));
  return { stage, firstStatementDate: record.firstStatementDate };
}

/** The date a final notice names: the account may be referred after it. */
export function referralDate(statementDate: IsoDate, rules: StageRules): IsoDate {
  return addDays(statementDate, Math.max(30, rules.referralNoticeDays));
}

/**
 * Where a spreadsheet's history puts an account: statements already sent elsewhere count as
 * stages reached, and the oldest date the patient owed from is when its cycle began.
 */
export function stageFromHistory(
  oldestPatientDate: IsoDate,
  statementsSent: number,
  today: IsoDate,
  rules: StageRules,
): StageRecord | null {
  if (statementsSent <= 0) return null;
  const byTime = stageByTime(oldestPatientDate, today, rules);
  // the last statement sent there was at the stage its count reached, no further than time
  const stage = Math.min(statementsSent - 1, byTime, FINAL_NOTICE);
  return {
    stage,
    firstStatementDate: oldestPatientDate,
    statementsSent,
    lastStatementDate: null,
  };
}

/**
 * Whether the patient balance was fully paid at any point after `since`, so an unpaid
 * balance now is a new one. Entries are the account's patient-side rows by posting date.
 */
export function paidOffSince(
  entries: readonly { postingDate: IsoDate; amount: number }[],
  since: IsoDate,
): boolean {
  const sorted = [...entries].sort((a, b) => a.postingDate.localeCompare(b.postingDate));
  let balance = 0;
  for (const [i, e] of sorted.entries()) {
    balance += e.amount;
    // the balance at the end of each day after the last statement
    const endOfDay = sorted[i + 1]?.postingDate !== e.postingDate;
    if (endOfDay && e.postingDate > since && balance <= 0) return true;
  }
  return false;
}
