import { Button, Group, Input, SegmentedControl, Text, TextInput } from '@mantine/core';
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

type Method = 'cash' | 'check' | 'card';
const METHODS: { value: Method; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'check', label: 'Check' },
  { value: 'card', label: 'Card' },
];

/**
 * One row for one patient payment, made for a stack of envelopes: account, amount,
 * method, check number or card reference, Enter. The row clears and the cursor goes back
 * to the account number for the next one.
 */
export function PatientPaymentEntry({ batch }: { batch: BatchSummary }) {
  const [accountNumber, setAccountNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<Method>('check');
  const [checkNumber, setCheckNumber] = useState('');
  const [reference, setReference] = useState('');
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
        method,
        checkNumber: method === 'check' ? checkNumber : null,
        reference: method === 'card' ? reference : null,
        receivedDate: batch.depositDate,
      }),
    onSuccess: async (result) => {
      setLast(result.message);
      notifications.show({ color: 'green', message: result.message });
      setAccountNumber('');
      setAmount('');
      setCheckNumber('');
      setReference('');
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
        <Input.Wrapper label="Method" required id="payment-method-label">
          <SegmentedControl
            display="flex"
            value={method}
            onChange={(v) => setMethod(v as Method)}
            data={METHODS}
            aria-labelledby="payment-method-label"
          />
        </Input.Wrapper>
        {method === 'check' && (
          <TextInput
            label="Check number"
            required
            value={checkNumber}
            onChange={(e) => setCheckNumber(e.currentTarget.value)}
            error={errors.checkNumber}
            w={150}
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
            w={200}
            autoComplete="off"
          />
        )}
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
