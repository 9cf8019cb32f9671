import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import type { ClaimStatus } from '../../shared/codes/enums';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { planInsured } from './insured';
import { planPatientBalance, planSelfPay } from './patient';
import {
  AccountBuilder,
  type AccountPlan,
  type AccountSetting,
  type ClaimLineWithDate,
} from './plan';
import { encounterLines } from './services';

const money = (amount: number) => formatCents(cents(amount));

/** Claim states that need nothing more from anyone. */
const FINAL: ReadonlySet<ClaimStatus> = new Set<ClaimStatus>([
  'paid',
  'closed',
  'voided',
  'partially_paid',
]);

/** Closes settled accounts and makes sure every open account with money on it is in the queue. */
function finish(b: AccountBuilder): void {
  const { s } = b;
  const settled =
    b.insurance === 0 && b.patient === 0 && b.claims.every((c) => FINAL.has(c.status));
  if (b.status === 'open' && settled) b.status = 'closed';
  if (b.status !== 'open') {
    for (const f of b.followUps) {
      if (f.status !== 'open') continue;
      f.status = 'cancelled';
      f.completedAt = f.createdAt;
      f.completedBy = f.createdBy;
    }
    return;
  }
  const lastPosting = b.ledger.reduce(
    (latest, e) => (e.postingDate > latest ? e.postingDate : latest),
    s.serviceDate,
  );
  if (s.patientDeceased && s.patientDeceased <= b.today && (b.insurance !== 0 || b.patient !== 0)) {
    const heard = addDays(s.patientDeceased, b.rng.int(5, 25));
    b.call(
      heard > b.today ? b.today : heard,
      'other',
      'reached',
      `Family member called: patient passed away ${formatUsDate(s.patientDeceased)}. Asked for executor name and whether an estate has been opened.`,
      null,
      'inbound',
    );
  }
  if (b.insurance < 0) {
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(lastPosting, 14),
      reason: `Insurance credit balance ${money(-b.insurance)}: refund or request offset from the payer.`,
      createdOn: lastPosting,
    });
  }
  if (b.patient < 0) {
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(lastPosting, 14),
      reason: `Patient credit balance ${money(-b.patient)}: review for refund to the guarantor.`,
      createdOn: lastPosting,
    });
  }
  if ((b.insurance !== 0 || b.patient !== 0) && !b.followUps.some((f) => f.status === 'open')) {
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(lastPosting, 30),
      reason:
        b.insurance > 0
          ? `Insurance balance ${money(b.insurance)} outstanding; review claims and follow up with the payer.`
          : `Review account balance ${money(b.insurance + b.patient)}.`,
      createdOn: lastPosting,
    });
  }
}

/** Plans everything that happened on one hospital account, up to today. */
export function planAccount(setting: AccountSetting, stay: number): AccountPlan {
  const b = new AccountBuilder(setting);
  const lines: ClaimLineWithDate[] = encounterLines(setting.rng, setting.encounter, stay).map(
    (l) => ({
      ...l,
      serviceDate: addDays(setting.serviceDate, Math.min(l.dayOffset, stay)),
    }),
  );
  if (setting.coverages.length === 0) {
    planSelfPay(b, lines);
  } else {
    planInsured(b, lines);
    const first = b.firstPatientDebit();
    if (b.patient > 0 && first) planPatientBalance(b, first);
  }
  finish(b);
  b.activities.sort((x, y) =>
    x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : 0,
  );
  return b.result();
}
