import {
  Alert,
  Button,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CsvMapping, CsvMappingList } from '../../../../shared/api/csv';
import {
  CSV_FIELDS,
  columnProblems,
  type CsvColumns,
  type CsvFieldKey,
} from '../../../../shared/csv/account-fields';
import { api } from '../../app/api';
import { fieldErrors, keys } from '../../app/query';
import { FormError } from '../../components/FormError';
import type { PickedFile } from './picked-file';

const GROUPS = ['Account', 'Patient', 'Address', 'Guarantor', 'Insurance', 'Balances'] as const;

const GROUP_NOTE: Record<(typeof GROUPS)[number], string> = {
  Account: '',
  Patient: '',
  Address: 'All or none: street, city, state and ZIP.',
  Guarantor: 'Leave blank when the patient is their own guarantor.',
  Insurance: 'The payer code must be a payer in ClaimDesk.',
  Balances: 'At least one. Amounts as in the file: 1,234.50, $1234.5 or (12.00).',
};

/** Save the mapping under a name, or delete the one applied: supervisors only. */
function SaveMapping(props: {
  columns: CsvColumns;
  applied: CsvMapping | null;
  canImport: boolean;
  onSaved: (list: CsvMappingList, name: string) => void;
  onDeleted: (list: CsvMappingList) => void;
}) {
  const [name, setName] = useState(props.applied?.name ?? '');
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: () => api.saveCsvMapping({ name, columns: props.columns }),
    onSuccess: (list) => {
      notifications.show({ color: 'green', message: `Mapping "${name.trim()}" saved.` });
      props.onSaved(list, name.trim());
    },
  });
  const remove = useMutation({
    mutationFn: (mappingId: number) => api.deleteCsvMapping({ mappingId }),
    onSuccess: (list) => {
      setConfirming(false);
      props.onDeleted(list);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (!props.canImport)
    return (
      <Text size="xs" c="dimmed">
        Only a supervisor can save mappings and import. You can map the columns and preview the
        file.
      </Text>
    );
  return (
    <form onSubmit={submit} aria-label="Save the mapping" noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Mapping name"
          description="Saved for the next file from the same system"
          placeholder="e.g. Legacy billing, monthly"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors(save.error).name}
          w={280}
        />
        <Button type="submit" variant="default" loading={save.isPending}>
          Save mapping
        </Button>
        {props.applied &&
          (confirming ? (
            <Group gap="xs">
              <Text size="sm">Delete the mapping “{props.applied.name}”?</Text>
              <Button
                color="red"
                size="xs"
                loading={remove.isPending}
                onClick={() => props.applied && remove.mutate(props.applied.id)}
              >
                Delete
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </Group>
          ) : (
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
              Delete “{props.applied.name}”…
            </Button>
          ))}
      </Group>
      <FormError error={save.error} fields={['name']} />
      <FormError error={remove.error} />
    </form>
  );
}

/**
 * Which column of the file holds each ClaimDesk field: chosen by hand, proposed from the
 * headers, or taken from a saved mapping. Each choice shows the file's first value under
 * that column, so a wrong pick shows at once.
 */
export function ColumnMapping(props: {
  file: PickedFile;
  columns: CsvColumns;
  onChange: (columns: CsvColumns) => void;
  mappings: CsvMappingList;
  applied: CsvMapping | null;
  onApply: (mapping: CsvMapping | null) => void;
}) {
  const { file, columns } = props;
  const queryClient = useQueryClient();
  const headerOptions = file.headers.map((h) => ({ value: h, label: h }));
  const sampleOf = (header: string | undefined) => {
    if (header === undefined) return null;
    const sample = file.samples[file.headers.indexOf(header)] ?? '';
    return sample === '' ? 'blank in the first rows' : `e.g. ${sample}`;
  };
  const setColumn = (key: CsvFieldKey, header: string | null) => {
    const next = { ...columns };
    if (header === null) delete next[key];
    else next[key] = header;
    props.onChange(next);
  };
  const problems = columnProblems(columns, file.headers);
  const missingFromFile = props.applied
    ? CSV_FIELDS.filter((f) => {
        const header = props.applied?.columns[f.key];
        return header !== undefined && !file.headers.includes(header);
      })
    : [];

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <Select
          label="Saved mapping"
          placeholder={
            props.mappings.mappings.length === 0 ? 'No mappings saved yet' : 'Choose a mapping'
          }
          data={props.mappings.mappings.map((m) => ({ value: String(m.id), label: m.name }))}
          value={props.applied ? String(props.applied.id) : null}
          onChange={(v) =>
            props.onApply(props.mappings.mappings.find((m) => String(m.id) === v) ?? null)
          }
          disabled={props.mappings.mappings.length === 0}
          clearable
          w={280}
        />
        <Text size="xs" c="dimmed" maw={520} pb={6}>
          Fields are matched to the file’s columns by their header names. Required fields are marked
          *.
        </Text>
      </Group>
      {missingFromFile.length > 0 && (
        <Alert color="yellow" p="xs" role="status">
          This file has no column{' '}
          {missingFromFile.map((f) => `“${props.applied?.columns[f.key] ?? ''}”`).join(', ')} that
          the saved mapping uses; choose the columns for{' '}
          {missingFromFile.map((f) => f.label).join(', ')} by hand.
        </Alert>
      )}
      {GROUPS.map((group) => (
        <Stack key={group} gap={4} role="group" aria-label={`${group} columns`}>
          <Group gap="xs" align="baseline">
            <Title order={4} size="h6">
              {group}
            </Title>
            {GROUP_NOTE[group] && (
              <Text size="xs" c="dimmed">
                {GROUP_NOTE[group]}
              </Text>
            )}
          </Group>
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm" verticalSpacing={6}>
            {CSV_FIELDS.filter((f) => f.group === group).map((f) => (
              <Select
                key={f.key}
                label={f.label}
                withAsterisk={f.required}
                placeholder="Not in this file"
                data={headerOptions}
                value={columns[f.key] ?? null}
                onChange={(v) => setColumn(f.key, v)}
                description={sampleOf(columns[f.key]) ?? '\u00a0'}
                clearable
                searchable
                size="xs"
              />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
      {problems.length > 0 ? (
        <Alert color="orange" p="xs" title="Before the preview" role="status">
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <SaveMapping
        key={props.applied?.id ?? 'new'}
        columns={columns}
        applied={props.applied}
        canImport={props.mappings.canImport}
        onSaved={(list, name) => {
          queryClient.setQueryData(keys.csvMappings, list);
          props.onApply(
            list.mappings.find((m) => m.name.toLowerCase() === name.toLowerCase()) ?? null,
          );
        }}
        onDeleted={(list) => {
          queryClient.setQueryData(keys.csvMappings, list);
          props.onApply(null);
        }}
      />
    </Stack>
  );
}
