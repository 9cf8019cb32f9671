import { z } from 'zod';
import { accountIdField, personIdField, requiredText } from './fields';
import { supervisor, write, type MethodGroup } from './method';

/** De-identifying deceased people on closed accounts once the records need not be kept. */

/** What replaces a name, an address line, a date of birth or a phone number. */
export const REMOVED = '[removed]';

export interface Deidentified {
  personId: number;
  /** Every account the person was on; each has a history row saying so. */
  accountIds: number[];
  /** History rows whose text named the person and now has the marker instead. */
  historyRowsRewritten: number;
  /** Filed letters, statements and scans of those accounts deleted from disk (rows kept). */
  filesRemoved: number;
}

export const deidentifyPersonInput = z.strictObject({
  accountId: accountIdField(),
  personId: personIdField(),
  reason: requiredText('Reason', 500),
});

export const purgeMethods = {
  deidentifyPerson: write<Deidentified>()(
    deidentifyPersonInput,
    supervisor('de-identify a deceased person'),
  ),
} satisfies MethodGroup;
