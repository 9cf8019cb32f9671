import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { BatchSummary } from '../../../shared/api/batches';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { requireAccountByNumber, useAccountLookup } from './account-lookup';
import { AccountField } from './AccountField';
import { methodInput, PaymentFields, usePaymentDetails } from './PaymentFields';

/**
 * One row for one patient payment, made for a stack of envelopes: account, amount,
 * method, check number or card reference, Enter. The row clears and the cursor goes back
 * to the account number for the next one.
 */
export function PatientPaymentEntry({ batch }: { batch: BatchSummary }) {
  const [accountNumber, setAccountNumber] = useState('');
  const [amount, setAmount] = useState('');
  const payment = usePaymentDetails('check');
  const [last, setLast] = useState<string | null>(null);
  const accountRef = useRef<HTMLInputElement>(null);
  const lookup = useAccountLookup(accountNumber);

  const post = useMutation({
    mutationFn: async () =>
      api.postPatientPayment({
        accountId: await requireAccountByNumber(accountNumber),
        batchId: batch.id,
        // blank is $0.00, which the server refuses with its own wording
        amount: amountFrom(amount) ?? 0,
        ...methodInput(payment.details),
        receivedDate: batch.depositDate,
      }),
    onSuccess: async (result) => {
      setLast(result.message);
      notifications.show({ color: 'green', message: result.message });
      setAccountNumber('');
      setAmount('');
      payment.clear();
      accountRef.current?.focus();
      await invalidateAll();
    },
  });
  const errors = fieldErrors(post.error);
  const typo = amountProblem(amount);
  const send = () => {
    if (!typo && !post.isPending) post.mutate();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  // Enter posts from any field of the row, the method switch included
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.target instanceof HTMLButtonElement) return;
    e.preventDefault();
    send();
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label="Patient payment">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <AccountField
          value={accountNumber}
          onChange={setAccountNumber}
          lookup={lookup}
          error={errors.accountNumber ?? errors.accountId}
          ref={accountRef}
        />
        <MoneyInput
          label="Amount"
          required
          placeholder="0.00"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={typo ?? errors.amount}
          w={130}
          autoComplete="off"
        />
        <PaymentFields details={payment.details} onChange={payment.change} errors={errors} inline />
        <Button type="submit" mt={25} loading={post.isPending}>
          Post payment
        </Button>
      </Group>
      <FormError
        error={post.error}
        fields={['accountNumber', 'accountId', 'amount', 'checkNumber', 'reference']}
      />
      <Text size="xs" c="dimmed" mt={4} role="status">
        {last ?? 'Enter posts the payment; the row then clears for the next one.'}
      </Text>
    </form>
  );
}
