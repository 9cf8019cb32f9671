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
import { addUserInput, saveUserInput, type UsersView } from './users';
import type { MethodName } from './methods';
import { long, read, supervisor, write, type Method } from './method';
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
  templateSourceInput,
} from './document-inputs';
import type {
  AppealDraft,
  DocumentView,
  PdfFile,
  StatementCandidates,
  StatementRunResult,
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
  getAppInfo: read<AppInfo>()(none),
  loadDemoData: write<DemoLoadResult>()(none),
  getQueueOptions: read<QueueOptions>()(none),
  listQueue: read<QueueList>()(
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
  search: read<SearchResults>()(
    z.strictObject({
      query: requiredText('Search text', 100),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ),
  getAccount: read<AccountView>()(z.strictObject({ accountId: id('Account') })),
  addActivity: write<Created>()(addActivityInput),
  setFollowUp: write<Created>()(
    z.strictObject({
      accountId: id('Account'),
      claimId: id('Claim').nullish(),
      kind: z.enum(FOLLOW_UP_KIND.keys, 'Unknown follow-up kind.').default('account'),
      dueDate: isoDateField('Follow-up date'),
      ownerId: id('Owner').nullish(),
      reason: optionalText('Reason', 500),
    }),
  ),
  completeFollowUp: write<Created>()(
    z.strictObject({
      followUpId: id('Follow-up'),
      note: optionalText('Note', 4000),
    }),
  ),
  changeAddress: write<Created>()(
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
  getFacility: read<FacilityView>()(none),
  saveFacility: write<FacilityView>()(saveFacilityInput, supervisor('change the facility details')),
  getBillingRules: read<BillingRulesView>()(none),
  saveBillingRules: write<BillingRulesView>()(
    saveBillingRulesInput,
    supervisor("change the office's billing rules"),
  ),
  listAdjustmentReasons: read<AdjustmentReasonsView>()(none),
  saveAdjustmentReason: write<AdjustmentReasonsView>()(
    saveAdjustmentReasonInput,
    supervisor('change the list of adjustment reasons'),
  ),
  listUsers: read<UsersView>()(none),
  saveUser: write<UsersView>()(saveUserInput, supervisor('change who may do what')),
  addUser: write<UsersView>()(addUserInput, supervisor('add users')),
  openBatch: write<BatchSummary>()(openBatchInput),
  setBatchTotal: write<BatchSummary>()(setBatchTotalInput),
  listBatches: read<BatchSummary[]>()(listBatchesInput),
  getBatch: read<BatchView>()(batchInput),
  closeBatch: write<BatchSummary>()(batchInput),
  getCashSummary: read<CashSummary>()(cashSummaryInput),
  postPatientPayment: write<PostingResult>()(postPatientPaymentInput),
  postInsurancePayment: write<PostingResult>()(postInsurancePaymentInput),
  postAdjustment: write<AdjustmentResult>()(postAdjustmentInput),
  listAdjustmentRequests: read<AdjustmentRequestView[]>()(listAdjustmentRequestsInput),
  decideAdjustment: write<AdjustmentResult>()(
    decideAdjustmentInput,
    supervisor('approve or reject a write-off'),
  ),
  postRefund: write<PostingResult>()(postRefundInput),
  reversePayment: write<PostingResult>()(reversePaymentInput),
  reverseEntry: write<PostingResult>()(reverseEntryInput),
  previewPlan: read<PlanPreview>()(planTermsInput),
  createPlan: write<Created>()(createPlanInput),
  endPlan: write<Created>()(endPlanInput),
  recordPromise: write<Created>()(recordPromiseInput),
  getRepaymentAdvice: read<RepaymentAdviceView>()(repaymentAdviceInput),
  importFile: long<ImportReport>()(importFileInput),
  workProgress: read<WorkProgress | null>()(none),
  cancelWork: read<WorkProgress | null>()(none),
  listImports: read<ImportListItem[]>()(listImportsInput),
  getImport: read<ImportReport>()(importInput),
  listRemittanceExceptions: read<RemittanceExceptionView[]>()(listRemittanceExceptionsInput),
  resolveRemittanceException: write<Created>()(resolveRemittanceExceptionInput),
  listDenials: read<DenialList>()(listDenialsInput),
  updateDenial: write<Created>()(updateDenialInput),
  listCsvMappings: read<CsvMappingList>()(none),
  saveCsvMapping: write<CsvMappingList>()(
    saveCsvMappingInput,
    supervisor('save a spreadsheet mapping'),
  ),
  deleteCsvMapping: write<CsvMappingList>()(
    deleteCsvMappingInput,
    supervisor('delete a spreadsheet mapping'),
  ),
  previewCsvImport: read<CsvPreview>()(previewCsvImportInput),
  importCsv: long<CsvImportReport>()(
    importCsvInput,
    supervisor('import accounts from a spreadsheet'),
  ),
  listTemplates: read<TemplateSummary[]>()(listTemplatesInput),
  getTemplateSource: read<TemplateSource>()(templateSourceInput),
  copyTemplate: write<TemplateSource>()(copyTemplateInput, supervisor('copy a template')),
  saveTemplateCopy: write<TemplateSource>()(saveTemplateCopyInput, supervisor('edit a template')),
  previewTemplate: read<TemplatePreview>()(previewTemplateInput),
  setTemplateInUse: write<TemplateSummary[]>()(
    setTemplateInUseInput,
    supervisor('choose which template is in use'),
  ),
  draftAppeal: read<AppealDraft>()(draftAppealInput),
  previewAppeal: read<PdfFile>()(appealLetterInput),
  generateAppeal: write<DocumentView>()(appealLetterInput),
  markDocumentSent: write<DocumentView>()(markDocumentSentInput),
  listAccountDocuments: read<DocumentView[]>()(accountDocumentsInput),
  getDocumentFile: read<PdfFile>()(documentInput),
  generateStatement: write<DocumentView>()(generateStatementInput),
  listStatementCandidates: read<StatementCandidates>()(statementCandidatesInput),
  startStatementRun: long<StatementRunResult>()(startStatementRunInput),
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
