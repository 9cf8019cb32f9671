import type { QueueRow } from '../../../shared/api/queue';
import { FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { queueColumns } from '../worklist/columns';
import { toInput, type QueueFilters } from '../worklist/filters';
import { dateCell, exportTable, moneyCell, type ExportColumn } from './columns';
import { allPages, type ExportFile, type ExportProgress } from './ExportButton';

const PRIORITY_LABEL: Record<QueueRow['priority'], string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** The text of each work queue column, by the column's id on screen. */
const CELLS: Record<string, (r: QueueRow) => string> = {
  priority: (r) => PRIORITY_LABEL[r.priority],
  dueDate: (r) => dateCell(r.dueDate),
  kind: (r) => FOLLOW_UP_KIND.labels[r.kind],
  accountNumber: (r) => r.accountNumber,
  patientName: (r) => r.patientName,
  payerName: (r) => r.payerName ?? 'Self-pay',
  // the claim number alone (blank for the account as a whole), so a spreadsheet can look it up
  claim: (r) => r.claimNumber ?? '',
  balance: (r) => moneyCell(r.balance),
  ageDays: (r) => String(r.ageDays),
  deadlineDate: (r) => dateCell(r.deadlineDate),
  ownerName: (r) => r.ownerName ?? 'Unassigned',
};

/** The queue's columns in the order and with the headers the screen has. */
function queueExportColumns(): ExportColumn<QueueRow>[] {
  return queueColumns.map((c) => {
    const id = c.id ?? ('accessorKey' in c ? String(c.accessorKey) : '');
    const value = CELLS[id];
    if (!value || typeof c.header !== 'string')
      throw new Error(`The work queue column "${id}" has no export value yet.`);
    return { header: c.header, value };
  });
}

/** Every follow-up the queue's filters match, in the queue's order. */
export async function exportQueue(
  filters: QueueFilters,
  progress: ExportProgress,
): Promise<ExportFile> {
  const columns = queueExportColumns();
  let today = '';
  const rows = await allPages(async (offset, limit) => {
    const page = await api.listQueue(toInput(filters, offset, limit));
    today = page.today;
    return page;
  }, progress);
  return { fileName: `work-queue-${today}.csv`, rows: exportTable(columns, rows) };
}
