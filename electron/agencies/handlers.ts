import type { agenciesMethods } from '../../shared/api/agencies';
import type { HandlersOf } from '../core/handlers';
import { getAgency, listAgencies, saveAgency } from './agencies';
import { importAgencyPayments } from './payments';
import { getPlacementFile } from './placement-file';
import { placeAccounts, previewPlacement } from './placement';
import { importRecallFile, recallAccounts } from './recall';

/** Collection agencies: one handler for each method of the slice. */
export const agenciesHandlers = {
  listAgencies,
  getAgency,
  saveAgency,
  previewPlacement,
  placeAccounts,
  getPlacementFile,
  recallAccounts,
  importRecallFile,
  importAgencyPayments,
} satisfies HandlersOf<typeof agenciesMethods>;
