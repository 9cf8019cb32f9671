import type { postingMethods } from '../../shared/api/posting';
import type { HandlersOf } from '../core/handlers';
import { decideRequest } from '../approvals/decide';
import { postAdjustment } from './adjustment';
import { listAdjustmentReasons, saveAdjustmentReason } from './adjustment-reasons';
import { listAdjustmentRequests } from './adjustment-requests';
import { postInsurancePayment } from './insurance-payment';
import { postPatientPayment } from './patient-payment';
import { postRefund } from './refund';
import { reverseEntry, reversePayment } from './reverse';
import { takePayment } from './take-payment';

/** The handlers of posting money: one for each method of the slice. */
export const postingHandlers = {
  listAdjustmentReasons,
  saveAdjustmentReason,
  postPatientPayment,
  takePayment,
  postInsurancePayment,
  postAdjustment,
  listAdjustmentRequests,
  decideAdjustment: decideRequest,
  postRefund,
  reversePayment,
  reverseEntry,
} satisfies HandlersOf<typeof postingMethods>;
