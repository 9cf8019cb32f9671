import { Table, Text } from '@mantine/core';
import type { MethodTotal } from '../../../shared/api/batches';
import { PAYMENT_METHOD } from '../../../shared/codes/enums';
import { Money } from './Money';

/** Receipts counted and summed by how the money came in (cash, check, card, EFT). */
export function MethodTotals({ totals, label }: { totals: MethodTotal[]; label: string }) {
  if (totals.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No payments yet.
      </Text>
    );
  return (
    <Table aria-label={label} withRowBorders={false}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Method</Table.Th>
          <Table.Th ta="right" title="Payments less the reversals posted with them">
            Count
          </Table.Th>
          <Table.Th ta="right">Total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {totals.map((m) => (
          <Table.Tr key={m.method}>
            <Table.Td>{PAYMENT_METHOD.labels[m.method]}</Table.Td>
            <Table.Td ta="right" className="tabular">
              {m.count}
            </Table.Td>
            <Table.Td ta="right">
              <Money value={m.total} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
