import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import { getAccount } from '../accounts/get';
import { addActivity } from '../activities/add';
import { getAppInfo } from '../app/info';
import { loadDemoData } from '../app/load-demo';
import { completeFollowUp } from '../followups/complete';
import { setFollowUp } from '../followups/set';
import { changeAddress } from '../people/change-address';
import { listQueue } from '../queue/list';
import { getQueueOptions } from '../queue/options';
import { search } from '../search/search';
import {
  closeBatch,
  getBatch,
  getCashSummary,
  listBatches,
  openBatch,
  setBatchTotal,
} from '../batches/batches';
import { getRepaymentAdvice } from '../plans/advice';
import { createPlan, endPlan, previewPlan } from '../plans/plans';
import { decideAdjustment, postAdjustment } from '../posting/adjustment';
import { listAdjustmentRequests } from '../posting/adjustment-requests';
import { listAdjustmentReasons, saveAdjustmentReason } from '../posting/adjustment-reasons';
import { postInsurancePayment } from '../posting/insurance-payment';
import { postPatientPayment } from '../posting/patient-payment';
import { postRefund } from '../posting/refund';
import { reverseEntry, reversePayment } from '../posting/reverse';
import { recordPromise } from '../promises/record';
import { getBillingRules, saveBillingRules } from '../rules/handlers';
import { listDenials } from '../denials/list';
import { updateDenial } from '../denials/update';
import { getImport, importFile, listImports } from '../importers/import-file';
import { importCsv } from '../importers/csv/import';
import { deleteCsvMapping, listCsvMappings, saveCsvMapping } from '../importers/csv/mappings';
import { previewCsvImport } from '../importers/csv/preview';
import {
  listRemittanceExceptions,
  resolveRemittanceException,
} from '../importers/remittance/exceptions';
import type { Ctx } from '../core/context';
import { getFacility, saveFacility } from '../facility/facility';
import { addUser, listUsers, saveUser } from '../users/manage';
import { cancelWork, currentWork, type SteppedWrite } from '../core/stepped';
import { listAccountDocuments } from '../filing/list';
import { getDocumentFile } from '../filing/read';
import { markDocumentSent } from '../filing/sent';
import { listSetAsideDocuments } from '../filing/set-aside';
import { draftAppeal } from '../letters/draft';
import { generateAppeal, previewAppeal } from '../letters/generate';
import { copyTemplate, saveTemplateCopy, setTemplateInUse } from '../templates/copies';
import { getTemplateSource, listTemplates } from '../templates/list';
import { previewTemplate } from '../templates/preview';
import { listStatementCandidates } from '../statements/candidates';
import { generateStatement } from '../statements/generate';
import { cancelStatementRun, continueStatementRun, startStatementRun } from '../statements/runs';

type Handlers = {
  [M in MethodName]: (
    ctx: Ctx,
    input: ParsedInputOf<M>,
  ) => OutputOf<M> | Promise<OutputOf<M>> | SteppedWrite<OutputOf<M>>;
};

/** Every contract method has exactly one handler; the type makes a missing one an error. */
export const handlers: Handlers = {
  getAppInfo,
  loadDemoData,
  getQueueOptions,
  listQueue,
  search,
  getAccount,
  addActivity,
  setFollowUp,
  completeFollowUp,
  changeAddress,
  getFacility,
  saveFacility,
  getBillingRules,
  saveBillingRules,
  listAdjustmentReasons,
  saveAdjustmentReason,
  listUsers,
  saveUser,
  addUser,
  openBatch,
  setBatchTotal,
  listBatches,
  getBatch,
  closeBatch,
  getCashSummary,
  postPatientPayment,
  postInsurancePayment,
  postAdjustment,
  listAdjustmentRequests,
  decideAdjustment,
  postRefund,
  reversePayment,
  reverseEntry,
  previewPlan,
  createPlan,
  endPlan,
  recordPromise,
  getRepaymentAdvice,
  importFile,
  workProgress: (ctx) => currentWork(ctx.db),
  cancelWork: (ctx) => cancelWork(ctx.db),
  listImports,
  getImport,
  listRemittanceExceptions,
  resolveRemittanceException,
  listDenials,
  updateDenial,
  listCsvMappings,
  saveCsvMapping,
  deleteCsvMapping,
  previewCsvImport,
  importCsv,
  listTemplates,
  getTemplateSource,
  copyTemplate,
  saveTemplateCopy,
  previewTemplate,
  setTemplateInUse,
  draftAppeal,
  previewAppeal,
  generateAppeal,
  markDocumentSent,
  listAccountDocuments,
  getDocumentFile,
  listSetAsideDocuments,
  generateStatement,
  listStatementCandidates,
  startStatementRun,
  continueStatementRun,
  cancelStatementRun,
};
