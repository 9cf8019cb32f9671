import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { BalanceView } from '../../../shared/api/accounts';
import { AGING_BUCKETS } from '../../../shared/aging/buckets';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { BalanceAmount } from '../components/BalanceAmount';
import { Money } from '../components/Money';
import { Section } from '../components/Section';

/** A side in credit is money owed back: said in words, so it cannot pass for a debt. */
function CreditBadges({ balance }: { balance: BalanceView }) {
  const sides = (['patient', 'insurance'] as const).filter((s) => balance[s] < 0);
  if (sides.length === 0) return null;
  return (
    <Group gap={4}>
      {sides.map((s) => (
        <Badge key={s} color="green" variant="filled" tt="none">
          Credit {formatCents(cents(-balance[s]))}
          {sides.length > 1 || s === 'insurance' ? ` (${s})` : ''}
        </Badge>
      ))}
    </Group>
  );
}

export function BalanceCard({ balance }: { balance: BalanceView }) {
  return (
    <Section title="Balance" id="balance-title" actions={<CreditBadges balance={balance} />}>
      <Group justify="space-between" align="flex-end" mb="xs">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Account balance
          </Text>
          <BalanceAmount value={balance.total} fz={24} fw={700} />
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed">
            Insurance <BalanceAmount value={balance.insurance} size="sm" fw={600} c="dark" />
          </Text>
          <Text size="xs" c="dimmed">
            Patient <BalanceAmount value={balance.patient} size="sm" fw={600} c="dark" />
          </Text>
        </Stack>
      </Group>
      <Table aria-label="Aging" withRowBorders={false} horizontalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Days</Table.Th>
            {AGING_BUCKETS.map((b) => (
              <Table.Th key={b.key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                {b.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(['insurance', 'patient', 'total'] as const).map((side) => (
            <Table.Tr key={side} fw={side === 'total' ? 600 : undefined}>
              <Table.Td>
                {side === 'total' ? 'Total' : side === 'insurance' ? 'Insurance' : 'Patient'}
              </Table.Td>
              {AGING_BUCKETS.map((b) => (
                <Table.Td key={b.key} ta="right">
                  <Money value={balance.aging[side][b.key]} size="xs" />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
