import { Button, Group, NumberInput, Select } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { AGING_BUCKETS, type AgingBucketKey } from '../../../shared/aging/buckets';
import { formatPlainCents } from '../../../shared/money/format';
import { MoneyInput } from '../components/MoneyInput';
import { readCandidateFilters, type CandidateFilters } from './candidate-filters';

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
  const reading = readCandidateFilters({ minimum, bucket, days });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reading.ok) onApply(reading.filters);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Which accounts">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <MoneyInput
          label="Minimum patient balance"
          placeholder="0.00"
          value={minimum}
          onChange={(e) => setMinimum(e.currentTarget.value)}
          error={reading.ok ? undefined : reading.minimum}
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
          error={reading.ok ? undefined : reading.days}
          w={160}
        />
        <Button type="submit" mt={25} variant="light" disabled={disabled}>
          Find accounts
        </Button>
      </Group>
    </form>
  );
}
