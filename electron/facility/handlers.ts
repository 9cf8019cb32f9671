import type { facilityMethods } from '../../shared/api/facility';
import type { HandlersOf } from '../core/handlers';
import { getFacility, listFacilities, saveBillingFacility, saveFacility } from './facility';

/** The handlers of the facility: one for each method of the slice. */
export const facilityHandlers = {
  getFacility,
  listFacilities,
  saveFacility,
  saveBillingFacility,
} satisfies HandlersOf<typeof facilityMethods>;
