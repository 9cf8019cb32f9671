/**
 * What an appeal letter says the payer did with each service line: billed, paid,
 * contractual adjustment, patient share and denied, from the remittance's own posting.
 * A line carries only what was posted to it; what the payer posted to the claim as a
 * whole goes on one claim-level row, so no line shows $0.00 paid for money that was
 * paid but not assigned to a line.
 */
import { isDenyingAdjustment } from '../../shared/codes/reason-rules';
import { cents, type Cents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';

export type FigureKind = 'paid' | 'contractual' | 'patient' | 'denied';

/** One amount the payer's posting put on a line (or, lineId null, on the claim). */
export interface PostedAmount {
  lineId: number | null;
  kind: FigureKind;
  amount: number;
}

export type Figures = Record<FigureKind, Cents>;

export interface LineFigures {
  lineId: number;
  billed: Cents;
  /** null: nothing of this kind was posted to the line, while the claim-level row has some. */
  paid: Cents | null;
  contractual: Cents | null;
  patient: Cents | null;
  denied: Cents | null;
}

export interface ClaimFigures {
  lines: LineFigures[];
  /** Amounts posted to the claim as a whole; null when everything was posted by line. */
  claimLevel: Figures | null;
  /** The sum of the denied column, lines and claim-level row: the amount in dispute. */
  inDispute: Cents;
  /** Lines that carry a denying code of their own: the lines under appeal. */
  deniedLineIds: number[];
}

const KINDS: readonly FigureKind[] = ['paid', 'contractual', 'patient', 'denied'];

function zero(): Record<FigureKind, number> {
  return { paid: 0, contractual: 0, patient: 0, denied: 0 };
}

/**
 * The figures of a claim from its lines, the amounts posted and the denial record's
 * amount. A denial recorded without any denying code (a claim the payer refused outright
 * with routine codes only) is denied at claim level, so the denied column still adds up
 * to the record.
 */
export function claimFigures(
  lines: readonly { id: number; billed: number }[],
  posted: readonly PostedAmount[],
  recorded: number | null,
): ClaimFigures {
  const byLine = new Map<number, Record<FigureKind, number>>();
  const posts = new Map<number, Set<FigureKind>>();
  const claim = zero();
  const known = new Set(lines.map((l) => l.id));
  for (const p of posted) {
    if (p.lineId !== null && known.has(p.lineId)) {
      const f = byLine.get(p.lineId) ?? zero();
      f[p.kind] += p.amount;
      byLine.set(p.lineId, f);
      const kinds = posts.get(p.lineId) ?? new Set<FigureKind>();
      kinds.add(p.kind);
      posts.set(p.lineId, kinds);
    } else {
      claim[p.kind] += p.amount;
    }
  }
  const coded = posted.filter((p) => p.kind === 'denied').reduce((s, p) => s + p.amount, 0);
  if (coded === 0 && recorded !== null && recorded > 0) claim.denied += recorded;
  const cell = (lineId: number, kind: FigureKind): Cents | null => {
    const own = posts.get(lineId)?.has(kind) ?? false;
    if (!own && claim[kind] !== 0) return null;
    return cents(byLine.get(lineId)?.[kind] ?? 0);
  };
  const out = lines.map((l): LineFigures => ({
    lineId: l.id,
    billed: cents(l.billed),
    paid: cell(l.id, 'paid'),
    contractual: cell(l.id, 'contractual'),
    patient: cell(l.id, 'patient'),
    denied: cell(l.id, 'denied'),
  }));
  const lineDenied = out.reduce((s, l) => s + (l.denied ?? 0), 0);
  return {
    lines: out,
    claimLevel: KINDS.some((k) => claim[k] !== 0)
      ? {
          paid: cents(claim.paid),
          contractual: cents(claim.contractual),
          patient: cents(claim.patient),
          denied: cents(claim.denied),
        }
      : null,
    inDispute: cents(lineDenied + claim.denied),
    deniedLineIds: out.filter((l) => (l.denied ?? 0) > 0).map((l) => l.lineId),
  };
}

/**
 * The posted amounts of a claim: what the payer paid, from the ledger (net of reversals),
 * and its adjustment codes (CAS) split three ways by the one rule of what a denying code
 * is: the patient's share (PR), the denied amounts, and the rest, the contractual and other
 * routine adjustments. The codes are the denial's remittance's when the denial has one, so
 * the denied column is the same sum the denial record was made from. The codes are read
 * from the stored CAS rather than the ledger: denied money is not written to the ledger
 * (it stays owed until the denial is worked), and a patient share crossed over to a
 * secondary payer is no longer on the patient side.
 */
export function postedAmounts(
  db: ReadDb,
  claimId: number,
  denialRemittanceId: number | null,
): PostedAmount[] {
  const paid = all<{ lineId: number | null; amount: number }>(
    db,
    `SELECT claim_line_id AS lineId, -sum(amount) AS amount FROM ledger_entries
       WHERE claim_id = ? AND kind = 'payment' AND side = 'insurance'
       GROUP BY claim_line_id`,
    claimId,
  );
  const codes = all<{ lineId: number | null; group: string; reason: string; amount: number }>(
    db,
    `SELECT ca.claim_line_id AS lineId, ca.group_code AS "group", ca.reason_code AS reason,
         ca.amount
       FROM claim_adjustments ca
       WHERE ca.claim_id = ?
         AND (? IS NULL OR ca.receipt_id IN (SELECT id FROM receipts WHERE remittance_id = ?))`,
    claimId,
    denialRemittanceId,
    denialRemittanceId,
  );
  return [
    ...paid
      .filter((p) => p.amount !== 0)
      .map((p): PostedAmount => ({ lineId: p.lineId, kind: 'paid', amount: p.amount })),
    ...codes.map((c): PostedAmount => ({
      lineId: c.lineId,
      kind:
        c.group === 'PR'
          ? 'patient'
          : isDenyingAdjustment(c.group, c.reason)
            ? 'denied'
            : 'contractual',
      amount: c.amount,
    })),
  ];
}
