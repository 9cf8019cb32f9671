import type { purgeMethods } from '../../shared/api/purge';
import type { HandlersOf } from '../core/handlers';
import { deidentifyPerson } from './deidentify';

/** De-identification: one handler for each method of the slice. */
export const purgeHandlers = {
  deidentifyPerson,
} satisfies HandlersOf<typeof purgeMethods>;
