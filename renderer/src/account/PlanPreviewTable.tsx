import { Alert, Loader, ScrollArea, Table, Text } from '@mantine/core';
import type { PlanPreview } from '../../../shared/api/plans';
import { cents } from '../../../shared/money/cents';
import { Money } from '../components/Money';
import { UsDate } from '../components/UsDate';

/** The schedule the terms give, every installment listed, with a total equal to the balance. */
export function PlanPreviewTable(props: {
  preview: PlanPreview | undefined;
  loading: boolean;
  error: string | null;
}) {
  const { preview } = props;
  if (props.error)
    return (
      <Alert color="red" title="No schedule" role="alert">
        {props.error}
      </Alert>
    );
  if (!preview)
    return props.loading ? (
      <Loader size="xs" aria-label="Working out the schedule" />
    ) : (
      <Text size="sm" c="dimmed">
        Fill in the terms to see the schedule.
      </Text>
    );
  if (!preview.ok)
    return (
      <Alert color="yellow" title="These terms do not work" role="alert">
        {preview.message}
      </Alert>
    );
  const total = cents(preview.installments.reduce((s, i) => s + i.amount, 0));
  return (
    <>
      <Text size="sm" mb={4}>
        {preview.months} monthly payment{preview.months === 1 ? '' : 's'} of{' '}
        <Money value={preview.monthlyAmount} size="sm" fw={600} />, the last on{' '}
        <UsDate value={preview.lastDueDate} />.
      </Text>
      <ScrollArea.Autosize mah={260}>
        <Table aria-label="Schedule preview" withRowBorders={false} striped stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.installments.map((i) => (
              <Table.Tr key={i.number}>
                <Table.Td className="tabular">
                  {i.number === 0 ? 'Down payment' : i.number}
                </Table.Td>
                <Table.Td>
                  <UsDate value={i.dueDate} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={i.amount} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={600}>
              <Table.Td colSpan={2}>
                Total {total === preview.balance ? '(equals the patient balance)' : ''}
              </Table.Td>
              <Table.Td ta="right">
                <Money value={total} size="sm" fw={600} />
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
