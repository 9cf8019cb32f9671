import type { ParsedInputOf } from '../../shared/api/contract';
import type { Created } from '../../shared/api/method';
import { requireAccount, requireClaimOnAccount } from '../accounts/lookup';
import { checkCall, recordCallTime } from '../contact/calls';
import type { Ctx } from '../core/context';
import { recordPromise } from '../promises/record';
import { recordActivity } from './record';

/**
 * A note or a logged contact. Calls carry direction, party and outcome (the contract checks);
 * a call with the patient or guarantor is kept with their local time, and the contact rules
 * refuse or warn before it is logged. A call ending in a promise to pay records the promise,
 * so the daily check puts the account back in the queue when it is broken.
 */
export function addActivity(ctx: Ctx, input: ParsedInputOf<'addActivity'>): Created {
  requireAccount(ctx.db, input.accountId);
  if (input.claimId != null) requireClaimOnAccount(ctx.db, input.claimId, input.accountId);
  const isCall = input.kind === 'call';
  const direction = isCall || input.kind === 'letter' ? (input.direction ?? null) : null;
  const party = input.party ?? null;
  const check = isCall
    ? checkCall(ctx, {
        accountId: input.accountId,
        direction,
        party,
        confirmContactWarnings: input.confirmContactWarnings === true,
      })
    : null;
  const id = recordActivity(ctx, {
    accountId: input.accountId,
    claimId: input.claimId ?? null,
    kind: input.kind,
    direction,
    party,
    outcome: isCall ? (input.outcome ?? null) : null,
    text: input.text,
  });
  if (check) recordCallTime(ctx, id, input.accountId, check);
  // the promise goes through the promise rules, so a refused one leaves no call logged either
  if (isCall && input.outcome === 'promise_to_pay' && input.promiseAmount && input.promiseDate) {
    recordPromise(ctx, {
      accountId: input.accountId,
      kind: 'promise',
      amount: input.promiseAmount,
      dueDate: input.promiseDate,
      note: null,
    });
  }
  return { id };
}
