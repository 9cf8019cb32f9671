import { Alert, Code, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SetAsideFile } from '../../../shared/api/documents';
import { api } from '../app/api';
import { keys } from '../app/query';
import { Timestamp } from '../components/UsDate';

const WHY: Record<SetAsideFile['why'], string> = {
  unrecorded: 'In the documents folder with no document on record',
  staged: 'Prepared for filing by a ClaimDesk that stopped before filing it',
};

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
}

/**
 * Files ClaimDesk found with no document when it opened (a crash while filing, or an
 * older copy of the database restored beside its documents) and moved aside rather than
 * delete: they may hold patient data. Shown only when there are some; everyone sees that
 * they exist, a supervisor sees which they are and where.
 */
export function SetAsideDocuments() {
  const query = useQuery({
    queryKey: keys.setAsideDocuments,
    queryFn: () => api.listSetAsideDocuments({}),
  });
  const view = query.data;
  if (!view || view.total === 0) return null;
  const count = `${view.total.toLocaleString('en-US')} ${view.total === 1 ? 'file was' : 'files were'}`;
  if (!view.canReview) {
    return (
      <Alert color="orange" title="Documents set aside" p="xs">
        {count} found with no document on record and set aside. A supervisor can see which under
        Settings.
      </Alert>
    );
  }
  return (
    <Alert color="orange" title="Documents set aside" p="xs">
      <Stack gap="xs">
        <Text size="sm">
          {count} found with no document on record when ClaimDesk opened (after a crash while
          filing, or an older copy of the database put back beside its documents) and moved to the
          folder below rather than deleted: they may hold patient data. Nothing on any account
          refers to them. Look at each one: generate any document that is missing on its account
          again, then store or destroy these files as your office keeps patient records.
        </Text>
        <Code block>{view.folder}</Code>
        <Table striped withTableBorder aria-label="Documents set aside" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Set aside</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.files.map((f) => (
              <Table.Tr key={f.path}>
                <Table.Td>{f.setAsideAt ? <Timestamp value={f.setAsideAt} /> : '—'}</Table.Td>
                <Table.Td>{WHY[f.why]}</Table.Td>
                <Table.Td>{f.path}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {size(f.bytes)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {view.files.length < view.total && (
          <Text size="sm" c="dimmed">
            The newest {view.files.length} are listed; the folder holds them all.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
