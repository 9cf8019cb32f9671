import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import type { BatchSummary } from '../../../shared/api/batches';
import type { TakePaymentResult } from '../../../shared/api/posting';
import { BATCH_SOURCE } from '../../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { methodInput, PaymentFields, usePaymentDetails } from '../posting/PaymentFields';

/**
 * Today's open batch a patient's money would go into, for the hint above the form: the
 * front desk's first, insurer batches never. The server decides the same way when it posts.
 */
export function todaysBatch(batches: BatchSummary[], today: IsoDate): BatchSummary | null {
  const usable = batches.filter(
    (b) => b.status === 'open' && b.depositDate === today && b.source !== 'insurer',
  );
  return usable.find((b) => b.source === 'desk') ?? usable[0] ?? null;
}

/** Where the money went, as the server reports it. */
function whereItWent(result: TakePaymentResult): string {
  return result.batchOpened
    ? `It went into batch #${result.batch.number}, opened for ${formatUsDate(result.batch.depositDate)}.`
    : `It went into open batch #${result.batch.number}.`;
}

/**
 * A patient payment taken at the account, without going to Posting: one request puts it
 * into today's open deposit batch, or opens a front-desk batch for today with it, so a
 * refused payment leaves no empty batch behind.
 */
export function TakePaymentModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const payment = usePaymentDetails('cash', view.today);
  const batches = useQuery({ queryKey: keys.batches, queryFn: () => api.listBatches({}) });
  const batch = batches.data ? todaysBatch(batches.data, view.today) : null;

  const save = useMutation({
    mutationFn: async () => {
      const result = await api.takePayment({
        accountId: view.account.id,
        // blank is $0.00, which the server refuses with its own wording
        amount: amountFrom(amount) ?? 0,
        ...methodInput(payment.details),
        receivedDate: payment.details.receivedDate ?? '',
      });
      return `${result.message} ${whereItWent(result)}`;
    },
    onSuccess: async (message) => {
      notifications.show({ color: 'green', message });
      await invalidateAll();
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const typo = amountProblem(amount);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Take payment" size="md">
      <form onSubmit={submit} noValidate aria-label="Take payment">
        <Stack gap="xs">
          <Text size="sm" role="status">
            {batches.isPending
              ? 'Looking for today’s open batch…'
              : batch
                ? `Goes into open batch #${batch.number} (${BATCH_SOURCE.labels[batch.source]}, ${formatUsDate(batch.depositDate)}).`
                : `No batch is open for ${formatUsDate(view.today)}: a front-desk batch will be opened for it.`}
          </Text>
          <MoneyInput
            label="Amount"
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={typo ?? errors.amount}
            data-autofocus
            autoComplete="off"
          />
          <PaymentFields
            details={payment.details}
            onChange={payment.change}
            errors={errors}
            today={view.today}
          />
          <FormError
            error={save.error}
            fields={['amount', 'checkNumber', 'reference', 'receivedDate']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Post payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
