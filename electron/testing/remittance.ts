import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, type Cents } from '../../shared/money/cents';
import { write835 } from './x12/write-835';
import type { Adjustment, Claim } from '../importers/x12/remittance-types';
import { sampleDocument } from './x12/samples';
import type { Ctx } from '../core/context';
import { oneOrThrow } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from './builders';

/** What a payer says about one claim, for building test remittances. */
export interface RemitClaim {
  patientControlNumber: string;
  charge: number;
  paid: number;
  status?: string;
  payerClaimNumber?: string;
  adjustments?: { group: string; reason: string; amount: number }[];
  remarks?: string[];
}

export function remitClaim(c: RemitClaim): Claim {
  const adjustments: Adjustment[] = (c.adjustments ?? []).map((a) => ({
    ...a,
    amount: cents(a.amount),
    quantity: null,
  }));
  return {
    headerNumber: '1',
    patientControlNumber: c.patientControlNumber,
    statusCode: c.status ?? '1',
    chargeAmount: cents(c.charge),
    paidAmount: cents(c.paid),
    patientResponsibility: cents(
      adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amount, 0),
    ),
    filingIndicator: 'CI',
    payerClaimNumber: c.payerClaimNumber ?? `PCN-${c.patientControlNumber}`,
    facilityType: '13',
    frequency: '1',
    adjustments,
    people: [
      {
        entityCode: 'QC',
        entityType: '1',
        lastOrOrganizationName: 'TESTPERSON',
        firstName: 'PAT',
        middleName: null,
        suffix: null,
        idQualifier: 'MI',
        id: 'M1',
      },
    ],
    inpatient: null,
    outpatient: c.remarks ? { reimbursementRate: null, remarkCodes: c.remarks, amounts: {} } : null,
    references: [],
    dates: [],
    contacts: [],
    amounts: [],
    quantities: [],
    serviceLines: [],
    errors: [],
  };
}

/** An 835 file (text) paying the given claims, from one payer with one trace number. */
export function remittanceFile(
  claims: readonly Claim[],
  opts: { trace?: string; payerId?: string; date?: IsoDate; withheld?: Cents } = {},
): string {
  const doc = sampleDocument(0);
  const t = doc.interchanges[0]?.groups[0]?.transactions[0];
  if (!t || !t.payment || !t.trace) throw new Error('sample document changed shape');
  const withheld = opts.withheld ?? cents(0);
  t.claims = [...claims];
  t.payment.amount = cents(claims.reduce((s, c) => s + c.paidAmount, 0) - withheld);
  t.payment.date = opts.date ?? null;
  t.dates = [];
  t.trace.traceNumber = opts.trace ?? 'EFT0001';
  t.trace.payerId = opts.payerId ?? '1999999999';
  t.providerAdjustments =
    withheld === 0
      ? []
      : [
          {
            providerId: '1234567893',
            fiscalPeriodDate: null,
            items: [{ reasonCode: 'WO', referenceId: 'OVERPAY', amount: withheld }],
          },
        ];
  return write835(doc);
}

/** A billed claim of one line on a new account and payer, as an 835 names it. */
export function billedClaimFor(ctx: Ctx, charge: number, appealWindowDays = 180) {
  const payerId = addPayer(ctx, { appealWindowDays });
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [charge]);
  const number = oneOrThrow<{ n: string }>(
    ctx.db,
    `SELECT claim_number AS n FROM claims WHERE id = ?`,
    claimId,
  ).n;
  return { payerId, accountId, claimId, number };
}
