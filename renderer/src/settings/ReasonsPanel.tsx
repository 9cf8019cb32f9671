import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AdjustmentReason } from '../../../shared/api/posting';
import { ADJUSTMENT_CATEGORY, type AdjustmentCategory } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { fieldErrors, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { optionsOf } from '../components/options';
import { EmptyState, QueryState } from '../components/States';

/** Adds a reason (code given) or changes one (code fixed). */
function ReasonModal({
  reason,
  onClose,
}: {
  reason: AdjustmentReason | null;
  onClose: () => void;
}) {
  const [code, setCode] = useState(reason?.code ?? '');
  const [label, setLabel] = useState(reason?.label ?? '');
  const [category, setCategory] = useState<AdjustmentCategory | null>(reason?.category ?? null);
  const [active, setActive] = useState(reason?.active ?? true);
  const [missingCategory, setMissingCategory] = useState(false);
  const save = useMutation({
    mutationFn: (chosen: AdjustmentCategory) =>
      api.saveAdjustmentReason({ code, label, category: chosen, active }),
    onSuccess: (view) => {
      queryClient.setQueryData(keys.adjustmentReasons, view);
      notifications.show({
        color: 'green',
        message: reason
          ? `Reason ${reason.code} saved.`
          : `Reason ${code.trim().toUpperCase()} added.`,
      });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingCategory(category === null);
    if (category !== null) save.mutate(category);
  };
  const title = reason ? `Adjustment reason ${reason.code}` : 'Add an adjustment reason';
  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="xs">
          {!reason && (
            <TextInput
              label="Code"
              description="2 to 30 letters, digits or underscores; it cannot change later."
              required
              data-autofocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errors.code}
            />
          )}
          <TextInput
            label="Label"
            description="What representatives pick from when they write off."
            required
            data-autofocus={reason ? true : undefined}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            error={errors.label}
          />
          <Select
            label="Reports under"
            required
            data={optionsOf(ADJUSTMENT_CATEGORY.keys, ADJUSTMENT_CATEGORY.labels)}
            value={category}
            onChange={(v) => setCategory(v as AdjustmentCategory | null)}
            error={
              missingCategory ? 'Choose the category the reason reports under.' : errors.category
            }
            allowDeselect={false}
          />
          <Checkbox
            label="In use (a retired reason stays on past entries but cannot be chosen)"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
          <FormError error={save.error} fields={['code', 'label', 'category']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {reason ? 'Save reason' : 'Add reason'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The reasons representatives choose when they write off a balance, each reporting under
 * one category. A supervisor adds, renames and retires them; none is ever deleted.
 */
export function ReasonsPanel() {
  const reasons = useQuery({
    queryKey: keys.adjustmentReasons,
    queryFn: () => api.listAdjustmentReasons({}),
  });
  const [editing, setEditing] = useState<AdjustmentReason | 'new' | null>(null);
  if (reasons.isPending || reasons.isError)
    return <QueryState query={reasons} what="the adjustment reasons" />;
  const { reasons: list, canChange } = reasons.data;
  return (
    <Stack gap="sm" maw={820}>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={600}>
          The reasons a representative chooses when writing off part of a balance. A reason that has
          been used keeps its category, so past write-offs report where they were posted.
          {!canChange && ' Only a supervisor can change this list.'}
        </Text>
        {canChange && <Button onClick={() => setEditing('new')}>Add a reason</Button>}
      </Group>
      {list.length === 0 ? (
        <EmptyState title="No adjustment reasons">
          Add one so representatives can write off.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Adjustment reasons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Reports under</Table.Th>
              <Table.Th>Status</Table.Th>
              {canChange && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td c={r.active ? undefined : 'dimmed'}>{r.label}</Table.Td>
                <Table.Td ff="monospace">{r.code}</Table.Td>
                <Table.Td>{ADJUSTMENT_CATEGORY.labels[r.category]}</Table.Td>
                <Table.Td>
                  {r.active ? (
                    <Badge variant="light" color="green">
                      In use
                    </Badge>
                  ) : (
                    <Badge variant="light" color="gray">
                      Retired
                    </Badge>
                  )}
                </Table.Td>
                {canChange && (
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing(r)}
                      aria-label={`Change ${r.label}`}
                    >
                      Change
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <ReasonModal reason={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
