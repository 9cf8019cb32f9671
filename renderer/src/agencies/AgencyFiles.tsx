import { Alert, Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Agency } from '../../../shared/api/agencies';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, messageOf } from '../app/query';
import { RowProblems } from './RowProblems';

interface Picked {
  fileName: string;
  text: string;
}

/** Choosing a CSV file; its text is read here and checked by the handler. */
function PickFile({
  label,
  picked,
  onPick,
}: {
  label: string;
  picked: Picked | null;
  onPick: (p: Picked | null, problem: string | null) => void;
}) {
  const reset = useRef<() => void>(null);
  const pick = async (file: File | null) => {
    reset.current?.();
    if (!file) return onPick(null, null);
    if (file.size > 20_000_000) return onPick(null, `${file.name} is larger than 20 MB.`);
    try {
      onPick({ fileName: file.name, text: await file.text() }, null);
    } catch (e) {
      onPick(null, messageOf(e));
    }
  };
  return (
    <Group gap="xs">
      <FileButton
        onChange={(f) => void pick(f)}
        resetRef={reset}
        accept=".csv,.txt,text/csv,text/plain"
        inputProps={{ 'aria-label': label }}
      >
        {(props) => (
          <Button {...props} variant="default">
            {picked ? 'Choose another file…' : `${label}…`}
          </Button>
        )}
      </FileButton>
      {picked && (
        <Text size="sm">
          File: <strong>{picked.fileName}</strong>
        </Text>
      )}
    </Group>
  );
}

/**
 * The agency's files: a payment file (account, date, amount, reference) posted as the
 * agency is set up, and a recall file (a column of account numbers). Either is refused
 * whole, row by row, when any row is wrong.
 */
export function AgencyFiles({ agency }: { agency: Agency }) {
  const [payments, setPayments] = useState<Picked | null>(null);
  const [recall, setRecall] = useState<Picked | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const post = useMutation({
    mutationFn: (f: Picked) => api.importAgencyPayments({ agencyId: agency.id, ...f }),
    onSuccess: async (result) => {
      notifications.show({ color: result.posted > 0 ? 'green' : 'blue', message: result.message });
      setPayments(null);
      await invalidateAll();
    },
  });
  const recallFile = useMutation({
    mutationFn: (f: Picked) => api.importRecallFile({ agencyId: agency.id, reason, ...f }),
    onSuccess: async (result) => {
      notifications.show({ color: 'green', message: result.message });
      setRecall(null);
      setReason('');
      await invalidateAll();
    },
  });
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          Payment file
        </Text>
        <Text size="xs" c="dimmed">
          CSV with the columns Account, Date, Amount (what the patient paid the agency) and
          Reference. A reference posted before posts nothing again.
        </Text>
        <Group gap="sm">
          <PickFile
            label="Choose a payment file"
            picked={payments}
            onPick={(p, why) => {
              setPayments(p);
              setProblem(why);
              post.reset();
            }}
          />
          <Button
            disabled={!payments}
            loading={post.isPending}
            onClick={() => payments && post.mutate(payments)}
          >
            Post payments
          </Button>
        </Group>
        {post.data && (
          <Alert color={post.data.posted > 0 ? 'green' : 'blue'} aria-live="polite">
            {post.data.message}
          </Alert>
        )}
        <RowProblems error={post.error} title="No payment was posted" />
      </Stack>
      <Stack gap={6}>
        <Text fw={600} size="sm">
          Recall file
        </Text>
        <Text size="xs" c="dimmed">
          CSV with a column Account naming each account to bring back from {agency.name}.
        </Text>
        <Group gap="sm" align="flex-end">
          <TextInput
            label="Reason for the recall"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldErrors(recallFile.error).reason}
            w={280}
          />
          <PickFile
            label="Choose a recall file"
            picked={recall}
            onPick={(p, why) => {
              setRecall(p);
              setProblem(why);
              recallFile.reset();
            }}
          />
          <Button
            color="orange"
            disabled={!recall}
            loading={recallFile.isPending}
            onClick={() => recall && recallFile.mutate(recall)}
          >
            Recall accounts
          </Button>
        </Group>
        <RowProblems
          error={fieldErrors(recallFile.error).reason ? null : recallFile.error}
          title="No account was recalled"
        />
      </Stack>
      {problem && (
        <Alert color="red" title="That file cannot be read" role="alert">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
