import { Anchor, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AdjustmentRequestView } from '../../../shared/api/posting';
import { api } from '../app/api';
import { keys } from '../app/query';
import { accountPath } from '../app/router';
import { Money } from '../components/Money';
import { EmptyState, QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { DecideButtons, KIND_LABELS } from './DecideRequest';

type Status = AdjustmentRequestView['status'];

const STATUSES: { value: Status; label: string }[] = [
  { value: 'pending', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Refused' },
];

const EMPTY: Record<Status, string> = {
  pending: 'Nothing waits for approval.',
  approved: 'Nothing has been approved yet.',
  rejected: 'Nothing has been refused yet.',
};

function RequestRow(props: { r: AdjustmentRequestView; userId: number; canDecide: boolean }) {
  const { r } = props;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor href={`#${accountPath(r.accountId)}`} size="sm" className="tabular">
          {r.accountNumber}
        </Anchor>
        <Text size="xs" c="dimmed">
          {r.patientName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {KIND_LABELS[r.kind]}
        </Text>
        <Text size="xs" c="dimmed">
          {r.reasonLabel}
          {r.claimNumber ? ` · claim ${r.claimNumber}` : ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money value={r.amount} size="sm" />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{r.requestedBy}</Text>
        <Text size="xs" c="dimmed">
          <Timestamp value={r.requestedAt} />
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm">{r.memo}</Text>
      </Table.Td>
      <Table.Td>
        {r.status === 'pending' ? (
          props.canDecide && <DecideButtons request={r} userId={props.userId} />
        ) : (
          <>
            <Text size="sm">
              {r.decidedBy}
              {r.decidedAt && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  <Timestamp value={r.decidedAt} />
                </Text>
              )}
            </Text>
            {r.decisionNote && <Text size="xs">{r.decisionNote}</Text>}
          </>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Everything waiting for a supervisor: write-offs and reversals over the day's limit on an
 * account, and every refund a representative asks for. Approving posts the money at once;
 * both decisions keep their reason in the account's history. Representatives see the list
 * (their own requests among it) without the buttons.
 */
export function ApprovalsScreen({ userId }: { userId: number }) {
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({
    queryKey: ['approvals', status],
    queryFn: () => api.listAdjustmentRequests({ status }),
  });
  // whether this user may decide: the same check the server makes, for the buttons only
  const who = useQuery({
    queryKey: keys.userPermissions,
    queryFn: () => api.listUserPermissions({}),
  });
  const canDecide = who.data?.canChange ?? false;

  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the requests" />;
  else if (list.data.length === 0)
    body = (
      <EmptyState title={EMPTY[status]}>
        Write-offs and reversals over the day&apos;s limit on an account, and refunds, wait here for
        a supervisor.
      </EmptyState>
    );
  else
    body = (
      <Table striped highlightOnHover verticalSpacing={6} aria-label="Requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Asked by</Table.Th>
            <Table.Th>Reason given</Table.Th>
            <Table.Th>{status === 'pending' ? 'Decide' : 'Decided by'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((r) => (
            <RequestRow key={r.id} r={r} userId={userId} canDecide={canDecide} />
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Approvals
        </Title>
        {who.data && !canDecide && (
          <Text size="sm" c="dimmed">
            Only a supervisor can approve or refuse.
          </Text>
        )}
      </Group>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => setStatus(STATUSES.find((s) => s.value === v)?.value ?? 'pending')}
        data={STATUSES}
        aria-label="Show requests"
      />
      <Paper withBorder radius="sm" p="xs">
        {body}
      </Paper>
    </Stack>
  );
}
