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

/**
 * Each field of the letterhead whose change travels (not who saved it, nor when) and its
 * column, the same in a desk's `facility` row and in the server's `letterhead`: the one list
 * a desk reads and writes the row by, captures its changes by, and the server stores it by.
 */
export const LETTERHEAD_FIELD_COLUMNS = [
  ['name', 'name'],
  ['line1', 'line1'],
  ['line2', 'line2'],
  ['city', 'city'],
  ['state', 'state'],
  ['zip', 'zip'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['npi', 'npi'],
  ['taxId', 'tax_id'],
  ['web', 'web'],
  ['billingOfficeHours', 'billing_office_hours'],
  ['remitTo', 'remit_to'],
  ['paymentUrl', 'payment_url'],
  ['billingPhone', 'billing_phone'],
  ['assistancePhone', 'assistance_phone'],
  ['assistanceUrl', 'assistance_url'],
  ['assistanceSummaryUrl', 'assistance_summary_url'],
  ['languageTaglines', 'language_taglines'],
] as const satisfies readonly (readonly [keyof LetterheadRow, string])[];

export const letterheadTravels = z.strictObject({
  tbl: z.literal('letterhead'),
  gid: z.literal(LETTERHEAD),
  version: z.number().int().min(1),
  row: letterheadRow,
});
