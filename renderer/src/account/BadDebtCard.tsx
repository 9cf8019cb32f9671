import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BadDebtView } from '../../../shared/api/bad-debt';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { Money } from '../components/Money';
import { ReasonModal } from '../components/ReasonModal';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';

function MoveModal({ view, onClose }: { view: BadDebtView; onClose: () => void }) {
  const move = useMutation({
    mutationFn: (memo: string) => api.requestBadDebt({ accountId: view.accountId, memo }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: "Move to bad debt asked for; it waits for a supervisor's approval.",
      });
      await invalidateAll();
      onClose();
    },
  });
  return (
    <ReasonModal
      title="Move to bad debt"
      summary={`The whole patient balance of ${formatCents(view.patientBalance)} is written off as bad debt once a supervisor (not you) approves it under Approvals. Statements stop; a payment after it counts as a recovery.`}
      confirmLabel="Ask for approval"
      confirmColor="orange"
      field="memo"
      pending={move.isPending}
      error={move.error}
      onConfirm={(memo) => move.mutate(memo)}
      onClose={onClose}
    />
  );
}

function UndoModal({ view, onClose }: { view: BadDebtView; onClose: () => void }) {
  const undo = useMutation({
    mutationFn: (reason: string) => api.undoBadDebt({ accountId: view.accountId, reason }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Bad debt undone; the account is open.' });
      await invalidateAll();
      onClose();
    },
  });
  return (
    <ReasonModal
      title="Undo bad debt"
      summary="Every bad-debt and recovery adjustment still standing is reversed (payments stay), and the account opens again with what the patient still owes."
      confirmLabel="Undo by reversal"
      pending={undo.isPending}
      error={undo.error}
      onConfirm={(reason) => undo.mutate(reason)}
      onClose={onClose}
    />
  );
}

/**
 * Bad debt: asking to move an uncollectible patient balance (a supervisor approves it
 * under Approvals), the move standing with what has been recovered since, and its undoing.
 */
export function BadDebtCard({ accountId }: { accountId: number }) {
  const query = useQuery({
    queryKey: ['badDebt', accountId],
    queryFn: () => api.getBadDebt({ accountId }),
  });
  const [open, setOpen] = useState<'move' | 'undo' | null>(null);
  const v = query.data;
  if (!v) return null;
  const movable =
    v.status === 'open' && v.patientBalance > 0 && v.insuranceBalance <= 0 && !v.pendingRequest;
  if (!v.standing && !v.pendingRequest && !movable) return null;
  return (
    <Section title="Bad debt" id="bad-debt-title">
      <Stack gap={6}>
        {v.standing && (
          <>
            <Text size="sm">
              <Money value={v.standing.amount} size="sm" fw={600} /> moved to bad debt on{' '}
              <UsDate value={v.standing.movedOn} />, approved by {v.standing.approvedBy}.
            </Text>
            <Text size="sm">
              Recovered since: <Money value={v.standing.recovered} size="sm" />
            </Text>
          </>
        )}
        {v.pendingRequest && (
          <Text size="sm">
            Move of <Money value={v.pendingRequest.amount} size="sm" /> asked for by{' '}
            {v.pendingRequest.byName} on <UsDate value={v.pendingRequest.requestedOn} />; waiting
            for a supervisor under Approvals.
          </Text>
        )}
        <Group gap="xs">
          {movable && (
            <Button size="xs" variant="default" color="orange" onClick={() => setOpen('move')}>
              Move to bad debt…
            </Button>
          )}
          {v.standing && v.canUndo && (
            <Button size="xs" variant="default" onClick={() => setOpen('undo')}>
              Undo bad debt…
            </Button>
          )}
        </Group>
      </Stack>
      {open === 'move' && <MoveModal view={v} onClose={() => setOpen(null)} />}
      {open === 'undo' && <UndoModal view={v} onClose={() => setOpen(null)} />}
    </Section>
  );
}
