import { Button, Group, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { DENIAL_CATEGORY } from '../../../shared/codes/denials';
import { FINANCIAL_CLASS } from '../../../shared/codes/enums';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { keys } from '../app/query';
import { optionsOf } from '../components/options';
import { PayerSelect } from '../components/PayerSelect';
import { REPORT_FILTERS, type ReportView } from './filters';

/** The filters the chosen report reads; the period applies to all of them. */
export function ReportFilterBar({
  view,
  onChange,
}: {
  view: ReportView;
  onChange: (v: ReportView) => void;
}) {
  const used = REPORT_FILTERS[view.report];
  const users = useQuery({
    queryKey: keys.users,
    queryFn: () => api.listUsers({}),
    enabled: used.includes('user'),
  });
  const facilities = useQuery({
    queryKey: keys.facilities,
    queryFn: () => api.listFacilities({}),
    enabled: used.includes('facility'),
  });
  // a one-facility clinic has nothing to choose: the filter shows only when there is a choice
  const facilityOptions = (facilities.data?.facilities ?? []).map((f) => ({
    value: String(f.id),
    label: f.name,
  }));
  const set = (patch: Partial<ReportView>) => onChange({ ...view, ...patch });
  const filtered = Boolean(
    view.from ||
    view.to ||
    view.payerId ||
    view.financialClass ||
    view.category ||
    view.userId ||
    view.facilityId,
  );
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <DateInput
        label="From"
        placeholder="12 months ago"
        valueFormat="MM/DD/YYYY"
        clearable
        w={150}
        value={view.from}
        onChange={(v) => set({ from: v && isIsoDate(v) ? v : null })}
      />
      <DateInput
        label="To"
        placeholder="Today"
        valueFormat="MM/DD/YYYY"
        clearable
        w={150}
        value={view.to}
        onChange={(v) => set({ to: v && isIsoDate(v) ? v : null })}
      />
      {used.includes('facility') && facilityOptions.length > 1 && (
        <Select
          label="Facility"
          placeholder="All facilities"
          clearable
          w={320}
          data={facilityOptions}
          value={view.facilityId ? String(view.facilityId) : null}
          onChange={(v) => set({ facilityId: v ? Number(v) : null })}
        />
      )}
      {used.includes('payer') && (
        <PayerSelect value={view.payerId} onChange={(payerId) => set({ payerId })} />
      )}
      {used.includes('financialClass') && (
        <Select
          label="Financial class"
          placeholder="All classes"
          clearable
          w={200}
          data={optionsOf(FINANCIAL_CLASS.keys, FINANCIAL_CLASS.labels)}
          value={view.financialClass}
          onChange={(v) => set({ financialClass: (v as ReportView['financialClass']) ?? null })}
        />
      )}
      {used.includes('category') && (
        <Select
          label="Category"
          placeholder="All categories"
          clearable
          w={220}
          data={optionsOf(DENIAL_CATEGORY.keys, DENIAL_CATEGORY.labels)}
          value={view.category}
          onChange={(v) => set({ category: (v as ReportView['category']) ?? null })}
        />
      )}
      {used.includes('user') && (
        <Select
          label="Representative"
          placeholder="Everyone"
          clearable
          searchable
          w={220}
          data={(users.data?.users ?? []).map((u) => ({
            value: String(u.id),
            label: u.displayName,
          }))}
          value={view.userId ? String(view.userId) : null}
          onChange={(v) => set({ userId: v ? Number(v) : null })}
        />
      )}
      {filtered && (
        <Button
          variant="subtle"
          onClick={() =>
            set({
              from: null,
              to: null,
              payerId: null,
              financialClass: null,
              category: null,
              userId: null,
              facilityId: null,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
