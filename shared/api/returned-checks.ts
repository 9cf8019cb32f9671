import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { isoDateField, optionalText, receiptIdField } from './fields';
import { write, type MethodGroup } from './method';
import type { PostingResult } from './posting';

/** A patient's check the bank sent back: its payment reversed, a fee, the account back in the queue. */

export const RETURNED_CHECK_REASON = labelled([
  ['nsf', 'Insufficient funds'],
  ['account_closed', 'Account closed'],
  ['stop_payment', 'Payment stopped'],
  ['other', 'Other return reason'],
] as const);
export type ReturnedCheckReason = (typeof RETURNED_CHECK_REASON.keys)[number];

export interface ReturnedCheckView {
  id: number;
  accountId: number;
  accountNumber: string;
  checkNumber: string | null;
  /** The payment as it was received (positive). */
  amount: Cents;
  receivedDate: IsoDate;
  returnedOn: IsoDate;
  reason: ReturnedCheckReason;
  note: string | null;
  /** The returned-check fee charged; 0 when none. */
  fee: Cents;
  recordedBy: string;
}

export interface ReturnedCheckRecorded extends PostingResult {
  returnedCheck: ReturnedCheckView;
  followUpId: number;
}

export const recordReturnedCheckInput = z.strictObject({
  receiptId: receiptIdField(),
  returnedOn: isoDateField('Date the bank returned it'),
  reason: z.enum(RETURNED_CHECK_REASON.keys, 'Choose why the bank returned it.'),
  note: optionalText('Note', 500),
});

export const returnedChecksMethods = {
  recordReturnedCheck: write<ReturnedCheckRecorded>()(recordReturnedCheckInput),
} satisfies MethodGroup;
