import { AGING_BUCKET_KEYS, bucketForAge, type AgingBuckets } from '../../shared/aging/buckets';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { cents, type Cents } from '../../shared/money/cents';
import type { LedgerSide } from '../../shared/codes/enums';

export interface AgingInput {
  id?: number;
  side: LedgerSide;
  amount: number;
  postingDate: IsoDate;
  /** Set on a reversal: the entry it cancels. */
  reversesId?: number | null;
}

export interface Aging {
  insurance: AgingBuckets;
  patient: AgingBuckets;
  total: AgingBuckets;
  insuranceBalance: Cents;
  patientBalance: Cents;
  /** Posting date of the oldest amount still open on either side; null when none is. */
  oldestOpenDate: IsoDate | null;
}

export function emptyBuckets(): AgingBuckets {
  return Object.fromEntries(AGING_BUCKET_KEYS.map((k) => [k, cents(0)])) as AgingBuckets;
}

interface SideAging {
  buckets: AgingBuckets;
  balance: number;
  oldestOpen: IsoDate | null;
}

/**
 * Ages one side of an account first in, first out: every credit (payment, adjustment,
 * transfer out) pays off the oldest open debit first, and what remains of each debit is
 * aged from its posting date. A credit balance sits in the current bucket, so the
 * buckets always sum to the balance.
 */
function ageSide(entries: readonly AgingInput[], today: IsoDate): SideAging {
  const debits = entries
    .filter((e) => e.amount > 0)
    .sort((a, b) => (a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : 0));
  let credit = 0;
  let balance = 0;
  for (const e of entries) {
    balance += e.amount;
    if (e.amount < 0) credit -= e.amount;
  }
  const buckets: Record<string, number> = Object.fromEntries(AGING_BUCKET_KEYS.map((k) => [k, 0]));
  let oldestOpen: IsoDate | null = null;
  for (const d of debits) {
    const applied = Math.min(credit, d.amount);
    credit -= applied;
    const open = d.amount - applied;
    if (open === 0) continue;
    oldestOpen ??= d.postingDate;
    const key = bucketForAge(daysBetween(d.postingDate, today));
    buckets[key] = (buckets[key] ?? 0) + open;
  }
  if (credit > 0) buckets.current = (buckets.current ?? 0) - credit;
  return {
    buckets: Object.fromEntries(
      AGING_BUCKET_KEYS.map((k) => [k, cents(buckets[k] ?? 0)]),
    ) as AgingBuckets,
    balance,
    oldestOpen,
  };
}

/**
 * A reversal and the entry it cancels sum to zero; both leave the aging, so a corrected
 * mistake neither pays off an old charge nor opens a new one.
 */
function withoutReversedPairs(entries: readonly AgingInput[]): AgingInput[] {
  const cancelled = new Set<number>();
  for (const e of entries) if (e.reversesId != null) cancelled.add(e.reversesId);
  return entries.filter(
    (e) => e.reversesId == null && (e.id === undefined || !cancelled.has(e.id)),
  );
}

/** What the account row caches: the balance of each side and the oldest open date. */
export interface CachedBalances {
  insuranceBalance: Cents;
  patientBalance: Cents;
  oldestOpenDate: IsoDate | null;
}

/**
 * The posting date of the oldest debit a side still owes on, first in, first out: the
 * side's credits pay its debits off oldest first, as ageSide does.
 */
function oldestOpenOf(debits: AgingInput[], credit: number): IsoDate | null {
  debits.sort((a, b) =>
    a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : 0,
  );
  let left = credit;
  for (const d of debits) {
    if (d.amount > left) return d.postingDate;
    left -= d.amount;
  }
  return null;
}

/**
 * The figures computeAging gives for the account row, without the buckets: every ledger
 * write recomputes them, so this skips the day arithmetic the buckets need.
 */
export function cachedBalances(allEntries: readonly AgingInput[]): CachedBalances {
  const entries = withoutReversedPairs(allEntries);
  const balance = { insurance: 0, patient: 0 };
  const credit = { insurance: 0, patient: 0 };
  const debits: Record<LedgerSide, AgingInput[]> = { insurance: [], patient: [] };
  for (const e of entries) {
    balance[e.side] += e.amount;
    if (e.amount < 0) credit[e.side] -= e.amount;
    else if (e.amount > 0) debits[e.side].push(e);
  }
  const ins = oldestOpenOf(debits.insurance, credit.insurance);
  const pat = oldestOpenOf(debits.patient, credit.patient);
  return {
    insuranceBalance: cents(balance.insurance),
    patientBalance: cents(balance.patient),
    oldestOpenDate: ins === null ? pat : pat === null || ins <= pat ? ins : pat,
  };
}

export function computeAging(allEntries: readonly AgingInput[], today: IsoDate): Aging {
  const entries = withoutReversedPairs(allEntries);
  const ins = ageSide(
    entries.filter((e) => e.side === 'insurance'),
    today,
  );
  const pat = ageSide(
    entries.filter((e) => e.side === 'patient'),
    today,
  );
  const total = Object.fromEntries(
    AGING_BUCKET_KEYS.map((k) => [k, cents(ins.buckets[k] + pat.buckets[k])]),
  ) as AgingBuckets;
  const candidates = [ins.oldestOpen, pat.oldestOpen].filter((d): d is IsoDate => d !== null);
  const oldestOpenDate = candidates.length ? (candidates.sort()[0] ?? null) : null;
  return {
    insurance: ins.buckets,
    patient: pat.buckets,
    total,
    insuranceBalance: cents(ins.balance),
    patientBalance: cents(pat.balance),
    oldestOpenDate,
  };
}
