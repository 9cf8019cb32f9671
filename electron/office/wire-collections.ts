import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';

// the collection cycle's records, as they travel; wire.ts puts them in its unions

/**
 * A move of an account's patient balance to bad debt, as a supervisor approved it, and its
 * undoing (the only later change). The request it answered is the approving desk's own.
 */
export const badDebtMoveRow = z.strictObject({
  accountGid: gid,
  amount: cents.positive(),
  movedOn: isoDate,
  movedAt: z.string(),
  movedBy: gid,
  undoneAt: text,
  undoneBy: gid.nullable(),
  undoReason: text,
  // recovered while the move stands, net of reversals; a recovery changes the move by it
  recovered: cents,
});
export type BadDebtMoveRow = z.infer<typeof badDebtMoveRow>;

/** A collection agency as a supervisor added it; its later edits stay on that desk. */
export const agencyRow = z.strictObject({
  name: z.string().min(1),
  columns: z.string(),
  commissionBps: z.number().int().min(0).max(10_000),
  remittance: z.enum(['gross', 'net']),
  contact: text,
  active: z.number().int().min(0).max(1),
  createdAt: z.string(),
  createdBy: gid,
  updatedAt: z.string(),
  updatedBy: gid,
});
export type AgencyRow = z.infer<typeof agencyRow>;

/** One sending of accounts to an agency, with the file's columns as sent. */
export const agencyPlacementBatchRow = z.strictObject({
  agencyGid: gid,
  placedOn: isoDate,
  columns: z.string(),
  accountCount: z.number().int().positive(),
  balance: cents,
  createdAt: z.string(),
  createdBy: gid,
});
export type AgencyPlacementBatchRow = z.infer<typeof agencyPlacementBatchRow>;

/** An account placed with an agency, and its recall (the only later change). */
export const agencyPlacementRow = z.strictObject({
  agencyGid: gid,
  batchGid: gid,
  accountGid: gid,
  placedOn: isoDate,
  balancePlaced: cents,
  recalledOn: isoDate.nullable(),
  recalledAt: text,
  recalledBy: gid.nullable(),
  recallReason: text,
});
export type AgencyPlacementRow = z.infer<typeof agencyPlacementRow>;

/** An extraordinary collection action taken (501(r)), and its reversal (the only later change). */
export const extraordinaryActionRow = z.strictObject({
  accountGid: gid,
  action: z.enum(['agency_referral', 'debt_sale', 'legal_action', 'credit_report']),
  takenOn: isoDate,
  note: text,
  takenAt: z.string(),
  takenBy: gid,
  reversedOn: isoDate.nullable(),
  reversedAt: text,
  reversedBy: gid.nullable(),
  reversalReason: text,
});
export type ExtraordinaryActionRow = z.infer<typeof extraordinaryActionRow>;

/** An agency's payment file as imported: its totals; which rows it posted are its payments. */
export const agencyPaymentFileRow = z.strictObject({
  agencyGid: gid,
  fileName: z.string(),
  sha256: z.string(),
  rowCount: z.number().int().min(0),
  gross: cents,
  commission: cents,
  importedAt: z.string(),
  importedBy: gid,
});
export type AgencyPaymentFileRow = z.infer<typeof agencyPaymentFileRow>;

/** One payment an agency reported, by its reference (posted once per agency), and its receipt. */
export const agencyPaymentRow = z.strictObject({
  fileGid: gid,
  agencyGid: gid,
  placementGid: gid,
  accountGid: gid,
  paidOn: isoDate,
  reference: z.string(),
  gross: cents.positive(),
  commission: cents,
  remittance: z.enum(['gross', 'net']),
  receiptGid: gid.nullable(),
});
export type AgencyPaymentRow = z.infer<typeof agencyPaymentRow>;
