import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { FormError } from '../components/FormError';

/**
 * A new recovery key for the database's same key, when the old one is lost or may have been
 * seen. Shown once: the modal does not close by itself until the supervisor says it is
 * written down, and nothing keeps it afterwards.
 */
export function RecoveryKeyModal({ onClose }: { onClose: () => void }) {
  const issue = useMutation({ mutationFn: () => api.issueRecoveryKey({}) });
  const shown = issue.data?.recoveryKey ?? null;
  return (
    <Modal
      opened
      onClose={onClose}
      title="New recovery key"
      size="lg"
      closeOnClickOutside={!shown}
      closeOnEscape={!shown}
      withCloseButton={!shown}
    >
      {shown ? (
        <Stack gap="sm">
          <Text size="sm">
            Write this recovery key down and lock it away. ClaimDesk does not keep it and will not
            show it again. The recovery key given before no longer opens the database.
          </Text>
          <Code
            block
            fz="xl"
            ta="center"
            aria-label="The new recovery key"
            style={{ letterSpacing: '0.05em' }}
          >
            {shown}
          </Code>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              I have written it down
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            The recovery key opens the database on a computer that does not hold its key (a new
            computer, a new sign-in, a restored backup). A new one replaces the one given before:
            from now on the old recovery key no longer opens this database, and backups made from
            now on carry the new one. The database and its key stay as they are, so every computer
            that opens it today keeps opening it.
          </Text>
          <Alert color="yellow" title="Backups made before keep the old recovery key">
            With the old recovery key, a backup made before this still opens, and it holds the same
            database key. If the old recovery key may have been seen by someone else, remove those
            backups once a new backup has been made and checked.
          </Alert>
          {issue.error && <FormError error={issue.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={issue.isPending} onClick={() => issue.mutate()}>
              Make a new recovery key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
