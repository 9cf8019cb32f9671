import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormError } from '../components/FormError';

/**
 * A statement a hold stops unless a supervisor decides otherwise (a pending assistance
 * application, a final notice period that is over): the hold's reason, and the
 * supervisor's reason for printing it anyway, kept with the statement.
 */
export function StatementOverrideModal(props: {
  holds: string;
  busy: boolean;
  error: unknown;
  onPrint: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onPrint(reason);
  };
  return (
    <Modal opened onClose={props.onClose} title="Statement held">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Text size="sm">{props.holds}</Text>
          <Textarea
            label="Reason for printing it anyway (supervisor)"
            required
            autosize
            minRows={2}
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <FormError error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.busy} disabled={reason.trim() === ''}>
              Print with this reason
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
