import { z } from 'zod';
import type { Report } from '../reports/model';
import type { PdfFile } from './documents';
import type { ReturnedCheckView } from './returned-checks';
import {
  BATCH_SOURCE,
  type BatchSource,
  type PaymentMethod,
  type ReceiptKind,
} from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import type { ProviderAdjustmentView, RemittanceTieOutRow } from './imports';
import { batchIdField, isoDateField, optionalText, positiveAmount } from './fields';
import { read, write, type MethodGroup } from './method';

/** Deposit batches, which close only when they balance, and the daily cash summary. */

export interface BatchSummary {
  id: number;
  /** As people say it: the id, or in an office the same on every desk ("3-7F2A9C"). */
  number: string;
  depositDate: IsoDate;
  source: BatchSource;
  description: string | null;
  expectedTotal: Cents;
  postedTotal: Cents;
  /** expected − posted: what is still to be posted (negative when too much was). */
  difference: Cents;
  receiptCount: number;
  status: 'open' | 'closed';
  createdBy: string;
  closedAt: string | null;
}

export interface ReceiptView {
  id: number;
  accountId: number;
  accountNumber: string;
  patientName: string;
  kind: ReceiptKind;
  payerName: string | null;
  method: PaymentMethod;
  checkNumber: string | null;
  reference: string | null;
  amount: Cents;
  receivedDate: IsoDate;
  memo: string | null;
  reversesId: number | null;
  reversedById: number | null;
  createdBy: string;
  createdAt: string;
}

export interface MethodTotal {
  method: PaymentMethod;
  count: number;
  total: Cents;
}

export interface BatchView {
  batch: BatchSummary;
  receipts: ReceiptView[];
  byMethod: MethodTotal[];
}

export interface CashSummary {
  date: IsoDate;
  batches: BatchSummary[];
  byMethod: MethodTotal[];
  total: Cents;
  openBatches: number;
  /** Money posted that day outside any batch. */
  unbatchedTotal: Cents;
  /** Remittances dated that day, each with how its payment ties out. */
  remittances: RemittanceTieOutRow[];
  /** Provider-level adjustments (PLB) posted that day to the facility's accounts. */
  providerAdjustments: ProviderAdjustmentView[];
  /** Patients' checks recorded as returned that day: their reversals are in the totals above. */
  returnedChecks: ReturnedCheckView[];
}

export const openBatchInput = z.strictObject({
  depositDate: isoDateField('Deposit date'),
  source: z.enum(BATCH_SOURCE.keys, 'Choose where the money came from.'),
  expectedTotal: positiveAmount('Expected total'),
  description: optionalText('Description', 200),
});

export const setBatchTotalInput = z.strictObject({
  batchId: batchIdField(),
  expectedTotal: positiveAmount('Expected total'),
});

export const listBatchesInput = z.strictObject({
  status: z.enum(['open', 'closed'], 'Batch status is open or closed.').nullish(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const batchInput = z.strictObject({ batchId: batchIdField() });

export const cashSummaryInput = z.strictObject({ date: isoDateField('Date') });

export const batchesMethods = {
  openBatch: write<BatchSummary>()(openBatchInput),
  setBatchTotal: write<BatchSummary>()(setBatchTotalInput),
  listBatches: read<BatchSummary[]>()(listBatchesInput),
  getBatch: read<BatchView>()(batchInput),
  closeBatch: write<BatchSummary>()(batchInput),
  getCashSummary: read<CashSummary>()(cashSummaryInput),
  /** The day's deposit as a report: the screen's CSV file and the printed slip's figures. */
  getDepositSlip: read<Report>()(cashSummaryInput),
  getDepositSlipPdf: read<PdfFile>()(cashSummaryInput),
} satisfies MethodGroup;
