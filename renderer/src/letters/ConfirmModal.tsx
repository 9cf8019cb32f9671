import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useKeepEscape } from '../documents/keep-escape';

/** Asks once before a step that loses work or files something with gaps. */
export function ConfirmModal(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  confirmColor?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  useKeepEscape();
  return (
    <Modal opened onClose={props.onClose} title={props.title} size="md">
      <Stack gap="sm">
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            {props.cancelLabel ?? 'Cancel'}
          </Button>
          <Button color={props.confirmColor} onClick={props.onConfirm}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
