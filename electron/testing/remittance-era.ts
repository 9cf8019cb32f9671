import type { IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import type { Claim } from '../importers/x12/remittance-types';
import { write835 } from './x12/write-835';
import { sampleDocument } from './x12/samples';

/** One provider-level adjustment as the payer sends it: PLB04 positive withholds. */
export interface Plb {
  code: string;
  ref: string | null;
  amount: number;
}

/**
 * An 835 (text) whose payment balances as the payer computes it: the claims paid less the
 * PLB amounts. Dated in BPR16, or only in DTM*405 when `productionDate` is given.
 */
export function era(
  claims: readonly Claim[],
  opts: { trace: string; date?: IsoDate; productionDate?: IsoDate; plb?: readonly Plb[] },
): string {
  const doc = sampleDocument(0);
  const t = doc.interchanges[0]?.groups[0]?.transactions[0];
  if (!t || !t.payment || !t.trace) throw new Error('sample document changed shape');
  const plb = opts.plb ?? [];
  t.claims = [...claims];
  t.payment.amount = cents(
    claims.reduce((s, c) => s + c.paidAmount, 0) - plb.reduce((s, p) => s + p.amount, 0),
  );
  t.payment.date = opts.productionDate ? null : (opts.date ?? null);
  t.dates = opts.productionDate ? [{ qualifier: '405', date: opts.productionDate }] : [];
  t.trace.traceNumber = opts.trace;
  t.trace.payerId = '1999999999';
  t.providerAdjustments =
    plb.length === 0
      ? []
      : [
          {
            providerId: '1234567893',
            fiscalPeriodDate: null,
            items: plb.map((p) => ({
              reasonCode: p.code,
              referenceId: p.ref,
              amount: cents(p.amount),
            })),
          },
        ];
  return write835(doc);
}
