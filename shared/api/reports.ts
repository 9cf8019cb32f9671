import { z } from 'zod';
import { DENIAL_CATEGORY } from '../codes/denials';
import { FINANCIAL_CLASS } from '../codes/enums';
import type { DenialCategory } from '../codes/denials';
import type { FinancialClass } from '../codes/enums';
import type { PayerId, UserId } from '../ids';
import type { IsoDate } from '../dates/iso-date';
import { REPORT_IDS, type Report } from '../reports/model';
import { id, isoDateField, payerIdField, userIdField } from './fields';
import { read, type MethodGroup } from './method';

/** Reports a billing manager reads: aging, denials, cash, plans, appeals, the team's work. */

export const reportFiltersField = z
  .strictObject({
    /** The period the report covers; both ends included. Defaults: the last twelve months. */
    from: isoDateField('From date').nullish(),
    to: isoDateField('To date').nullish(),
    payerId: payerIdField().nullish(),
    financialClass: z.enum(FINANCIAL_CLASS.keys).nullish(),
    category: z.enum(DENIAL_CATEGORY.keys).nullish(),
    userId: userIdField().nullish(),
    /** One facility's accounts (listFacilities); an id that names none is refused. */
    facilityId: id('Facility').nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The From date must not be after the To date.',
    path: ['from'],
  });

export interface ReportFilters {
  from: IsoDate | null;
  to: IsoDate | null;
  payerId: PayerId | null;
  financialClass: FinancialClass | null;
  category: DenialCategory | null;
  userId: UserId | null;
  facilityId: number | null;
}

export const reportInput = z.strictObject({
  report: z.enum(REPORT_IDS),
  filters: reportFiltersField.default({}),
});

export interface ReportPdf {
  fileName: string;
  /** The PDF bytes, base64-encoded (IPC and the test bridge carry strings safely). */
  pdfBase64: string;
  pages: number;
}

export const reportsMethods = {
  getReport: read<Report>()(reportInput),
  getReportPdf: read<ReportPdf>()(reportInput),
} satisfies MethodGroup;
