import type { ParsedInputOf } from '../../shared/api/contract';
import { invalid } from '../../shared/api/errors';
import type { RepaymentAdviceView } from '../../shared/api/plans';
import { cents } from '../../shared/money/cents';
import { checkAdviceInput, repaymentAdvice, type AdviceInput } from '../../shared/plans/advice';
import type { ReadCtx } from '../core/context';
import { requirePostableAccount } from '../posting/account-state';
import { billingRules } from '../rules/billing-rules';

/** Poverty-guideline percent and a plan that fits the household, for the patient balance. */
export function getRepaymentAdvice(
  ctx: ReadCtx,
  input: ParsedInputOf<'getRepaymentAdvice'>,
): RepaymentAdviceView {
  const account = requirePostableAccount(ctx.db, input.accountId);
  const rules = billingRules(ctx.db);
  const adviceInput: AdviceInput = {
    annualIncome: input.annualIncome,
    householdSize: input.householdSize,
    region: input.region,
    balance: cents(Math.max(0, account.patientBalance)),
    assistanceThresholdPercent: rules.assistanceThresholdPercent,
    incomeSharePercent: rules.incomeSharePercent,
    minimumMonthly: rules.planMinimumMonthly,
    maxMonths: rules.planMaxMonths,
  };
  const problem = checkAdviceInput(adviceInput);
  if (problem) throw invalid(problem.message, problem.field);
  return repaymentAdvice(adviceInput);
}
