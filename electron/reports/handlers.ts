import type { reportsMethods } from '../../shared/api/reports';
import type { HandlersOf } from '../core/handlers';
import { getReportPdf } from './pdf';
import { getReport } from './report';

/** The handlers of the reports: one for each method of the slice; all of them only read. */
export const reportsHandlers = {
  getReport,
  getReportPdf,
} satisfies HandlersOf<typeof reportsMethods>;
