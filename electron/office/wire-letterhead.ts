import { z } from 'zod';
import { gid, text } from './wire-fields';

/** The one name the office's letterhead has on every copy and on the server. */
export const LETTERHEAD = 'letterhead';

/**
 * The office's letterhead (a desk's `facility` row, id 1), whole, as a supervisor saved it in
 * Settings: what statements and letters to patients print, the remit-to address and the
 * financial-assistance numbers among it (server migration 36). Its name and NPI are also the
 * main facility's (id 1), which follows it at every desk.
 */
export const letterheadRow = z.strictObject({
  // the main facility's name too, which a desk holds to more than blanks
  name: z.string().refine((name) => name.trim() !== ''),
  line1: z.string().min(1),
  line2: text,
  city: z.string().min(1),
  state: z.string().min(1),
  zip: z.string().min(1),
  phone: text,
  fax: text,
  npi: text,
  taxId: text,
  web: text,
  billingOfficeHours: text,
  remitTo: text,
  paymentUrl: text,
  billingPhone: text,
  assistancePhone: text,
  assistanceUrl: text,
  assistanceSummaryUrl: text,
  languageTaglines: text,
  // who saved it, by sign-in name; none for a first copy's letterhead set up before a desk
  // kept who saved it (the upload's, which the owner sends)
  updatedAt: z.string().nullable(),
  updatedBy: gid.regex(/^user:/).nullable(),
});
export type LetterheadRow = z.infer<typeof letterheadRow>;

export const letterheadTravels = z.strictObject({
  tbl: z.literal('letterhead'),
  gid: z.literal(LETTERHEAD),
  version: z.number().int().min(1),
  row: letterheadRow,
});
