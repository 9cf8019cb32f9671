import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { FacilityOption } from '../../../shared/api/facility';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys } from '../app/query';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/States';

/** Adding a facility (`facility` null) or changing one's name and NPI. */
function FacilityRowForm({
  facility,
  onDone,
}: {
  facility: FacilityOption | null;
  onDone: () => void;
}) {
  const [name, setName] = useState(facility?.name ?? '');
  const [npi, setNpi] = useState(facility?.npi ?? '');
  const save = useMutation({
    mutationFn: () => api.saveBillingFacility({ facilityId: facility?.id ?? null, name, npi }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: facility ? `${name.trim()} saved.` : `${name.trim()} added.`,
      });
      await invalidateAll();
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={facility ? `Change ${facility.name}` : 'Add a facility'}>
      <Stack gap="xs">
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Facility name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            w={280}
            data-autofocus
          />
          <TextInput
            label="Billing provider NPI"
            description="What claim files for it carry"
            value={npi}
            onChange={(e) => setNpi(e.currentTarget.value)}
            error={errors.npi}
            w={200}
          />
        </Group>
        {save.error && !errors.name && !errors.npi && <FormError error={save.error} />}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            {facility ? 'Save' : 'Add facility'}
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The facilities accounts are billed under, for a hospital system that bills for several:
 * new accounts from a claim file go under the one whose NPI the file's billing provider
 * carries, and reports can be read for one. The main facility is the letterhead's.
 */
export function BillingFacilities({ canChange }: { canChange: boolean }) {
  const list = useQuery({ queryKey: keys.facilities, queryFn: () => api.listFacilities({}) });
  const [editing, setEditing] = useState<FacilityOption | 'new' | null>(null);
  if (list.isPending || list.isError) return <QueryState query={list} what="the facilities" />;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Facilities accounts are billed under
      </Title>
      <Text size="sm" c="dimmed">
        A claim file&apos;s accounts go under the facility whose NPI its billing provider carries,
        otherwise under the main one. Reports can be read for one facility.
      </Text>
      <Paper withBorder p="xs">
        <Table verticalSpacing={4} aria-label="Facilities accounts are billed under">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Facility</Table.Th>
              <Table.Th>Billing provider NPI</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={700}>
                  Change
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.facilities.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  {f.name}
                  {f.id === 1 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · the letterhead&apos;s, where other accounts go
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="tabular">{f.npi ?? 'None given'}</Table.Td>
                <Table.Td>
                  {canChange && f.id !== 1 && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setEditing(f)}
                      aria-label={`Change ${f.name}`}
                    >
                      Change…
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing !== null ? (
        <Paper withBorder p="sm">
          <FacilityRowForm
            key={editing === 'new' ? 'new' : editing.id}
            facility={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        </Paper>
      ) : (
        canChange && (
          <Group>
            <Button variant="default" onClick={() => setEditing('new')}>
              Add a facility…
            </Button>
          </Group>
        )
      )}
    </Stack>
  );
}
