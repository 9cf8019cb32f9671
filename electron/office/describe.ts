import { FOLLOW_UP_KIND } from '../../shared/codes/enums';
import { formatUsDate, isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { ReceiptRow, ServerRow } from './wire';

/** A synced row in a sentence: the server's reasons and the not-synced list both say it. */
export function describeRow(r: ServerRow): string {
  switch (r.tbl) {
    case 'receipts':
      return describeReceipt(r.row);
    case 'payers':
      return `New payer ${r.row.name} (${r.row.payerCode}).`;
    case 'people':
      return `New person ${r.row.lastName}, ${r.row.firstName}.`;
    case 'accounts':
      return `New account ${r.row.accountNumber}.`;
    case 'claims':
      return `New claim ${r.row.claimNumber} for ${formatCents(cents(r.row.totalCharge))}.`;
    case 'follow_ups':
      break;
    default:
      return 'it was changed.';
  }
  const f = r.row;
  const label = (FOLLOW_UP_KIND.labels as Record<string, string>)[f.kind] ?? 'Follow-up';
  if (f.status === 'open') return `${label} due ${formatUsDate(isoDate(f.dueDate))}.`;
  return `${label} ${f.status === 'done' ? 'completed' : 'cancelled'}${f.completedAt ? ` on ${formatUsDate(isoDate(f.completedAt.slice(0, 10)))}` : ''}.`;
}

function describeReceipt(r: ReceiptRow): string {
  const amount = formatCents(cents(Math.abs(r.amount)));
  const on = formatUsDate(isoDate(r.receivedDate));
  return r.reversesGid === null
    ? `Payment of ${amount} (${r.method}) received ${on}.`
    : `Reversal of a ${amount} payment on ${on}.`;
}
