import { Button, Group, NumberInput, Select } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { AGING_BUCKETS, type AgingBucketKey } from '../../../shared/aging/buckets';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatPlainCents } from '../../../shared/money/format';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';

export interface CandidateFilters {
  minPatientBalance: Cents;
  agingBucket: AgingBucketKey | null;
  notStatedWithinDays: number;
}

export const DEFAULT_FILTERS: CandidateFilters = {
  minPatientBalance: cents(500),
  agingBucket: null,
  notStatedWithinDays: 25,
};

/** Which accounts are due a statement; applied with Find accounts (or Enter). */
export function StatementFilters({
  filters,
  disabled,
  onApply,
}: {
  filters: CandidateFilters;
  disabled: boolean;
  onApply: (filters: CandidateFilters) => void;
}) {
  const [minimum, setMinimum] = useState(formatPlainCents(filters.minPatientBalance));
  const [bucket, setBucket] = useState<AgingBucketKey | null>(filters.agingBucket);
  const [days, setDays] = useState<number | string>(filters.notStatedWithinDays);
  const typo = amountProblem(minimum);
  const daysNumber = typeof days === 'number' ? days : Number.parseInt(days, 10);
  const daysProblem =
    Number.isInteger(daysNumber) && daysNumber >= 0 && daysNumber <= 365
      ? undefined
      : 'From 0 to 365 days.';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typo || daysProblem) return;
    onApply({
      minPatientBalance: amountFrom(minimum) ?? cents(0),
      agingBucket: bucket,
      notStatedWithinDays: daysNumber,
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Which accounts">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <MoneyInput
          label="Minimum patient balance"
          placeholder="0.00"
          value={minimum}
          onChange={(e) => setMinimum(e.currentTarget.value)}
          error={typo}
          w={190}
        />
        <Select
          label="Age of oldest balance"
          placeholder="Any age"
          clearable
          w={170}
          data={AGING_BUCKETS.map((b) => ({ value: b.key, label: `${b.label} days` }))}
          value={bucket}
          onChange={(v) => setBucket((v as AgingBucketKey | null) ?? null)}
        />
        <NumberInput
          label="No statement within"
          description="days"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={days}
          onChange={setDays}
          error={daysProblem}
          w={160}
        />
        <Button type="submit" mt={25} variant="light" disabled={disabled}>
          Find accounts
        </Button>
      </Group>
    </form>
  );
}
