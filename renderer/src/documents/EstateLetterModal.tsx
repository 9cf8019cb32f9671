import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormError } from '../components/FormError';

export interface RepresentativeForm {
  name: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
}

export const EMPTY_REPRESENTATIVE: RepresentativeForm = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  state: '',
  zip: '',
};

/**
 * The estate's representative as both the death form and the estate letter take it: the
 * one record of who speaks for the estate. `errors` are keyed as the API reports them.
 */
export function RepresentativeFields(props: {
  value: RepresentativeForm;
  onChange: (value: RepresentativeForm) => void;
  errors: Record<string, string>;
}) {
  const field = (name: keyof RepresentativeForm, label: string, w?: number) => (
    <TextInput
      label={label}
      w={w}
      value={props.value[name]}
      onChange={(e) => props.onChange({ ...props.value, [name]: e.currentTarget.value })}
      error={props.errors[`representative.${name}`]}
    />
  );
  return (
    <>
      {field('name', 'Executor or personal representative')}
      {field('line1', 'Street address')}
      {field('line2', 'Address line 2')}
      <Group grow align="flex-start">
        {field('city', 'City')}
        {field('state', 'State', 80)}
        {field('zip', 'ZIP code', 120)}
      </Group>
    </>
  );
}

/**
 * The letter to an estate goes to its executor or personal representative, never to the
 * deceased. One entered here is recorded with the letter; left empty, the one recorded
 * before is used, and the letter is refused when there is none.
 */
export function EstateLetterModal(props: {
  busy: boolean;
  error: unknown;
  errors: Record<string, string>;
  onMake: (representative: RepresentativeForm | null) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState(EMPTY_REPRESENTATIVE);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onMake(form.name.trim() === '' ? null : form);
  };
  return (
    <Modal opened onClose={props.onClose} title="Letter to the estate" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Text size="sm">
            Who handles the estate: the executor, administrator or the estate&apos;s attorney. Leave
            empty to write to the representative already recorded (with the date of death or an
            earlier letter).
          </Text>
          <RepresentativeFields value={form} onChange={setForm} errors={props.errors} />
          <FormError error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.busy}>
              Make the letter
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
