import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../app/query';
import { FormError } from './FormError';

/**
 * Asks why before an action that cannot be taken back (a reversal, ending a plan); the
 * reason is kept with the record. The caller runs the action and passes its error back.
 */
export function ReasonModal(props: {
  title: string;
  summary: ReactNode;
  confirmLabel: string;
  confirmColor?: string;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  /** The input the server names the reason by, when it is not "reason". */
  field?: string;
}) {
  const [reason, setReason] = useState('');
  const errors = fieldErrors(props.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onConfirm(reason);
  };
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="md">
      <form onSubmit={submit} noValidate aria-label={props.title}>
        <Stack gap="xs">
          <Text size="sm">{props.summary}</Text>
          <Textarea
            label="Reason"
            required
            data-autofocus
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors[props.field ?? 'reason']}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
          />
          <FormError error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color={props.confirmColor ?? 'red'} loading={props.pending}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
