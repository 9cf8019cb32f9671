import { z } from 'zod';
import { cents, gid, isoDate, text } from './wire-fields';

// the 501(r) records of financial assistance, as they travel; wire.ts puts them in its unions

/**
 * A financial-assistance application as received on an account, and its progress (the
 * only later changes, by version): incomplete with what is missing and by when, then
 * decided eligible (with what the patient owes after the discount) or not.
 */
export const assistanceApplicationRow = z.strictObject({
  accountGid: gid,
  receivedOn: isoDate,
  status: z.enum(['pending', 'incomplete', 'eligible', 'ineligible']),
  // a JSON array of what the applicant still has to send, as the desk keeps it
  missing: text,
  completeBy: isoDate.nullable(),
  discountedAmount: cents.nonnegative().nullable(),
  decidedOn: isoDate.nullable(),
  decisionNote: text,
  decidedBy: gid.nullable(),
  recordedAt: z.string(),
  recordedBy: gid,
});
export type AssistanceApplicationRow = z.infer<typeof assistanceApplicationRow>;

/**
 * The written notice of extraordinary collection actions sent, naming its filed letter and
 * the deadline it gives (the first day an action may be taken). Kept as sent.
 */
export const ecaNoticeRow = z.strictObject({
  accountGid: gid,
  documentGid: gid,
  sentOn: isoDate,
  deadline: isoDate,
  createdAt: z.string(),
  createdBy: gid,
});
export type EcaNoticeRow = z.infer<typeof ecaNoticeRow>;
