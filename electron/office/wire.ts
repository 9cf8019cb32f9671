import { z } from 'zod';

/**
 * What travels between a desktop and the server: rows by office-wide ids (gids), never by
 * a desktop's own integer ids. The server parses what desktops send and desktops parse
 * what the server returns, each against these.
 */
const gid = z.string().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const activityRow = z.strictObject({
  accountGid: gid,
  claimGid: gid.nullable(),
  kind: z.string().min(1),
  direction: z.string().nullable(),
  party: z.string().nullable(),
  outcome: z.string().nullable(),
  body: z.string(),
  userGid: gid,
  occurredAt: z.string(),
});
export type ActivityRow = z.infer<typeof activityRow>;

export const followUpRow = z.strictObject({
  accountGid: gid,
  claimGid: gid.nullable(),
  kind: z.string().min(1),
  status: z.enum(['open', 'done', 'cancelled']),
  dueDate: isoDate,
  deadlineDate: isoDate.nullable(),
  ownerGid: gid.nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: gid,
  completedAt: z.string().nullable(),
  completedBy: gid.nullable(),
});
export type FollowUpRow = z.infer<typeof followUpRow>;

const cents = z.number().int();

/** Money received, or its reversal (reversesGid names the receipt it cancels). */
export const receiptRow = z.strictObject({
  accountGid: gid,
  kind: z.literal('patient_payment'),
  payerGid: gid.nullable(),
  method: z.enum(['cash', 'check', 'card', 'eft']),
  checkNumber: z.string().nullable(),
  reference: z.string().nullable(),
  amount: cents,
  receivedDate: isoDate,
  memo: z.string().nullable(),
  reversesGid: gid.nullable(),
  createdAt: z.string(),
  createdBy: gid,
});
export type ReceiptRow = z.infer<typeof receiptRow>;

/** One ledger row; a reversal names the row it cancels, once only, office-wide. */
export const ledgerRow = z.strictObject({
  accountGid: gid,
  claimGid: gid.nullable(),
  claimLineGid: gid.nullable(),
  kind: z.enum(['charge', 'payment', 'adjustment', 'transfer', 'refund']),
  side: z.enum(['insurance', 'patient']),
  amount: cents.refine((n) => n !== 0, 'a ledger row moves money'),
  postingDate: isoDate,
  payerGid: gid.nullable(),
  reference: z.string().nullable(),
  reasonCode: z.string().nullable(),
  memo: z.string().nullable(),
  reversesGid: gid.nullable(),
  receiptGid: gid.nullable(),
  createdAt: z.string(),
  createdBy: gid,
});
export type LedgerRow = z.infer<typeof ledgerRow>;

/** The insert-only tables: each row is written once and never changed, so its version is 1. */
const insertOnly = [
  z.strictObject({ tbl: z.literal('activities'), gid, version: z.literal(1), row: activityRow }),
  z.strictObject({ tbl: z.literal('receipts'), gid, version: z.literal(1), row: receiptRow }),
  z.strictObject({ tbl: z.literal('ledger_entries'), gid, version: z.literal(1), row: ledgerRow }),
] as const;

/** A row as the server holds it: what a desktop takes, by version. */
export const serverRow = z.discriminatedUnion('tbl', [
  ...insertOnly,
  z.strictObject({
    tbl: z.literal('follow_ups'),
    gid,
    version: z.number().int().min(1),
    row: followUpRow,
  }),
]);
export type ServerRow = z.infer<typeof serverRow>;

const inserted = { op: z.literal('insert'), baseVersion: z.literal(0) };

/** One row a desktop created or changed: the row as it left it, and the version it started from. */
export const change = z.discriminatedUnion('tbl', [
  insertOnly[0].extend(inserted),
  insertOnly[1].extend(inserted),
  insertOnly[2].extend(inserted),
  z.strictObject({
    tbl: z.literal('follow_ups'),
    op: z.enum(['insert', 'update']),
    gid,
    baseVersion: z.number().int().min(0),
    version: z.number().int().min(1),
    row: followUpRow,
  }),
]);
export type Change = z.infer<typeof change>;

/** One outbox entry: everything one request wrote, applied on the server all or nothing. */
export const entry = z.strictObject({
  seq: z.number().int().positive(),
  changes: z.array(change).min(1),
});
export type Entry = z.infer<typeof entry>;

export const changes = z.array(change);
export const serverRows = z.array(serverRow);

/** The server's answer to one entry. Refused: why, and the rows as the server has them. */
export type Outcome =
  { outcome: 'accepted' } | { outcome: 'refused'; reason: string; serverRows: ServerRow[] };
