import type { facilityMethods } from '../../shared/api/facility';
import type { HandlersOf } from '../core/handlers';
import { getFacility, saveFacility } from './facility';

/** The handlers of the facility: one for each method of the slice. */
export const facilityHandlers = {
  getFacility,
  saveFacility,
} satisfies HandlersOf<typeof facilityMethods>;
