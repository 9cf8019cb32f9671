import type { AccountId, ClaimId } from '../../shared/ids';
import type { ActivityKind, CallOutcome, Direction, Party } from '../../shared/codes/enums';
import type { Ctx } from '../core/context';
import { run } from '../db/query';

export interface NewActivity {
  accountId: AccountId;
  claimId?: ClaimId | null;
  kind: ActivityKind;
  direction?: Direction | null;
  party?: Party | null;
  outcome?: CallOutcome | null;
  text: string;
}

/** Appends one entry to the account's history, attributed to the signed-in user. */
export function recordActivity(ctx: Ctx, a: NewActivity): number {
  const result = run(
    ctx.db,
    `INSERT INTO activities (account_id, claim_id, kind, direction, party, outcome, body,
         user_id, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    a.accountId,
    a.claimId ?? null,
    a.kind,
    a.direction ?? null,
    a.party ?? null,
    a.outcome ?? null,
    a.text,
    ctx.userId,
    ctx.clock.now(),
  );
  return Number(result.lastInsertRowid);
}
