import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  RETURNED_CHECK_REASON,
  type ReturnedCheckReason,
} from '../../../shared/api/returned-checks';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';
import { optionsOf } from '../components/options';

const FIELDS = ['returnedOn', 'reason', 'note'] as const;

/**
 * A patient's check the bank sent back: the payment is reversed with the bank's reason, the
 * office's returned-check fee is charged, and the account goes back in the queue.
 */
export function ReturnedCheckModal(props: {
  receiptId: number;
  /** What the payment was, as the ledger shows it. */
  summary: string;
  today: IsoDate;
  onClose: () => void;
}) {
  const [date, setDate] = useState<string | null>(props.today);
  const [reason, setReason] = useState<ReturnedCheckReason | null>('nsf');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.recordReturnedCheck({
        receiptId: props.receiptId,
        returnedOn: date ?? '',
        reason: reason ?? ('' as ReturnedCheckReason),
        note,
      }),
    onSuccess: async (result) => {
      notifications.show({ color: 'green', message: result.message });
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
    <Modal opened onClose={props.onClose} title="Returned check">
      <form onSubmit={submit} noValidate aria-label="Returned check">
        <Stack gap="xs">
          <Text size="sm">{props.summary}</Text>
          <DateInput
            label="Date the bank returned it"
            required
            data-autofocus
            valueFormat="MM/DD/YYYY"
            value={date}
            maxDate={props.today}
            onChange={(v) => setDate(v && isIsoDate(v) ? v : null)}
            error={errors.returnedOn}
          />
          <Select
            label="Bank's reason"
            required
            data={optionsOf(RETURNED_CHECK_REASON.keys, RETURNED_CHECK_REASON.labels)}
            value={reason}
            onChange={(v) => setReason(v as ReturnedCheckReason | null)}
            error={errors.reason}
            allowDeselect={false}
          />
          <TextInput
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Text size="xs" c="dimmed">
            The payment is reversed, the office&apos;s returned-check fee (Settings, billing rules)
            is charged, and a follow-up due today asks for a replacement payment.
          </Text>
          <FormError error={save.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={save.isPending}>
              Mark check returned
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
