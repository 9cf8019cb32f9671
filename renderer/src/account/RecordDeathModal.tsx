import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PersonView } from '../../../shared/api/accounts';
import { formatUsDate, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import {
  EMPTY_REPRESENTATIVE,
  RepresentativeFields,
  type RepresentativeForm,
} from '../documents/EstateLetterModal';

const FIELDS = [
  'deceasedDate',
  'source',
  'representative.name',
  'representative.line1',
  'representative.line2',
  'representative.city',
  'representative.state',
  'representative.zip',
] as const;

/**
 * Records a person's date of death with where it was learned, and who speaks for the
 * estate: statements stop and a probate claim follow-up opens on each of their accounts.
 */
export function RecordDeathModal(props: {
  accountId: number;
  person: PersonView;
  today: IsoDate;
  onClose: () => void;
}) {
  const { person } = props;
  const [date, setDate] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [representative, setRepresentative] = useState<RepresentativeForm>(EMPTY_REPRESENTATIVE);
  const save = useMutation({
    mutationFn: () =>
      api.recordDeath({
        accountId: props.accountId,
        personId: person.id,
        deceasedDate: date ?? '',
        source,
        // no name, no representative: the address alone says nothing about who to write to
        representative: representative.name.trim() === '' ? null : representative,
      }),
    onSuccess: async (r) => {
      notifications.show({
        color: 'green',
        message: `Date of death recorded for ${person.fullName}. Statements stop${r.probateDeadline ? `; file the claim against the estate by ${formatUsDate(r.probateDeadline)}` : ''}.`,
      });
      await invalidateAll();
      props.onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={props.onClose} title={`Record date of death — ${person.fullName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <DateInput
            label="Date of death"
            required
            data-autofocus
            valueFormat="MM/DD/YYYY"
            value={date}
            minDate={person.dateOfBirth ?? undefined}
            maxDate={props.today}
            onChange={(v) => setDate(v && isIsoDate(v) ? v : null)}
            error={errors.deceasedDate}
          />
          <TextInput
            label="Source (e.g. family call, obituary, death index)"
            required
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={errors.source}
          />
          <RepresentativeFields
            value={representative}
            onChange={setRepresentative}
            errors={errors}
          />
          <Text size="xs" c="dimmed">
            Statements stop on every account of this person. A supervisor can correct the date
            later.
          </Text>
          <FormError error={save.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="dark" loading={save.isPending}>
              Record date of death
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
