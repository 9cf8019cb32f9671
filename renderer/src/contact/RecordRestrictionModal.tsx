import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../../shared/api/contact';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { optionsOf } from '../components/options';

const FIELDS = [
  'kind',
  'effectiveDate',
  'note',
  'attorneyName',
  'attorneyPhone',
  'attorneyAddress',
] as const;

/**
 * Records what restricts contact with the guarantor (a request to stop, a dispute in
 * writing, an attorney, a bankruptcy) with the date it came: calls, letters, statements and
 * agency placement honour it until a supervisor lifts it.
 */
export function RecordRestrictionModal(props: {
  accountId: number;
  today: IsoDate;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<ContactRestrictionKind | null>(null);
  const [date, setDate] = useState<string | null>(props.today);
  const [form, setForm] = useState({
    note: '',
    attorneyName: '',
    attorneyPhone: '',
    attorneyAddress: '',
  });
  const save = useMutation({
    mutationFn: () =>
      api.recordContactRestriction({
        accountId: props.accountId,
        // the server names a missing choice; an empty value reaches it as one
        kind: kind ?? ('' as ContactRestrictionKind),
        effectiveDate: date ?? '',
        ...form,
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Contact restriction recorded.' });
      await invalidateAll();
      props.onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (key: keyof typeof form, label: string) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      error={errors[key]}
      required={key === 'attorneyName'}
    />
  );
  return (
    <Modal opened onClose={props.onClose} title="Restrict contact">
      <form onSubmit={submit} noValidate aria-label="Restrict contact">
        <Stack gap="xs">
          <Select
            label="What restricts contact"
            required
            data-autofocus
            data={optionsOf(CONTACT_RESTRICTION.keys, CONTACT_RESTRICTION.labels)}
            value={kind}
            onChange={(v) => setKind(v as ContactRestrictionKind | null)}
            error={errors.kind}
          />
          <DateInput
            label="Date received or filed"
            required
            valueFormat="MM/DD/YYYY"
            value={date}
            maxDate={props.today}
            onChange={(v) => setDate(v && isIsoDate(v) ? v : null)}
            error={errors.effectiveDate}
          />
          {kind === 'attorney' && (
            <>
              {text('attorneyName', "Attorney's name")}
              {text('attorneyPhone', "Attorney's phone")}
              {text('attorneyAddress', "Attorney's address")}
            </>
          )}
          <Textarea
            label="Note"
            autosize
            minRows={2}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
            error={errors.note}
          />
          <Text size="xs" c="dimmed">
            A dispute covers this account; the others cover every account of the guarantor. Only a
            supervisor can lift a restriction.
          </Text>
          <FormError error={save.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={save.isPending}>
              Record restriction
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
