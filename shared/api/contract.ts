import { z } from 'zod';
import { AGING_BUCKET_KEYS } from '../aging/buckets';
import { CALL_OUTCOME, DIRECTION, FOLLOW_UP_KIND, PARTY } from '../codes/enums';
import {
  centsField,
  id,
  isoDateField,
  optionalText,
  requiredText,
  usStateField,
  zipField,
} from './fields';
import { saveFacilityInput, type FacilityView } from './facility';
import { listSetAsideDocumentsInput, type SetAsideDocumentsView } from './filing';
import { addUserInput, saveUserInput, type UsersView } from './users';
import type { MethodName } from './methods';
import {
  deleteCsvMappingInput,
  importCsvInput,
  previewCsvImportInput,
  saveCsvMappingInput,
} from './csv-inputs';
import type { CsvImportReport, CsvMappingList, CsvPreview } from './csv-types';
import {
  accountDocumentsInput,
  appealLetterInput,
  continueStatementRunInput,
  copyTemplateInput,
  documentInput,
  draftAppealInput,
  generateStatementInput,
  listTemplatesInput,
  markDocumentSentInput,
  previewTemplateInput,
  saveTemplateCopyInput,
  setTemplateInUseInput,
  startStatementRunInput,
  statementCandidatesInput,
  statementRunInput,
  templateSourceInput,
} from './document-inputs';
import type {
  AppealDraft,
  DocumentView,
  PdfFile,
  StatementCandidates,
  StatementRunProgress,
  TemplatePreview,
  TemplateSource,
  TemplateSummary,
} from './document-types';
import {
  importFileInput,
  importInput,
  listDenialsInput,
  listImportsInput,
  listRemittanceExceptionsInput,
  resolveRemittanceExceptionInput,
  updateDenialInput,
} from './import-inputs';
import {
  batchInput,
  cashSummaryInput,
  createPlanInput,
  decideAdjustmentInput,
  endPlanInput,
  listAdjustmentRequestsInput,
  listBatchesInput,
  openBatchInput,
  planTermsInput,
  postAdjustmentInput,
  postInsurancePaymentInput,
  postPatientPaymentInput,
  postRefundInput,
  recordPromiseInput,
  repaymentAdviceInput,
  reverseEntryInput,
  reversePaymentInput,
  saveAdjustmentReasonInput,
  saveBillingRulesInput,
  setBatchTotalInput,
} from './posting-inputs';
import type {
  AccountView,
  AdjustmentReasonsView,
  AdjustmentRequestView,
  AdjustmentResult,
  AppInfo,
  BatchSummary,
  BatchView,
  BillingRulesView,
  CashSummary,
  Created,
  DemoLoadResult,
  DenialList,
  ImportListItem,
  ImportReport,
  PlanPreview,
  PostingResult,
  QueueList,
  QueueOptions,
  RemittanceExceptionView,
  RepaymentAdviceView,
  SearchResults,
  WorkProgress,
} from './types';

/**
 * The one list of what the renderer may ask the main process. The preload, the IPC
 * binding and the end-to-end bridge are all built from it; the main process parses
 * every input with these schemas before a handler runs.
 */
interface Method<I extends z.ZodType, O> {
  input: I;
  /** Carries the output type only; never set. */
  output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

const none = z.strictObject({});

const queueSortKeys = [
  'priority',
  'dueDate',
  'deadline',
  'balance',
  'age',
  'accountNumber',
  'patientName',
] as const;

const addActivityInput = z
  .strictObject({
    accountId: id('Account'),
    claimId: id('Claim').nullish(),
    kind: z.enum(['note', 'call', 'letter', 'visit'], 'Choose what kind of activity this is.'),
    direction: z.enum(DIRECTION.keys, 'Choose inbound or outbound.').nullish(),
    party: z.enum(PARTY.keys, 'Choose who the contact was with.').nullish(),
    outcome: z.enum(CALL_OUTCOME.keys, 'Choose the outcome of the call.').nullish(),
    text: requiredText('Note text', 4000),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'call') return;
    for (const field of ['direction', 'party', 'outcome'] as const) {
      if (value[field] == null) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `A call needs its ${field === 'party' ? 'party' : field}.`,
        });
      }
    }
  });

export const contract = {
  getAppInfo: method<AppInfo>()(none),
  loadDemoData: method<DemoLoadResult>()(none),
  getQueueOptions: method<QueueOptions>()(none),
  listQueue: method<QueueList>()(
    z.strictObject({
      kind: z.enum(FOLLOW_UP_KIND.keys, 'Unknown follow-up kind.').nullish(),
      payerId: id('Payer').nullish(),
      agingBucket: z.enum(AGING_BUCKET_KEYS, 'Unknown aging bucket.').nullish(),
      ownerId: z.union([id('Owner'), z.literal('unassigned')]).nullish(),
      dueOnOrBefore: isoDateField('Due date').nullish(),
      minBalance: centsField('Minimum balance')
        .refine((v) => v >= 0, 'Minimum balance cannot be negative.')
        .nullish(),
      sortBy: z.enum(queueSortKeys, 'Unknown sort column.').default('priority'),
      sortDir: z.enum(['asc', 'desc'], 'Sort direction is asc or desc.').default('desc'),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  search: method<SearchResults>()(
    z.strictObject({
      query: requiredText('Search text', 100),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ),
  getAccount: method<AccountView>()(z.strictObject({ accountId: id('Account') })),
  addActivity: method<Created>()(addActivityInput),
  setFollowUp: method<Created>()(
    z.strictObject({
      accountId: id('Account'),
      claimId: id('Claim').nullish(),
      kind: z.enum(FOLLOW_UP_KIND.keys, 'Unknown follow-up kind.').default('account'),
      dueDate: isoDateField('Follow-up date'),
      ownerId: id('Owner').nullish(),
      reason: optionalText('Reason', 500),
    }),
  ),
  completeFollowUp: method<Created>()(
    z.strictObject({
      followUpId: id('Follow-up'),
      note: optionalText('Note', 4000),
    }),
  ),
  changeAddress: method<Created>()(
    z.strictObject({
      accountId: id('Account'),
      personId: id('Person'),
      line1: requiredText('Street address', 100),
      line2: optionalText('Address line 2', 100),
      city: requiredText('City', 60),
      state: usStateField(),
      zip: zipField(),
      effectiveDate: isoDateField('Effective date'),
      reason: optionalText('Reason', 200),
    }),
  ),
  getFacility: method<FacilityView>()(none),
  saveFacility: method<FacilityView>()(saveFacilityInput),
  getBillingRules: method<BillingRulesView>()(none),
  saveBillingRules: method<BillingRulesView>()(saveBillingRulesInput),
  listAdjustmentReasons: method<AdjustmentReasonsView>()(none),
  saveAdjustmentReason: method<AdjustmentReasonsView>()(saveAdjustmentReasonInput),
  listUsers: method<UsersView>()(none),
  saveUser: method<UsersView>()(saveUserInput),
  addUser: method<UsersView>()(addUserInput),
  openBatch: method<BatchSummary>()(openBatchInput),
  setBatchTotal: method<BatchSummary>()(setBatchTotalInput),
  listBatches: method<BatchSummary[]>()(listBatchesInput),
  getBatch: method<BatchView>()(batchInput),
  closeBatch: method<BatchSummary>()(batchInput),
  getCashSummary: method<CashSummary>()(cashSummaryInput),
  postPatientPayment: method<PostingResult>()(postPatientPaymentInput),
  postInsurancePayment: method<PostingResult>()(postInsurancePaymentInput),
  postAdjustment: method<AdjustmentResult>()(postAdjustmentInput),
  listAdjustmentRequests: method<AdjustmentRequestView[]>()(listAdjustmentRequestsInput),
  decideAdjustment: method<AdjustmentResult>()(decideAdjustmentInput),
  postRefund: method<PostingResult>()(postRefundInput),
  reversePayment: method<PostingResult>()(reversePaymentInput),
  reverseEntry: method<PostingResult>()(reverseEntryInput),
  previewPlan: method<PlanPreview>()(planTermsInput),
  createPlan: method<Created>()(createPlanInput),
  endPlan: method<Created>()(endPlanInput),
  recordPromise: method<Created>()(recordPromiseInput),
  getRepaymentAdvice: method<RepaymentAdviceView>()(repaymentAdviceInput),
  importFile: method<ImportReport>()(importFileInput),
  workProgress: method<WorkProgress | null>()(none),
  cancelWork: method<WorkProgress | null>()(none),
  listImports: method<ImportListItem[]>()(listImportsInput),
  getImport: method<ImportReport>()(importInput),
  listRemittanceExceptions: method<RemittanceExceptionView[]>()(listRemittanceExceptionsInput),
  resolveRemittanceException: method<Created>()(resolveRemittanceExceptionInput),
  listDenials: method<DenialList>()(listDenialsInput),
  updateDenial: method<Created>()(updateDenialInput),
  listCsvMappings: method<CsvMappingList>()(none),
  saveCsvMapping: method<CsvMappingList>()(saveCsvMappingInput),
  deleteCsvMapping: method<CsvMappingList>()(deleteCsvMappingInput),
  previewCsvImport: method<CsvPreview>()(previewCsvImportInput),
  importCsv: method<CsvImportReport>()(importCsvInput),
  listTemplates: method<TemplateSummary[]>()(listTemplatesInput),
  getTemplateSource: method<TemplateSource>()(templateSourceInput),
  copyTemplate: method<TemplateSource>()(copyTemplateInput),
  saveTemplateCopy: method<TemplateSource>()(saveTemplateCopyInput),
  previewTemplate: method<TemplatePreview>()(previewTemplateInput),
  setTemplateInUse: method<TemplateSummary[]>()(setTemplateInUseInput),
  draftAppeal: method<AppealDraft>()(draftAppealInput),
  previewAppeal: method<PdfFile>()(appealLetterInput),
  generateAppeal: method<DocumentView>()(appealLetterInput),
  markDocumentSent: method<DocumentView>()(markDocumentSentInput),
  listAccountDocuments: method<DocumentView[]>()(accountDocumentsInput),
  getDocumentFile: method<PdfFile>()(documentInput),
  listSetAsideDocuments: method<SetAsideDocumentsView>()(listSetAsideDocumentsInput),
  generateStatement: method<DocumentView>()(generateStatementInput),
  listStatementCandidates: method<StatementCandidates>()(statementCandidatesInput),
  startStatementRun: method<StatementRunProgress>()(startStatementRunInput),
  continueStatementRun: method<StatementRunProgress>()(continueStatementRunInput),
  cancelStatementRun: method<StatementRunProgress>()(statementRunInput),
} satisfies Record<MethodName, Method<z.ZodType, unknown>>;

export type Contract = typeof contract;
/** What a caller passes (before defaults and trimming). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> =
  Contract[M] extends Method<z.ZodType, infer O> ? O : never;

export { METHOD_NAMES, type MethodName } from './methods';

export type Api = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> };

export const QUEUE_SORT_KEYS = queueSortKeys;
export type QueueSortKey = (typeof queueSortKeys)[number];
