import type { LedgerKind, LedgerSide } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { PatientShare, StatementLine } from '../documents/statement-data';

export interface LedgerRow {
  claimId: number | null;
  kind: LedgerKind;
  side: LedgerSide;
  amount: number;
  postingDate: IsoDate;
}

export interface ClaimRow {
  id: number;
  primaryClaimId: number | null;
  payerName: string;
  firstDate: IsoDate | null;
  description: string;
}

export interface ShareRow {
  claimId: number;
  reasonCode: string;
  amount: number;
}

interface Visit {
  key: number;
  claims: ClaimRow[];
  charges: number;
  planPaid: number;
  adjustments: number;
  youPaid: number;
  pending: number;
  /** Patient-side balance of the visit's own entries, then after payments on the account. */
  open: number;
  firstDebit: IsoDate | null;
  active: boolean;
}

/** Key of the visit a claim belongs to: a claim to the secondary payer joins its primary. */
const NO_CLAIM = 0;

function emptyVisit(key: number): Visit {
  return {
    key,
    claims: [],
    charges: 0,
    planPaid: 0,
    adjustments: 0,
    youPaid: 0,
    pending: 0,
    open: 0,
    firstDebit: null,
    active: false,
  };
}

function shareOf(rows: readonly ShareRow[]): PatientShare {
  const sum = (codes: readonly string[] | null) =>
    cents(
      rows
        .filter((r) =>
          codes === null ? !['1', '2', '3'].includes(r.reasonCode) : codes.includes(r.reasonCode),
        )
        .reduce((s, r) => s + r.amount, 0),
    );
  return {
    deductible: sum(['1']),
    coinsurance: sum(['2']),
    copay: sum(['3']),
    notCovered: sum(null),
  };
}

export interface LineOptions {
  /** Entries posted after this date are this statement's activity; null: everything is. */
  readonly periodAfter: IsoDate | null;
  /** Printed on each line when the patient is not the person the statement goes to. */
  readonly patientName: string | undefined;
  readonly accountServiceDate: IsoDate;
}

/**
 * One line per visit (claim, with its secondary claim) and one for charges billed to the
 * patient directly. Payments and adjustments the patient made on the account as a whole
 * pay off the oldest visits first, as the aging does; what is left over is a credit line.
 * Each line adds up (charges - plan paid - adjustments - you paid - pending with
 * insurance = your share) and the lines' shares add up to the patient balance.
 */
export function statementLines(
  entries: readonly LedgerRow[],
  claims: readonly ClaimRow[],
  shares: readonly ShareRow[],
  options: LineOptions,
): StatementLine[] {
  const byClaim = new Map(claims.map((c) => [c.id, c]));
  const keyOf = (claimId: number | null) =>
    claimId === null ? NO_CLAIM : (byClaim.get(claimId)?.primaryClaimId ?? claimId);
  const visits = new Map<number, Visit>();
  const visit = (key: number) => {
    let v = visits.get(key);
    if (!v) visits.set(key, (v = emptyVisit(key)));
    return v;
  };
  for (const c of claims) visit(keyOf(c.id)).claims.push(c);

  let unassignedPaid = 0;
  let unassignedAdjusted = 0;
  let lastUnassigned: IsoDate | null = null;
  for (const e of entries) {
    const inPeriod = options.periodAfter === null || e.postingDate > options.periodAfter;
    const credit = e.kind !== 'charge';
    if (e.side === 'patient' && e.claimId === null && credit) {
      // paid or adjusted on the account as a whole, not on one visit
      if (e.kind === 'payment' || e.kind === 'refund') unassignedPaid -= e.amount;
      else unassignedAdjusted -= e.amount;
      lastUnassigned = e.postingDate;
      continue;
    }
    const v = visit(keyOf(e.claimId));
    v.active ||= inPeriod;
    if (e.kind === 'charge') v.charges += e.amount;
    else if (e.kind === 'payment' || e.kind === 'refund') {
      if (e.side === 'insurance') v.planPaid -= e.amount;
      else v.youPaid -= e.amount;
    } else v.adjustments -= e.amount;
    if (e.side === 'insurance') v.pending += e.amount;
    else {
      v.open += e.amount;
      if (e.amount > 0 && (v.firstDebit === null || e.postingDate < v.firstDebit)) {
        v.firstDebit = e.postingDate;
      }
    }
  }

  const oldestFirst = [...visits.values()]
    .filter((v) => v.open > 0)
    .sort((a, b) => (a.firstDebit ?? '').localeCompare(b.firstDebit ?? '') || a.key - b.key);
  for (const v of oldestFirst) {
    const paid = Math.min(Math.max(unassignedPaid, 0), v.open);
    unassignedPaid -= paid;
    const adjusted = Math.min(Math.max(unassignedAdjusted, 0), v.open - paid);
    unassignedAdjusted -= adjusted;
    v.youPaid += paid;
    v.adjustments += adjusted;
    v.open -= paid + adjusted;
  }

  const lines: StatementLine[] = [];
  for (const v of visits.values()) {
    if (!v.active && v.open === 0 && v.pending === 0) continue;
    const primary = v.claims.find((c) => c.primaryClaimId === null) ?? v.claims[0];
    const secondaryIds = v.claims.filter((c) => c.primaryClaimId !== null).map((c) => c.id);
    // a secondary payer's EOB states the patient's final share when there is one
    const secondaryShares = shares.filter((s) => secondaryIds.includes(s.claimId));
    const ownShares =
      secondaryShares.length > 0
        ? secondaryShares
        : shares.filter((s) => v.claims.some((c) => c.id === s.claimId));
    const pendingWith =
      v.pending !== 0 && secondaryIds.length > 0
        ? v.claims.find((c) => c.id === secondaryIds[0])
        : primary;
    lines.push({
      date: primary?.firstDate ?? v.firstDebit ?? options.accountServiceDate,
      ...(options.patientName ? { patientName: options.patientName } : {}),
      description: primary?.description ?? 'Services billed to you directly',
      charges: cents(v.charges),
      insurancePaid: cents(v.planPaid),
      adjustments: cents(v.adjustments),
      patientPaid: cents(v.youPaid),
      share: shareOf(ownShares),
      youOwe: cents(v.open),
      ...(v.pending !== 0 ? { insurancePending: cents(v.pending) } : {}),
      ...(pendingWith ? { payerName: pendingWith.payerName } : {}),
    });
  }
  lines.sort((a, b) => a.date.localeCompare(b.date));

  const credit = unassignedPaid + unassignedAdjusted;
  if (credit !== 0) {
    lines.push({
      date: lastUnassigned ?? options.accountServiceDate,
      description: credit > 0 ? 'Credit on your account' : 'Payments returned to you',
      charges: cents(0),
      insurancePaid: cents(0),
      adjustments: cents(unassignedAdjusted),
      patientPaid: cents(unassignedPaid),
      share: { deductible: cents(0), coinsurance: cents(0), copay: cents(0), notCovered: cents(0) },
      youOwe: cents(-credit),
    });
  }
  return lines;
}
