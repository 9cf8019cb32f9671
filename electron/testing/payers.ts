import type { InputOf } from '../../shared/api/contract';
import type { PayerId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { call } from './call';

/** Everything the payer has now, with the given changes: the form sends it all back. */
export function payerEdit(
  ctx: Ctx,
  payerId: PayerId,
  changes: Partial<InputOf<'updatePayer'>>,
): InputOf<'updatePayer'> {
  const p = call(ctx, 'getPayer', { payerId });
  return {
    payerId,
    name: p.name,
    appealWindowDays: p.appealWindowDays,
    secondAppealWindowDays: p.secondAppealWindowDays,
    externalReviewWindowDays: p.externalReviewWindowDays,
    timelyFilingDays: p.timelyFilingDays,
    claimsAddress: p.claimsAddress,
    appealsAddress: p.appealsAddress,
    phone: p.phone,
    fax: p.fax,
    appealsFax: p.appealsFax,
    ...changes,
  };
}
