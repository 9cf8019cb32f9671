import { Button, Group, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { BATCH_SOURCE, type BatchSource } from '../../../shared/codes/enums';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { batchPath, navigate } from '../app/router';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { optionsOf } from '../components/options';

/** Opens a deposit batch: what the deposit slip says came in, before posting it item by item. */
export function NewBatchForm({ today }: { today: IsoDate }) {
  const [depositDate, setDepositDate] = useState<string | null>(today);
  const [source, setSource] = useState<BatchSource | null>('desk');
  const [expected, setExpected] = useState('');
  const [description, setDescription] = useState('');
  const open = useMutation({
    mutationFn: () =>
      api.openBatch({
        depositDate: depositDate ?? '',
        source: source ?? 'desk',
        // blank is $0.00, which the server refuses with its own wording
        expectedTotal: amountFrom(expected) ?? 0,
        description,
      }),
    onSuccess: async (batch) => {
      notifications.show({ color: 'green', message: `Batch ${batch.number} opened.` });
      await invalidateAll();
      navigate(batchPath(batch.id));
    },
  });
  const errors = fieldErrors(open.error);
  const typo = amountProblem(expected);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) open.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="New batch">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <DateInput
          label="Deposit date"
          required
          valueFormat="MM/DD/YYYY"
          maxDate={today}
          value={depositDate}
          onChange={(v) => setDepositDate(v && isIsoDate(v) ? v : null)}
          error={errors.depositDate}
          w={150}
        />
        <Select
          label="Source"
          required
          data={optionsOf(BATCH_SOURCE.keys, BATCH_SOURCE.labels)}
          value={source}
          onChange={(v) => setSource(v as BatchSource | null)}
          allowDeselect={false}
          error={errors.source}
          w={190}
        />
        <MoneyInput
          label="Expected total"
          required
          placeholder="0.00"
          value={expected}
          onChange={(e) => setExpected(e.currentTarget.value)}
          error={typo ?? errors.expectedTotal}
          w={150}
        />
        <TextInput
          label="Description"
          placeholder="e.g. Front desk, morning drawer"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          w={280}
        />
        <Button type="submit" mt={25} loading={open.isPending}>
          Open batch
        </Button>
      </Group>
      <FormError error={open.error} />
    </form>
  );
}
