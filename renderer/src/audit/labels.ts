import type { AuditEntryView } from '../../../shared/api/audit';

/** What a request did, as a supervisor reads it; a method without a label shows its name. */
const LABELS: Record<string, string> = {
  getAccount: 'Opened the account',
  search: 'Searched',
  listQueue: 'Work queue page',
  listDenials: 'Denials page',
  listStatementCandidates: 'Statement candidates',
  listAccountDocuments: 'Documents of the account',
  getDocumentFile: 'Opened or printed a document',
  draftAppeal: 'Drafted an appeal',
  previewAppeal: 'Previewed an appeal letter',
  generateAppeal: 'Filed an appeal letter',
  generateStatement: 'Filed a statement',
  generateItemizedBill: 'Filed an itemized bill',
  generatePatientLetter: 'Filed a patient letter',
  startStatementRun: 'Statement run',
  addActivity: 'Added a note or call',
  setFollowUp: 'Set a follow-up',
  completeFollowUp: 'Completed a follow-up',
  changeAddress: 'Changed an address',
  postPatientPayment: 'Posted a patient payment',
  takePayment: 'Took a payment at the account',
  getDepositSlip: 'Exported a deposit slip',
  getDepositSlipPdf: 'Printed a deposit slip',
  postInsurancePayment: 'Posted an insurance payment',
  postAdjustment: 'Posted an adjustment',
  decideAdjustment: 'Decided an adjustment',
  postRefund: 'Refunded a credit',
  reversePayment: 'Reversed a payment',
  reverseEntry: 'Reversed an entry',
  saveUser: 'Changed a user',
  addUser: 'Added a user',
  importFile: 'Imported a file',
  importCsv: 'Imported a spreadsheet',
  listAuditTrail: 'Read the audit trail',
  verifyAuditTrail: 'Checked the audit trail',
};

export function actionLabel(entry: Pick<AuditEntryView, 'method' | 'detail'>): string {
  const label = LABELS[entry.method] ?? entry.method;
  return entry.method === 'listAuditTrail' && entry.detail.includes('"purpose":"export"')
    ? 'Exported the audit trail'
    : label;
}
