import type { ProviderAdjustmentView } from '../../../shared/api/imports';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { cents, negate, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import type { ReadDb } from '../../db/open';
import { recordActivity } from '../../activities/record';
import { appendLedgerEntries } from '../../ledger/ledger';
import type { ProviderAdjustment } from '../x12/remittance-types';
import { matchClaim } from './match';
import { all, prepare } from '../../db/query';

/** The facility's own accounts that provider-level adjustments (PLB) are posted to. */
export type FacilityAccount =
  'interest' | 'recoveries' | 'forwarding_balances' | 'withholdings' | 'other';

export const FACILITY_ACCOUNT_LABELS: Record<FacilityAccount, string> = {
  interest: 'Interest paid by payers',
  recoveries: 'Overpayment recoveries',
  forwarding_balances: 'Forwarding balances',
  withholdings: 'Penalties, levies and withholdings',
  other: 'Other provider adjustments',
};

interface PlbCode {
  name: string;
  account: FacilityAccount;
  /** Said after the amount, e.g. "interest"; without it the code's name is given. */
  words?: string;
}

/**
 * The PLB03-1 adjustment reason codes of the 005010X221 835. Migration 015 sorts the
 * adjustments imported before it into the same accounts; keep the two alike.
 */
const PLB_CODES: Record<string, PlbCode> = {
  '50': { name: 'Late charge', account: 'withholdings', words: 'late filing penalty' },
  '51': { name: 'Interest penalty charge', account: 'withholdings', words: 'interest penalty' },
  '72': { name: 'Authorized return', account: 'recoveries' },
  '90': { name: 'Early payment allowance', account: 'other' },
  AH: { name: 'Origination fee', account: 'other', words: 'transmission fee' },
  AM: { name: "Applied to borrower's account", account: 'withholdings', words: 'loan repayment' },
  AP: { name: 'Acceleration of benefits', account: 'other', words: 'accelerated payment' },
  B2: { name: 'Rebate', account: 'other', words: 'rebate' },
  B3: { name: 'Recovery allowance', account: 'recoveries', words: 'recovery allowance' },
  BD: { name: 'Bad debt adjustment', account: 'other', words: 'bad debt adjustment' },
  BN: { name: 'Bonus', account: 'other', words: 'bonus' },
  C5: { name: 'Temporary allowance', account: 'other', words: 'temporary allowance' },
  CR: { name: 'Capitation interest', account: 'interest', words: 'capitation interest' },
  CS: { name: 'Adjustment', account: 'other', words: 'adjustment' },
  CT: { name: 'Capitation payment', account: 'other', words: 'capitation payment' },
  CV: { name: 'Capital passthru', account: 'other', words: 'capital pass-through' },
  CW: { name: 'Certified registered nurse anesthetist passthru', account: 'other' },
  DM: { name: 'Direct medical education passthru', account: 'other' },
  E3: { name: 'Withholding', account: 'withholdings', words: 'withholding' },
  FB: { name: 'Forwarding balance', account: 'forwarding_balances', words: 'forwarding balance' },
  FC: { name: 'Fund allocation', account: 'other', words: 'fund allocation' },
  GO: { name: 'Graduate medical education passthru', account: 'other' },
  HM: { name: 'Hemophilia clotting factor supplement', account: 'other' },
  IP: { name: 'Incentive premium payment', account: 'other', words: 'incentive payment' },
  IR: { name: 'Internal Revenue Service withholding', account: 'withholdings', words: 'IRS levy' },
  IS: { name: 'Interim settlement', account: 'other', words: 'interim settlement' },
  J1: { name: 'Nonreimbursable', account: 'other', words: 'nonreimbursable amount' },
  L3: { name: 'Penalty', account: 'withholdings', words: 'penalty' },
  L6: { name: 'Interest owed', account: 'interest', words: 'interest' },
  LE: { name: 'Levy', account: 'withholdings', words: 'levy' },
  LS: { name: 'Lump sum', account: 'other', words: 'lump sum' },
  OA: { name: 'Organ acquisition passthru', account: 'other' },
  OB: {
    name: 'Offset for affiliated providers',
    account: 'withholdings',
    words: 'offset for an affiliated provider',
  },
  PI: { name: 'Periodic interim payment', account: 'other', words: 'periodic interim payment' },
  PL: { name: 'Payment final', account: 'other', words: 'final settlement' },
  RA: { name: 'Retro-activity adjustment', account: 'other', words: 'retroactive adjustment' },
  RE: { name: 'Return on equity', account: 'other', words: 'return on equity' },
  SL: { name: 'Student loan repayment', account: 'withholdings', words: 'student loan repayment' },
  TL: { name: 'Third party liability', account: 'other', words: 'third party liability' },
  WO: { name: 'Overpayment recovery', account: 'recoveries', words: 'overpayment' },
  WU: { name: 'Unspecified recovery', account: 'recoveries', words: 'unspecified recovery' },
};

export function facilityAccountOf(reasonCode: string): FacilityAccount {
  return PLB_CODES[reasonCode]?.account ?? 'other';
}

/**
 * One PLB amount in words with its sign made plain. `amount` is money to the facility
 * (the PLB04 sign turned): "Payer paid $12.50 interest", "Payer took back $40.00
 * overpayment on claim C-1", "Payer withheld $8.00 levy".
 */
export function providerAdjustmentWords(
  reasonCode: string,
  amount: Cents,
  referenceId: string | null,
  claimNumber: string | null,
): string {
  const code = PLB_CODES[reasonCode];
  const account = code?.account ?? 'other';
  const verb =
    amount > 0
      ? 'paid'
      : account === 'recoveries' || account === 'interest'
        ? 'took back'
        : 'withheld';
  const what = code
    ? (code.words ?? `(${code.name}, code ${reasonCode})`)
    : `under adjustment code ${reasonCode || '(none)'}, which ClaimDesk does not know`;
  const about = claimNumber
    ? ` on claim ${claimNumber}`
    : referenceId
      ? ` (payer's reference ${referenceId})`
      : '';
  return `Payer ${verb} ${formatCents(cents(Math.abs(amount)))} ${what}${about}`;
}

export interface PlbRemittance {
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  remitDate: IsoDate;
}

/**
 * Keeps each PLB amount as sent and posts it to its facility account, dated with the
 * remittance. An overpayment recovery (WO) whose reference names one of our claims is
 * posted against that claim's account too: the payer took the money back from it.
 */
export function postProviderAdjustments(
  ctx: Ctx,
  remit: PlbRemittance,
  adjustments: readonly ProviderAdjustment[],
): void {
  const { db } = ctx;
  const now = ctx.clock.now();
  const keep = prepare(
    db,
    `INSERT INTO provider_adjustments (remittance_id, provider_id, fiscal_period_date, reason_code,
       reference_id, amount) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const post = prepare(
    db,
    `INSERT INTO facility_ledger (provider_adjustment_id, remittance_id, account, amount,
       posting_date, claim_id, ledger_entry_id, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of adjustments) {
    for (const item of p.items) {
      const keptId = keep.run(
        remit.remittanceId,
        p.providerId,
        p.fiscalPeriodDate,
        item.reasonCode,
        item.referenceId,
        item.amount,
      ).lastInsertRowid;
      if (item.amount === 0) continue;
      const toFacility = negate(item.amount);
      const account = facilityAccountOf(item.reasonCode);
      const onClaim =
        item.reasonCode === 'WO' && toFacility < 0 && item.referenceId
          ? matchClaim(db, item.referenceId, item.referenceId)
          : null;
      let ledgerEntryId: number | null = null;
      if (onClaim) {
        const words = providerAdjustmentWords(
          item.reasonCode,
          toFacility,
          item.referenceId,
          onClaim.claimNumber,
        );
        // money the payer took back raises what it owes on the claim, as a refund would
        [ledgerEntryId = null] = appendLedgerEntries(
          db,
          [
            {
              accountId: onClaim.accountId,
              claimId: onClaim.id,
              kind: 'refund',
              side: 'insurance',
              amount: item.amount,
              postingDate: remit.remitDate,
              payerId: onClaim.payerId,
              reference: `ERA ${remit.traceNumber}`,
              memo: `${words} (provider-level adjustment)`,
            },
          ],
          { userId: ctx.userId, now, today: ctx.clock.today() },
        );
        recordActivity(ctx, {
          accountId: onClaim.accountId,
          claimId: onClaim.id,
          kind: 'system',
          text: `Remittance ${remit.traceNumber} from ${remit.payerName}: ${words}.`,
        });
      }
      post.run(
        keptId,
        remit.remittanceId,
        account,
        toFacility,
        remit.remitDate,
        onClaim?.id ?? null,
        ledgerEntryId,
        now,
        ctx.userId,
      );
    }
  }
}

interface FacilityRow {
  id: number;
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  postingDate: IsoDate;
  reasonCode: string;
  referenceId: string | null;
  account: FacilityAccount;
  amount: Cents;
  claimNumber: string | null;
  accountId: number | null;
}

/** Provider-level adjustments as posted to the facility's accounts, in words. */
export function providerAdjustmentViews(
  db: ReadDb,
  where: string,
  ...params: unknown[]
): ProviderAdjustmentView[] {
  return all<FacilityRow>(
    db,
    `SELECT f.id, f.remittance_id AS remittanceId, r.payer_name AS payerName,
         r.trace_number AS traceNumber, f.posting_date AS postingDate,
         p.reason_code AS reasonCode, p.reference_id AS referenceId, f.account, f.amount,
         c.claim_number AS claimNumber, c.account_id AS accountId
       FROM facility_ledger f JOIN provider_adjustments p ON p.id = f.provider_adjustment_id
       JOIN remittances r ON r.id = f.remittance_id LEFT JOIN claims c ON c.id = f.claim_id
       WHERE ${where} ORDER BY f.id`,
    ...params,
  ).map(({ account, ...row }) => ({
    ...row,
    accountLabel: FACILITY_ACCOUNT_LABELS[account],
    words: providerAdjustmentWords(row.reasonCode, row.amount, row.referenceId, row.claimNumber),
  }));
}
