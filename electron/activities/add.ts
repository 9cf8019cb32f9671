import type { ParsedInputOf } from '../../shared/api/contract';
import type { Created } from '../../shared/api/method';
import { requireAccount, requireClaimOnAccount } from '../accounts/lookup';
import type { Ctx } from '../core/context';
import { recordActivity } from './record';

/** A note or a logged contact. Calls carry direction, party and outcome (the contract checks). */
export function addActivity(ctx: Ctx, input: ParsedInputOf<'addActivity'>): Created {
  requireAccount(ctx.db, input.accountId);
  if (input.claimId != null) requireClaimOnAccount(ctx.db, input.claimId, input.accountId);
  const isCall = input.kind === 'call';
  const id = recordActivity(ctx, {
    accountId: input.accountId,
    claimId: input.claimId ?? null,
    kind: input.kind,
    direction: isCall || input.kind === 'letter' ? (input.direction ?? null) : null,
    party: input.party ?? null,
    outcome: isCall ? (input.outcome ?? null) : null,
    text: input.text,
  });
  return { id };
}
