import type { facilityMethods } from '../../shared/api/facility';
import type { HandlersOf } from '../core/handlers';
import { getFacility, listFacilities, saveFacility } from './facility';

/** The handlers of the facility: one for each method of the slice. */
export const facilityHandlers = {
  getFacility,
  listFacilities,
  saveFacility,
} satisfies HandlersOf<typeof facilityMethods>;
