import type {
  AccountId,
  ClaimId,
  ClaimLineId,
  LedgerEntryId,
  PayerId,
  PersonId,
} from '../../../shared/ids';
import { type IsoDate } from '../../../shared/dates/iso-date';
import { cents, negate, sumCents, type Cents } from '../../../shared/money/cents';
import type { Ctx } from '../../core/context';
import { type NewLedgerEntry } from '../../ledger/ledger';
import type { AccountRow } from './claim-account';
import { all, oneOrThrow } from '../../db/query';

/* The claim on file that a replacement (frequency 7) or void (8) changes, and its charges. */

/** Our claim as a replacement or void finds it. */
export interface OurClaim {
  id: ClaimId;
  claimNumber: string;
  payerId: PayerId;
  payerName: string;
  coverageId: number | null;
  totalCharge: Cents;
  account: AccountRow;
}

export function loadOurClaim(ctx: Ctx, claimId: ClaimId): OurClaim {
  const row = oneOrThrow<
    Omit<OurClaim, 'account'> & {
      accountId: AccountId;
      accountNumber: string;
      status: string;
      patientId: PersonId;
      guarantorId: PersonId;
    }
  >(
    ctx.db,
    `SELECT c.id, c.claim_number AS claimNumber, c.payer_id AS payerId, py.name AS payerName,
         c.coverage_id AS coverageId, c.total_charge AS totalCharge, a.id AS accountId,
         a.account_number AS accountNumber, a.status, a.patient_id AS patientId,
         a.guarantor_id AS guarantorId
       FROM claims c JOIN accounts a ON a.id = c.account_id JOIN payers py ON py.id = c.payer_id
       WHERE c.id = ?`,
    claimId,
  );
  return {
    id: row.id,
    claimNumber: row.claimNumber,
    payerId: row.payerId,
    payerName: row.payerName,
    coverageId: row.coverageId,
    totalCharge: row.totalCharge,
    account: {
      id: row.accountId,
      accountNumber: row.accountNumber,
      status: row.status,
      patientId: row.patientId,
      guarantorId: row.guarantorId,
    },
  };
}

export interface ChargeRow {
  id: LedgerEntryId;
  claimLineId: ClaimLineId | null;
  side: 'insurance' | 'patient';
  amount: Cents;
  reversesId: LedgerEntryId | null;
  reversedBy: LedgerEntryId | null;
}

/** Every charge row on the claim, reversals included, with whether it was reversed. */
export function chargeRows(ctx: Ctx, claimId: ClaimId): ChargeRow[] {
  return all<ChargeRow>(
    ctx.db,
    `SELECT l.id, l.claim_line_id AS claimLineId, l.side, l.amount, l.reverses_id AS reversesId,
         (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = l.id) AS reversedBy
       FROM ledger_entries l WHERE l.claim_id = ? AND l.kind = 'charge' ORDER BY l.id`,
    claimId,
  );
}

export function reversalOf(
  row: ChargeRow,
  accountId: AccountId,
  claimId: ClaimId,
  today: IsoDate,
  why: string,
): NewLedgerEntry {
  return {
    accountId,
    claimId,
    claimLineId: row.claimLineId,
    kind: 'charge',
    side: row.side,
    amount: negate(row.amount),
    postingDate: today,
    memo: `Reversal: ${why}`,
    reversesId: row.id,
  };
}

/**
 * Brings the charges of a line (or of the claim itself, line null) to `target` without
 * touching a posted row: an increase is a new charge for the difference; a decrease
 * reverses the charges still standing and, when something is still owed, charges the
 * new amount.
 */
export function chargeChange(
  rows: readonly ChargeRow[],
  target: Cents,
  base: Omit<NewLedgerEntry, 'kind' | 'side' | 'amount' | 'reversesId' | 'memo' | 'claimId'> & {
    claimId: ClaimId;
  },
  memo: string,
  why: string,
): NewLedgerEntry[] {
  const current = sumCents(rows.map((r) => r.amount));
  if (target === current) return [];
  if (target > current) {
    return [{ ...base, kind: 'charge', side: 'insurance', amount: cents(target - current), memo }];
  }
  // a reversal cancels its original on the same line, so once every standing charge is
  // reversed the line owes nothing and the new amount is charged afresh
  const out = rows
    .filter((r) => r.reversesId === null && r.reversedBy === null)
    .map((r) => reversalOf(r, base.accountId, base.claimId, base.postingDate, why));
  if (target > 0) out.push({ ...base, kind: 'charge', side: 'insurance', amount: target, memo });
  return out;
}
