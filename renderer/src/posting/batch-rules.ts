import type { BatchSummary, ReceiptView } from '../../../shared/api/batches';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';

/** Why the batch cannot be closed yet, in the words a bookkeeper uses; null when it can. */
export function closeBlocker(
  b: Pick<BatchSummary, 'status' | 'receiptCount' | 'difference'>,
): string | null {
  if (b.status === 'closed') return 'This batch is closed.';
  if (b.receiptCount === 0) return 'Post the payments first: an empty batch cannot be closed.';
  if (b.difference > 0)
    return `Closes at a $0.00 difference: ${formatCents(b.difference)} still to post.`;
  if (b.difference < 0)
    return `Closes at a $0.00 difference: ${formatCents(cents(-b.difference))} more posted than expected.`;
  return null;
}

/** Why a receipt cannot be reversed, or null when it can. */
export function receiptNotReversible(
  r: Pick<ReceiptView, 'reversesId' | 'reversedById'>,
): string | null {
  if (r.reversesId !== null) return 'This is a reversal; post the payment again instead.';
  if (r.reversedById !== null) return 'Already reversed.';
  return null;
}
