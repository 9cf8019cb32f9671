import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { AuditEntryView } from '../../../shared/api/audit';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { timestampText } from '../components/date-display';
import { ReasonModal } from '../components/ReasonModal';
import { EmptyState, QueryState } from '../components/States';
import { exportTable } from '../export/columns';
import { allPages, ExportButton, type ExportProgress } from '../export/ExportButton';
import { actionLabel } from './labels';

const PAGE = 100;

interface Filters {
  userId: number | undefined;
  accountNumber: string;
  from: IsoDate | undefined;
  to: IsoDate | undefined;
}

const toInput = (f: Filters) => ({
  userId: f.userId,
  accountNumber: f.accountNumber.trim() || null,
  from: f.from,
  to: f.to,
});

const accountsText = (e: AuditEntryView) =>
  e.accounts.map((a) => a.number).join(' ') +
  (e.accountCount > e.accounts.length ? ` and ${e.accountCount - e.accounts.length} more` : '');

/** The export's columns; the file has every account id the entry kept. */
async function exportTrail(filters: Filters, progress: ExportProgress) {
  const rows = await allPages(
    (offset, limit) =>
      api.listAuditTrail({ ...toInput(filters), offset, limit, purpose: 'export' }),
    progress,
  );
  const columns = [
    { header: 'Entry', value: (e: AuditEntryView) => String(e.id) },
    { header: 'When (UTC)', value: (e: AuditEntryView) => e.at },
    { header: 'User', value: (e: AuditEntryView) => e.userName },
    { header: 'Workstation', value: (e: AuditEntryView) => e.workstation },
    { header: 'Action', value: (e: AuditEntryView) => actionLabel(e) },
    { header: 'Request', value: (e: AuditEntryView) => e.method },
    { header: 'Accounts', value: accountsText },
    { header: 'Documents', value: (e: AuditEntryView) => e.documentIds.join(' ') },
    { header: 'Detail', value: (e: AuditEntryView) => e.detail },
  ];
  const today = new Date().toISOString().slice(0, 10);
  return { fileName: `audit-trail-${today}.csv`, rows: exportTable(columns, rows) };
}

function EntryTable({ rows }: { rows: AuditEntryView[] }) {
  return (
    <Table striped aria-label="Audit trail" verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>User</Table.Th>
          <Table.Th>Workstation</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Accounts</Table.Th>
          <Table.Th>Detail</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }} className="tabular">
              {timestampText(e.at)}
            </Table.Td>
            <Table.Td>{e.userName}</Table.Td>
            <Table.Td>{e.workstation}</Table.Td>
            <Table.Td>
              {actionLabel(e)}
              {e.documentIds.length > 0 && (
                <Text size="xs" c="dimmed">
                  Document {e.documentIds.join(', ')}
                </Text>
              )}
            </Table.Td>
            <Table.Td maw={320}>
              <Group gap={6}>
                {e.accounts.map((a) => (
                  <Anchor key={a.id} href={`#/accounts/${a.id}`} size="sm" className="tabular">
                    {a.number}
                  </Anchor>
                ))}
                {e.accountCount > e.accounts.length && (
                  <Text size="xs" c="dimmed">
                    and {e.accountCount - e.accounts.length} more
                  </Text>
                )}
              </Group>
            </Table.Td>
            <Table.Td maw={320}>
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {e.detail}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VerifyButton() {
  const verify = useMutation({ mutationFn: () => api.verifyAuditTrail({}) });
  return (
    <Stack gap={4} align="flex-end">
      <Button
        size="xs"
        variant="default"
        onClick={() => verify.mutate()}
        loading={verify.isPending}
      >
        Check the trail
      </Button>
      {verify.isError && (
        <Text size="xs" c="red" role="alert">
          {messageOf(verify.error)}
        </Text>
      )}
      {verify.data && (
        <Text size="xs" c={verify.data.ok ? 'green.8' : 'red'} role="status">
          {verify.data.ok
            ? `All ${verify.data.total.toLocaleString('en-US')} entries are as ClaimDesk wrote them.`
            : `Changed outside ClaimDesk: ${verify.data.problems.join('; ')}.`}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Who viewed or changed what, for a supervisor: every view of patient data and every
 * write, newest first, filtered by user, account and date.
 */
export function AuditScreen() {
  const [filters, setFilters] = useState<Filters>({
    userId: undefined,
    accountNumber: '',
    from: undefined,
    to: undefined,
  });
  const [offset, setOffset] = useState(0);
  const shown = useDeferredValue(filters);
  const page = useQuery({
    queryKey: ['auditTrail', shown, offset],
    queryFn: () => api.listAuditTrail({ ...toInput(shown), offset, limit: PAGE }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const change = (next: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...next }));
    setOffset(0);
  };
  const date = (v: string | null) => (v && isIsoDate(v) ? v : undefined);

  let body;
  if (page.isPending || page.isError) body = <QueryState query={page} what="the audit trail" />;
  else if (page.data.total === 0)
    body = <EmptyState title="No entries match">Change the filters to see more.</EmptyState>;
  else
    body = (
      <>
        <ScrollArea.Autosize mah="calc(100vh - 280px)">
          <EntryTable rows={page.data.rows} />
        </ScrollArea.Autosize>
        <Group justify="space-between" p="xs">
          <Text size="sm" c="dimmed" className="tabular">
            {(offset + 1).toLocaleString('en-US')}–
            {(offset + page.data.rows.length).toLocaleString('en-US')} of{' '}
            {page.data.total.toLocaleString('en-US')}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={offset + PAGE >= page.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </Button>
          </Group>
        </Group>
      </>
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3">
          Audit trail
        </Title>
        <Group gap="sm" align="flex-start">
          <ExportButton
            what="audit trail"
            build={(progress) => exportTrail(shown, progress)}
            disabled={!page.data || page.data.total === 0}
          />
          <VerifyButton />
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end" role="search" aria-label="Audit trail filters">
          <Select
            label="User"
            placeholder="Everyone"
            clearable
            w={200}
            data={(page.data?.users ?? []).map((u) => ({
              value: String(u.id),
              label: u.displayName,
            }))}
            value={filters.userId === undefined ? null : String(filters.userId)}
            onChange={(v) => change({ userId: v ? Number(v) : undefined })}
          />
          <TextInput
            label="Account number"
            w={170}
            value={filters.accountNumber}
            onChange={(e) => change({ accountNumber: e.currentTarget.value })}
          />
          <DateInput
            label="From"
            valueFormat="MM/DD/YYYY"
            clearable
            w={150}
            value={filters.from ?? null}
            onChange={(v) => change({ from: date(v) })}
          />
          <DateInput
            label="To"
            valueFormat="MM/DD/YYYY"
            clearable
            w={150}
            value={filters.to ?? null}
            onChange={(v) => change({ to: date(v) })}
          />
        </Group>
      </Paper>
      {body}
    </Stack>
  );
}

const auditStatus = () => ({ queryKey: ['auditStatus'], queryFn: () => api.getAuditStatus({}) });

/** Whether the header offers the audit trail: only to those who may read it. */
export function useAuditReviewer(): boolean {
  const status = useQuery(auditStatus());
  return status.data?.canReview ?? false;
}

/**
 * Said at the top of every screen while the trail found at opening was changed; a
 * supervisor who has looked into it can accept the trail as it stands, with a reason.
 */
export function AuditWarning() {
  const status = useQuery(auditStatus());
  const [accepting, setAccepting] = useState(false);
  const accept = useMutation({
    mutationFn: (reason: string) => api.acceptAuditTrail({ reason }),
    onSuccess: () => {
      setAccepting(false);
      void invalidateAll();
    },
  });
  if (!status.data?.warning) return null;
  return (
    <Alert color="red" title="The audit trail was changed" role="alert" mb="sm">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{status.data.warning}</Text>
        {status.data.canReview && (
          <Button size="xs" variant="outline" color="red" onClick={() => setAccepting(true)}>
            Accept the trail as it stands
          </Button>
        )}
      </Stack>
      {accepting && (
        <ReasonModal
          title="Accept the audit trail as it stands"
          summary="Checks start again from the trail's present end and its safeguards are put back. A full check will still find the change, and your reason is kept in the trail."
          confirmLabel="Accept the trail"
          pending={accept.isPending}
          error={accept.error}
          onConfirm={(reason) => accept.mutate(reason)}
          onClose={() => setAccepting(false)}
        />
      )}
    </Alert>
  );
}
