import { z } from 'zod';
import type { AppealLevel } from '../codes/denials';
import type { FinancialClass } from '../codes/enums';
import { optionalText, payerIdField, requiredText, whole } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** Payers: who they are, where claims and appeals go, and the deadlines they allow. */

/** The longest window a payer can be given: ten years, far past any real payer's. */
export const MAX_WINDOW_DAYS = 3650;

export interface PayerAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface PayerRow {
  id: number;
  name: string;
  /** The id claim files route by (NM1*PR NM109); what matches a claim to this payer. */
  payerCode: string;
  financialClass: FinancialClass;
  /** Days from the remittance to appeal a denial at the first level. */
  appealWindowDays: number;
  /** Second level (reconsideration); null when nobody has said. */
  secondAppealWindowDays: number | null;
  /** External review; null when nobody has said. */
  externalReviewWindowDays: number | null;
  timelyFilingDays: number;
  phone: string | null;
  /** Denials of this payer not yet resolved. */
  openDenials: number;
  /** False while the payer still has what an 837 import gave it: nobody has reviewed it. */
  reviewed: boolean;
}

export interface PayerList {
  total: number;
  rows: PayerRow[];
  /** Whether this user may change payers (supervisors only). */
  canChange: boolean;
}

export interface PayerView extends PayerRow {
  claimsAddress: PayerAddress | null;
  appealsAddress: PayerAddress | null;
  fax: string | null;
  appealsFax: string | null;
  openDenialsByLevel: Record<AppealLevel, number>;
  updatedAt: string | null;
  updatedBy: string | null;
  canChange: boolean;
}

export interface PayerSaved {
  payer: PayerView;
  /** Open denials whose appeal deadline a changed window moved. */
  deadlinesMoved: number;
}

/**
 * A US telephone or fax number as people write it: ten digits (a leading 1 allowed) in
 * any of the usual punctuations, and an extension after "x" or "ext".
 */
export function isPhoneNumber(value: string): boolean {
  const m = /^([+()\d\s.-]+?)\s*(?:(?:x|ext\.?)\s*\d{1,6})?$/i.exec(value);
  if (!m?.[1]) return false;
  const digits = m[1].replace(/\D/g, '');
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

const phoneField = (label: string) =>
  optionalText(label, 30).refine(
    (v) => v === null || isPhoneNumber(v),
    `${label} must be a 10-digit number such as (800) 555-0199, with any extension after x.`,
  );

const windowDays = (label: string) => whole(label, 1, MAX_WINDOW_DAYS);

const optionalWindowDays = (label: string) =>
  windowDays(label)
    .nullish()
    .transform((v) => v ?? null);

const addressField = (which: string) =>
  z
    .strictObject({
      line1: requiredText(`${which} street address`, 100),
      line2: optionalText(`${which} address line 2`, 100),
      city: requiredText(`${which} city`, 60),
      // named, since the form has two addresses and the message may be read away from it
      state: z
        .string({ error: `${which} state is required.` })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, `${which} state must be the two-letter postal code.`),
      zip: z
        .string({ error: `${which} ZIP code is required.` })
        .trim()
        .regex(/^\d{5}(-?\d{4})?$/, `${which} ZIP code must be 5 digits or ZIP+4.`),
    })
    .nullish()
    .transform((v) => v ?? null);

export const listPayersInput = z.strictObject({
  /** Part of the name or the payer id. */
  query: optionalText('Search', 100),
});

export const getPayerInput = z.strictObject({ payerId: payerIdField() });

export const updatePayerInput = z.strictObject({
  payerId: payerIdField(),
  name: requiredText('Payer name', 120),
  appealWindowDays: windowDays('First-level appeal window'),
  secondAppealWindowDays: optionalWindowDays('Second-level appeal window'),
  externalReviewWindowDays: optionalWindowDays('External review window'),
  timelyFilingDays: windowDays('Timely filing limit'),
  claimsAddress: addressField('Claims'),
  appealsAddress: addressField('Appeals'),
  phone: phoneField('Telephone'),
  fax: phoneField('Fax'),
  appealsFax: phoneField('Appeals fax'),
});

export const payersMethods = {
  listPayers: read<PayerList>()(listPayersInput),
  getPayer: read<PayerView>()(getPayerInput),
  updatePayer: write<PayerSaved>()(updatePayerInput, supervisor('change a payer')),
} satisfies MethodGroup;
