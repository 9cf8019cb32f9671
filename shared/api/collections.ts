import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import { accountIdField, isoDateField, optionalText, personIdField, requiredText } from './fields';
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

const deathFields = {
  accountId: accountIdField(),
  personId: personIdField(),
  deceasedDate: isoDateField('Date of death'),
  source: requiredText('Source', 200),
  estateContactName: optionalText('Executor or estate contact', 200),
  estateAddress: optionalText('Estate address', 400),
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
