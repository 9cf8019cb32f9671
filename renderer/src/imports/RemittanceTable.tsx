import { Fragment, useState } from 'react';
import { Button, Group, List, Table, Text } from '@mantine/core';
import type { RemittanceReport } from '../../../shared/api/imports';
import { negate, type Cents } from '../../../shared/money/cents';
import { Money } from '../components/Money';
import { Timestamp } from '../components/UsDate';
import { problemText } from './problem';
import { RemittanceDetailModal } from './RemittanceDetailModal';
import { TieOutLine } from './TieOutLine';

const COUNT_COLUMNS = 11;

/** What the PLB amounts did for the facility, where reports before the tie-out kept the payer's sign. */
function plbToFacility(r: RemittanceReport): Cents {
  return r.tieOut ? r.tieOut.providerAdjustments : negate(r.providerAdjustments);
}

function Count({ value, alert }: { value: number; alert?: boolean }) {
  return (
    <Table.Td ta="right" className="tabular" c={alert && value > 0 ? 'red.8' : undefined}>
      {value}
    </Table.Td>
  );
}

/**
 * One row per remittance (payer payment) in the file, with what it did to the ledger and
 * how its payment ties out; each opens the remittance as it stands now.
 */
export function RemittanceTable({
  remittances,
  label,
}: {
  remittances: RemittanceReport[];
  label: string;
}) {
  const [open, setOpen] = useState<{ id: number; trace: string } | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={1000}>
        <Table aria-label={label} withRowBorders fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Trace number</Table.Th>
              <Table.Th ta="right">Payment</Table.Th>
              <Table.Th ta="right">Claims posted</Table.Th>
              <Table.Th ta="right">Claims paid</Table.Th>
              <Table.Th ta="right">Adjustments</Table.Th>
              <Table.Th ta="right">Patient resp.</Table.Th>
              <Table.Th ta="right">Denials</Table.Th>
              <Table.Th ta="right">Reversals</Table.Th>
              <Table.Th ta="right">Exceptions</Table.Th>
              <Table.Th
                ta="right"
                title="Provider-level adjustments (PLB) to the facility: negative when the payer took money"
              >
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
                    {/* to the facility: the PLB sign turned, so interest paid is positive */}
                    <Money
                      value={plbToFacility(r)}
                      size="sm"
                      c={plbToFacility(r) < 0 ? 'red.8' : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
                {r.tieOut && (
                  <Table.Tr>
                    <Table.Td colSpan={COUNT_COLUMNS} pt={0}>
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <TieOutLine tieOut={r.tieOut} label={`Tie-out of trace ${r.traceNumber}`} />
                        {r.remittanceId != null && (
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            style={{ flexShrink: 0 }}
                            aria-label={`Details of remittance ${r.traceNumber}`}
                            onClick={() =>
                              r.remittanceId != null &&
                              setOpen({ id: r.remittanceId, trace: r.traceNumber })
                            }
                          >
                            Details…
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )}
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
      {open && (
        <RemittanceDetailModal
          remittanceId={open.id}
          traceNumber={open.trace}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
