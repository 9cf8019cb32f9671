import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/accounts';
import { PROMISE_KIND, type PromiseKind } from '../../../shared/codes/enums';
import { addDays, isIsoDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { optionsOf } from '../components/options';
import { amountFrom, amountProblem } from '../components/money-input';

/** Records what the patient said they will pay and by when, or a new due date for it all. */
export function PromiseModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const [kind, setKind] = useState<PromiseKind>('promise');
  const [amount, setAmount] = useState('');
  const [dueDate, setDueDate] = useState<string | null>(addDays(view.today, 7));
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.recordPromise({
        accountId: view.account.id,
        kind,
        // blank is $0.00, which the server refuses with its own wording
        amount: kind === 'promise' ? (amountFrom(amount) ?? 0) : null,
        dueDate: dueDate ?? '',
        note,
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `${PROMISE_KIND.labels[kind]} recorded.` });
      await invalidateAll();
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const typo = kind === 'promise' ? amountProblem(amount) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Promise to pay" size="md">
      <form onSubmit={submit} noValidate aria-label="Promise to pay">
        <Stack gap="xs">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v === 'extension' ? 'extension' : 'promise')}
            data={optionsOf(PROMISE_KIND.keys, PROMISE_KIND.labels)}
            aria-label="Kind"
          />
          {kind === 'promise' ? (
            <MoneyInput
              label="Promised amount"
              required
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={typo ?? errors.amount}
              data-autofocus
            />
          ) : (
            <Text size="sm">
              The whole patient balance of {formatCents(view.balance.patient)} becomes due on the
              new date.
            </Text>
          )}
          <DateInput
            label={kind === 'promise' ? 'Will pay by' : 'New due date'}
            required
            valueFormat="MM/DD/YYYY"
            minDate={view.today}
            maxDate={addDays(view.today, 90)}
            value={dueDate}
            onChange={(v) => setDueDate(v && isIsoDate(v) ? v : null)}
            error={errors.dueDate}
          />
          <TextInput
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <FormError error={save.error} fields={['amount', 'dueDate', 'note']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Record {kind === 'promise' ? 'promise' : 'extension'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
