import type { Contract, MethodName } from '../../shared/api/contract';
import { accessHandlers } from '../access/handlers';
import { accountsHandlers } from '../accounts/handlers';
import { agenciesHandlers } from '../agencies/handlers';
import { appHandlers } from '../app/handlers';
import { approvalsHandlers } from '../approvals/handlers';
import { auditHandlers } from '../audit/handlers';
import { backupsHandlers } from '../backups/handlers';
import { officeHandlers, officeWorkingHandlers } from '../office/handlers';
import { batchesHandlers } from '../batches/handlers';
import { codesHandlers } from '../codes/handlers';
import { collectionsHandlers } from '../collections/handlers';
import { contactHandlers } from '../contact/handlers';
import { correspondenceHandlers } from '../correspondence/handlers';
import { returnedChecksHandlers } from '../returned-checks/handlers';
import { purgeHandlers } from '../purge/handlers';
import { badDebtHandlers } from '../bad-debt/handlers';
import { fapHandlers } from '../fap/handlers';
import type { HandlersOf } from '../core/handlers';
import { denialsHandlers } from '../denials/handlers';
import { facilityHandlers } from '../facility/handlers';
import { documentsHandlers } from '../filing/handlers';
import { csvHandlers } from '../importers/csv/handlers';
import { importsHandlers } from '../importers/handlers';
import { lettersHandlers } from '../letters/handlers';
import { payersHandlers } from '../payers/handlers';
import { plansHandlers } from '../plans/handlers';
import { postingHandlers } from '../posting/handlers';
import { queueHandlers } from '../queue/handlers';
import { reportsHandlers } from '../reports/handlers';
import { rulesHandlers } from '../rules/handlers';
import { searchHandlers } from '../search/handlers';
import { statementsHandlers } from '../statements/handlers';
import { patientLettersHandlers } from '../patient-letters/handlers';
import { templatesHandlers } from '../templates/handlers';
import { usersHandlers } from '../users/handlers';

/**
 * Every contract method has exactly one handler: each domain's group answers exactly its
 * slice, and this type makes a method no group answers an error.
 */
export const handlers = {
  ...appHandlers,
  ...queueHandlers,
  ...searchHandlers,
  ...accountsHandlers,
  ...facilityHandlers,
  ...rulesHandlers,
  ...usersHandlers,
  ...batchesHandlers,
  ...postingHandlers,
  ...plansHandlers,
  ...importsHandlers,
  ...denialsHandlers,
  ...csvHandlers,
  ...templatesHandlers,
  ...lettersHandlers,
  ...documentsHandlers,
  ...statementsHandlers,
  ...patientLettersHandlers,
  ...payersHandlers,
  ...codesHandlers,
  ...approvalsHandlers,
  ...accessHandlers,
  ...auditHandlers,
  ...reportsHandlers,
  ...collectionsHandlers,
  ...agenciesHandlers,
  ...contactHandlers,
  ...returnedChecksHandlers,
  ...purgeHandlers,
  ...backupsHandlers,
  ...fapHandlers,
  ...badDebtHandlers,
  ...officeHandlers,
  ...officeWorkingHandlers,
  ...correspondenceHandlers,
} satisfies HandlersOf<Contract>;

/** Compiles only while every handler answers a contract method (spreads escape the excess check). */
type NoStray<T extends never> = T;
type _NoStrayHandler = NoStray<Exclude<keyof typeof handlers, MethodName>>;
