import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NotSyncedView } from '../../../shared/api/office';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { accountPath } from '../app/router';
import { EmptyState, QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';

export const NOT_SYNCED_KEY = ['office', 'notSynced'] as const;

/** The office's refusals waiting for a person: how many, for the Office menu. */
export function useNotSynced() {
  return useQuery({ queryKey: NOT_SYNCED_KEY, queryFn: () => api.listNotSynced({}) });
}

function DismissButton({ action }: { action: NotSyncedView }) {
  const dismiss = useMutation({
    mutationFn: () => api.dismissNotSynced({ seq: action.seq }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Dismissed. It stays in the history.' });
      await invalidateAll();
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  return (
    <Button
      size="compact-sm"
      variant="default"
      loading={dismiss.isPending}
      onClick={() => dismiss.mutate()}
      aria-label={`Dismiss: ${action.lines[0] ?? 'this action'}`}
    >
      Dismiss
    </Button>
  );
}

function ActionRow({ a }: { a: NotSyncedView }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{a.by}</Text>
        <Text size="xs" c="dimmed">
          <Timestamp value={a.takenAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        {a.accountId !== null ? (
          <Anchor href={`#${accountPath(a.accountId)}`} size="sm" className="tabular">
            {a.accountNumber}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            Not on this desktop
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={360}>
        {a.lines.map((line, i) => (
          <Text key={i} size="sm">
            {line}
          </Text>
        ))}
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm">{a.reason}</Text>
        <Text size="xs" c="dimmed">
          {a.waiting ? 'Changed at the office' : 'Refused'} <Timestamp value={a.refusedAt} />
        </Text>
      </Table.Td>
      <Table.Td>{a.canDismiss && <DismissButton action={a} />}</Table.Td>
    </Table.Tr>
  );
}

/**
 * What the office's server refused of the work done at this desktop (someone changed the
 * same follow-up first, or opened one of the same kind): the desktop took the office's
 * state, and each refused action waits here with the reason, for its author to redo on
 * the account and dismiss. A supervisor sees everyone's.
 */
export function NotSyncedScreen() {
  const list = useNotSynced();
  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the list" />;
  else if (!list.data.linked)
    body = (
      <EmptyState title="This desktop is not part of an office">
        It works on its own database, so nothing waits to be sent anywhere.
      </EmptyState>
    );
  else if (list.data.actions.length === 0)
    body = (
      <EmptyState title="Nothing waits here">
        Everything done at this desktop has reached the office, or was dismissed.
      </EmptyState>
    );
  else
    body = (
      <Table striped verticalSpacing={6} aria-label="Actions the office refused">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Taken by</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>What it did</Table.Th>
            <Table.Th>Why the office refused it</Table.Th>
            <Table.Th>
              <Text span size="sm" fw={700}>
                Dismiss
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.actions.map((a) => (
            // a waiting change's number is its own, apart from the refused actions'
            <ActionRow key={`${a.waiting ? 'waiting' : 'refused'} ${a.seq}`} a={a} />
          ))}
        </Table.Tbody>
      </Table>
    );
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Not synced
      </Title>
      <Text size="sm" maw={760}>
        The office refused these because someone else changed the same thing first. The office’s
        version is what this desktop shows now. Redo what is still needed on the account, then
        dismiss it here.
      </Text>
      <Paper withBorder radius="sm" p="xs">
        {body}
      </Paper>
    </Stack>
  );
}
