import {
  Anchor,
  Button,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RemittanceTieOutRow } from '../../../shared/api/imports';
import { BATCH_SOURCE } from '../../../shared/codes/enums';
import { formatUsDate, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { batchPath, cashPath, navigate } from '../app/router';
import { MethodTotals } from '../components/MethodTotals';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { ProviderAdjustmentList, RemittanceDetailModal } from '../imports/RemittanceDetailModal';
import { TieOutLine } from '../imports/TieOutLine';
import { ReturnedChecksList } from '../returned-checks/ReturnedChecksList';
import { BatchTotalsCells } from './BatchStatusBadge';
import { DepositSlipActions } from './DepositSlip';

/** The day's remittances (EFTs and checks from payers), each tied out to its payment. */
function RemittancesOfTheDay({ rows }: { rows: RemittanceTieOutRow[] }) {
  const [open, setOpen] = useState<RemittanceTieOutRow | null>(null);
  if (rows.length === 0)
    return (
      <EmptyState title="No remittances dated this day">
        Remittances are listed under their payment date (BPR16), not the day they were imported.
      </EmptyState>
    );
  return (
    <>
      <Table aria-label="Remittances of the day" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Trace number</Table.Th>
            <Table.Th ta="right">Payment</Table.Th>
            <Table.Th>How it ties out</Table.Th>
            <Table.Th>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.payerName}</Table.Td>
              <Table.Td className="tabular">{r.traceNumber}</Table.Td>
              <Table.Td ta="right">
                <Money value={r.tieOut.payment} size="sm" />
              </Table.Td>
              <Table.Td>
                <TieOutLine tieOut={r.tieOut} label={`Tie-out of trace ${r.traceNumber}`} />
              </Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-label={`Details of remittance ${r.traceNumber}`}
                  onClick={() => setOpen(r)}
                >
                  Details…
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && (
        <RemittanceDetailModal
          remittanceId={open.id}
          traceNumber={open.traceNumber}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

/**
 * The day's deposits for the cash drawer and the bank: batches, methods, loose postings,
 * and the payers' remittances with how each ties out and what they paid or took at
 * facility level.
 */
export function CashSummaryScreen({ date, today }: { date: IsoDate | null; today: IsoDate }) {
  const day = date ?? today;
  const summary = useQuery({
    queryKey: keys.cash(day),
    queryFn: () => api.getCashSummary({ date: day }),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Cash summary for {formatUsDate(day)}
        </Title>
        <Group gap="xs" align="flex-end">
          <DateInput
            label="Day"
            valueFormat="MM/DD/YYYY"
            maxDate={today}
            value={day}
            onChange={(v) => {
              if (v && isIsoDate(v)) navigate(cashPath(v));
            }}
            w={150}
          />
          <DepositSlipActions day={day} disabled={!summary.isSuccess} />
        </Group>
      </Group>
      {summary.isPending ? (
        <LoadingState label="Adding up the day…" />
      ) : summary.isError ? (
        <ErrorState
          title="The cash summary could not be loaded"
          message={messageOf(summary.error)}
          onRetry={() => void summary.refetch()}
        />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Section title="Batches" id="cash-batches-title">
              {summary.data.batches.length === 0 ? (
                <EmptyState title="No batches on this day">
                  Batches are listed under their deposit date.
                </EmptyState>
              ) : (
                <Table aria-label="Batches of the day" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Batch</Table.Th>
                      <Table.Th>Source</Table.Th>
                      <Table.Th ta="right">Expected</Table.Th>
                      <Table.Th ta="right">Posted</Table.Th>
                      <Table.Th ta="right">Difference</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {summary.data.batches.map((b) => (
                      <Table.Tr key={b.id}>
                        <Table.Td>
                          <Anchor href={`#${batchPath(b.id)}`}>Batch {b.number}</Anchor>
                          {b.description ? ` · ${b.description}` : ''}
                        </Table.Td>
                        <Table.Td>{BATCH_SOURCE.labels[b.source]}</Table.Td>
                        <BatchTotalsCells batch={b} />
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {summary.data.openBatches > 0 && (
                <Text size="sm" c="orange.8" mt="xs">
                  {summary.data.openBatches === 1
                    ? '1 batch is still open.'
                    : `${summary.data.openBatches} batches are still open.`}
                </Text>
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Section title="Totals by method" id="cash-methods-title">
              <MethodTotals totals={summary.data.byMethod} label="Day totals by method" />
              <Table withRowBorders={false} mt="xs" aria-label="Day totals">
                <Table.Tbody>
                  <Table.Tr fw={600}>
                    <Table.Td>Total received</Table.Td>
                    <Table.Td ta="right">
                      <Money value={summary.data.total} size="sm" fw={600} />
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td>Posted outside any batch</Table.Td>
                    <Table.Td ta="right">
                      <Money value={summary.data.unbatchedTotal} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Section>
          </Grid.Col>
          <Grid.Col span={12}>
            <Section title="Remittances" id="cash-remittances-title">
              <RemittancesOfTheDay rows={summary.data.remittances} />
            </Section>
          </Grid.Col>
          <Grid.Col span={12}>
            <Section title="Provider-level adjustments (PLB)" id="cash-plb-title">
              {summary.data.providerAdjustments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No interest, recoveries or withholdings from payers on this day.
                </Text>
              ) : (
                <ProviderAdjustmentList
                  rows={summary.data.providerAdjustments}
                  label="Provider-level adjustments of the day"
                  showRemittance
                />
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={12}>
            <ReturnedChecksList rows={summary.data.returnedChecks} />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
