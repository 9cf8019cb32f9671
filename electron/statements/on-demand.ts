import type { HeldAccount, StatementHold } from '../../shared/api/statements';
import { ApiError, conflict, invalid } from '../../shared/api/errors';
import type { ReadDb } from '../db/open';
import type { UserId } from '../../shared/ids';
import { isSupervisor } from '../users/users';

/**
 * What a statement asked for from the account view does about each hold, decided once for
 * every hold (the type makes a new hold need a decision):
 * - refuse: sending one would be wrong whoever asks: the person is dead (the estate process
 *   applies), the mail has nowhere to go, an agency or a bankruptcy court has the debt, or
 *   the patient disputes it (a supervisor's release of the dispute lets one go), or contact
 *   is restricted (a request to stop, a written dispute, an attorney) until it is lifted.
 * - supervisor: a pending assistance application, or a final notice period that is over:
 *   a bill then needs a supervisor's decision, with the reason kept.
 * - warn: a promise, insurance still paying, a small balance: a patient may well ask for
 *   their statement, so it prints with the hold named among its warnings.
 * - none: nothing owed or a credit is what the statement then says.
 */
export const ON_DEMAND: Record<StatementHold, 'refuse' | 'supervisor' | 'warn' | 'none'> = {
  not_open: 'refuse',
  agency: 'refuse',
  deceased: 'refuse',
  bankruptcy: 'refuse',
  contact_restricted: 'refuse',
  returned_mail: 'refuse',
  no_address: 'refuse',
  dispute: 'refuse',
  assistance: 'supervisor',
  pre_collection: 'supervisor',
  promise: 'warn',
  insurance_pending: 'warn',
  minimum: 'warn',
  credit: 'none',
  no_balance: 'none',
};

const sentence = (reason: string) => reason.charAt(0).toUpperCase() + reason.slice(1);

/**
 * Decides before anything is written whether a statement may print on demand; returns the
 * warnings it carries. `override` is a supervisor's reason for printing despite a hold
 * that needs one.
 */
export function onDemandWarnings(
  db: ReadDb,
  userId: UserId,
  holds: readonly HeldAccount[],
  override: string | null | undefined,
): string[] {
  const refused = holds.find((h) => ON_DEMAND[h.hold] === 'refuse');
  if (refused) throw conflict(`No statement was made. ${sentence(refused.reason)}`);
  const needs = holds.filter((h) => ON_DEMAND[h.hold] === 'supervisor');
  if (needs.length > 0 && !override) {
    throw invalid(
      `No statement was made. ${needs.map((h) => sentence(h.reason)).join(' ')} A supervisor may print it, giving the reason.`,
      'override',
    );
  }
  if (needs.length > 0 && !isSupervisor(db, userId)) {
    throw new ApiError({
      code: 'forbidden',
      message: 'Only a supervisor can print a statement despite this hold.',
    });
  }
  return [
    ...holds
      .filter((h) => ON_DEMAND[h.hold] === 'warn')
      .map((h) => `Held from statement runs, printed on request: ${h.reason}`),
    ...needs.map(
      (h) => `Held from statement runs, printed by a supervisor (${override ?? ''}): ${h.reason}`,
    ),
  ];
}
