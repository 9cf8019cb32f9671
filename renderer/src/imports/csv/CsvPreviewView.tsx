import { Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import type { CsvPreview, CsvPreviewRow, CsvRowStatus } from '../../../../shared/api/csv';
import { Money } from '../../components/Money';
import { UsDate } from '../../components/UsDate';

const STATUS: Record<CsvRowStatus, { label: string; color: string }> = {
  valid: { label: 'Ready', color: 'green' },
  invalid: { label: 'Problem', color: 'red' },
  skip: { label: 'Skip', color: 'gray' },
};

const count = (n: number) => n.toLocaleString('en-US');

/** A row as read (for a row that would import) or as the file has it (for the others). */
function PreviewRow({ row }: { row: CsvPreviewRow }) {
  const r = row.reading;
  const c = row.cells;
  const raw = (value: string | undefined) => (
    <Text size="sm" c="dimmed" span>
      {value || '—'}
    </Text>
  );
  const rawName = [c.patientLastName, c.patientFirstName].filter(Boolean).join(', ');
  return (
    <Table.Tr data-status={row.status}>
      <Table.Td className="tabular">{row.rowNumber}</Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={STATUS[row.status].color}>
          {STATUS[row.status].label}
        </Badge>
      </Table.Td>
      <Table.Td className="tabular">{r ? r.accountNumber : raw(c.accountNumber)}</Table.Td>
      <Table.Td>{r ? r.patientName : raw(rawName)}</Table.Td>
      <Table.Td>{r ? <UsDate value={r.dateOfBirth} /> : raw(c.dateOfBirth)}</Table.Td>
      <Table.Td>{r ? <UsDate value={r.serviceDate} /> : raw(c.serviceDate)}</Table.Td>
      <Table.Td>{r ? (r.payerCode ?? 'Self-pay') : raw(c.payerCode)}</Table.Td>
      <Table.Td ta="right">
        {r ? <Money value={r.insuranceBalance} size="sm" /> : raw(c.insuranceBalance)}
      </Table.Td>
      <Table.Td ta="right">
        {r ? <Money value={r.patientBalance} size="sm" /> : raw(c.patientBalance)}
      </Table.Td>
      <Table.Td>
        {row.problems.length > 0 && (
          <List size="xs" c={row.status === 'invalid' ? 'red.8' : 'dimmed'}>
            {row.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function PreviewTable({ rows, label }: { rows: CsvPreviewRow[]; label: string }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table aria-label={label} verticalSpacing={4} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Service date</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th ta="right">Insurance</Table.Th>
            <Table.Th ta="right">Patient</Table.Th>
            <Table.Th w="36%">Problems</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <PreviewRow key={r.rowNumber} row={r} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What the import would do with the whole file, and its first rows as they were read. */
export function CsvPreviewView({ preview }: { preview: CsvPreview }) {
  const p = preview;
  return (
    <Stack gap="sm">
      <Group gap="lg" role="status" aria-label="Preview totals">
        <Text size="sm">
          <strong>{count(p.rowCount)}</strong> row{p.rowCount === 1 ? '' : 's'} in the file
        </Text>
        <Text size="sm" c="green.8">
          <strong>{count(p.validCount)}</strong> to import
        </Text>
        <Text size="sm" c={p.invalidCount > 0 ? 'red.8' : undefined}>
          <strong>{count(p.invalidCount)}</strong> with problems
        </Text>
        <Text size="sm" c="dimmed">
          <strong>{count(p.skipCount)}</strong> already in ClaimDesk
        </Text>
        <Text size="sm">
          Opening balances: insurance <Money value={p.insuranceTotal} size="sm" />, patient{' '}
          <Money value={p.patientTotal} size="sm" />
        </Text>
      </Group>
      <PreviewTable rows={p.rows} label={`First rows of ${p.fileName}`} />
      {p.rowCount > p.rows.length && (
        <Text size="xs" c="dimmed">
          The first {count(p.rows.length)} of {count(p.rowCount)} rows; the counts above cover the
          whole file.
        </Text>
      )}
      {p.problemRows.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Further rows with problems{p.problemRows.length >= 100 ? ' (the first 100)' : ''}
          </Text>
          <PreviewTable
            rows={p.problemRows}
            label={`Further rows with problems in ${p.fileName}`}
          />
        </>
      )}
    </Stack>
  );
}
