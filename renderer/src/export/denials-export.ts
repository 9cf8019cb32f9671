import type { DenialView } from '../../../shared/api/denials';
import { APPEAL_LEVEL, DENIAL_CATEGORY, DENIAL_STATE } from '../../../shared/codes/denials';
import { api } from '../app/api';
import { denialInput, type DenialFilters } from '../denials/filters';
import { dateCell, exportTable, moneyCell, type ExportColumn } from './columns';
import { allPages, type ExportFile, type ExportProgress } from './ExportButton';

/** The denials table's columns, with its headers, in its order. */
export const DENIAL_EXPORT_COLUMNS: readonly ExportColumn<DenialView>[] = [
  { header: 'Deadline', value: (d) => dateCell(d.deadlineDate) },
  { header: 'Days left', value: (d) => String(d.daysLeft) },
  { header: 'Payer', value: (d) => d.payerName },
  { header: 'Category', value: (d) => DENIAL_CATEGORY.labels[d.category] },
  { header: 'Codes', value: (d) => d.codes.map((c) => c.code).join(' ') },
  { header: 'Amount', value: (d) => moneyCell(d.amount) },
  { header: 'State', value: (d) => DENIAL_STATE.labels[d.state] },
  { header: 'Appeal level', value: (d) => APPEAL_LEVEL.labels[d.appealLevel] },
  { header: 'Account', value: (d) => d.accountNumber },
  { header: 'Patient', value: (d) => d.patientName },
  { header: 'Claim', value: (d) => d.claimNumber },
];

/** Every denial the filters match, on every page, in the list's order. */
export async function exportDenials(
  filters: DenialFilters,
  progress: ExportProgress,
): Promise<ExportFile> {
  const base = denialInput(filters);
  let today = '';
  const rows = await allPages(async (offset, limit) => {
    const page = await api.listDenials({ ...base, offset, limit });
    today = page.today;
    return page;
  }, progress);
  return { fileName: `denials-${today}.csv`, rows: exportTable(DENIAL_EXPORT_COLUMNS, rows) };
}
