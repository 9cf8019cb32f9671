import type { TieOut } from '../../../shared/api/imports';
import { notFound } from '../../../shared/api/errors';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { ReadDb } from '../../db/open';
import { one } from '../../db/query';

type Parts = Omit<TieOut, 'difference' | 'line'>;

/**
 * The payment made up from its parts: claims paid − reversals ± provider adjustments +
 * exceptions. Pure, so the equation itself can be tested on any amounts.
 */
export function tieOutOf(p: Parts): TieOut {
  const accounted = p.claimsPaid - p.reversals + p.providerAdjustments + p.exceptions;
  const difference = cents(p.payment - accounted);
  return { ...p, difference, line: tieOutLine(p, cents(accounted), difference) };
}

function tieOutLine(p: Parts, accounted: Cents, difference: Cents): string {
  const money = (c: number) => formatCents(cents(Math.abs(c)));
  const terms = [`Claims paid ${money(p.claimsPaid)}`];
  if (p.reversals !== 0) terms.push(`− reversed ${money(p.reversals)}`);
  if (p.providerAdjustments !== 0) {
    terms.push(
      `${p.providerAdjustments > 0 ? '+' : '−'} provider adjustments ${money(p.providerAdjustments)}`,
    );
  }
  if (p.exceptionCount > 0 || p.exceptions !== 0) {
    const sign = p.exceptions < 0 ? '−' : '+';
    const claims = p.exceptionCount === 1 ? '1 claim' : `${p.exceptionCount} claims`;
    terms.push(`${sign} in exceptions ${money(p.exceptions)} (${claims})`);
  }
  const sum = terms.join(' ');
  if (difference === 0) return `${sum} = payment ${money(p.payment)}: ties out.`;
  const how = difference > 0 ? 'less than' : 'more than';
  return `${sum} = ${formatCents(accounted)}, ${money(difference)} ${how} the payment of ${money(p.payment)}: does not tie out.`;
}

/**
 * How a stored remittance's payment ties out, from what is posted of it now: its receipts
 * (payments, and the reversals it made), its PLB amounts and its claims still in the
 * exceptions list or set aside.
 */
export function remittanceTieOut(db: ReadDb, remittanceId: number): TieOut {
  const row = one<Parts>(
    db,
    `SELECT r.payment_amount AS payment,
       (SELECT ifnull(sum(x.amount), 0) FROM receipts x
          WHERE x.remittance_id = r.id AND x.reverses_id IS NULL) AS claimsPaid,
       (SELECT ifnull(-sum(x.amount), 0) FROM receipts x
          WHERE x.remittance_id = r.id AND x.reverses_id IS NOT NULL) AS reversals,
       (SELECT ifnull(-sum(p.amount), 0) FROM provider_adjustments p
          WHERE p.remittance_id = r.id) AS providerAdjustments,
       (SELECT ifnull(sum(e.paid), 0) FROM remittance_exceptions e
          WHERE e.remittance_id = r.id AND e.status <> 'matched') AS exceptions,
       (SELECT count(*) FROM remittance_exceptions e
          WHERE e.remittance_id = r.id AND e.status <> 'matched') AS exceptionCount
     FROM remittances r WHERE r.id = ?`,
    remittanceId,
  );
  if (!row) throw notFound('The remittance');
  return tieOutOf(row);
}
