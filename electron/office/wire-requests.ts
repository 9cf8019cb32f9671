import { z } from 'zod';
import { cents, gid, text } from './wire-fields';

// a request waiting for a supervisor's approval, as it travels; wire.ts puts it in its unions

/**
 * A write-off or refund over a representative's limit, or a reversal of a ledger row or a
 * payment, as filed (what it asks for, by whom), and its decision (the only later change, by
 * version): approved, naming what the approval posted, or refused with the supervisor's note.
 */
export const adjustmentRequestRow = z.strictObject({
  kind: z.enum(['write_off', 'refund', 'reverse_entry', 'reverse_payment']),
  accountGid: gid,
  claimGid: gid.nullable(),
  side: z.enum(['insurance', 'patient']).nullable(),
  amount: cents.positive(),
  reasonCode: text,
  memo: text,
  refundMethod: z.enum(['check', 'card', 'eft']).nullable(),
  refundReference: text,
  targetEntryGid: gid.nullable(),
  targetReceiptGid: gid.nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  requestedBy: gid,
  decidedAt: text,
  decidedBy: gid.nullable(),
  decisionNote: text,
  ledgerEntryGid: gid.nullable(),
  receiptGid: gid.nullable(),
});
export type AdjustmentRequestRow = z.infer<typeof adjustmentRequestRow>;

/** As the server holds it: by version. */
const requests = z.strictObject({
  tbl: z.literal('adjustment_requests'),
  gid,
  version: z.number().int().min(1),
  row: adjustmentRequestRow,
});

export const REQUEST_SERVER_ROWS = [requests] as const;

/** As a desktop sends it: filed (inserted), then decided (changed). */
export const REQUEST_CHANGES = [
  requests.extend({ op: z.enum(['insert', 'update']), baseVersion: z.number().int().min(0) }),
] as const;
