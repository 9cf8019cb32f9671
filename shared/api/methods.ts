/**
 * The names of the API methods, apart from their schemas so the preload can build
 * `window.api` without bundling the validation library. contract.ts must define exactly
 * these (its type checks that).
 */
export const METHOD_NAMES = [
  'getAppInfo',
  'loadDemoData',
  'getQueueOptions',
  'listQueue',
  'search',
  'getAccount',
  'addActivity',
  'setFollowUp',
  'completeFollowUp',
  'changeAddress',
  'getBillingRules',
  'saveBillingRules',
  'listAdjustmentReasons',
  'saveAdjustmentReason',
  'openBatch',
  'setBatchTotal',
  'listBatches',
  'getBatch',
  'closeBatch',
  'getCashSummary',
  'postPatientPayment',
  'postInsurancePayment',
  'postAdjustment',
  'listAdjustmentRequests',
  'decideAdjustment',
  'postRefund',
  'reversePayment',
  'reverseEntry',
  'previewPlan',
  'createPlan',
  'endPlan',
  'recordPromise',
  'getRepaymentAdvice',
  'importFile',
  'listImports',
  'getImport',
  'listRemittanceExceptions',
  'resolveRemittanceException',
  'listDenials',
  'updateDenial',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
