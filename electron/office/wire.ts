import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';
import { correspondenceRow, documentRow, documentSendingTravels } from './wire-filed';
import {
  facilityRow,
  payerRow,
  personRow,
  addressRow,
  accountRow,
  coverageRow,
  claimRow,
  claimLineRow,
} from './wire-records';

import {
  agencyPaymentFileRow,
  agencyPaymentRow,
  agencyPlacementBatchRow,
  agencyPlacementRow,
  agencyRow,
  badDebtMoveRow,
  extraordinaryActionRow,
} from './wire-collections';
import { billingRuleRow, officeRuleRow } from './wire-rules';
import {
  appealResponseRow,
  batchClosingRow,
  claimAdjustmentRow,
  claimRemarkRow,
  claimStatusEventRow,
  denialRow,
  depositBatchRow,
} from './wire-posting';
import { CONTACT_CHANGES, CONTACT_SERVER_ROWS } from './wire-contact';
import { paymentPlanTravels, promiseTravels } from './wire-plans';
import { assistanceApplicationRow, ecaNoticeRow } from './wire-assistance';
import { dunningStageTravels } from './wire-stages';
import { letterheadTravels } from './wire-letterhead';
import { REQUEST_CHANGES, REQUEST_SERVER_ROWS } from './wire-requests';

/**
 * What travels between a desktop and the server: rows by office-wide ids (gids), never by
 * a desktop's own integer ids. The server parses what desktops send and desktops parse
 * what the server returns, each against these.
 */

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

/**
 * Money received (a patient's payment, a payer's EOB) or paid back (a refund), or its
 * reversal (reversesGid names the receipt it cancels).
 */
export const receiptRow = z.strictObject({
  accountGid: gid,
  kind: z.enum(['patient_payment', 'insurance_payment', 'refund']),
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
  /**
   * The 835 payment (payer and trace number) an insurance receipt was posted from, so the
   * server can hold a remittance to the one desktop that posted it; null for anything else.
   */
  remittance: z
    .strictObject({ payer: z.string().min(1).max(80), trace: z.string().min(1).max(80) })
    .nullable(),
  /**
   * The deposit batch it was posted into, if any. Absent from rows sent before batches
   * travelled, which must read (and digest) as they were sent.
   */
  batchGid: gid.nullable().optional(),
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

/**
 * A user as a supervisor decides them, named `user:<sign-in name>`; `changedBy` is who made
 * this state (the last entry of the user's history), which the server checks against its
 * own record of who is a supervisor.
 */
export const userRow = z.strictObject({
  username: z.string().min(1).max(200),
  displayName: z.string(),
  role: z.enum(['representative', 'supervisor']),
  active: z.boolean(),
  pending: z.boolean(),
  title: text,
  email: text,
  phone: text,
  createdAt: z.string(),
  changedAt: z.string(),
  changedBy: gid,
});
export type UserRow = z.infer<typeof userRow>;

/** The insert-only tables: each row is written once and never changed, so its version is 1. */
const insertOnly = [
  z.strictObject({ tbl: z.literal('activities'), gid, version: z.literal(1), row: activityRow }),
  z.strictObject({ tbl: z.literal('receipts'), gid, version: z.literal(1), row: receiptRow }),
  z.strictObject({ tbl: z.literal('ledger_entries'), gid, version: z.literal(1), row: ledgerRow }),
  z.strictObject({ tbl: z.literal('addresses'), gid, version: z.literal(1), row: addressRow }),
  z.strictObject({
    tbl: z.literal('claim_adjustments'),
    gid,
    version: z.literal(1),
    row: claimAdjustmentRow,
  }),
  z.strictObject({
    tbl: z.literal('claim_remarks'),
    gid,
    version: z.literal(1),
    row: claimRemarkRow,
  }),
  z.strictObject({
    tbl: z.literal('deposit_batches'),
    gid,
    version: z.literal(1),
    row: depositBatchRow,
  }),
  z.strictObject({
    tbl: z.literal('batch_closings'),
    gid,
    version: z.literal(1),
    row: batchClosingRow,
  }),
  z.strictObject({
    tbl: z.literal('appeal_responses'),
    gid,
    version: z.literal(1),
    row: appealResponseRow,
  }),
  z.strictObject({
    tbl: z.literal('agency_placement_batches'),
    gid,
    version: z.literal(1),
    row: agencyPlacementBatchRow,
  }),
  z.strictObject({
    tbl: z.literal('agency_payment_files'),
    gid,
    version: z.literal(1),
    row: agencyPaymentFileRow,
  }),
  z.strictObject({
    tbl: z.literal('agency_payments'),
    gid,
    version: z.literal(1),
    row: agencyPaymentRow,
  }),
  z.strictObject({ tbl: z.literal('eca_notices'), gid, version: z.literal(1), row: ecaNoticeRow }),
  z.strictObject({
    tbl: z.literal('claim_status_events'),
    gid,
    version: z.literal(1),
    row: claimStatusEventRow,
  }),
] as const;

/** Filed documents and scans: insert-only too, and the server's purge may mark them removed. */
const filed = [
  z.strictObject({ tbl: z.literal('documents'), gid, version: z.literal(1), row: documentRow }),
  z.strictObject({
    tbl: z.literal('correspondence'),
    gid,
    version: z.literal(1),
    row: correspondenceRow,
  }),
] as const;

const version = z.number().int().min(1);

/**
 * The changeable tables: a row created once and changed later, each change checked on the
 * server against the version it started from (follow-ups, users, and the records of
 * the capture triggers on a desktop: payers, people, accounts, coverages, claims, denials,
 * a move to bad debt (whose undoing is its change), a placement with an agency (recalled)
 * and an extraordinary collection action (reversed)).
 */
const changeable = [
  z.strictObject({ tbl: z.literal('follow_ups'), gid, version, row: followUpRow }),
  z.strictObject({ tbl: z.literal('users'), gid, version, row: userRow }),
  z.strictObject({ tbl: z.literal('billing_rules'), gid, version, row: officeRuleRow }),
  z.strictObject({ tbl: z.literal('payers'), gid, version, row: payerRow }),
  z.strictObject({ tbl: z.literal('people'), gid, version, row: personRow }),
  z.strictObject({ tbl: z.literal('accounts'), gid, version, row: accountRow }),
  z.strictObject({ tbl: z.literal('coverages'), gid, version, row: coverageRow }),
  z.strictObject({ tbl: z.literal('claims'), gid, version, row: claimRow }),
  z.strictObject({ tbl: z.literal('denials'), gid, version, row: denialRow }),
  z.strictObject({ tbl: z.literal('bad_debt_moves'), gid, version, row: badDebtMoveRow }),
  z.strictObject({ tbl: z.literal('agency_placements'), gid, version, row: agencyPlacementRow }),
  z.strictObject({
    tbl: z.literal('extraordinary_actions'),
    gid,
    version,
    row: extraordinaryActionRow,
  }),
  z.strictObject({
    tbl: z.literal('assistance_applications'),
    gid,
    version,
    row: assistanceApplicationRow,
  }),
  // an agency edited in Settings: its name, terms, file layout, and whether it takes accounts
  z.strictObject({ tbl: z.literal('agencies'), gid, version, row: agencyRow }),
  // a claim's line as a replacement claim left it: its codes and charge, or removed
  z.strictObject({ tbl: z.literal('claim_lines'), gid, version, row: claimLineRow }),
  // a facility edited in Settings: its name and NPI
  z.strictObject({ tbl: z.literal('facilities'), gid, version, row: facilityRow }),
] as const;

export {
  facilityRow,
  payerRow,
  personRow,
  addressRow,
  accountRow,
  coverageRow,
  claimRow,
  claimLineRow,
  type FacilityRow,
  type PayerRow,
  type PersonRow,
  type AddressRow,
  type AccountRow,
  type CoverageRow,
  type ClaimRow,
  type ClaimLineRow,
} from './wire-records';

export {
  correspondenceRow,
  documentRow,
  type CorrespondenceRow,
  type DocumentRow,
} from './wire-filed';

/**
 * When the office de-identified the person a document or scan names (server migration 17),
 * its row in the change log says when, and the file is no longer there to fetch. Only the
 * server's purge writes it: a desk never sends it.
 */
const purged = { removedAt: z.string().optional() };

/** A row as the server holds it: what a desktop takes, by version. */
export const serverRow = z.discriminatedUnion('tbl', [
  ...insertOnly,
  promiseTravels,
  paymentPlanTravels,
  filed[0].extend({ row: documentRow.extend(purged) }),
  filed[1].extend({ row: correspondenceRow.extend(purged) }),
  ...changeable,
  ...CONTACT_SERVER_ROWS,
  ...REQUEST_SERVER_ROWS,
  dunningStageTravels,
  documentSendingTravels,
  letterheadTravels,
]);
export type ServerRow = z.infer<typeof serverRow>;

const inserted = { op: z.literal('insert'), baseVersion: z.literal(0) };
const insertedOrChanged = {
  op: z.enum(['insert', 'update']),
  baseVersion: z.number().int().min(0),
};

/** One row a desktop created or changed: the row as it left it, and the version it started from. */
export const change = z.discriminatedUnion('tbl', [
  insertOnly[0].extend(inserted),
  insertOnly[1].extend(inserted),
  insertOnly[2].extend(inserted),
  insertOnly[3].extend(inserted),
  insertOnly[4].extend(inserted),
  insertOnly[5].extend(inserted),
  insertOnly[6].extend(inserted),
  insertOnly[7].extend(inserted),
  insertOnly[8].extend(inserted),
  insertOnly[9].extend(inserted),
  insertOnly[10].extend(inserted),
  insertOnly[11].extend(inserted),
  insertOnly[12].extend(inserted),
  insertOnly[13].extend(inserted),
  filed[0].extend(inserted),
  filed[1].extend(inserted),
  changeable[0].extend(insertedOrChanged),
  changeable[1].extend(insertedOrChanged),
  // a rule sent is judged on its bounds by the server, which refuses one outside them
  changeable[2].extend({ ...insertedOrChanged, row: billingRuleRow }),
  changeable[3].extend(insertedOrChanged),
  changeable[4].extend(insertedOrChanged),
  changeable[5].extend(insertedOrChanged),
  changeable[6].extend(insertedOrChanged),
  changeable[7].extend(insertedOrChanged),
  changeable[8].extend(insertedOrChanged),
  changeable[9].extend(insertedOrChanged),
  changeable[10].extend(insertedOrChanged),
  ...CONTACT_CHANGES,
  promiseTravels.extend(inserted),
  paymentPlanTravels.extend(insertedOrChanged),
  changeable[11].extend(insertedOrChanged),
  changeable[12].extend(insertedOrChanged),
  changeable[13].extend(insertedOrChanged),
  changeable[14].extend(insertedOrChanged),
  changeable[15].extend(insertedOrChanged),
  dunningStageTravels.extend(insertedOrChanged),
  documentSendingTravels.extend(inserted),
  letterheadTravels.extend(insertedOrChanged),
  ...REQUEST_CHANGES,
]);
export type Change = z.infer<typeof change>;

/** Every table that travels, once each: what the unions above must each hold. */
export const TRAVELLING_TABLES: readonly string[] = [
  ...insertOnly,
  ...filed,
  ...changeable,
  ...CONTACT_SERVER_ROWS,
  ...REQUEST_SERVER_ROWS,
  promiseTravels,
  paymentPlanTravels,
  dunningStageTravels,
  documentSendingTravels,
  letterheadTravels,
].map((o) => o.shape.tbl.value);

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
