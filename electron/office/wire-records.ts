import { z } from 'zod';
import { cents, gid, text } from './wire-fields';

// the records an import (or Settings, for a facility) creates, as they travel; wire.ts puts
// them in its unions

/** A facility accounts are billed under, added after joining; its NPI is one facility's. */
export const facilityRow = z.strictObject({
  name: z.string().min(1),
  npi: text,
});
export type FacilityRow = z.infer<typeof facilityRow>;

/** A payer an imported claim named that the office did not have. */
export const payerRow = z.strictObject({
  name: z.string(),
  payerCode: z.string(),
  financialClass: z.string(),
  claimsLine1: text,
  claimsLine2: text,
  claimsCity: text,
  claimsState: text,
  claimsZip: text,
  appealsLine1: text,
  appealsLine2: text,
  appealsCity: text,
  appealsState: text,
  appealsZip: text,
  phone: text,
  fax: text,
  appealsFax: text,
  timelyFilingDays: z.number().int(),
  appealWindowDays: z.number().int(),
  secondAppealWindowDays: z.number().int().nullable(),
  externalReviewWindowDays: z.number().int().nullable(),
});
export type PayerRow = z.infer<typeof payerRow>;

/** A patient or guarantor created after joining (an import's new person). */
export const personRow = z.strictObject({
  lastName: z.string(),
  firstName: z.string(),
  middleName: text,
  dateOfBirth: text,
  sex: text,
  phone: text,
  phoneDigits: text,
  returnedMail: z.number().int(),
  deceasedDate: text,
  deceasedSource: text,
  createdAt: z.string(),
});
export type PersonRow = z.infer<typeof personRow>;

/** One address of a person's history, which only grows. */
export const addressRow = z.strictObject({
  personGid: gid,
  line1: z.string(),
  line2: text,
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  effectiveDate: z.string(),
  reason: text,
  recordedAt: z.string(),
  recordedBy: gid,
});
export type AddressRow = z.infer<typeof addressRow>;

/** An account as it was opened; its balances are never sent (each copy sums its ledger). */
export const accountRow = z.strictObject({
  accountNumber: z.string().min(1),
  patientGid: gid,
  guarantorGid: gid,
  guarantorRelationship: z.string(),
  serviceDate: z.string(),
  dischargeDate: text,
  financialClass: z.string(),
  status: z.string(),
  createdAt: z.string(),
  facilityGid: gid,
});
export type AccountRow = z.infer<typeof accountRow>;

export const coverageRow = z.strictObject({
  accountGid: gid,
  payerGid: gid,
  priority: z.number().int(),
  memberId: z.string(),
  groupNumber: text,
  subscriberGid: gid.nullable(),
});
export type CoverageRow = z.infer<typeof coverageRow>;

/** A claim as it was created; the file it came from is the importing desk's own record. */
/**
 * A provider the 837 named for a claim or one of its lines, as the desk's table holds it: one
 * per role, by name (as the file spelled it) and NPI. A claim's and a line's travel inside
 * their row, whole; absent from a row an older version sent, which says nothing of them.
 */
export const claimProviderRow = z.strictObject({
  role: z.enum(['attending', 'operating', 'rendering', 'referring']),
  name: z.string().min(1),
  npi: text,
});
const providers = z
  .array(claimProviderRow)
  .refine((ps) => new Set(ps.map((p) => p.role)).size === ps.length, 'one provider per role')
  .optional();

export const claimRow = z.strictObject({
  claimNumber: z.string().min(1),
  accountGid: gid,
  coverageGid: gid.nullable(),
  payerGid: gid,
  payerClaimNumber: text,
  billedDate: text,
  remitDate: text,
  status: z.string(),
  totalCharge: cents,
  createdAt: z.string(),
  primaryClaimGid: gid.nullable(),
  claimType: text,
  facilityCode: text,
  frequencyCode: text,
  diagnosisCodes: text,
  priorAuthorization: text,
  referralNumber: text,
  statementFrom: text,
  statementTo: text,
  billingProviderNpi: text,
  fingerprint: text,
  voidedAt: text,
  providers,
});
export type ClaimRow = z.infer<typeof claimRow>;

export const claimLineRow = z.strictObject({
  claimGid: gid,
  lineNumber: z.number().int(),
  serviceDate: z.string(),
  revenueCode: text,
  procedureCode: text,
  modifiers: text,
  units: z.number(),
  charge: cents,
  removedAt: text,
  providers,
});
export type ClaimLineRow = z.infer<typeof claimLineRow>;
