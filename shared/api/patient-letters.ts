import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { DocumentView } from './documents';
import { estateRepresentativeInput } from './collections';
import { accountIdField } from './fields';
import { write, type MethodGroup } from './method';

/**
 * Documents a patient gets from their account on request, outside the statement cycle:
 * the itemized bill, and the letters for where the account stands.
 */
export const PATIENT_LETTER = labelled([
  ['past-due-notice', 'Past-due notice'],
  ['final-notice', 'Final notice'],
  ['payment-plan-agreement', 'Payment plan agreement'],
  ['financial-assistance-notice', 'Financial assistance notice'],
  ['estate-letter', 'Letter to the estate'],
  ['address-verification', 'Address verification'],
] as const);
export type PatientLetter = (typeof PATIENT_LETTER.keys)[number];

export const generateItemizedBillInput = z.strictObject({ accountId: accountIdField() });

export const generatePatientLetterInput = z.strictObject({
  accountId: accountIdField(),
  letter: z.enum(PATIENT_LETTER.keys, 'Unknown letter.'),
  /** Only for the estate letter: a representative to record and write to. */
  representative: estateRepresentativeInput.nullish(),
});

export const patientLettersMethods = {
  generateItemizedBill: write<DocumentView>()(generateItemizedBillInput),
  generatePatientLetter: write<DocumentView>()(generatePatientLetterInput),
} satisfies MethodGroup;
