import { Anchor, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type {
  ProviderAdjustmentView,
  RemittanceClaimLine,
  RemittanceDetail,
} from '../../../shared/api/imports';
import { api } from '../app/api';
import { messageOf } from '../app/query';
import { accountPath } from '../app/router';
import { Money } from '../components/Money';
import { ErrorState, LoadingState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { TieOutLine } from './TieOutLine';

const METHOD: Record<string, string> = {
  ACH: 'EFT (ACH)',
  CHK: 'Check',
  FWT: 'Wire',
  NON: 'No payment',
};

function Part({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const id = `remittance-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <Title order={4} size="h6" id={id} mb={4}>
        {title} ({count})
      </Title>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        children
      )}
    </section>
  );
}

function ClaimLines({
  rows,
  label,
  takenBack = false,
}: {
  rows: RemittanceClaimLine[];
  label: string;
  takenBack?: boolean;
}) {
  return (
    <Table aria-label={label} fz="sm" verticalSpacing={2} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Claim</Table.Th>
          <Table.Th>Account</Table.Th>
          <Table.Th>Patient</Table.Th>
          <Table.Th>Dated</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c) => (
          <Table.Tr key={c.receiptId}>
            <Table.Td className="tabular">{c.claimNumber ?? '—'}</Table.Td>
            <Table.Td>
              <Anchor href={`#${accountPath(c.accountId)}`} className="tabular">
                {c.accountNumber}
              </Anchor>
            </Table.Td>
            <Table.Td>{c.patientName}</Table.Td>
            <Table.Td>
              <UsDate value={c.receivedDate} />
            </Table.Td>
            <Table.Td ta="right">
              <Money value={c.amount} size="sm" c={takenBack ? 'red.8' : undefined} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Provider-level adjustments in words, with the facility account each is posted to. */
export function ProviderAdjustmentList({
  rows,
  label,
  showRemittance = false,
}: {
  rows: ProviderAdjustmentView[];
  label: string;
  showRemittance?: boolean;
}) {
  return (
    <Table aria-label={label} fz="sm" verticalSpacing={2} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>What the payer did</Table.Th>
          <Table.Th>Facility account</Table.Th>
          {showRemittance && <Table.Th>Remittance</Table.Th>}
          <Table.Th>Code</Table.Th>
          <Table.Th ta="right" title="Money to the facility: less when the payer took it">
            To the facility
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.accountId !== null ? (
                <Anchor href={`#${accountPath(p.accountId)}`}>{p.words}</Anchor>
              ) : (
                p.words
              )}
            </Table.Td>
            <Table.Td>{p.accountLabel}</Table.Td>
            {showRemittance && (
              <Table.Td className="tabular">
                {p.payerName} · {p.traceNumber}
              </Table.Td>
            )}
            <Table.Td className="tabular">{p.reasonCode}</Table.Td>
            <Table.Td ta="right">
              <Money value={p.amount} size="sm" c={p.amount < 0 ? 'red.8' : undefined} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Detail({ r }: { r: RemittanceDetail }) {
  return (
    <Stack gap="sm">
      <Group gap="xl">
        <Text size="sm">
          Payer <b>{r.payerName}</b>
        </Text>
        <Text size="sm">
          Trace <span className="tabular">{r.traceNumber}</span>
        </Text>
        <Text size="sm">
          Dated <UsDate value={r.remitDate} />
        </Text>
        <Text size="sm">
          {r.paymentMethod ? (METHOD[r.paymentMethod] ?? r.paymentMethod) : 'Payment'}{' '}
          <Money value={r.payment} size="sm" fw={600} />
        </Text>
        <Text size="sm" c="dimmed">
          from {r.fileName}
        </Text>
      </Group>
      <TieOutLine tieOut={r.tieOut} label={`Tie-out of trace ${r.traceNumber}`} />
      <Part title="Claims posted" count={r.claims.length}>
        <ClaimLines rows={r.claims} label="Claims posted" />
      </Part>
      <Part title="Reversals" count={r.reversals.length}>
        <ClaimLines rows={r.reversals} label="Reversals" takenBack />
      </Part>
      <Part title="Provider-level adjustments" count={r.providerAdjustments.length}>
        <ProviderAdjustmentList rows={r.providerAdjustments} label="Provider-level adjustments" />
      </Part>
      <Part title="Exceptions" count={r.exceptions.length}>
        <Table aria-label="Exceptions" fz="sm" verticalSpacing={2} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient control no.</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.exceptions.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td className="tabular">{e.patientControlNumber}</Table.Td>
                <Table.Td>{e.patientName ?? '—'}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
                <Table.Td>
                  {e.status === 'open'
                    ? 'Waiting'
                    : e.status === 'matched'
                      ? `Posted to ${e.claimNumber ?? 'a claim'}`
                      : 'Set aside'}
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={e.paid} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Part>
    </Stack>
  );
}

/** One remittance as posted: what it paid, took back and left, and how it ties out. */
export function RemittanceDetailModal({
  remittanceId,
  traceNumber,
  onClose,
}: {
  remittanceId: number;
  traceNumber: string;
  onClose: () => void;
}) {
  const detail = useQuery({
    queryKey: ['remittance', remittanceId],
    queryFn: () => api.getRemittance({ remittanceId }),
  });
  return (
    <Modal opened onClose={onClose} title={`Remittance ${traceNumber}`} size="80rem">
      {detail.isPending ? (
        <LoadingState label="Opening the remittance…" />
      ) : detail.isError ? (
        <ErrorState title="The remittance could not be opened" message={messageOf(detail.error)} />
      ) : (
        <Detail r={detail.data} />
      )}
    </Modal>
  );
}
