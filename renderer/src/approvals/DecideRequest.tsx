import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AdjustmentRequestView } from '../../../shared/api/posting';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { ReasonModal } from '../components/ReasonModal';

export const KIND_LABELS: Record<AdjustmentRequestView['kind'], string> = {
  write_off: 'Write-off',
  refund: 'Refund',
  reverse_entry: 'Reversal',
  reverse_payment: 'Payment reversal',
};

type Decision = 'approve' | 'reject';

/** Asks the reason, then approves (posting the money) or refuses one waiting request. */
function DecideModal(props: {
  request: AdjustmentRequestView;
  decision: Decision;
  onClose: () => void;
}) {
  const { request: r, decision } = props;
  const decide = useMutation({
    mutationFn: (note: string) => api.decideAdjustment({ requestId: r.id, decision, note }),
    onSuccess: async (result) => {
      notifications.show({
        color: result.status === 'posted' ? 'green' : 'yellow',
        message: result.message,
      });
      await invalidateAll();
      props.onClose();
    },
  });
  const what = `${KIND_LABELS[r.kind].toLowerCase()} of ${formatCents(r.amount)} on account ${r.accountNumber} (${r.reasonLabel}), asked by ${r.requestedBy}`;
  return (
    <ReasonModal
      title={decision === 'approve' ? 'Approve and post' : 'Refuse'}
      summary={
        decision === 'approve'
          ? `Approve the ${what}? It posts now. The reason goes in the account's history.`
          : `Refuse the ${what}? Nothing posts. The reason goes in the account's history.`
      }
      confirmLabel={decision === 'approve' ? 'Approve and post' : 'Refuse'}
      confirmColor={decision === 'approve' ? 'green' : 'red'}
      pending={decide.isPending}
      error={decide.error}
      field="note"
      onConfirm={(note) => decide.mutate(note)}
      onClose={props.onClose}
    />
  );
}

/**
 * Approve and Refuse for a supervisor; for the one who asked, a plain word instead of
 * buttons the server would refuse.
 */
export function DecideButtons(props: { request: AdjustmentRequestView; userId: number }) {
  const [open, setOpen] = useState<Decision | null>(null);
  const { request: r } = props;
  if (r.requestedById === props.userId)
    return (
      <Group gap={6} c="dimmed" fz="xs">
        Your request: another supervisor decides it.
      </Group>
    );
  const label = `${KIND_LABELS[r.kind]} of ${formatCents(r.amount)} on ${r.accountNumber}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        size="compact-sm"
        color="green"
        onClick={() => setOpen('approve')}
        aria-label={`Approve ${label}`}
      >
        Approve
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => setOpen('reject')}
        aria-label={`Refuse ${label}`}
      >
        Refuse
      </Button>
      {open && <DecideModal request={r} decision={open} onClose={() => setOpen(null)} />}
    </Group>
  );
}
