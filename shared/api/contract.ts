import type { z } from 'zod';
import { accessMethods } from './access';
import { agenciesMethods } from './agencies';
import { accountsMethods } from './accounts';
import { appMethods } from './app';
import { approvalsMethods } from './approvals';
import { auditMethods } from './audit';
import { backupsMethods } from './backups';
import { officeMethods, officeWorkingMethods } from './office';
import { badDebtMethods } from './bad-debt';
import { batchesMethods } from './batches';
import { codesMethods } from './codes';
import { collectionsMethods } from './collections';
import { contactMethods } from './contact';
import { correspondenceMethods } from './correspondence';
import { returnedChecksMethods } from './returned-checks';
import { purgeMethods } from './purge';
import { csvMethods } from './csv';
import { denialsMethods } from './denials';
import { documentsMethods } from './documents';
import { facilityMethods } from './facility';
import { fapMethods } from './fap';
import { importsMethods } from './imports';
import { lettersMethods } from './letters';
import { payersMethods } from './payers';
import type { Method, MethodGroup } from './method';
import { plansMethods } from './plans';
import { postingMethods } from './posting';
import { queueMethods } from './queue';
import { reportsMethods } from './reports';
import { rulesMethods } from './rules';
import { searchMethods } from './search';
import { statementsMethods } from './statements';
import { patientLettersMethods } from './patient-letters';
import { templatesMethods } from './templates';
import { usersMethods } from './users';

/**
 * The one list of what the renderer may ask the main process, combined from each
 * domain's slice. The preload, the IPC binding and the end-to-end bridge are all built
 * from it; the main process parses every input with these schemas before a handler runs.
 */
export const contract = {
  ...appMethods,
  ...queueMethods,
  ...searchMethods,
  ...accountsMethods,
  ...facilityMethods,
  ...rulesMethods,
  ...usersMethods,
  ...batchesMethods,
  ...postingMethods,
  ...plansMethods,
  ...importsMethods,
  ...denialsMethods,
  ...csvMethods,
  ...templatesMethods,
  ...lettersMethods,
  ...documentsMethods,
  ...statementsMethods,
  ...patientLettersMethods,
  ...payersMethods,
  ...codesMethods,
  ...approvalsMethods,
  ...accessMethods,
  ...auditMethods,
  ...reportsMethods,
  ...collectionsMethods,
  ...agenciesMethods,
  ...contactMethods,
  ...returnedChecksMethods,
  ...purgeMethods,
  ...backupsMethods,
  ...fapMethods,
  ...badDebtMethods,
  ...officeMethods,
  ...officeWorkingMethods,
  ...correspondenceMethods,
} satisfies MethodGroup;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> =
  Contract[M] extends Method<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.freeze(Object.keys(contract) as MethodName[]);

export type Api = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> };
