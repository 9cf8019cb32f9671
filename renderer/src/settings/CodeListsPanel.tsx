import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CodeListLoadView } from '../../../shared/api/codes';
import { CODE_KIND_LABEL } from '../../../shared/codes/code-list';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { keys } from '../app/query';
import { EmptyState, QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { CodeListLoader } from './CodeListLoader';

const codeKeys = {
  lists: ['codeLists'] as const,
  unknown: ['unknownCodes'] as const,
};

const SHORT = { reason: 'Reason (CARC)', remark: 'Remark (RARC)' } as const;

function LoadHistory({ history }: { history: CodeListLoadView[] }) {
  if (history.length === 0)
    return (
      <EmptyState title="No list loaded yet">
        Codes are explained from the ones ClaimDesk ships until a supervisor loads a published list.
      </EmptyState>
    );
  return (
    <Table striped withTableBorder fz="sm" aria-label="Code lists loaded">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Loaded</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>List</Table.Th>
          <Table.Th>Published</Table.Th>
          <Table.Th>File</Table.Th>
          <Table.Th ta="right">Codes</Table.Th>
          <Table.Th ta="right">New</Table.Th>
          <Table.Th ta="right">Changed</Table.Th>
          <Table.Th ta="right">Stopped</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.map((l) => (
          <Table.Tr key={l.id}>
            <Table.Td>
              <Timestamp value={l.loadedAt} />
            </Table.Td>
            <Table.Td>{l.byName}</Table.Td>
            <Table.Td>{SHORT[l.kind]}</Table.Td>
            <Table.Td>{formatUsDate(l.published)}</Table.Td>
            <Table.Td>{l.fileName}</Table.Td>
            {[l.codeCount, l.added, l.changed, l.stopped].map((n, i) => (
              <Table.Td key={i} ta="right" className="tabular">
                {n.toLocaleString('en-US')}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function UnknownCodes() {
  const unknown = useQuery({ queryKey: codeKeys.unknown, queryFn: () => api.listUnknownCodes({}) });
  if (unknown.isPending || unknown.isError)
    return <QueryState query={unknown} what="the unknown codes" />;
  if (unknown.data.length === 0)
    return (
      <EmptyState title="No unknown codes">
        Every code in the remittances imported so far is in the code tables.
      </EmptyState>
    );
  return (
    <Table striped withTableBorder fz="sm" aria-label="Codes seen that no table holds">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Code</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>First seen</Table.Th>
          <Table.Th>In</Table.Th>
          <Table.Th>Last seen</Table.Th>
          <Table.Th ta="right">Remittances</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {unknown.data.map((c) => (
          <Table.Tr key={`${c.kind}-${c.code}`}>
            <Table.Td ff="monospace">{c.code}</Table.Td>
            <Table.Td>{SHORT[c.kind]}</Table.Td>
            <Table.Td>
              <Timestamp value={c.firstSeenAt} />
            </Table.Td>
            <Table.Td>{c.firstSeenIn}</Table.Td>
            <Table.Td>
              <Timestamp value={c.lastSeenAt} />
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {c.timesSeen.toLocaleString('en-US')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The code tables remittances are explained by: which published lists are in effect, a
 * supervisor's loading of a newer one, and the codes seen that no table holds yet.
 */
export function CodeListsPanel() {
  const lists = useQuery({ queryKey: codeKeys.lists, queryFn: () => api.getCodeLists({}) });
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });
  if (lists.isPending || lists.isError) return <QueryState query={lists} what="the code lists" />;
  const view = lists.data;
  return (
    <Stack gap="lg" maw={1000}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed" maw={760}>
          Reason and remark codes on remittances are explained from these lists. ClaimDesk ships
          only the common codes: the complete lists are X12&apos;s and are loaded here from the
          office&apos;s copy. A loaded list takes precedence; a code no list holds still shows,
          marked, and is listed below.
        </Text>
        <Table withTableBorder fz="sm" aria-label="Code lists in effect" maw={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>List</Table.Th>
              <Table.Th ta="right">Codes in effect</Table.Th>
              <Table.Th>Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.lists.map((l) => (
              <Table.Tr key={l.kind}>
                <Table.Td>{CODE_KIND_LABEL[l.kind]}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {l.inEffect.toLocaleString('en-US')}
                </Table.Td>
                <Table.Td>
                  {l.latest ? (
                    <>
                      Published {formatUsDate(l.latest.published)}, loaded by {l.latest.byName}
                    </>
                  ) : (
                    <Badge variant="light" color="gray">
                      Shipped codes only
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Load a newer list
        </Title>
        {!view.canLoad ? (
          <Text size="sm" c="dimmed">
            Only a supervisor can load a code list.
          </Text>
        ) : info.data ? (
          <CodeListLoader today={info.data.today} />
        ) : (
          <QueryState query={info} what="today's date" />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Codes seen that no list holds
        </Title>
        <UnknownCodes />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Lists loaded
        </Title>
        <LoadHistory history={view.history} />
      </Stack>
    </Stack>
  );
}
