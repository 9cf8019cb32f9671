import type { BalanceView, CoverageView, LedgerEntryView } from '../../../shared/api/accounts';
import type { DenialView } from '../../../shared/api/denials';
import type { PlanView } from '../../../shared/api/plans';
import type { DenialState } from '../../../shared/codes/denials';

/** Why a plan cannot be set up on this account, or null when it can. */
export function planBlocker(view: {
  plans: readonly Pick<PlanView, 'status'>[];
  balance: Pick<BalanceView, 'patient'>;
}): string | null {
  if (view.plans.some((p) => p.status === 'active'))
    return 'The account already has an active plan.';
  if (view.balance.patient <= 0) return 'There is no patient balance to put on a plan.';
  return null;
}

/** Why a ledger row cannot be reversed from here, or null when it can. */
export function notReversible(
  l: Pick<LedgerEntryView, 'reversesId' | 'reversedById' | 'kind'>,
): string | null {
  if (l.reversesId !== null) return 'This row is a reversal; it cannot be reversed again.';
  if (l.reversedById !== null) return 'This row has already been reversed.';
  if (l.kind === 'transfer')
    return 'A transfer is reversed together with the EOB that made it: reverse that payment.';
  return null;
}

/** The usual road: an appeal goes through a drafted letter, a correction through a new claim. */
const ROAD: Record<DenialView['action'], DenialState[]> = {
  appeal: ['new', 'in_review', 'appeal_drafted', 'appeal_sent', 'awaiting_payer', 'resolved'],
  correct_and_resubmit: ['new', 'in_review', 'corrected_claim_sent', 'awaiting_payer', 'resolved'],
};

/** Where a denial usually goes next; one off its road goes to review first. */
export function nextState(d: Pick<DenialView, 'action' | 'state'>): DenialState {
  const road = ROAD[d.action];
  const at = road.indexOf(d.state);
  if (at === -1) return 'in_review';
  return road[at + 1] ?? 'resolved';
}

/**
 * What an empty Claims card says, from the account's own coverage: an insured account is told
 * nothing was billed to its payer yet, never that self-pay accounts have no claims.
 */
export function noClaimsText(
  coverages: readonly Pick<CoverageView, 'priority' | 'payerName'>[],
): string {
  const primary = [...coverages].sort((a, b) => a.priority - b.priority)[0];
  if (!primary) return 'No insurance is on file for this account, so nothing is billed to a payer.';
  return `No claim for this visit has been billed to ${primary.payerName} yet.`;
}
