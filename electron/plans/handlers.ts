import type { plansMethods } from '../../shared/api/plans';
import type { HandlersOf } from '../core/handlers';
import { getRepaymentAdvice } from './advice';
import { createPlan, endPlan, previewPlan } from './plans';
import { recordPromise } from '../promises/record';

/** The handlers of payment plans, promises and repayment advice: one for each method of the slice. */
export const plansHandlers = {
  previewPlan,
  createPlan,
  endPlan,
  recordPromise,
  getRepaymentAdvice,
} satisfies HandlersOf<typeof plansMethods>;
