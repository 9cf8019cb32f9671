import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import {
  accountIdField,
  isoDateField,
  optionalText,
  personIdField,
  requiredText,
  usStateField,
  zipField,
} from './fields';
import { supervisor, write, type MethodGroup } from './method';

/** Deceased patients and guarantors, returned mail and skip tracing. */

export interface DeathRecorded {
  /** Every account of the person, each with a history row. */
  accountIds: number[];
  /** The probate claim follow-ups opened (one per account still open). */
  followUpIds: number[];
  /** The last day to file a claim against the estate (death + the probate rule). */
  probateDeadline: IsoDate | null;
}

export interface ReturnedMailRecorded {
  /** The accounts whose guarantor's address is now marked bad. */
  accountIds: number[];
  /** Skip-trace follow-ups opened (an account that had one open keeps it). */
  followUpsOpened: number;
}

/** A form's empty box is "not given", not a state or ZIP code to check. */
const blankIsNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/**
 * Who speaks for a deceased person's estate: the executor, administrator or the estate's
 * attorney. The one record of them, from the death form or the estate letter; the name
 * may come before the address, but an address is whole (street, city, state and ZIP).
 */
export const estateRepresentativeInput = z
  .strictObject({
    name: requiredText('Representative', 120),
    line1: optionalText('Address line 1', 100),
    line2: optionalText('Address line 2', 100),
    city: optionalText('City', 60),
    state: z.preprocess(blankIsNull, usStateField().nullish()),
    zip: z.preprocess(blankIsNull, zipField().nullish()),
  })
  .superRefine((r, check) => {
    const given = [r.line1, r.city, r.state, r.zip].filter((v) => v != null).length;
    if (given === 0 || given === 4) return;
    for (const [key, label] of [
      ['line1', 'Street address'],
      ['city', 'City'],
      ['state', 'State'],
      ['zip', 'ZIP code'],
    ] as const) {
      if (r[key] == null)
        check.addIssue({
          code: 'custom',
          path: [key],
          message: `${label} is needed too: give the whole address or none of it.`,
        });
    }
  });

const deathFields = {
  accountId: accountIdField(),
  personId: personIdField(),
  deceasedDate: isoDateField('Date of death'),
  source: requiredText('Source', 200),
  /** Recorded as the estate's representative when given; the estate letter writes to them. */
  representative: estateRepresentativeInput.nullish(),
};

export const recordDeathInput = z.strictObject(deathFields);

export const correctDeathInput = z.strictObject({
  ...deathFields,
  // null: the person was recorded as deceased in error
  deceasedDate: isoDateField('Date of death').nullable(),
  reason: requiredText('Reason for the correction', 500),
});

export const recordReturnedMailInput = z.strictObject({
  accountId: accountIdField(),
  receivedOn: isoDateField('Date received'),
});

export const returnedMailBatchInput = z.strictObject({
  /** One account number per envelope, as typed or scanned. */
  accountNumbers: z
    .array(z.string().trim().max(40, 'An account number is at most 40 characters.'))
    .min(1, 'Scan or type at least one account number.')
    .max(2000, 'At most 2,000 envelopes at a time.'),
  receivedOn: isoDateField('Date received'),
});

export const collectionsMethods = {
  recordDeath: write<DeathRecorded>()(recordDeathInput),
  correctDeath: write<DeathRecorded>()(correctDeathInput, supervisor('correct a date of death')),
  recordReturnedMail: write<ReturnedMailRecorded>()(recordReturnedMailInput),
  recordReturnedMailBatch: write<ReturnedMailRecorded>()(returnedMailBatchInput),
} satisfies MethodGroup;
