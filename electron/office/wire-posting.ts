import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';

// what posting writes beside the ledger, as it travels; wire.ts puts them in its unions

/**
 * One code the payer gave on a claim or one of its lines with an EOB or an 835 (CARC, by
 * group), or its negation when that EOB was reversed; `receiptGid` names the posting.
 */
export const claimAdjustmentRow = z.strictObject({
  claimGid: gid,
  claimLineGid: gid.nullable(),
  groupCode: z.string(),
  reasonCode: z.string(),
  amount: cents,
  quantity: z.number().nullable(),
  remitDate: isoDate.nullable(),
  receiptGid: gid.nullable(),
});
export type ClaimAdjustmentRow = z.infer<typeof claimAdjustmentRow>;

/** A remark code (RARC) an 835 gave on a claim or one of its lines. */
export const claimRemarkRow = z.strictObject({
  claimGid: gid,
  claimLineGid: gid.nullable(),
  code: z.string(),
});
export type ClaimRemarkRow = z.infer<typeof claimRemarkRow>;

/**
 * A deposit batch as it was opened. Its running totals are each copy's sums of the receipts
 * it holds; its later changes (expected total, closing) stay on the desk that made them.
 */
export const depositBatchRow = z.strictObject({
  depositDate: isoDate,
  source: z.enum(['desk', 'mail', 'lockbox', 'insurer']),
  expectedTotal: cents.positive(),
  description: text,
  createdAt: z.string(),
  createdBy: gid,
});
export type DepositBatchRow = z.infer<typeof depositBatchRow>;

/**
 * A deposit batch closed at a desk, once office-wide. `officeTotal` is what that desk held
 * in the batch of the receipts the office has (all but those of the first copy), which the
 * server checks against its own receipts in the batch: a batch closes only when no desk has
 * posted into it what the closing desk did not count.
 */
export const batchClosingRow = z.strictObject({
  batchGid: gid,
  expectedTotal: cents.positive(),
  officeTotal: cents,
  closedAt: z.string(),
  closedBy: gid,
});
export type BatchClosingRow = z.infer<typeof batchClosingRow>;

/**
 * The denial an 835 opened on a claim (one per claim), as it is worked: its state, appeal
 * level, resolution and deadline change by version, as a claim's status does. Its follow-up
 * (due date, owner) travels as follow-ups do.
 */
export const denialRow = z.strictObject({
  claimGid: gid,
  followUpGid: gid,
  category: z.string().min(1),
  action: z.enum(['appeal', 'correct_and_resubmit']),
  codes: z.string(),
  amount: cents,
  remitDate: isoDate,
  deadlineDate: isoDate,
  state: z.string().min(1),
  appealLevel: z.enum(['first', 'second', 'external']),
  resolution: text,
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: gid,
});
export type DenialRow = z.infer<typeof denialRow>;

/** The payer's answer to an appeal at one level (acknowledged, upheld), kept as recorded. */
export const appealResponseRow = z.strictObject({
  denialGid: gid,
  level: z.enum(['first', 'second', 'external']),
  kind: z.enum(['acknowledged', 'upheld']),
  letterDate: isoDate,
  reference: text,
  recordedAt: z.string(),
  recordedBy: gid,
});
export type AppealResponseRow = z.infer<typeof appealResponseRow>;

/**
 * One status code a 277 gave on a claim (its category, the code and what it means), as the
 * importing desk recorded it: insert-only history.
 */
export const claimStatusEventRow = z.strictObject({
  claimGid: gid,
  category: z.string().min(1),
  statusCode: text,
  effectiveDate: isoDate.nullable(),
  meaning: z.string(),
  recordedAt: z.string(),
  // the 277 file's SHA-256, the same at every desk (none for an older version's event)
  fileSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
export type ClaimStatusEventRow = z.infer<typeof claimStatusEventRow>;
