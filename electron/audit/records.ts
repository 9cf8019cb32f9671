import type { MethodName } from '../../shared/api/contract';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';

/** The accounts and documents a request touched or handed back. */
export interface Touched {
  accounts: number[];
  documents: number[];
}

type Extract = (db: ReadDb, input: unknown, output: unknown) => Touched;

/**
 * What the trail records of a method: `recorded` with how its records are found, or
 * `not patient data` for a read that shows none (the office's settings, progress of
 * work); every write is recorded whatever this says.
 */
export type AuditRule = { recorded: Extract } | 'not patient data';

/** Ids are found under these keys, at any depth. */
const ACCOUNT_KEYS = new Set(['accountId', 'accountIds']);
const DOCUMENT_KEYS = new Set(['documentId', 'documentIds']);
/** Bounds the walk over a large answer (an import's report); the detail says when cut. */
const MAX_NODES = 50_000;

function collect(value: unknown, into: { accounts: Set<number>; documents: Set<number> }): void {
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_NODES) {
    const v = stack.pop();
    nodes += 1;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    // for-in rather than Object.entries: a queue page is 50 rows of 30 fields, and
    // allocating a pair per field cost a tenth of a millisecond on every page viewed
    // (answers are plain data from the handlers, so there are no inherited keys)
    const record = v as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child !== 'object' || child === null) {
        if (typeof child === 'number') {
          if (ACCOUNT_KEYS.has(key)) into.accounts.add(child);
          else if (DOCUMENT_KEYS.has(key)) into.documents.add(child);
        }
        continue;
      }
      const target = ACCOUNT_KEYS.has(key)
        ? into.accounts
        : DOCUMENT_KEYS.has(key)
          ? into.documents
          : null;
      if (!target) stack.push(child);
      else if (Array.isArray(child))
        for (const id of child) if (typeof id === 'number') target.add(id);
    }
  }
}

function touched(...values: unknown[]): Touched {
  const into = { accounts: new Set<number>(), documents: new Set<number>() };
  for (const v of values) collect(v, into);
  return { accounts: [...into.accounts], documents: [...into.documents] };
}

/** The ids the request names (an account opened): the answer is not walked. */
const asked: AuditRule = { recorded: (_db, input) => touched(input) };
/** The ids the request names and the answer holds (each row of a list page). */
const answered: AuditRule = { recorded: (_db, input, output) => touched(input, output) };
const notPatientData: AuditRule = 'not patient data';

function field(input: unknown, key: string): number | null {
  if (typeof input !== 'object' || input === null) return null;
  const v: unknown = (input as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}

/** A denial's account, for a preview whose request and answer name only the denial. */
const ofDenial: AuditRule = {
  recorded: (db, input, output) => {
    const found = touched(input, output);
    const denialId = field(input, 'denialId');
    const row =
      denialId === null
        ? undefined
        : one<{ accountId: number }>(
            db,
            `SELECT c.account_id AS accountId FROM denials d JOIN claims c ON c.id = d.claim_id
             WHERE d.id = ?`,
            denialId,
          );
    if (row && !found.accounts.includes(row.accountId)) found.accounts.push(row.accountId);
    return found;
  },
};

/** A document's account, for a file opened (to read or print) by its id alone. */
const ofDocument: AuditRule = {
  recorded: (db, input) => {
    const found = touched(input);
    const documentId = field(input, 'documentId');
    const row =
      documentId === null
        ? undefined
        : one<{ accountId: number | null }>(
            db,
            `SELECT account_id AS accountId FROM documents WHERE id = ?`,
            documentId,
          );
    if (row?.accountId) found.accounts.push(row.accountId);
    return found;
  },
};

/** A scan opened by its id alone: the account it is filed on. */
const ofCorrespondence: AuditRule = {
  recorded: (db, input) => {
    const found = touched(input);
    const id = field(input, 'correspondenceId');
    const row =
      id === null
        ? undefined
        : one<{ accountId: number }>(
            db,
            `SELECT account_id AS accountId FROM correspondence WHERE id = ?`,
            id,
          );
    if (row) found.accounts.push(row.accountId);
    return found;
  },
};

/** The audit trail's own page: the accounts its entries name. */
const auditPage: AuditRule = {
  recorded: (_db, _input, output) => {
    const rows = (output as { rows?: { accounts: { id: number }[] }[] }).rows ?? [];
    return {
      accounts: [...new Set(rows.flatMap((r) => r.accounts.map((a) => a.id)))],
      documents: [],
    };
  },
};

/** A placement file asked for again: the accounts its batch placed. */
const ofPlacementBatch: AuditRule = {
  recorded: (db, input) => {
    const batchId = field(input, 'batchId');
    const rows =
      batchId === null
        ? []
        : all<{ accountId: number }>(
            db,
            `SELECT account_id AS accountId FROM agency_placements WHERE batch_id = ?`,
            batchId,
          );
    return { accounts: rows.map((r) => r.accountId), documents: [] };
  },
};

/**
 * Every method of the contract, so a new one cannot be added without deciding what the
 * trail keeps of it (a type error here, and audit/records.test.ts).
 */
export const AUDIT_RULES: Record<MethodName, AuditRule> = {
  // the office, its settings and the progress of work: no patient in them
  getAppInfo: notPatientData,
  getQueueOptions: notPatientData,
  getFacility: notPatientData,
  listFacilities: notPatientData,
  getBillingRules: notPatientData,
  listAdjustmentReasons: notPatientData,
  listUsers: notPatientData,
  listBatches: notPatientData,
  workProgress: notPatientData,
  cancelWork: notPatientData,
  listImports: notPatientData,
  listCsvMappings: notPatientData,
  listTemplates: notPatientData,
  getTemplateSource: notPatientData,
  previewTemplate: notPatientData,
  listPayers: notPatientData,
  getPayer: notPatientData,
  getAuditStatus: notPatientData,
  getCodeLists: notPatientData,
  previewCodeList: notPatientData,
  listUnknownCodes: notPatientData,
  listUserPermissions: notPatientData,
  getAccessState: notPatientData,
  reportActivity: notPatientData,
  // a sign-in to an unlocked window is recorded by the write that follows, never its PIN
  unlock: notPatientData,
  getAccessReview: notPatientData,
  // backups: the office's copies as a whole, named by their time and folder
  listBackups: notPatientData,
  getBackupWarning: notPatientData,
  // the office: a refused action names its account and holds its note's text
  listNotSynced: answered,
  // polled while the queue or an account is open: which desk has which account, staff
  // names and account ids, no patient's data; opening the account is recorded itself
  listWorkingMarks: notPatientData,
  // the office server's address and its sync state; a password is never in the trail
  officeStatus: notPatientData,
  getOfficeServer: notPatientData,
  testOfficeServer: notPatientData,
  saveOfficeServer: answered,
  // every account goes to the office server, or comes from it: the call itself is the record
  createOffice: answered,
  joinOffice: answered,
  disconnectOffice: answered,
  checkBackup: notPatientData,
  // views of patient data
  getAccount: asked,
  listAccountDocuments: asked,
  previewPlan: asked,
  getRepaymentAdvice: asked,
  getDocumentFile: ofDocument,
  listAccountCorrespondence: asked,
  getCorrespondenceFile: ofCorrespondence,
  // the accounts each file of the folder would go to
  previewCorrespondenceFolder: answered,
  reproduceLetter: ofDocument,
  draftAppeal: ofDenial,
  previewAppeal: ofDenial,
  listQueue: answered,
  search: answered,
  listDenials: answered,
  listStatementCandidates: answered,
  countStatementCandidates: notPatientData,
  getBatch: answered,
  getCashSummary: answered,
  getDepositSlip: answered,
  getDepositSlipPdf: answered,
  listAdjustmentRequests: answered,
  getImport: answered,
  listRemittanceExceptions: answered,
  previewCsvImport: answered,
  listSetAsideDocuments: answered,
  getRemittance: answered,
  getAccountDunning: asked,
  getContactRules: asked,
  getAssistanceTimeline: asked,
  getBadDebt: asked,
  // a report is a view of the office's patients in sum: who ran which, with what filters
  getReport: answered,
  getReportPdf: answered,
  listAgencies: notPatientData,
  getAgency: answered,
  previewPlacement: answered,
  getPlacementFile: ofPlacementBatch,
  listAuditTrail: auditPage,
  verifyAuditTrail: answered,
  acceptAuditTrail: answered,
  // writes: what they name and what they hand back
  loadDemoData: answered,
  addActivity: answered,
  setFollowUp: answered,
  completeFollowUp: answered,
  changeAddress: answered,
  saveFacility: answered,
  saveBillingFacility: answered,
  saveBillingRules: answered,
  saveUser: answered,
  addUser: answered,
  openBatch: answered,
  setBatchTotal: answered,
  closeBatch: answered,
  saveAdjustmentReason: answered,
  postPatientPayment: answered,
  takePayment: answered,
  postInsurancePayment: answered,
  postAdjustment: answered,
  decideAdjustment: answered,
  postRefund: answered,
  reversePayment: answered,
  reverseEntry: answered,
  createPlan: answered,
  endPlan: answered,
  recordPromise: answered,
  importFile: answered,
  resolveRemittanceException: answered,
  updateDenial: ofDenial,
  saveCsvMapping: answered,
  deleteCsvMapping: answered,
  importCsv: answered,
  copyTemplate: answered,
  saveTemplateCopy: answered,
  setTemplateInUse: answered,
  generateAppeal: answered,
  markDocumentSent: answered,
  generateStatement: answered,
  generateItemizedBill: answered,
  generatePatientLetter: answered,
  startStatementRun: answered,
  updatePayer: answered,
  saveUserContact: answered,
  setCollectionHold: answered,
  releaseStatementHold: answered,
  loadCodeList: answered,
  setUserPermission: answered,
  lockNow: answered,
  setOwnSecret: answered,
  startEmergencyAccess: answered,
  allowUser: answered,
  refuseUser: answered,
  resetUserSecret: answered,
  acknowledgeEmergencyAccess: answered,
  recordDeath: answered,
  correctDeath: answered,
  recordReturnedMail: answered,
  recordReturnedMailBatch: answered,
  saveAgency: answered,
  placeAccounts: answered,
  recallAccounts: answered,
  importRecallFile: answered,
  importAgencyPayments: answered,
  recordContactRestriction: answered,
  liftContactRestriction: answered,
  recordReturnedCheck: answered,
  deidentifyPerson: answered,
  // a backup taken or put back holds every patient: who asked, and when
  startBackup: answered,
  restoreBackup: answered,
  encryptDatabase: answered,
  // the answer is the new recovery key: the request is recorded, the answer never walked
  issueRecoveryKey: asked,
  saveBackupSchedule: answered,
  dismissNotSynced: answered,
  startWorking: asked,
  stopWorking: asked,
  receiveAssistanceApplication: answered,
  markApplicationIncomplete: answered,
  decideAssistanceApplication: answered,
  sendEcaNotice: answered,
  recordExtraordinaryAction: answered,
  requestBadDebt: answered,
  undoBadDebt: answered,
  fileCorrespondence: answered,
  importCorrespondenceFolder: answered,
};
