import { Button, Group, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { AGING_BUCKETS } from '../../../shared/aging/buckets';
import { FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { optionsOf } from '../components/options';
import { PayerSelect } from '../components/PayerSelect';
import { keys } from '../app/query';
import { hasFilters, type QueueFilters } from './filters';

export function QueueFilterBar(props: {
  filters: QueueFilters;
  onChange: (f: QueueFilters) => void;
}) {
  const { filters: f, onChange } = props;
  const options = useQuery({ queryKey: keys.queueOptions, queryFn: () => api.getQueueOptions({}) });
  const set = (patch: Partial<QueueFilters>) => onChange({ ...f, ...patch });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Kind"
        placeholder="All kinds"
        clearable
        w={170}
        data={optionsOf(FOLLOW_UP_KIND.keys, FOLLOW_UP_KIND.labels)}
        value={f.kind}
        onChange={(v) => set({ kind: (v as QueueFilters['kind']) ?? null })}
      />
      <PayerSelect value={f.payerId} onChange={(payerId) => set({ payerId })} />
      <Select
        label="Aging"
        placeholder="Any age"
        clearable
        w={130}
        data={AGING_BUCKETS.map((b) => ({ value: b.key, label: `${b.label} days` }))}
        value={f.agingBucket}
        onChange={(v) => set({ agingBucket: (v as QueueFilters['agingBucket']) ?? null })}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        clearable
        w={190}
        data={[
          { value: 'unassigned', label: 'Unassigned' },
          ...(options.data?.owners ?? []).map((o) => ({
            value: String(o.id),
            label: o.displayName,
          })),
        ]}
        value={f.ownerId ? String(f.ownerId) : null}
        onChange={(v) => set({ ownerId: v === 'unassigned' ? 'unassigned' : v ? Number(v) : null })}
      />
      <DateInput
        label="Due on or before"
        placeholder="Today"
        clearable
        w={160}
        valueFormat="MM/DD/YYYY"
        value={f.dueOnOrBefore}
        onChange={(v) => set({ dueOnOrBefore: v && isIsoDate(v) ? v : null })}
      />
      {hasFilters(f) && (
        <Button
          variant="subtle"
          onClick={() =>
            onChange({
              ...f,
              kind: null,
              payerId: null,
              agingBucket: null,
              ownerId: null,
              dueOnOrBefore: null,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
