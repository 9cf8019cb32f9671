import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PersonView } from '../../../shared/api/accounts';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { UsDate } from '../components/UsDate';

/** Records a new address; the old ones stay in the history shown below the form. */
export function ChangeAddressModal(props: {
  accountId: number;
  person: PersonView;
  today: IsoDate;
  onClose: () => void;
}) {
  const { person } = props;
  const [form, setForm] = useState({
    line1: '',
    line2: '',
    city: '',
    state: '',
    zip: '',
    reason: '',
  });
  const [effectiveDate, setEffectiveDate] = useState<string | null>(props.today);
  const save = useMutation({
    mutationFn: () =>
      api.changeAddress({
        accountId: props.accountId,
        personId: person.id,
        ...form,
        effectiveDate: effectiveDate ?? '',
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `Address of ${person.fullName} updated.` });
      await invalidateAll();
      props.onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const field = (
    name: keyof typeof form,
    label: string,
    extra: { required?: boolean; w?: number } = {},
  ) => (
    <TextInput
      label={label}
      required={extra.required}
      w={extra.w}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      error={errors[name]}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={props.onClose} title={`Change address — ${person.fullName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          {field('line1', 'Street address', { required: true })}
          {field('line2', 'Address line 2 (apartment, suite)')}
          <Group grow align="flex-start">
            {field('city', 'City', { required: true })}
            {field('state', 'State', { required: true, w: 80 })}
            {field('zip', 'ZIP code', { required: true, w: 120 })}
          </Group>
          <Group grow align="flex-start">
            <DateInput
              label="Effective date"
              required
              valueFormat="MM/DD/YYYY"
              value={effectiveDate}
              maxDate={props.today}
              onChange={(v) => setEffectiveDate(v && isIsoDate(v) ? v : null)}
              error={errors.effectiveDate}
            />
            {field('reason', 'Reason (e.g. patient called, returned mail)')}
          </Group>
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save address
            </Button>
          </Group>
          {person.addressHistory.length > 0 && (
            <>
              <Text size="sm" fw={600} mt="sm">
                Address history
              </Text>
              <Table aria-label="Address history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Effective</Table.Th>
                    <Table.Th>Address</Table.Th>
                    <Table.Th>Recorded by</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {person.addressHistory.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <UsDate value={a.effectiveDate} />
                      </Table.Td>
                      <Table.Td>
                        {a.line1}
                        {a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.state} {a.zip}
                        {a.reason ? ` (${a.reason})` : ''}
                      </Table.Td>
                      <Table.Td>{a.recordedBy}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
