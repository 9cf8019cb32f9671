import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { keys } from '../app/query';

/** The payer filter the lists share: every payer on file, searchable, clearable. */
export function PayerSelect({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (payerId: number | null) => void;
}) {
  const options = useQuery({ queryKey: keys.queueOptions, queryFn: () => api.getQueueOptions({}) });
  return (
    <Select
      label="Payer"
      placeholder="All payers"
      clearable
      searchable
      w={260}
      data={(options.data?.payers ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
    />
  );
}
