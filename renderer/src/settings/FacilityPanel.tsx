import { Alert, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { FacilityView } from '../../../shared/api/facility';
import { api } from '../app/api';
import { fieldErrors, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/States';
import { BillingFacilities } from './BillingFacilities';

type Form = Record<
  | 'name'
  | 'line1'
  | 'line2'
  | 'city'
  | 'state'
  | 'zip'
  | 'phone'
  | 'fax'
  | 'npi'
  | 'taxId'
  | 'web'
  | 'billingOfficeHours'
  | 'remitTo'
  | 'paymentUrl'
  | 'billingPhone'
  | 'assistancePhone'
  | 'assistanceUrl'
  | 'assistanceSummaryUrl'
  | 'languageTaglines',
  string
>;

/** What statements print for paying and for help, beyond the letterhead. */
const STATEMENT_FIELDS = [
  'remitTo',
  'paymentUrl',
  'billingPhone',
  'assistancePhone',
  'assistanceUrl',
  'assistanceSummaryUrl',
  'languageTaglines',
] as const;

function formOf(f: FacilityView): Form {
  return {
    name: f.name,
    line1: f.line1,
    line2: f.line2 ?? '',
    city: f.city,
    state: f.state,
    zip: f.zip,
    phone: f.phone ?? '',
    fax: f.fax ?? '',
    npi: f.npi ?? '',
    taxId: f.taxId ?? '',
    web: f.web ?? '',
    billingOfficeHours: f.billingOfficeHours ?? '',
    remitTo: f.remitTo ?? '',
    paymentUrl: f.paymentUrl ?? '',
    billingPhone: f.billingPhone ?? '',
    assistancePhone: f.assistancePhone ?? '',
    assistanceUrl: f.assistanceUrl ?? '',
    assistanceSummaryUrl: f.assistanceSummaryUrl ?? '',
    languageTaglines: f.languageTaglines ?? '',
  };
}

function FacilityForm({ facility }: { facility: FacilityView }) {
  const [form, setForm] = useState<Form>(() => formOf(facility));
  const readOnly = !facility.canChange;
  const save = useMutation({
    mutationFn: () => api.saveFacility(form),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.facility, saved);
      // the main billing facility takes the letterhead's name and NPI
      void queryClient.invalidateQueries({ queryKey: keys.facilities });
      setForm(formOf(saved));
      notifications.show({
        color: 'green',
        message: 'Facility saved. Letters and statements made from now on print it.',
      });
    },
  });
  const errors = fieldErrors(save.error);
  const field = (
    name: keyof Form,
    label: string,
    extra: { required?: boolean; w?: number; description?: string } = {},
  ) => (
    <TextInput
      label={label}
      description={extra.description}
      required={extra.required && !readOnly}
      w={extra.w}
      value={form[name]}
      readOnly={readOnly}
      onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      error={errors[name]}
    />
  );
  const lines = (name: keyof Form, label: string, description: string, rows: number) => (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={rows}
      value={form[name]}
      readOnly={readOnly}
      onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      error={errors[name]}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!readOnly) save.mutate();
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(facility));
  return (
    <form onSubmit={submit} noValidate aria-label="Facility">
      <Stack gap="xs">
        {readOnly && (
          <Text size="sm" c="dimmed">
            Only a supervisor can change the facility details.
          </Text>
        )}
        {field('name', 'Facility name', { required: true })}
        {field('line1', 'Street address', { required: true })}
        {field('line2', 'Address line 2 (department, floor)')}
        <Group grow align="flex-start">
          {field('city', 'City', { required: true })}
          {field('state', 'State', { required: true, w: 80 })}
          {field('zip', 'ZIP code', { required: true, w: 120 })}
        </Group>
        <Group grow align="flex-start">
          {field('phone', 'Telephone (billing office)')}
          {field('fax', 'Fax')}
        </Group>
        {field('billingOfficeHours', 'Billing office hours', {
          description: 'Printed on statements next to the telephone number.',
        })}
        <Group grow align="flex-start">
          {field('npi', 'NPI', { description: 'Ten digits; the last is a check digit.' })}
          {field('taxId', 'Tax ID (EIN)', { description: 'For example 36-4718293.' })}
        </Group>
        {field('web', 'Website', { description: 'Printed on the letterhead.' })}
        <Title order={3} size="h5" mt="sm">
          On statements
        </Title>
        {lines(
          'remitTo',
          'Remit-to (lockbox) address',
          'Where patients mail payments, one line each (up to five); printed on the stub where the return envelope window shows it.',
          3,
        )}
        <Group grow align="flex-start">
          {field('paymentUrl', 'Payment web address', {
            description: 'Where patients pay online.',
          })}
          {field('billingPhone', 'Billing questions phone', {
            description: 'The telephone number above when empty.',
          })}
        </Group>
        <Group grow align="flex-start">
          {field('assistancePhone', 'Financial assistance phone')}
          {field('assistanceUrl', 'Financial assistance web address', {
            description: 'The policy and the application.',
          })}
        </Group>
        {field('assistanceSummaryUrl', 'Plain-language summary address', {
          description: 'Where the plain-language summary of the assistance policy is.',
        })}
        {lines(
          'languageTaglines',
          'Language-assistance taglines',
          'Printed on every statement, one language a line: that free language help is available and the number to call.',
          3,
        )}
        <FormError
          error={save.error}
          fields={[
            'name',
            'line1',
            'line2',
            'city',
            'state',
            'zip',
            'phone',
            'fax',
            'npi',
            'taxId',
            'web',
            'billingOfficeHours',
            ...STATEMENT_FIELDS,
          ]}
        />
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              Save facility
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/**
 * The facility's name, address, numbers and billing office hours: the letterhead of every
 * letter and statement. Everyone reads it; a supervisor changes it.
 */
export function FacilityPanel() {
  const facility = useQuery({ queryKey: keys.facility, queryFn: () => api.getFacility({}) });
  if (facility.isPending || facility.isError)
    return <QueryState query={facility} what="the facility" />;
  return (
    <Stack gap="sm" maw={720}>
      <Text size="sm" c="dimmed">
        What every letter and statement prints as its letterhead and contact details, and what
        statements print for paying and for help.
      </Text>
      {!facility.data.configured && (
        <Alert color="orange" title="Not set up yet" p="xs">
          Letters and statements print a visible gap where the facility&apos;s details belong until
          they are saved here.
        </Alert>
      )}
      <FacilityForm facility={facility.data} />
      <BillingFacilities canChange={facility.data.canChange} />
    </Stack>
  );
}
