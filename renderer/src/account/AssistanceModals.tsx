import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ECA_ACTION, type EcaAction } from '../../../shared/api/fap';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom } from '../components/money-input';

/** A form in a modal that saves once, says so and refreshes what is shown. */
function useSave<T>(run: () => Promise<T>, said: string, onClose: () => void) {
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      notifications.show({ color: 'green', message: said });
      await invalidateAll();
      onClose();
    },
  });
}

function FormModal(props: {
  title: string;
  confirm: string;
  pending: boolean;
  error: unknown;
  fields: readonly string[];
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="md">
      <form onSubmit={submit} noValidate aria-label={props.title}>
        <Stack gap="xs">
          {props.children}
          <FormError error={props.error} fields={props.fields} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.pending}>
              {props.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReceiveApplicationModal(p: {
  accountId: number;
  today: IsoDate;
  onClose: () => void;
}) {
  const [receivedOn, setReceivedOn] = useState<string | null>(p.today);
  const save = useSave(
    () =>
      api.receiveAssistanceApplication({ accountId: p.accountId, receivedOn: receivedOn ?? '' }),
    'Application recorded: collection actions suspended, statements held.',
    p.onClose,
  );
  return (
    <FormModal
      title="Financial-assistance application received"
      confirm="Record application"
      pending={save.isPending}
      error={save.error}
      fields={['receivedOn']}
      onSubmit={() => save.mutate()}
      onClose={p.onClose}
    >
      <DateInput
        label="Date received"
        required
        data-autofocus
        valueFormat="MM/DD/YYYY"
        value={receivedOn}
        maxDate={p.today}
        onChange={(v) => setReceivedOn(v && isIsoDate(v) ? v : null)}
        error={fieldErrors(save.error).receivedOn}
      />
      <Text size="sm">
        Extraordinary collection actions stop and statements hold until the application is decided.
      </Text>
    </FormModal>
  );
}

export function IncompleteModal(p: { applicationId: number; onClose: () => void }) {
  const [lines, setLines] = useState('');
  const save = useSave(
    () =>
      api.markApplicationIncomplete({
        applicationId: p.applicationId,
        missing: lines
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      }),
    'Marked incomplete; the notice of what is missing is filed on the account.',
    p.onClose,
  );
  return (
    <FormModal
      title="Application incomplete"
      confirm="Send notice of what is missing"
      pending={save.isPending}
      error={save.error}
      fields={['missing']}
      onSubmit={() => save.mutate()}
      onClose={p.onClose}
    >
      <Textarea
        label="What is missing, one a line"
        required
        data-autofocus
        autosize
        minRows={3}
        value={lines}
        onChange={(e) => setLines(e.currentTarget.value)}
        error={fieldErrors(save.error).missing}
      />
    </FormModal>
  );
}

export function DecideModal(p: { applicationId: number; onClose: () => void }) {
  const [decision, setDecision] = useState<'eligible' | 'ineligible'>('eligible');
  const [amount, setAmount] = useState('0.00');
  const [method, setMethod] = useState<'check' | 'card' | 'eft' | null>('check');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const save = useSave(
    () =>
      api.decideAssistanceApplication({
        applicationId: p.applicationId,
        decision,
        discountedAmount: decision === 'eligible' ? (amountFrom(amount) ?? -1) : 0,
        refundMethod: decision === 'eligible' ? method : null,
        refundReference: decision === 'eligible' ? reference : null,
        note,
      }),
    'Application decided.',
    p.onClose,
  );
  const errors = fieldErrors(save.error);
  return (
    <FormModal
      title="Decide the application"
      confirm="Record decision"
      pending={save.isPending}
      error={save.error}
      fields={['discountedAmount', 'refundMethod', 'refundReference', 'note']}
      onSubmit={() => save.mutate()}
      onClose={p.onClose}
    >
      <SegmentedControl
        aria-label="Decision"
        value={decision}
        onChange={(v) => setDecision(v === 'ineligible' ? 'ineligible' : 'eligible')}
        data={[
          { value: 'eligible', label: 'Eligible' },
          { value: 'ineligible', label: 'Not eligible' },
        ]}
      />
      {decision === 'eligible' && (
        <>
          <MoneyInput
            label="The patient owes for this episode, after the discount"
            description="$0.00 for free care. The rest comes off as financial assistance."
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.discountedAmount}
          />
          <Group grow>
            <Select
              label="Refund by (if paid above that)"
              data={[
                { value: 'check', label: 'Check' },
                { value: 'card', label: 'Card' },
                { value: 'eft', label: 'EFT' },
              ]}
              value={method}
              onChange={(v) => setMethod(v === 'card' || v === 'eft' || v === 'check' ? v : null)}
              error={errors.refundMethod}
            />
            <TextInput
              label="Refund reference"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.refundReference}
            />
          </Group>
        </>
      )}
      <Textarea
        label="Reason for the decision"
        required
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
    </FormModal>
  );
}

export function RecordEcaModal(p: { accountId: number; onClose: () => void }) {
  const [action, setAction] = useState<EcaAction>('credit_report');
  const [note, setNote] = useState('');
  const save = useSave(
    () => api.recordExtraordinaryAction({ accountId: p.accountId, action, note }),
    'Extraordinary collection action recorded.',
    p.onClose,
  );
  return (
    <FormModal
      title="Record an extraordinary collection action"
      confirm="Record action"
      pending={save.isPending}
      error={save.error}
      fields={['action', 'note']}
      onSubmit={() => save.mutate()}
      onClose={p.onClose}
    >
      <Select
        label="Action"
        data={ECA_ACTION.keys.map((k) => ({ value: k, label: ECA_ACTION.labels[k] }))}
        value={action}
        allowDeselect={false}
        onChange={(v) => setAction(ECA_ACTION.keys.find((k) => k === v) ?? 'credit_report')}
      />
      <Textarea
        label="Note"
        required
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={fieldErrors(save.error).note}
      />
    </FormModal>
  );
}
