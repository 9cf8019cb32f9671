import { Button, Group, Stack, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DocumentView } from '../../../shared/api/documents';
import { formatUsDate, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors } from '../app/query';
import { FormError } from '../components/FormError';
import { refreshAfterFiling } from './refresh';

/**
 * Records that the filed letter went out. The server moves the denial to "appeal sent"
 * and sets the follow-up with the payer.
 */
export function MarkSentForm({
  document: doc,
  today,
  onSent,
}: {
  document: DocumentView;
  today: IsoDate;
  onSent: (doc: DocumentView) => void;
}) {
  const [sentDate, setSentDate] = useState<string | null>(today);
  const [note, setNote] = useState('');
  const mark = useMutation({
    mutationFn: () =>
      api.markDocumentSent({ documentId: doc.documentId, sentDate: sentDate ?? '', note }),
    onSuccess: async (sent) => {
      notifications.show({
        color: 'green',
        message: `Marked sent on ${sent.sentDate ? formatUsDate(sent.sentDate) : 'the day given'}.`,
      });
      onSent(sent);
      await refreshAfterFiling();
    },
  });
  const errors = fieldErrors(mark.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mark.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Mark the letter sent">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <DateInput
            label="Sent date"
            required
            valueFormat="MM/DD/YYYY"
            maxDate={today}
            value={sentDate}
            onChange={(v) => setSentDate(v && isIsoDate(v) ? v : null)}
            error={errors.sentDate}
            w={150}
          />
          <Textarea
            label="Note"
            placeholder="How it went out, e.g. certified mail 7019 0700…"
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            style={{ flex: 1 }}
          />
        </Group>
        <FormError error={mark.error} fields={['sentDate', 'note']} />
        <Group justify="flex-end">
          <Button type="submit" color="violet" loading={mark.isPending}>
            Mark sent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
