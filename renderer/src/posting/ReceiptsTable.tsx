import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReceiptView } from '../../../shared/api/batches';
import { PAYMENT_METHOD, RECEIPT_KIND } from '../../../shared/codes/enums';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { accountPath } from '../app/router';
import { Money } from '../components/Money';
import { ReasonModal } from '../components/ReasonModal';
import { ReverseButton } from '../components/ReverseButton';
import { EmptyState } from '../components/States';
import { receiptNotReversible } from './batch-rules';

function ReverseReceipt({ receipt, onClose }: { receipt: ReceiptView; onClose: () => void }) {
  const reverse = useMutation({
    mutationFn: (reason: string) => api.reversePayment({ receiptId: receipt.id, reason }),
    onSuccess: async (result) => {
      // yellow: nothing posted, it waits for a supervisor (the message says so)
      notifications.show({
        color: result.pendingRequestId ? 'yellow' : 'green',
        message: result.message,
      });
      await invalidateAll();
      onClose();
    },
  });
  return (
    <ReasonModal
      title="Reverse payment"
      summary={`Reverse the ${formatCents(receipt.amount)} ${PAYMENT_METHOD.labels[receipt.method].toLowerCase()} payment on account ${receipt.accountNumber} (${receipt.patientName})? Every ledger row it posted gets its opposite.`}
      confirmLabel="Reverse payment"
      pending={reverse.isPending}
      error={reverse.error}
      onConfirm={(reason) => reverse.mutate(reason)}
      onClose={onClose}
    />
  );
}

/** The payments posted into a batch, newest first, each with a Reverse action. */
export function ReceiptsTable({ receipts, open }: { receipts: ReceiptView[]; open: boolean }) {
  const [reversing, setReversing] = useState<ReceiptView | null>(null);
  if (receipts.length === 0)
    return (
      <EmptyState title="Nothing posted in this batch yet">
        Payments appear here as you post them.
      </EmptyState>
    );
  return (
    <>
      <Table aria-label="Payments in this batch" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Check / reference</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {receipts.map((r) => {
            const why = receiptNotReversible(r);
            return (
              <Table.Tr key={r.id} c={r.reversesId || r.reversedById ? 'dimmed' : undefined}>
                <Table.Td className="tabular">
                  <a href={`#${accountPath(r.accountId)}`}>{r.accountNumber}</a>
                </Table.Td>
                <Table.Td>{r.patientName}</Table.Td>
                <Table.Td>
                  {r.kind === 'insurance_payment' && r.payerName
                    ? r.payerName
                    : RECEIPT_KIND.labels[r.kind]}
                  {r.reversesId && (
                    <Badge size="xs" ml={4} color="gray" variant="outline">
                      reversal
                    </Badge>
                  )}
                  {r.reversedById && (
                    <Badge size="xs" ml={4} color="gray" variant="outline">
                      reversed
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{PAYMENT_METHOD.labels[r.method]}</Table.Td>
                <Table.Td className="tabular">
                  <Text size="sm" truncate="end" maw={200}>
                    {r.checkNumber ?? r.reference ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={r.amount} size="sm" />
                </Table.Td>
                <Table.Td>{r.createdBy}</Table.Td>
                <Table.Td ta="right">
                  {open && (
                    <ReverseButton
                      blocked={why}
                      hint="Reverse this payment"
                      label={`Reverse ${formatCents(r.amount)} on account ${r.accountNumber}`}
                      onClick={() => setReversing(r)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {reversing && <ReverseReceipt receipt={reversing} onClose={() => setReversing(null)} />}
    </>
  );
}
