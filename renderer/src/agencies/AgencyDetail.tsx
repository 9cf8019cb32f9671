import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  REMITTANCE,
  type AgencyDetail as Detail,
  type AgencyPlacementRow,
} from '../../../shared/api/agencies';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { accountPath, navigate } from '../app/router';
import { Money } from '../components/Money';
import { ReasonModal } from '../components/ReasonModal';
import { QueryState } from '../components/States';
import { Timestamp, UsDate } from '../components/UsDate';
import { downloadText } from '../export/download';
import { AgencyFiles } from './AgencyFiles';
import { AgencyForm } from './AgencyForm';
import { percentText } from '../../../shared/money/basis-points';
import { PlacementPanel } from './PlacementPanel';

function Placements({
  rows,
  onRecall,
}: {
  rows: AgencyPlacementRow[];
  onRecall: (r: AgencyPlacementRow) => void;
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No account has been placed with this agency.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah="calc(100vh - 380px)">
      <Table striped verticalSpacing={4} aria-label="Placed accounts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Guarantor</Table.Th>
            <Table.Th>Placed</Table.Th>
            <Table.Th ta="right">Balance placed</Table.Th>
            <Table.Th ta="right">Collected</Table.Th>
            <Table.Th ta="right">Balance now</Table.Th>
            <Table.Th>Recalled</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.placementId}>
              <Table.Td>
                <Anchor
                  component="button"
                  size="sm"
                  onClick={() => navigate(accountPath(r.accountId))}
                >
                  {r.accountNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.guarantorName}</Table.Td>
              <Table.Td>
                <UsDate value={r.placedOn} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={r.balancePlaced} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={r.collected} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={r.balanceNow} />
              </Table.Td>
              <Table.Td>
                {r.recalledOn ? (
                  <>
                    <Text size="sm">
                      <UsDate value={r.recalledOn} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.recallReason}
                    </Text>
                  </>
                ) : (
                  <Badge size="sm" variant="light">
                    At agency
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!r.recalledOn && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => onRecall(r)}
                    aria-label={`Recall ${r.accountNumber}`}
                  >
                    Recall
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function History({ detail, canChange }: { detail: Detail; canChange: boolean }) {
  const download = useMutation({
    mutationFn: (batchId: number) => api.getPlacementFile({ batchId }),
    onSuccess: (file) => downloadText(file.fileName, file.text),
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  return (
    <Stack gap="md">
      <Table verticalSpacing={4} aria-label="Placement files sent">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Placed</Table.Th>
            <Table.Th ta="right">Accounts</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.batches.map((b) => (
            <Table.Tr key={b.batchId}>
              <Table.Td>
                <UsDate value={b.placedOn} />
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {b.accountCount}
              </Table.Td>
              <Table.Td ta="right">
                <Money value={b.balance} />
              </Table.Td>
              <Table.Td>
                {canChange && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => download.mutate(b.batchId)}
                  >
                    Save file again
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table verticalSpacing={4} aria-label="Payment files posted">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Payment file</Table.Th>
            <Table.Th>Posted</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Collected</Table.Th>
            <Table.Th ta="right">Commission</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.paymentFiles.map((f) => (
            <Table.Tr key={f.fileId}>
              <Table.Td>{f.fileName}</Table.Td>
              <Table.Td>
                <Timestamp value={f.importedAt} />
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {f.rowCount}
              </Table.Td>
              <Table.Td ta="right">
                <Money value={f.gross} />
              </Table.Td>
              <Table.Td ta="right">
                <Money value={f.commission} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** One agency: its terms, its accounts (recall each), placing more, and its files. */
export function AgencyDetail({ agencyId, canChange }: { agencyId: number; canChange: boolean }) {
  const detail = useQuery({
    queryKey: ['agency', agencyId],
    queryFn: () => api.getAgency({ agencyId }),
  });
  const [editing, setEditing] = useState(false);
  const [recalling, setRecalling] = useState<AgencyPlacementRow | null>(null);
  const recall = useMutation({
    mutationFn: (v: { accountId: number; reason: string }) =>
      api.recallAccounts({ accountIds: [v.accountId], reason: v.reason }),
    onSuccess: async (result) => {
      notifications.show({ color: 'green', message: result.message });
      setRecalling(null);
      await invalidateAll();
    },
  });
  if (detail.isPending || detail.isError) return <QueryState query={detail} what="the agency" />;
  const { agency } = detail.data;
  return (
    <Paper withBorder radius="sm" p="sm">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {agency.name} {!agency.active && <Badge color="gray">Not in use</Badge>}
            </Title>
            <Text size="sm">
              Commission {percentText(agency.commissionBps)}% ·{' '}
              {REMITTANCE.labels[agency.remittance]} · {agency.placedNow} at the agency now
            </Text>
            {agency.contact && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                {agency.contact}
              </Text>
            )}
          </div>
          {canChange && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Change agency
            </Button>
          )}
        </Group>
        <Tabs defaultValue="accounts" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="accounts">Accounts</Tabs.Tab>
            {canChange && <Tabs.Tab value="place">Place accounts</Tabs.Tab>}
            <Tabs.Tab value="files">Payment and recall files</Tabs.Tab>
            <Tabs.Tab value="history">Files sent and posted</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="accounts" pt="sm">
            <Placements rows={detail.data.placements} onRecall={setRecalling} />
          </Tabs.Panel>
          {canChange && (
            <Tabs.Panel value="place" pt="sm">
              <PlacementPanel agency={agency} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="files" pt="sm">
            <AgencyFiles agency={agency} />
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="sm">
            <History detail={detail.data} canChange={canChange} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      {editing && <AgencyForm agency={agency} onClose={() => setEditing(false)} />}
      {recalling && (
        <ReasonModal
          title={`Recall ${recalling.accountNumber}`}
          summary={`Brings the account back from ${agency.name}: it is open again and its statements follow its dunning stage.`}
          confirmLabel="Recall account"
          confirmColor="orange"
          pending={recall.isPending}
          error={recall.error}
          onConfirm={(reason) => recall.mutate({ accountId: recalling.accountId, reason })}
          onClose={() => {
            setRecalling(null);
            recall.reset();
          }}
        />
      )}
    </Paper>
  );
}
