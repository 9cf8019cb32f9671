import type { UserId } from '../../shared/ids';
import type { BillingRules } from '../../shared/api/rules';
import { cents } from '../../shared/money/cents';
import type { Db, ReadDb } from '../db/open';
import { all, prepare } from '../db/query';

/** What an office gets until a supervisor changes it. */
export const DEFAULT_BILLING_RULES: BillingRules = {
  writeOffApprovalLimit: cents(50_000),
  reversalApprovalLimit: cents(50_000),
  planMinimumMonthly: cents(2_500),
  planMaxMonths: 36,
  planGraceDays: 10,
  promiseGraceDays: 0,
  assistanceThresholdPercent: 250,
  incomeSharePercent: 5,
  appealFollowUpDays: 30,
  statementCycleDays: 30,
  pastDueDays: 60,
  finalNoticeDays: 90,
  referralNoticeDays: 30,
  statementMinimum: cents(500),
  idleLockMinutes: 15,
  probateClaimDays: 120,
  // the federal rule's presumed-convenient hours (FDCPA) and its seven calls in seven days (Reg F)
  callingHoursStart: 8,
  callingHoursEnd: 21,
  weeklyCallAttempts: 7,
  // state laws cap or forbid the fee; none until the office sets its own
  returnedCheckFee: cents(0),
  // the longest common state rule for hospital billing records; offices set their own
  retentionYears: 10,
  // most US hospitals are nonprofit (501(c)(3)) and so bound; a for-profit office turns it off
  bound501r: 1,
};

type RuleKey = keyof BillingRules;

/** The office's rules: stored values over the defaults. */
export function billingRules(db: ReadDb): BillingRules {
  const rows = all<{
    key: string;
    value: string;
  }>(db, `SELECT key, value FROM billing_rules`);
  const rules = { ...DEFAULT_BILLING_RULES };
  for (const { key, value } of rows) {
    if (key in rules) {
      const parsed: unknown = JSON.parse(value);
      // every rule is a whole number; anything else in the file is ignored, not trusted
      if (Number.isSafeInteger(parsed)) Object.assign(rules, { [key]: parsed });
    }
  }
  return rules;
}

/** Writes the given rules; the caller runs it in its transaction and checks the role. */
export function writeBillingRules(
  db: Db,
  changes: Partial<BillingRules>,
  by: { userId: UserId; now: string },
): RuleKey[] {
  const current = billingRules(db);
  const upsert = prepare(
    db,
    `INSERT INTO billing_rules (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  );
  const changed: RuleKey[] = [];
  for (const key of Object.keys(changes) as RuleKey[]) {
    const value = changes[key];
    if (value === undefined || value === current[key]) continue;
    upsert.run(key, JSON.stringify(value), by.now, by.userId);
    changed.push(key);
  }
  return changed;
}
