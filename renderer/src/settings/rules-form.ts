import { MONEY_RULES, RULE_LABELS, type BillingRules } from '../../../shared/api/rules';
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
}[] = [
  {
    key: 'writeOffApprovalLimit',
    label: RULE_LABELS.writeOffApprovalLimit,
    description:
      'Write-offs on one account in one day above this wait for a supervisor before they post.',
  },
  {
    key: 'reversalApprovalLimit',
    label: RULE_LABELS.reversalApprovalLimit,
    description:
      'Reversals of charges, payments and adjustments on one account in one day above this wait for a supervisor.',
  },
  {
    key: 'planMinimumMonthly',
    label: RULE_LABELS.planMinimumMonthly,
    description: 'A payment plan asks at least this much a month.',
  },
  {
    key: 'planMaxMonths',
    label: RULE_LABELS.planMaxMonths,
    description: 'From 1 to 120 months.',
  },
  {
    key: 'planGraceDays',
    label: RULE_LABELS.planGraceDays,
    description: 'Days after an installment is due before the plan counts as late.',
  },
  {
    key: 'promiseGraceDays',
    label: RULE_LABELS.promiseGraceDays,
    description: 'Days after a promised date before the promise counts as broken.',
  },
  {
    key: 'appealFollowUpDays',
    label: RULE_LABELS.appealFollowUpDays,
    description: 'After an appeal or corrected claim is sent, when to check on it.',
  },
  {
    key: 'assistanceThresholdPercent',
    label: RULE_LABELS.assistanceThresholdPercent,
    description: 'Below this percent of the poverty guideline, suggest assistance screening.',
  },
  {
    key: 'incomeSharePercent',
    label: RULE_LABELS.incomeSharePercent,
    description: 'The part of monthly household income a plan may take.',
  },
  {
    key: 'statementCycleDays',
    label: RULE_LABELS.statementCycleDays,
    description: 'Days between two statements to a guarantor; the second statement follows.',
  },
  {
    key: 'pastDueDays',
    label: RULE_LABELS.pastDueDays,
    description: 'Days after the first statement when statements say the balance is past due.',
  },
  {
    key: 'finalNoticeDays',
    label: RULE_LABELS.finalNoticeDays,
    description: 'Days after the first statement when the final notice goes out.',
  },
  {
    key: 'referralNoticeDays',
    label: RULE_LABELS.referralNoticeDays,
    description: 'Days before an account may be referred, printed on the final notice.',
  },
  {
    key: 'statementMinimum',
    label: RULE_LABELS.statementMinimum,
    description: 'A guarantor owing less than this gets no statement.',
  },
  {
    key: 'idleLockMinutes',
    label: RULE_LABELS.idleLockMinutes,
    description: 'Without a key or mouse touched this long, ClaimDesk hides patient data.',
  },
  {
    key: 'probateClaimDays',
    label: RULE_LABELS.probateClaimDays,
    description: 'Days after a death within which the claim against the estate is filed.',
  },
  {
    key: 'callingHoursStart',
    label: RULE_LABELS.callingHoursStart,
    description: "A call before this hour of the patient's local day warns before it is logged.",
  },
  {
    key: 'callingHoursEnd',
    label: RULE_LABELS.callingHoursEnd,
    description: "A call at or after this hour of the patient's local day warns (21 is 9 p.m.).",
  },
  {
    key: 'weeklyCallAttempts',
    label: RULE_LABELS.weeklyCallAttempts,
    description: 'Outbound calls about one account in any seven days; one more warns.',
  },
  {
    key: 'returnedCheckFee',
    label: RULE_LABELS.returnedCheckFee,
    description: 'Charged to the patient when their check comes back; 0.00 charges none.',
  },
  {
    key: 'retentionYears',
    label: RULE_LABELS.retentionYears,
    description:
      'After this many years since the last posting, a deceased person on closed accounts may be de-identified.',
  },
  {
    key: 'bound501r',
    label: RULE_LABELS.bound501r,
    description:
      'A tax-exempt hospital (1) waits the 501(r) periods and any assistance application before an extraordinary collection action.',
  },
];

export function formOf(rules: BillingRules): RuleForm {
  const form = {} as RuleForm;
  for (const r of RULES) {
    const value = rules[r.key];
    form[r.key] = MONEY_RULES.has(r.key) ? formatPlainCents(cents(value)) : String(value);
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
    const problem = MONEY_RULES.has(r.key) ? moneyProblem(text) : wholeProblem(text);
    if (problem) return { field: r.key, problem };
    rules[r.key] = MONEY_RULES.has(r.key) ? (amountFrom(text) ?? 0) : Number(text.trim());
  }
  return { rules: rules as BillingRules };
}
