import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import { LEDGER_SIDE, PAYMENT_METHOD, type LedgerSide } from '../../../shared/codes/enums';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';

type RefundMethod = 'check' | 'card' | 'eft';

/** Pays back a credit balance; the amount starts at the whole credit on that side. */
export function RefundModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const creditSides = (['patient', 'insurance'] as const).filter((s) => view.balance[s] < 0);
  const creditOf = (s: LedgerSide) => cents(Math.max(0, -view.balance[s]));
  const [side, setSide] = useState<LedgerSide>(creditSides[0] ?? 'patient');
  const [amount, setAmount] = useState(formatCents(creditOf(side)).replace('$', ''));
  const [method, setMethod] = useState<RefundMethod>('check');
  const [reference, setReference] = useState('');
  const [memo, setMemo] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.postRefund({
        accountId: view.account.id,
        side,
        // blank is $0.00, which the server refuses with its own wording
        amount: amountFrom(amount) ?? 0,
        method,
        reference,
        memo,
      }),
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
  const errors = fieldErrors(save.error);
  const typo = amountProblem(amount);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Refund a credit balance" size="md">
      <form onSubmit={submit} noValidate aria-label="Refund">
        <Stack gap="xs">
          <Select
            label="Side"
            required
            allowDeselect={false}
            data={creditSides.map((s) => ({
              value: s,
              label: `${LEDGER_SIDE.labels[s]} — credit ${formatCents(creditOf(s))}`,
            }))}
            value={side}
            onChange={(v) => {
              const s: LedgerSide = v === 'insurance' ? 'insurance' : 'patient';
              setSide(s);
              setAmount(formatCents(creditOf(s)).replace('$', ''));
            }}
          />
          <Group grow align="flex-start">
            <MoneyInput
              label="Refund amount"
              required
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={typo ?? errors.amount}
            />
            <Select
              label="Paid by"
              required
              allowDeselect={false}
              data={(['check', 'card', 'eft'] as const).map((m) => ({
                value: m,
                label: PAYMENT_METHOD.labels[m],
              }))}
              value={method}
              onChange={(v) => setMethod((v as RefundMethod | null) ?? 'check')}
            />
          </Group>
          <TextInput
            label="Check number or refund reference"
            required
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.reference}
            data-autofocus
          />
          <Textarea
            label="Reason for the refund"
            required
            autosize
            minRows={2}
            value={memo}
            onChange={(e) => setMemo(e.currentTarget.value)}
            error={errors.memo}
          />
          <FormError error={save.error} fields={['amount', 'reference', 'memo']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Post refund
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
