import { Fragment } from 'react';
import { List, Table, Text } from '@mantine/core';
import type { RemittanceReport } from '../../../shared/api/imports';
import { Money } from '../components/Money';
import { Timestamp } from '../components/UsDate';
import { problemText } from './problem';

const COUNT_COLUMNS = 11;

function Count({ value, alert }: { value: number; alert?: boolean }) {
  return (
    <Table.Td ta="right" className="tabular" c={alert && value > 0 ? 'red.8' : undefined}>
      {value}
    </Table.Td>
  );
}

/** One row per remittance (payer payment) in the file, with what it did to the ledger. */
export function RemittanceTable({
  remittances,
  label,
}: {
  remittances: RemittanceReport[];
  label: string;
}) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table aria-label={label} withRowBorders fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Trace number</Table.Th>
            <Table.Th ta="right">Payment</Table.Th>
            <Table.Th ta="right">Claims posted</Table.Th>
            <Table.Th ta="right">Total paid</Table.Th>
            <Table.Th ta="right">Adjustments</Table.Th>
            <Table.Th ta="right">Patient resp.</Table.Th>
            <Table.Th ta="right">Denials</Table.Th>
            <Table.Th ta="right">Reversals</Table.Th>
            <Table.Th ta="right">Exceptions</Table.Th>
            <Table.Th ta="right" title="Provider-level adjustments (PLB)">
              Provider adj.
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {remittances.map((r, i) => (
            <Fragment key={`${r.traceNumber}-${i}`}>
              <Table.Tr c={r.duplicateOf ? 'dimmed' : undefined}>
                <Table.Td>{r.payerName}</Table.Td>
                <Table.Td className="tabular">{r.traceNumber}</Table.Td>
                <Table.Td ta="right">
                  <Money value={r.paymentAmount} size="sm" />
                </Table.Td>
                <Count value={r.claimsPosted} />
                <Table.Td ta="right">
                  <Money value={r.totalPaid} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={r.adjustments} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={r.patientResponsibility} size="sm" />
                </Table.Td>
                <Count value={r.denialsCreated} alert />
                <Count value={r.reversals} />
                <Count value={r.exceptions} alert />
                <Table.Td ta="right">
                  <Money value={r.providerAdjustments} size="sm" />
                </Table.Td>
              </Table.Tr>
              {(r.duplicateOf || r.failedChecks.length > 0) && (
                <Table.Tr>
                  <Table.Td colSpan={COUNT_COLUMNS} pt={0}>
                    {r.duplicateOf && (
                      <Text size="sm" c="dimmed">
                        Nothing posted: imported before on{' '}
                        <Timestamp value={r.duplicateOf.importedAt} /> ({r.duplicateOf.fileName})
                      </Text>
                    )}
                    {r.failedChecks.length > 0 && (
                      <List
                        size="sm"
                        c="red.8"
                        aria-label={`Failed checks, trace ${r.traceNumber}`}
                      >
                        {r.failedChecks.map((p, j) => (
                          <List.Item key={j}>{problemText(p)}</List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
