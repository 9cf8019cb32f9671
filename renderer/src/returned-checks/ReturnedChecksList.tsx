import { Anchor, Table, Text } from '@mantine/core';
import { RETURNED_CHECK_REASON, type ReturnedCheckView } from '../../../shared/api/returned-checks';
import { accountPath, navigate } from '../app/router';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';

/** The day's returned checks: each reversal is already in the day's totals; this says which. */
export function ReturnedChecksList({ rows }: { rows: ReturnedCheckView[] }) {
  return (
    <Section title="Returned checks" id="cash-returned-checks-title">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No patient checks came back on this day.
        </Text>
      ) : (
        <Table aria-label="Returned checks of the day" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>Check</Table.Th>
              <Table.Th>Received</Table.Th>
              <Table.Th>Returned</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th ta="right">Reversed</Table.Th>
              <Table.Th ta="right">Fee charged</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor size="sm" onClick={() => navigate(accountPath(r.accountId))}>
                    {r.accountNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td className="tabular">{r.checkNumber ?? ''}</Table.Td>
                <Table.Td>
                  <UsDate value={r.receivedDate} />
                </Table.Td>
                <Table.Td>
                  <UsDate value={r.returnedOn} />
                </Table.Td>
                <Table.Td>{RETURNED_CHECK_REASON.labels[r.reason]}</Table.Td>
                <Table.Td ta="right">
                  <Money value={r.amount} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={r.fee} size="sm" />
                </Table.Td>
                <Table.Td>{r.recordedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
