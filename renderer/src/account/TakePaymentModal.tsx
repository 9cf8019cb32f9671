import {
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import type { BatchSummary } from '../../../shared/api/batches';
import { BATCH_SOURCE } from '../../../shared/codes/enums';
import { addDays, formatUsDate, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';

type Method = 'cash' | 'check' | 'card';
const METHODS: { value: Method; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'check', label: 'Check' },
  { value: 'card', label: 'Card' },
];

/** Today's open batch a patient's money can go into: the front desk's first, insurer batches never. */
export function todaysBatch(batches: BatchSummary[], today: IsoDate): BatchSummary | null {
  const usable = batches.filter(
    (b) => b.status === 'open' && b.depositDate === today && b.source !== 'insurer',
  );
  return usable.find((b) => b.source === 'desk') ?? usable[0] ?? null;
}

/**
 * A patient payment taken at the account, without going to Posting: it goes into today's
 * open deposit batch, or opens a front-desk batch for today when there is none. The batch
 * and posting rules are the server's, as for any other payment.
 */
export function TakePaymentModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<Method>('cash');
  const [checkNumber, setCheckNumber] = useState('');
  const [reference, setReference] = useState('');
  const [receivedDate, setReceivedDate] = useState<string | null>(view.today);
  const batches = useQuery({ queryKey: keys.batches, queryFn: () => api.listBatches({}) });
  const batch = batches.data ? todaysBatch(batches.data, view.today) : null;

  const save = useMutation({
    mutationFn: async () => {
      const paid = amountFrom(amount) ?? 0;
      const target =
        batch ??
        (await api.openBatch({
          depositDate: view.today,
          source: 'desk',
          // the batch starts out expecting this payment; its total is corrected on Posting
          expectedTotal: paid,
          description: 'Payments taken at the account',
        }));
      const result = await api.postPatientPayment({
        accountId: view.account.id,
        batchId: target.id,
        // blank is $0.00, which the server refuses with its own wording
        amount: paid,
        method,
        checkNumber: method === 'check' ? checkNumber : null,
        reference: method === 'card' ? reference : null,
        receivedDate: receivedDate ?? '',
      });
      const where = batch
        ? `It went into open batch #${target.id}.`
        : `It went into batch #${target.id}, opened for ${formatUsDate(view.today)}.`;
      return `${result.message} ${where}`;
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
    if (!typo && !batches.isPending) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Take payment" size="md">
      <form onSubmit={submit} noValidate aria-label="Take payment">
        <Stack gap="xs">
          <Text size="sm" role="status">
            {batches.isPending
              ? 'Looking for today’s open batch…'
              : batch
                ? `Goes into open batch #${batch.id} (${BATCH_SOURCE.labels[batch.source]}, ${formatUsDate(batch.depositDate)}).`
                : `No batch is open for ${formatUsDate(view.today)}: a front-desk batch will be opened for it.`}
          </Text>
          <MoneyInput
            label="Amount"
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={typo ?? errors.amount ?? errors.expectedTotal}
            data-autofocus
            autoComplete="off"
          />
          <Input.Wrapper label="Method" required id="take-payment-method-label">
            <SegmentedControl
              display="flex"
              value={method}
              onChange={(v) => setMethod(v as Method)}
              data={METHODS}
              aria-labelledby="take-payment-method-label"
            />
          </Input.Wrapper>
          {method === 'check' && (
            <TextInput
              label="Check number"
              required
              value={checkNumber}
              onChange={(e) => setCheckNumber(e.currentTarget.value)}
              error={errors.checkNumber}
              autoComplete="off"
            />
          )}
          {method === 'card' && (
            <TextInput
              label="Card reference"
              required
              placeholder="Authorisation or transaction"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
              autoComplete="off"
            />
          )}
          <DateInput
            label="Date received"
            required
            valueFormat="MM/DD/YYYY"
            maxDate={view.today}
            minDate={addDays(view.today, -90)}
            value={receivedDate}
            onChange={(v) => setReceivedDate(v && isIsoDate(v) ? v : null)}
            error={errors.receivedDate}
          />
          <FormError
            error={save.error}
            fields={['amount', 'expectedTotal', 'checkNumber', 'reference', 'receivedDate']}
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
