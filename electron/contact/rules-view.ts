import type { ContactRules } from '../../shared/api/contact';
import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type { ReadCtx } from '../core/context';
import { one } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { isSupervisor } from '../users/users';
import { callingTimeOf, callsInSevenDays } from './calls';
import { restrictionHistory } from './restrictions';

/** What the account's contact card shows: restrictions, local times now and the week's calls. */
export function getContactRules(
  ctx: ReadCtx,
  input: ParsedInputOf<'getContactRules'>,
): ContactRules {
  const people = one<{ patientId: number; guarantorId: number }>(
    ctx.db,
    `SELECT patient_id AS patientId, guarantor_id AS guarantorId FROM accounts WHERE id = ?`,
    input.accountId,
  );
  if (!people) throw notFound('The account');
  const rules = billingRules(ctx.db);
  const now = ctx.clock.now();
  return {
    restrictions: restrictionHistory(ctx.db, input.accountId),
    patientTime: callingTimeOf(ctx.db, people.patientId, now, rules),
    guarantorTime:
      people.guarantorId === people.patientId
        ? null
        : callingTimeOf(ctx.db, people.guarantorId, now, rules),
    hours: { start: rules.callingHoursStart, end: rules.callingHoursEnd },
    callsInSevenDays: callsInSevenDays(ctx.db, input.accountId, now),
    weeklyLimit: rules.weeklyCallAttempts,
    canLift: isSupervisor(ctx.db, ctx.userId),
  };
}
