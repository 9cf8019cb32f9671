import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ReturnedMailRecorded } from '../../../shared/api/collections';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';

function said(r: ReturnedMailRecorded): string {
  const accounts = `${r.accountIds.length} account${r.accountIds.length === 1 ? '' : 's'}`;
  return `Returned mail recorded on ${accounts}; statements hold and ${r.followUpsOpened} skip-trace follow-up${r.followUpsOpened === 1 ? '' : 's'} opened.`;
}

/**
 * Returned mail: for this account's guarantor, or (batch) for a stack of envelopes whose
 * account numbers are typed or scanned one a line. A batch is all or nothing.
 */
export function ReturnedMailModal(props: {
  accountId: number;
  guarantorName: string;
  today: IsoDate;
  batch: boolean;
  onClose: () => void;
}) {
  const [receivedOn, setReceivedOn] = useState<string | null>(props.today);
  const [lines, setLines] = useState('');
  const save = useMutation({
    mutationFn: () =>
      props.batch
        ? api.recordReturnedMailBatch({
            // a trailing newline from the scanner is not an envelope
            accountNumbers: lines.replace(/\s+$/, '').split('\n'),
            receivedOn: receivedOn ?? '',
          })
        : api.recordReturnedMail({ accountId: props.accountId, receivedOn: receivedOn ?? '' }),
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: said(r) });
      await invalidateAll();
      props.onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const rowErrors = Object.entries(errors).filter(([path]) => path.startsWith('accountNumbers'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title = props.batch ? 'Returned envelopes' : `Mail came back — ${props.guarantorName}`;
  return (
    <Modal opened onClose={props.onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <DateInput
            label="Date received"
            required
            valueFormat="MM/DD/YYYY"
            value={receivedOn}
            maxDate={props.today}
            onChange={(v) => setReceivedOn(v && isIsoDate(v) ? v : null)}
            error={errors.receivedOn}
          />
          {props.batch ? (
            <Textarea
              label="Account numbers, one a line (type or scan)"
              required
              data-autofocus
              autosize
              minRows={6}
              maxRows={16}
              value={lines}
              onChange={(e) => setLines(e.currentTarget.value)}
              error={errors.accountNumbers}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
          ) : (
            <Text size="sm">
              The guarantor&apos;s current address is marked bad, statements hold and a skip-trace
              follow-up opens until a new address is recorded.
            </Text>
          )}
          {rowErrors.length > 0 && (
            <List size="sm" c="red" aria-label="Lines that cannot be recorded">
              {rowErrors.map(([path, message]) => (
                <List.Item key={path}>{message}</List.Item>
              ))}
            </List>
          )}
          <FormError error={save.error} fields={['receivedOn']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={save.isPending}>
              Record returned mail
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
