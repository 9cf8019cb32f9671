import {
  Button,
  Checkbox,
  Divider,
  Grid,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InputOf } from '../../../shared/api/contract';
import type { AccountView } from '../../../shared/api/accounts';
import { addDays, addMonths, isIsoDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, messageOf } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { PlanPreviewTable } from './PlanPreviewTable';
import { RepaymentAdvice } from './RepaymentAdvice';

type Terms = InputOf<'previewPlan'>;

/** Sets up a payment plan for the patient balance, showing the schedule as the terms change. */
export function PlanSetupModal({ view, onClose }: { view: AccountView; onClose: () => void }) {
  const [down, setDown] = useState('');
  const [mode, setMode] = useState<'amount' | 'months'>('amount');
  const [monthly, setMonthly] = useState('');
  const [months, setMonths] = useState<number | string>(6);
  const [firstDue, setFirstDue] = useState<string | null>(addMonths(view.today, 1));
  const [includeNew, setIncludeNew] = useState(false);
  const [note, setNote] = useState('');
  const [showAdvice, setShowAdvice] = useState(false);

  const typos = { downPayment: amountProblem(down), monthlyAmount: amountProblem(monthly) };
  const complete =
    !typos.downPayment &&
    !typos.monthlyAmount &&
    firstDue !== null &&
    (mode === 'amount' ? amountFrom(monthly) !== null : typeof months === 'number');
  const terms: Terms | null = complete
    ? {
        accountId: view.account.id,
        downPayment: amountFrom(down) ?? 0,
        length:
          mode === 'amount'
            ? { mode, monthlyAmount: amountFrom(monthly) ?? 0 }
            : { mode, months: Number(months) },
        firstDueDate: firstDue ?? '',
      }
    : null;
  // debounced as text: a fresh object each render would restart the timer for ever
  const [debouncedKey] = useDebouncedValue(terms ? JSON.stringify(terms) : '', 250);
  const debounced = debouncedKey ? (JSON.parse(debouncedKey) as Terms) : null;
  const preview = useQuery({
    queryKey: ['planPreview', debouncedKey],
    queryFn: () => api.previewPlan(debounced as Terms),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const save = useMutation({
    mutationFn: () => {
      if (!terms) throw new Error('Complete the plan terms first.');
      return api.createPlan({ ...terms, includeNewCharges: includeNew, note });
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Payment plan set up.' });
      await invalidateAll();
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const refusal = preview.data && !preview.data.ok ? preview.data : null;
  const refused = (field: string) => (refusal?.field === field ? refusal.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title="Set up a payment plan" size="xl">
      <form onSubmit={submit} noValidate aria-label="Payment plan">
        <Grid gap="lg">
          <Grid.Col span={6}>
            <Stack gap="xs">
              <Text size="sm">
                Patient balance{' '}
                <Text span fw={700} className="tabular">
                  {formatCents(view.balance.patient)}
                </Text>
              </Text>
              <MoneyInput
                label="Down payment"
                placeholder="0.00"
                value={down}
                onChange={(e) => setDown(e.currentTarget.value)}
                error={typos.downPayment ?? errors.downPayment ?? refused('downPayment')}
                data-autofocus
              />
              <SegmentedControl
                value={mode}
                onChange={(v) => setMode(v === 'months' ? 'months' : 'amount')}
                data={[
                  { value: 'amount', label: 'Monthly amount' },
                  { value: 'months', label: 'Number of months' },
                ]}
                aria-label="Plan length by"
              />
              {mode === 'amount' ? (
                <MoneyInput
                  label="Monthly amount"
                  required
                  value={monthly}
                  onChange={(e) => setMonthly(e.currentTarget.value)}
                  error={
                    typos.monthlyAmount ??
                    errors['length.monthlyAmount'] ??
                    refused('monthlyAmount')
                  }
                />
              ) : (
                <NumberInput
                  label="Number of months"
                  required
                  min={1}
                  allowDecimal={false}
                  value={months}
                  onChange={setMonths}
                  error={errors['length.months'] ?? refused('months')}
                />
              )}
              <DateInput
                label="First monthly payment due"
                required
                valueFormat="MM/DD/YYYY"
                minDate={addDays(view.today, 1)}
                value={firstDue}
                onChange={(v) => setFirstDue(v && isIsoDate(v) ? v : null)}
                error={errors.firstDueDate ?? refused('firstDueDate')}
              />
              <Checkbox
                label="New charges (later patient balances) join the plan"
                checked={includeNew}
                onChange={(e) => setIncludeNew(e.currentTarget.checked)}
              />
              <TextInput
                label="Note"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.note}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={6}>
            <Text size="sm" fw={600} mb={4}>
              Schedule
            </Text>
            <PlanPreviewTable
              preview={debounced ? preview.data : undefined}
              loading={preview.isFetching}
              error={preview.isError ? messageOf(preview.error) : null}
            />
          </Grid.Col>
        </Grid>
        <Divider my="sm" />
        {showAdvice ? (
          <RepaymentAdvice
            accountId={view.account.id}
            onUseMonthly={(amount) => {
              setMode('amount');
              setMonthly(formatCents(amount).replace('$', ''));
            }}
          />
        ) : (
          <Button variant="subtle" size="compact-sm" onClick={() => setShowAdvice(true)}>
            Repayment advice from household income…
          </Button>
        )}
        <FormError
          error={save.error}
          fields={['downPayment', 'length.monthlyAmount', 'length.months', 'firstDueDate', 'note']}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!terms || Boolean(refusal)}>
            Save plan
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
