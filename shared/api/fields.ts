import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates/iso-date';
import { ZERO, type Cents } from '../money/cents';
import type {
  AccountId,
  BatchId,
  ClaimId,
  ClaimLineId,
  DenialId,
  DocumentId,
  FollowUpId,
  Id,
  LedgerEntryId,
  PayerId,
  PersonId,
  PlanId,
  ReceiptId,
  UserId,
} from '../ids';

/** Building blocks for method inputs, so every method words its errors the same way. */

export const id = (label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .positive(`${label} must be positive.`)
    .max(Number.MAX_SAFE_INTEGER, `${label} is too large.`);

/** An id that arrives with its table's brand, checked as `id` is. */
const brandedId =
  <T extends Id<string>>(defaultLabel: string) =>
  (label = defaultLabel) =>
    id(label).transform((v) => v as T);

export const accountIdField = brandedId<AccountId>('Account');
export const claimIdField = brandedId<ClaimId>('Claim');
export const claimLineIdField = brandedId<ClaimLineId>('Claim line');
export const payerIdField = brandedId<PayerId>('Payer');
export const personIdField = brandedId<PersonId>('Person');
export const userIdField = brandedId<UserId>('User');
export const followUpIdField = brandedId<FollowUpId>('Follow-up');
export const receiptIdField = brandedId<ReceiptId>('Payment');
export const ledgerEntryIdField = brandedId<LedgerEntryId>('Ledger entry');
export const batchIdField = brandedId<BatchId>('Batch');
export const planIdField = brandedId<PlanId>('Plan');
export const denialIdField = brandedId<DenialId>('Denial');
export const documentIdField = brandedId<DocumentId>('Document');

export const isoDateField = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .refine(isIsoDate, `${label} must be a real calendar date (YYYY-MM-DD).`)
    .transform((v) => v as IsoDate);

/** The largest amount an amount field takes, either way: $99,999,999.99. */
export const MAX_CENTS = 99_999_999_99;

export const centsField = (label: string) =>
  z
    .number({ error: `${label} must be an amount in cents.` })
    .int(`${label} must be whole cents (no fractions of a cent).`)
    .min(-MAX_CENTS, `${label} is out of range.`)
    .max(MAX_CENTS, `${label} is out of range.`)
    .transform((v) => v as Cents);

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null);

/** A US state or territory's two-letter postal code, upper-cased. */
export const usStateField = () =>
  z
    .string({ error: 'State is required.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'State must be the two-letter postal code.');

export const zipField = () =>
  z
    .string({ error: 'ZIP code is required.' })
    .trim()
    .regex(/^\d{5}(-?\d{4})?$/, 'ZIP code must be 5 digits or ZIP+4.');

/** The input of a method that takes none. */
export const none = z.strictObject({});

export const positiveAmount = (label: string) =>
  centsField(label).refine((v) => v > 0, `${label} must be more than $0.00.`);

export const nonNegativeAmount = (label: string) =>
  centsField(label)
    .refine((v) => v >= 0, `${label} cannot be negative.`)
    .default(ZERO);

export const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);
