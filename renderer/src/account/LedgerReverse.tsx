import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { LedgerEntryView } from '../../../shared/api/accounts';
import { LEDGER_KIND } from '../../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { ReasonModal } from '../components/ReasonModal';
import { ReturnedCheckModal } from '../returned-checks/ReturnedCheckModal';

/**
 * Reverses a ledger row: a row that belongs to a payment reverses the whole payment (all
 * its rows, as one), anything else just that row.
 */
export function LedgerReverse({
  entry,
  ledger,
  today,
  onClose,
}: {
  entry: LedgerEntryView;
  ledger: LedgerEntryView[];
  today: IsoDate;
  onClose: () => void;
}) {
  const receiptId = entry.receiptId;
  const reverse = useMutation({
    mutationFn: (reason: string) =>
      receiptId !== null
        ? api.reversePayment({ receiptId, reason })
        : api.reverseEntry({ entryId: entry.id, reason }),
    onSuccess: async (result) => {
      // yellow: nothing posted, it waits for a supervisor (the message says so)
      notifications.show({
        color: result.pendingRequestId ? 'yellow' : 'green',
        message: result.message,
      });
      await invalidateAll();
      onClose();
    },
  });
  const [returned, setReturned] = useState(false);
  const rows = receiptId !== null ? ledger.filter((l) => l.receiptId === receiptId).length : 1;
  const amount = formatCents(cents(Math.abs(entry.amount)));
  const summary =
    receiptId !== null
      ? `This row is part of a payment${entry.reference ? ` (${entry.reference})` : ''}: the whole payment is reversed${rows > 1 ? `, all ${rows} of its rows` : ''}.`
      : `Reverse the ${LEDGER_KIND.labels[entry.kind].toLowerCase()} of ${amount}? A reversing row with the opposite amount is posted today.`;
  const patientPayment = receiptId !== null && entry.kind === 'payment' && entry.side === 'patient';
  if (returned && receiptId !== null) {
    return (
      <ReturnedCheckModal
        receiptId={receiptId}
        summary={`Payment of ${amount}${entry.reference ? ` (${entry.reference})` : ''} posted ${formatUsDate(entry.postingDate)}.`}
        today={today}
        onClose={onClose}
      />
    );
  }
  return (
    <ReasonModal
      title={receiptId !== null ? 'Reverse payment' : 'Reverse entry'}
      summary={
        patientPayment ? (
          <>
            {summary}{' '}
            <Button size="compact-xs" variant="light" color="red" onClick={() => setReturned(true)}>
              The bank returned this check…
            </Button>
          </>
        ) : (
          summary
        )
      }
      confirmLabel={receiptId !== null ? 'Reverse payment' : 'Reverse entry'}
      pending={reverse.isPending}
      error={reverse.error}
      onConfirm={(reason) => reverse.mutate(reason)}
      onClose={onClose}
    />
  );
}
