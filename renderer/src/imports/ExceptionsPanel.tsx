import { Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RemittanceExceptionView } from '../../../shared/api/imports';
import { api } from '../app/api';
import { invalidateAll, keys, messageOf } from '../app/query';
import { Money } from '../components/Money';
import { EmptyState, QueryState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { MatchClaimModal } from './MatchClaimModal';
import { SetAsideModal } from './SetAsideModal';

type Status = RemittanceExceptionView['status'];
const STATUSES: { value: Status; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'matched', label: 'Matched' },
  { value: 'set_aside', label: 'Set aside' },
];

const NOT_POSTABLE =
  'This remittance claim failed its checks and cannot be posted; set it aside and ask the payer for a corrected remittance.';

function Actions({
  e,
  onMatch,
  onSetAside,
}: {
  e: RemittanceExceptionView;
  onMatch: () => void;
  onSetAside: () => void;
}) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {e.claimOnFile && <PostToClaimOnFile e={e} claim={e.claimOnFile} />}
      <Button
        size="compact-xs"
        variant="light"
        disabled={!e.postable}
        title={e.postable ? 'Find the claim this payment belongs to and post it' : NOT_POSTABLE}
        onClick={onMatch}
        aria-label={`Match to claim: ${e.patientControlNumber}`}
      >
        Match to claim…
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        onClick={onSetAside}
        aria-label={`Set aside ${e.patientControlNumber}`}
      >
        Set aside
      </Button>
    </Group>
  );
}

/**
 * The claim this payment was for came on file after the remittance (its claim file was
 * imported later) and was not posted by itself because payer or charge differ: one
 * button posts it there, after the person has read what differs.
 */
function PostToClaimOnFile({
  e,
  claim,
}: {
  e: RemittanceExceptionView;
  claim: NonNullable<RemittanceExceptionView['claimOnFile']>;
}) {
  const post = useMutation({
    mutationFn: () =>
      api.resolveRemittanceException({
        exceptionId: e.id,
        action: 'match',
        claimId: claim.claimId,
        note: null,
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: `Posted ${e.patientControlNumber} to claim ${claim.claimNumber}.`,
      });
      await invalidateAll();
    },
    onError: (err) => notifications.show({ color: 'red', message: messageOf(err) }),
  });
  return (
    <Button
      size="compact-xs"
      loading={post.isPending}
      onClick={() => post.mutate()}
      aria-label={`Claim now on file — post it: ${e.patientControlNumber} to claim ${claim.claimNumber}`}
    >
      Claim now on file — post it
    </Button>
  );
}

/** Remittance claims that could not be posted by themselves, for a person to match or set aside. */
export function ExceptionsPanel() {
  const [status, setStatus] = useState<Status>('open');
  const [matching, setMatching] = useState<RemittanceExceptionView | null>(null);
  const [settingAside, setSettingAside] = useState<RemittanceExceptionView | null>(null);
  const list = useQuery({
    queryKey: keys.exceptions(status),
    queryFn: () => api.listRemittanceExceptions({ status, limit: 500 }),
  });
  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the exceptions" />;
  else if (list.data.length === 0)
    body = (
      <EmptyState
        title={
          status === 'open'
            ? 'No exceptions to work'
            : `None ${STATUSES.find((s) => s.value === status)?.label.toLowerCase()}`
        }
      >
        {status === 'open'
          ? 'Every remittance claim imported so far was matched to a claim and posted.'
          : 'Exceptions dealt with this way are listed here.'}
      </EmptyState>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={1100}>
        <Table aria-label="Remittance exceptions" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Remittance</Table.Th>
              <Table.Th>Patient control #</Table.Th>
              <Table.Th>Payer claim #</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th ta="right">Charge</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th ta="right">{status === 'open' ? 'Actions' : 'Outcome'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="sm">{e.payerName}</Text>
                  <Text size="xs" c="dimmed" className="tabular">
                    {e.traceNumber} · <UsDate value={e.remitDate} />
                  </Text>
                </Table.Td>
                <Table.Td className="tabular">{e.patientControlNumber}</Table.Td>
                <Table.Td className="tabular">{e.payerClaimNumber ?? '—'}</Table.Td>
                <Table.Td>{e.patientName ?? '—'}</Table.Td>
                <Table.Td ta="right">
                  <Money value={e.charge} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={e.paid} size="sm" />
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm">{e.reason}</Text>
                  {e.claimOnFile && status === 'open' && (
                    <Text size="xs" c="orange.9">
                      Claim {e.claimOnFile.claimNumber} is now on file
                      {e.claimOnFile.differences.length > 0
                        ? `, but ${e.claimOnFile.differences.join('; ')}.`
                        : '.'}
                    </Text>
                  )}
                  {!e.postable && status === 'open' && (
                    <Text size="xs" c="dimmed">
                      Cannot be posted: it can only be set aside.
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {status === 'open' ? (
                    <Actions
                      e={e}
                      onMatch={() => setMatching(e)}
                      onSetAside={() => setSettingAside(e)}
                    />
                  ) : (
                    <Text size="sm">
                      {e.claimNumber ? `Claim ${e.claimNumber}` : ''}
                      {e.note ? ` ${e.note}` : ''}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as Status)}
        data={STATUSES}
        aria-label="Which exceptions"
        w="fit-content"
      />
      {body}
      {matching && <MatchClaimModal exception={matching} onClose={() => setMatching(null)} />}
      {settingAside && (
        <SetAsideModal exception={settingAside} onClose={() => setSettingAside(null)} />
      )}
    </Stack>
  );
}
