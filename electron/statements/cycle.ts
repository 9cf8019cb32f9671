import {
  RELEASABLE_HOLDS,
  STATEMENT_HOLD,
  type HeldAccount,
  type StatementHold,
} from '../../shared/api/statements';
import type { BillingRules } from '../../shared/api/rules';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { sumCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { PRE_COLLECTION } from './dunning';
import type { AccountState } from './holds';

/** The holds one account carries by itself; the minimum is the guarantor's. */
type AccountHold = Exclude<StatementHold, 'minimum'>;

/**
 * Every hold on one account, the one that decides first. A release by a supervisor lifts
 * its hold for the next statement; the holds that need their cause fixed cannot be lifted.
 */
export function accountHoldKinds(a: AccountState): AccountHold[] {
  // pushed in place, not through a helper: this runs for every account a report reads
  const out: AccountHold[] = [];
  if (a.status === 'agency') out.push('agency');
  else if (a.status !== 'open') out.push('not_open');
  if (a.deceasedDate) out.push('deceased');
  if (a.openHolds.includes('bankruptcy') || a.restrictions.some((r) => r.kind === 'bankruptcy')) {
    out.push('bankruptcy');
  }
  if (a.restrictions.some((r) => r.kind !== 'bankruptcy')) out.push('contact_restricted');
  if (a.returnedMail) out.push('returned_mail');
  else if (!a.hasAddress) out.push('no_address');
  if (a.openHolds.includes('dispute')) out.push('dispute');
  if (a.openHolds.includes('assistance')) out.push('assistance');
  if (a.promiseOpen) out.push('promise');
  if (a.insuranceBalance > 0) out.push('insurance_pending');
  if (a.patientBalance < 0) out.push('credit');
  else if (a.patientBalance === 0) out.push('no_balance');
  if (a.stage === PRE_COLLECTION && !a.planInGoodStanding) out.push('pre_collection');
  return a.released.length === 0
    ? out
    : out.filter((h) => !(RELEASABLE_HOLDS.includes(h) && a.released.includes(h)));
}

/** A hold of accountHoldKinds in words, from what the account holds. */
function holdReason(a: AccountState, hold: AccountHold): string {
  switch (hold) {
    case 'agency':
      return 'the account is with a collection agency.';
    case 'not_open':
      return `the account is ${a.status === 'bad_debt' ? 'written off as bad debt' : a.status}.`;
    case 'deceased':
      return `the patient or guarantor died on ${a.deceasedDate ? formatUsDate(a.deceasedDate) : ''}; the estate process applies instead.`;
    case 'bankruptcy': {
      const bankruptcy = a.restrictions.find((r) => r.kind === 'bankruptcy');
      return `a bankruptcy is on file${bankruptcy ? ` (${bankruptcy.reason})` : ''}.`;
    }
    case 'contact_restricted':
      return `contact is restricted: ${a.restrictions
        .filter((r) => r.kind !== 'bankruptcy')
        .map((r) => r.reason)
        .join('; ')}.`;
    case 'returned_mail':
      return 'mail to the guarantor came back; confirm the address.';
    case 'no_address':
      return 'the guarantor has no address on file.';
    case 'dispute':
      return 'the balance is disputed.';
    case 'assistance':
      return 'a financial-assistance application is pending.';
    case 'promise':
      return 'a promise to pay is open.';
    case 'insurance_pending':
      return `${formatCents(a.insuranceBalance)} is still with insurance; the patient's share is not final.`;
    case 'credit':
      return 'the account has a credit balance; the refund process applies.';
    case 'no_balance':
      return 'the patient owes nothing.';
    case 'pre_collection':
      return 'the final notice period has passed; it waits for a decision on agency referral.';
  }
}

function held(a: AccountState, hold: StatementHold, reason: string): HeldAccount {
  return {
    accountId: a.accountId,
    accountNumber: a.accountNumber,
    hold,
    reason: `Account ${a.accountNumber}: ${reason}`,
    releasable: RELEASABLE_HOLDS.includes(hold),
  };
}

/** accountHoldKinds, each with its reason in words. */
export function accountHolds(a: AccountState): HeldAccount[] {
  return accountHoldKinds(a).map((h) => held(a, h, holdReason(a, h)));
}

/** One guarantor's accounts as the cycle sorts them, before anything is put in words. */
interface Sorted {
  guarantorId: number;
  accounts: AccountState[];
  held: { account: AccountState; first: AccountHold; also: AccountHold[] }[];
  plan: AccountState[];
  dunning: AccountState[];
  /** Due a dunning statement, but the guarantor owes under the minimum in all. */
  underMinimum: AccountState[];
  owed: Cents;
}

/**
 * The cycle's decisions: each account held (its first hold decides), on a plan statement
 * or due a dunning one; a guarantor whose dunning accounts owe under the minimum in all
 * gets none, unless a supervisor released one of them for it.
 */
function sortCycles(states: readonly AccountState[], rules: BillingRules): Sorted[] {
  const byGuarantor = new Map<number, AccountState[]>();
  for (const s of states) {
    const list = byGuarantor.get(s.guarantorId);
    if (list) list.push(s);
    else byGuarantor.set(s.guarantorId, [s]);
  }
  return [...byGuarantor].map(([guarantorId, accounts]) => {
    const sorted: Sorted = {
      guarantorId,
      accounts,
      held: [],
      plan: [],
      dunning: [],
      underMinimum: [],
      owed: sumCents([]),
    };
    for (const a of accounts) {
      const [first, ...also] = accountHoldKinds(a);
      if (first) sorted.held.push({ account: a, first, also });
      else if (a.planInGoodStanding) sorted.plan.push(a);
      else sorted.dunning.push(a);
    }
    sorted.owed = sumCents(sorted.dunning.map((a) => a.patientBalance));
    if (
      sorted.dunning.length > 0 &&
      sorted.owed < rules.statementMinimum &&
      !sorted.dunning.some((a) => a.released.includes('minimum'))
    ) {
      sorted.underMinimum = sorted.dunning;
      sorted.dunning = [];
    }
    return sorted;
  });
}

/** A guarantor's accounts, sorted into the statement's, the plan statement's and the held. */
export interface GuarantorCycle {
  guarantorId: number;
  guarantorName: string;
  dunning: AccountState[];
  plan: AccountState[];
  held: HeldAccount[];
  /** The stage of the dunning statement: the firmest its accounts have reached. */
  stage: number;
}

export function guarantorCycles(
  states: readonly AccountState[],
  rules: BillingRules,
): GuarantorCycle[] {
  return sortCycles(states, rules).map((s) => ({
    guarantorId: s.guarantorId,
    guarantorName: s.accounts[0]?.guarantorName ?? '',
    dunning: s.dunning,
    plan: s.plan,
    held: [
      ...s.held.map(({ account, first, also }) => {
        const reason = holdReason(account, first);
        return held(
          account,
          first,
          also.length > 0
            ? `${reason} Also: ${also.map((h) => STATEMENT_HOLD.labels[h].toLowerCase()).join(', ')}.`
            : reason,
        );
      }),
      ...s.underMinimum.map((a) =>
        held(
          a,
          'minimum',
          `the guarantor owes ${formatCents(s.owed)} in all, under the ${formatCents(rules.statementMinimum)} minimum.`,
        ),
      ),
    ],
    stage: Math.max(0, ...s.dunning.map((a) => a.stage)),
  }));
}

/** Where each account stands in the cycle: the hold that decides first, or its statement. */
export type StatementPlace = StatementHold | 'plan' | 'statement';

/** guarantorCycles' decisions alone, for reading many accounts at once without their words. */
export function statementPlaces(
  states: readonly AccountState[],
  rules: BillingRules,
): Map<AccountId, StatementPlace> {
  const out = new Map<AccountId, StatementPlace>();
  for (const s of sortCycles(states, rules)) {
    for (const { account, first } of s.held) out.set(account.accountId, first);
    for (const a of s.underMinimum) out.set(a.accountId, 'minimum');
    for (const a of s.plan) out.set(a.accountId, 'plan');
    for (const a of s.dunning) out.set(a.accountId, 'statement');
  }
  return out;
}
