import type { BillingRules } from '../../../shared/api/rules';
import { cents } from '../../../shared/money/cents';
import { formatPlainCents } from '../../../shared/money/format';
import { amountFrom, amountProblem } from '../components/money-input';

export type RuleKey = keyof BillingRules;
/** The rules as the form's fields hold them: text, as typed. */
export type RuleForm = Record<RuleKey, string>;

/** Each rule as the office reads it, in the order a supervisor thinks about them. */
export const RULES: readonly {
  key: RuleKey;
  label: string;
  description: string;
  money?: true;
}[] = [
  {
    key: 'writeOffApprovalLimit',
    label: 'Write-off approval limit',
    description:
      'Write-offs on one account in one day above this wait for a supervisor before they post.',
    money: true,
  },
  {
    key: 'reversalApprovalLimit',
    label: 'Reversal approval limit',
    description:
      'Reversals of charges, payments and adjustments on one account in one day above this wait for a supervisor.',
    money: true,
  },
  {
    key: 'planMinimumMonthly',
    label: 'Smallest monthly plan payment',
    description: 'A payment plan asks at least this much a month.',
    money: true,
  },
  {
    key: 'planMaxMonths',
    label: 'Longest payment plan (months)',
    description: 'From 1 to 120 months.',
  },
  {
    key: 'planGraceDays',
    label: 'Plan grace days',
    description: 'Days after an installment is due before the plan counts as late.',
  },
  {
    key: 'promiseGraceDays',
    label: 'Promise grace days',
    description: 'Days after a promised date before the promise counts as broken.',
  },
  {
    key: 'appealFollowUpDays',
    label: 'Days to follow up on an appeal',
    description: 'After an appeal or corrected claim is sent, when to check on it.',
  },
  {
    key: 'assistanceThresholdPercent',
    label: 'Financial assistance threshold (%)',
    description: 'Below this percent of the poverty guideline, suggest assistance screening.',
  },
  {
    key: 'incomeSharePercent',
    label: 'Share of income for a plan (%)',
    description: 'The part of monthly household income a plan may take.',
  },
  {
    key: 'statementCycleDays',
    label: 'Statement cycle (days)',
    description: 'Days between two statements to a guarantor; the second statement follows.',
  },
  {
    key: 'pastDueDays',
    label: 'Days to past due',
    description: 'Days after the first statement when statements say the balance is past due.',
  },
  {
    key: 'finalNoticeDays',
    label: 'Days to final notice',
    description: 'Days after the first statement when the final notice goes out.',
  },
  {
    key: 'referralNoticeDays',
    label: 'Days a final notice gives',
    description: 'Days before an account may be referred, printed on the final notice.',
  },
  {
    key: 'statementMinimum',
    label: 'Smallest balance stated',
    description: 'A guarantor owing less than this gets no statement.',
    money: true,
  },
  {
    key: 'idleLockMinutes',
    label: 'Minutes before the window locks',
    description: 'Without a key or mouse touched this long, ClaimDesk hides patient data.',
  },
  {
    key: 'probateClaimDays',
    label: 'Days to file a probate claim',
    description: 'Days after a death within which the claim against the estate is filed.',
  },
  {
    key: 'callingHoursStart',
    label: 'Calling hours start (hour, 0-23)',
    description: "A call before this hour of the patient's local day warns before it is logged.",
  },
  {
    key: 'callingHoursEnd',
    label: 'Calling hours end (hour, 1-24)',
    description: "A call at or after this hour of the patient's local day warns (21 is 9 p.m.).",
  },
  {
    key: 'weeklyCallAttempts',
    label: 'Call attempts in seven days',
    description: 'Outbound calls about one account in any seven days; one more warns.',
  },
  {
    key: 'returnedCheckFee',
    label: 'Returned check fee',
    description: 'Charged to the patient when their check comes back; 0.00 charges none.',
    money: true,
  },
  {
    key: 'retentionYears',
    label: 'Years records are kept',
    description:
      'After this many years since the last posting, a deceased person on closed accounts may be de-identified.',
  },
  {
    key: 'bound501r',
    label: 'Bound by IRS section 501(r) (1 yes, 0 no)',
    description:
      'A tax-exempt hospital (1) waits the 501(r) periods and any assistance application before an extraordinary collection action.',
  },
];

export function formOf(rules: BillingRules): RuleForm {
  const form = {} as RuleForm;
  for (const r of RULES) {
    const value = rules[r.key];
    form[r.key] = r.money ? formatPlainCents(cents(value)) : String(value);
  }
  return form;
}

function moneyProblem(text: string): string | undefined {
  return text.trim() === '' ? 'Type an amount such as 500.00.' : amountProblem(text);
}

function wholeProblem(text: string): string | undefined {
  return /^\s*\d+\s*$/.test(text) ? undefined : 'Type a whole number such as 30.';
}

/** The rules as the API takes them, or the first field that cannot be read. */
export function readForm(
  form: RuleForm,
): { rules: BillingRules } | { field: RuleKey; problem: string } {
  const rules = {} as Record<RuleKey, number>;
  for (const r of RULES) {
    const text = form[r.key];
    const problem = r.money ? moneyProblem(text) : wholeProblem(text);
    if (problem) return { field: r.key, problem };
    rules[r.key] = r.money ? (amountFrom(text) ?? 0) : Number(text.trim());
  }
  return { rules: rules as BillingRules };
}
