import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import type { AccountId } from '../ids';
import type { Cents } from '../money/cents';
import { accountIdField, requiredText } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * Moving an uncollectible patient balance to bad debt: a request a supervisor approves
 * (Approvals), a bad-debt adjustment apart from contractual ones, payments after it
 * counted as recoveries, and undoing it by reversal.
 */

export interface BadDebtView {
  accountId: AccountId;
  status: string;
  patientBalance: Cents;
  insuranceBalance: Cents;
  /** The request waiting for a supervisor, if any. */
  pendingRequest: { id: number; amount: Cents; requestedOn: IsoDate; byName: string } | null;
  /** The move standing now, if the account is in bad debt. */
  standing: { amount: Cents; movedOn: IsoDate; approvedBy: string; recovered: Cents } | null;
  /** Whether this user may undo the move (supervisors). */
  canUndo: boolean;
}

export const requestBadDebtInput = z.strictObject({
  accountId: accountIdField(),
  memo: requiredText('Why the balance cannot be collected', 500),
});

export const undoBadDebtInput = z.strictObject({
  accountId: accountIdField(),
  reason: requiredText('Reason for undoing', 500),
});

export const badDebtMethods = {
  getBadDebt: read<BadDebtView>()(z.strictObject({ accountId: accountIdField() })),
  requestBadDebt: write<BadDebtView>()(requestBadDebtInput),
  undoBadDebt: write<BadDebtView>()(undoBadDebtInput, supervisor('undo a move to bad debt')),
} satisfies MethodGroup;
