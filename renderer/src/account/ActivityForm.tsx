import { Button, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import {
  CALL_OUTCOME,
  DIRECTION,
  PARTY,
  type CallOutcome,
  type Direction,
  type Party,
} from '../../../shared/codes/enums';
import { isIsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { optionsOf } from '../components/options';
import { Section } from '../components/Section';
import { CallWarning, contactWarnings } from '../contact/CallWarning';

export interface ActivityFormHandle {
  start(kind: 'note' | 'call'): void;
}

/** Add a note or log a call (with direction, party and outcome) to the account history. */
export function ActivityForm({
  accountId,
  ref,
}: {
  accountId: number;
  ref?: Ref<ActivityFormHandle>;
}) {
  const [kind, setKind] = useState<'note' | 'call'>('note');
  const [direction, setDirection] = useState<Direction | null>('outbound');
  const [party, setParty] = useState<Party | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [text, setText] = useState('');
  const [promiseAmount, setPromiseAmount] = useState('');
  const [promiseDate, setPromiseDate] = useState<string | null>(null);
  const promising = kind === 'call' && outcome === 'promise_to_pay';
  const textRef = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(ref, () => ({
    start(k) {
      setKind(k);
      setTimeout(() => textRef.current?.focus(), 0);
    },
  }));

  const save = useMutation({
    mutationFn: (confirmContactWarnings: boolean) =>
      api.addActivity(
        kind === 'call'
          ? {
              accountId,
              kind,
              direction,
              party,
              outcome,
              text,
              confirmContactWarnings,
              ...(promising ? { promiseAmount: amountFrom(promiseAmount), promiseDate } : {}),
            }
          : { accountId, kind, text },
      ),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message:
          kind !== 'call'
            ? 'Note added.'
            : promising
              ? 'Call and promise recorded.'
              : 'Call logged.',
      });
      setText('');
      setOutcome(null);
      setPromiseAmount('');
      setPromiseDate(null);
      await invalidateAll();
    },
  });
  const errors = fieldErrors(save.error);
  const warnings = contactWarnings(save.error);
  const typo = promising ? amountProblem(promiseAmount) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typo) save.mutate(false);
  };

  return (
    <Section title="Add to history" id="activity-form-title">
      <form onSubmit={submit} noValidate aria-label={kind === 'call' ? 'Log a call' : 'Add a note'}>
        <Stack gap="xs">
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setKind(v === 'call' ? 'call' : 'note')}
            data={[
              { value: 'note', label: 'Note' },
              { value: 'call', label: 'Log call' },
            ]}
            aria-label="Kind of entry"
          />
          {kind === 'call' && (
            <Group grow align="flex-start">
              <Select
                label="Direction"
                data={optionsOf(DIRECTION.keys, DIRECTION.labels)}
                value={direction}
                onChange={(v) => setDirection(v as Direction | null)}
                error={errors.direction}
                allowDeselect={false}
              />
              <Select
                label="With"
                placeholder="Who"
                data={optionsOf(PARTY.keys, PARTY.labels)}
                value={party}
                onChange={(v) => setParty(v as Party | null)}
                error={errors.party}
              />
            </Group>
          )}
          {kind === 'call' && (
            <Select
              label="Outcome"
              placeholder="What happened"
              data={optionsOf(CALL_OUTCOME.keys, CALL_OUTCOME.labels)}
              value={outcome}
              onChange={(v) => setOutcome(v as CallOutcome | null)}
              error={errors.outcome}
            />
          )}
          {promising && (
            <Group grow align="flex-start">
              <MoneyInput
                label="Promised amount"
                required
                value={promiseAmount}
                onChange={(e) => setPromiseAmount(e.currentTarget.value)}
                error={typo ?? errors.promiseAmount ?? errors.amount}
                autoComplete="off"
              />
              <DateInput
                label="Will pay by"
                required
                valueFormat="MM/DD/YYYY"
                value={promiseDate}
                onChange={(v) => setPromiseDate(v && isIsoDate(v) ? v : null)}
                error={errors.promiseDate ?? errors.dueDate}
              />
            </Group>
          )}
          <Textarea
            ref={textRef}
            label={kind === 'call' ? 'Call notes' : 'Note'}
            autosize
            minRows={2}
            maxRows={8}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={errors.text}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
          />
          {warnings.length > 0 ? (
            <CallWarning
              warnings={warnings}
              pending={save.isPending}
              onConfirm={() => save.mutate(true)}
              onCancel={() => save.reset()}
            />
          ) : (
            <FormError error={save.error} />
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Ctrl+Enter saves
            </Text>
            <Button type="submit" loading={save.isPending}>
              {kind === 'call' ? 'Log call' : 'Add note'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
