import type { SearchResult } from '../../../shared/api/search';
import { ACCOUNT_STATUS } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { dateCell, exportTable, moneyCell, type ExportColumn } from './columns';
import type { ExportFile, ExportProgress } from './ExportButton';

/** The most results the search hands back at once; it has no pages beyond them. */
export const SEARCH_EXPORT_LIMIT = 200;

/** What each search result shows, in the order it shows it. */
export const SEARCH_EXPORT_COLUMNS: readonly ExportColumn<SearchResult>[] = [
  { header: 'Patient', value: (r) => r.patientName },
  { header: 'Date of birth', value: (r) => dateCell(r.dateOfBirth) },
  { header: 'Phone', value: (r) => r.phone ?? '' },
  { header: 'Service date', value: (r) => dateCell(r.serviceDate) },
  { header: 'Account', value: (r) => r.accountNumber },
  { header: 'Claim', value: (r) => r.claimNumber ?? '' },
  { header: 'Status', value: (r) => ACCOUNT_STATUS.labels[r.status] },
  { header: 'Balance', value: (r) => moneyCell(r.balance) },
];

/**
 * The accounts a search finds, up to the search's own limit. The search cannot page
 * further, so a search that finds more says so instead of exporting part of it silently.
 */
export async function exportSearch(query: string, progress: ExportProgress): Promise<ExportFile> {
  const [found, info] = await Promise.all([
    api.search({ query, limit: SEARCH_EXPORT_LIMIT }),
    api.getAppInfo({}),
  ]);
  if (found.truncated)
    throw new Error(
      `The search finds more than ${SEARCH_EXPORT_LIMIT} accounts; narrow it (add a first name or more digits) and export again.`,
    );
  progress(found.results.length, found.results.length);
  return {
    fileName: `account-search-${info.today}.csv`,
    rows: exportTable(SEARCH_EXPORT_COLUMNS, found.results),
  };
}
