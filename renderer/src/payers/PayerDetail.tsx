import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PayerAddress, PayerView } from '../../../shared/api/payers';
import { APPEAL_LEVEL, type AppealLevel } from '../../../shared/codes/denials';
import { FINANCIAL_CLASS } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import {
  payerForm,
  payerInput,
  savedMessage,
  type AddressForm,
  type DaysKey,
  type PayerForm,
} from './payer-form';

export const payerKey = (payerId: number) => ['payer', payerId] as const;

const WINDOWS: readonly { key: DaysKey; level: AppealLevel | null; label: string; hint: string }[] =
  [
    {
      key: 'appealWindowDays',
      level: 'first',
      label: 'First-level appeal window (days)',
      hint: 'From the remittance date. Required.',
    },
    {
      key: 'secondAppealWindowDays',
      level: 'second',
      label: 'Second-level appeal window (days)',
      hint: 'Reconsideration. Leave blank if the payer has not said.',
    },
    {
      key: 'externalReviewWindowDays',
      level: 'external',
      label: 'External review window (days)',
      hint: 'Leave blank if the payer has not said.',
    },
    {
      key: 'timelyFilingDays',
      level: null,
      label: 'Timely filing limit (days)',
      hint: 'From the date of service. Required.',
    },
  ];

/** What changing a level's window will do to the denials being worked at that level. */
function openAtLevel(n: number, level: AppealLevel): string {
  if (n === 0) return `No open denials at the ${APPEAL_LEVEL.labels[level].toLowerCase()}.`;
  const which = n === 1 ? '1 open denial' : `${n} open denials`;
  return `${which} at this level: a new window moves ${n === 1 ? 'its deadline' : 'their deadlines'}.`;
}

const ADDRESS_FIELDS: readonly { key: keyof PayerAddress; label: string; w?: number }[] = [
  { key: 'line1', label: 'Street address' },
  { key: 'line2', label: 'Address line 2 (unit, department)' },
  { key: 'city', label: 'City' },
  { key: 'state', label: 'State', w: 80 },
  { key: 'zip', label: 'ZIP code', w: 130 },
];

function AddressFields(props: {
  which: 'claimsAddress' | 'appealsAddress';
  legend: string;
  value: AddressForm;
  readOnly: boolean;
  errors: Record<string, string | undefined>;
  onChange: (a: AddressForm) => void;
}) {
  const input = (f: (typeof ADDRESS_FIELDS)[number]) => (
    <TextInput
      key={f.key}
      // the fieldset's legend says which address; a screen reader announces it with each field
      label={f.label}
      w={f.w}
      value={props.value[f.key]}
      readOnly={props.readOnly}
      onChange={(e) => props.onChange({ ...props.value, [f.key]: e.currentTarget.value })}
      error={props.errors[`${props.which}.${f.key}`]}
    />
  );
  const [line1, line2, city, state, zip] = ADDRESS_FIELDS.map(input);
  return (
    <Fieldset legend={props.legend} variant="filled" p="xs">
      <Stack gap={6}>
        {line1}
        {line2}
        <Group grow align="flex-start" wrap="nowrap">
          {city}
          {state}
          {zip}
        </Group>
      </Stack>
    </Fieldset>
  );
}

function PayerEditForm({ payer }: { payer: PayerView }) {
  const [form, setForm] = useState<PayerForm>(() => payerForm(payer));
  const [dayErrors, setDayErrors] = useState<Partial<Record<DaysKey, string>>>({});
  const readOnly = !payer.canChange;
  const save = useMutation({
    mutationFn: async () => {
      const result = payerInput(payer.id, form);
      if (!result.ok) {
        setDayErrors(result.errors);
        return null;
      }
      setDayErrors({});
      return api.updatePayer(result.input);
    },
    onSuccess: async (saved) => {
      if (!saved) return;
      notifications.show({
        color: 'green',
        message: savedMessage(saved.payer.name, saved.deadlinesMoved),
      });
      // deadlines on the denials list, the queue and accounts may all have moved
      await invalidateAll();
    },
  });
  const errors: Record<string, string | undefined> = { ...fieldErrors(save.error), ...dayErrors };
  const set = <K extends keyof PayerForm>(key: K, value: PayerForm[K]) => {
    setForm({ ...form, [key]: value });
    if (key in dayErrors) setDayErrors({ ...dayErrors, [key]: undefined });
  };
  const text = (key: 'name' | 'phone' | 'fax' | 'appealsFax', label: string, hint?: string) => (
    <TextInput
      label={label}
      description={hint}
      required={key === 'name' && !readOnly}
      value={form[key]}
      readOnly={readOnly}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!readOnly) save.mutate();
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(payerForm(payer));
  return (
    <form onSubmit={submit} noValidate aria-label={`Payer ${payer.name}`}>
      <Stack gap="sm">
        {readOnly && (
          <Text size="sm" c="dimmed">
            Only a supervisor can change payers.
          </Text>
        )}
        {text('name', 'Payer name')}
        <Title order={3} size="h6">
          Deadlines
        </Title>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          {WINDOWS.map((w) => (
            <TextInput
              key={w.key}
              label={w.label}
              description={
                w.level
                  ? `${w.hint} ${openAtLevel(payer.openDenialsByLevel[w.level], w.level)}`
                  : w.hint
              }
              required={(w.key === 'appealWindowDays' || w.key === 'timelyFilingDays') && !readOnly}
              inputMode="numeric"
              w="100%"
              value={form[w.key]}
              readOnly={readOnly}
              onChange={(e) => set(w.key, e.currentTarget.value)}
              error={errors[w.key]}
            />
          ))}
        </SimpleGrid>
        <Title order={3} size="h6">
          Where claims and appeals go
        </Title>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
          <AddressFields
            which="claimsAddress"
            legend="Claims address"
            value={form.claimsAddress}
            readOnly={readOnly}
            errors={errors}
            onChange={(a) => set('claimsAddress', a)}
          />
          <AddressFields
            which="appealsAddress"
            legend="Appeals address"
            value={form.appealsAddress}
            readOnly={readOnly}
            errors={errors}
            onChange={(a) => set('appealsAddress', a)}
          />
        </SimpleGrid>
        <Group grow align="flex-start">
          {text('phone', 'Telephone', 'Provider services, e.g. (800) 555-0199 x12.')}
          {text('fax', 'Fax')}
          {text('appealsFax', 'Appeals fax')}
        </Group>
        <FormError
          error={save.error}
          fields={[
            'name',
            'phone',
            'fax',
            'appealsFax',
            ...WINDOWS.map((w) => w.key),
            ...(['claimsAddress', 'appealsAddress'] as const).flatMap((a) =>
              ADDRESS_FIELDS.map((f) => `${a}.${f.key}`),
            ),
          ]}
        />
        {Object.keys(dayErrors).some((k) => dayErrors[k as DaysKey]) && (
          <Text size="sm" c="red" role="alert">
            Some deadlines are not whole numbers of days; nothing was saved.
          </Text>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setForm(payerForm(payer));
                setDayErrors({});
                save.reset();
              }}
            >
              Undo changes
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              Save payer
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** One payer: who it is, its deadlines, where claims and appeals go, its numbers. */
export function PayerDetail({ payerId }: { payerId: number }) {
  const payer = useQuery({ queryKey: payerKey(payerId), queryFn: () => api.getPayer({ payerId }) });
  if (payer.isPending || payer.isError) return <QueryState query={payer} what="the payer" />;
  const p = payer.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {p.name}
          </Title>
          <Text size="sm" c="dimmed">
            Payer ID {p.payerCode} · {FINANCIAL_CLASS.labels[p.financialClass]} ·{' '}
            {p.openDenials === 1 ? '1 open denial' : `${p.openDenials} open denials`}
          </Text>
        </Stack>
        {p.updatedAt && p.updatedBy ? (
          <Text size="xs" c="dimmed" ta="right">
            Last changed <Timestamp value={p.updatedAt} /> by {p.updatedBy}
          </Text>
        ) : (
          <Badge color="orange" variant="light">
            Not reviewed
          </Badge>
        )}
      </Group>
      {!p.reviewed && (
        <Alert color="orange" p="xs" title="Windows not confirmed">
          Nobody has reviewed this payer since it was added. Its deadlines may be the defaults a
          claim file import gives a new payer, not what the payer allows.
        </Alert>
      )}
      {/* a fresh form whenever the payer changes, so what is shown is what is stored */}
      <PayerEditForm key={`${p.id}-${p.updatedAt ?? ''}`} payer={p} />
    </Stack>
  );
}
