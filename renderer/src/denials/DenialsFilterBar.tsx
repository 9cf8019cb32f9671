import { Button, Group, Select, Switch } from '@mantine/core';
import { DENIAL_CATEGORY, DENIAL_STATE } from '../../../shared/codes/denials';
import { optionsOf } from '../components/options';
import { PayerSelect } from '../components/PayerSelect';
import { DENIAL_SORTS, type DenialFilters, type DenialSort } from './filters';

export function DenialsFilterBar({
  filters: f,
  onChange,
}: {
  filters: DenialFilters;
  onChange: (f: DenialFilters) => void;
}) {
  // any change of filter starts again from the first page
  const set = (patch: Partial<DenialFilters>) => onChange({ ...f, page: 1, ...patch });
  const filtered = Boolean(f.payerId || f.category || f.state);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <PayerSelect value={f.payerId} onChange={(payerId) => set({ payerId })} />
      <Select
        label="Category"
        placeholder="All categories"
        clearable
        w={240}
        data={optionsOf(DENIAL_CATEGORY.keys, DENIAL_CATEGORY.labels)}
        value={f.category}
        onChange={(v) => set({ category: (v as DenialFilters['category']) ?? null })}
      />
      <Select
        label="State"
        placeholder="Any state"
        clearable
        w={200}
        data={optionsOf(DENIAL_STATE.keys, DENIAL_STATE.labels).filter(
          (o) => f.showResolved || o.value !== 'resolved',
        )}
        value={f.state}
        onChange={(v) => set({ state: (v as DenialFilters['state']) ?? null })}
      />
      <Select
        label="Sort by"
        w={150}
        allowDeselect={false}
        data={DENIAL_SORTS.map((s) => ({ value: s.value, label: s.label }))}
        value={f.sortBy}
        onChange={(v) => set({ sortBy: (v as DenialSort | null) ?? 'deadline' })}
      />
      <Switch
        label="Show resolved"
        checked={f.showResolved}
        onChange={(e) =>
          set({
            showResolved: e.currentTarget.checked,
            state: !e.currentTarget.checked && f.state === 'resolved' ? null : f.state,
          })
        }
        mb={8}
      />
      {filtered && (
        <Button
          variant="subtle"
          onClick={() => set({ payerId: null, category: null, state: null })}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
