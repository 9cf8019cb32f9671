import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RemittanceExceptionView } from '../../../shared/api/imports';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll } from '../app/query';
import { FormError } from '../components/FormError';

/** Sets a remittance claim aside, with a note saying why, so the list shows only open work. */
export function SetAsideModal({
  exception: e,
  onClose,
}: {
  exception: RemittanceExceptionView;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const setAside = useMutation({
    mutationFn: () =>
      api.resolveRemittanceException({ exceptionId: e.id, action: 'set_aside', note }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `${e.patientControlNumber} set aside.` });
      await invalidateAll();
      onClose();
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    // the note is all a colleague will have later to know why nothing was posted
    if (note.trim() === '') return setMissing(true);
    setAside.mutate();
  };
  return (
    <Modal opened onClose={onClose} title="Set aside" size="md">
      <form onSubmit={submit} noValidate aria-label="Set aside">
        <Stack gap="xs">
          <Text size="sm">
            Set aside patient control number {e.patientControlNumber} ({e.payerName}, paid{' '}
            {formatCents(e.paid)})? Nothing is posted.
          </Text>
          {!e.postable && (
            <Text size="sm" c="dimmed">
              This remittance claim failed its checks, so it cannot be posted: ask the payer for a
              corrected remittance.
            </Text>
          )}
          <Textarea
            label="Note"
            required
            data-autofocus
            autosize
            minRows={2}
            value={note}
            onChange={(ev) => {
              setNote(ev.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Say why it is set aside.' : fieldErrors(setAside.error).note}
          />
          <FormError error={setAside.error} fields={['note']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={setAside.isPending}>
              Set aside
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
