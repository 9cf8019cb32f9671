import { Button, Modal, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportListItem } from '../../../shared/api/imports';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { ImportReportView } from './ImportReportView';
import { ImportStatusBadge } from './ImportStatusBadge';

function StoredReport({ item, onClose }: { item: ImportListItem; onClose: () => void }) {
  const report = useQuery({
    queryKey: keys.importReport(item.id),
    queryFn: () => api.getImport({ importId: item.id }),
  });
  return (
    <Modal opened onClose={onClose} title={`Import of ${item.fileName}`} size="90rem">
      {report.isPending ? (
        <LoadingState label="Opening the report…" />
      ) : report.isError ? (
        <ErrorState title="The report could not be opened" message={messageOf(report.error)} />
      ) : (
        <ImportReportView report={report.data} />
      )}
    </Modal>
  );
}

/** Files imported before, newest first; each opens the report it got at the time. */
export function ImportHistory() {
  const [open, setOpen] = useState<ImportListItem | null>(null);
  const list = useQuery({ queryKey: keys.imports, queryFn: () => api.listImports({ limit: 100 }) });
  if (list.isPending || list.isError) return <QueryState query={list} what="the import history" />;
  if (list.data.length === 0)
    return (
      <EmptyState title="No files imported yet">
        Remittances, claim status and claim files and spreadsheets you import are listed here with
        their reports.
      </EmptyState>
    );
  return (
    <>
      <Table aria-label="Import history" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Imported</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Summary</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.map((f) => (
            <Table.Tr key={f.id} onClick={() => setOpen(f)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Timestamp value={f.importedAt} />
              </Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  title="Show the report"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpen(f);
                  }}
                  maw={280}
                >
                  <Text size="sm" truncate="end" span>
                    {f.fileName}
                  </Text>
                </Button>
              </Table.Td>
              <Table.Td className="tabular">{f.status === 'rejected' ? '—' : f.kind}</Table.Td>
              <Table.Td>
                <ImportStatusBadge status={f.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2} title={f.summary}>
                  {f.summary}
                </Text>
              </Table.Td>
              <Table.Td>{f.importedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <StoredReport item={open} onClose={() => setOpen(null)} />}
    </>
  );
}
