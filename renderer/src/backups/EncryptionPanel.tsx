import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupsView } from '../../../shared/api/backups';
import { api } from '../app/api';
import { FormError } from '../components/FormError';
import { RecoveryKeyModal } from './RecoveryKeyModal';

/**
 * Whether the database is encrypted at rest, and for a plain one the supervisor's way to
 * have it encrypted: a checked backup first, the encryption at the next start.
 */
export function EncryptionPanel({ view, onAsked }: { view: BackupsView; onAsked: () => void }) {
  const [asking, setAsking] = useState<'encrypt' | 'recovery key' | null>(null);
  return (
    <>
      <EncryptionState
        view={view}
        onEncrypt={() => setAsking('encrypt')}
        onNewRecoveryKey={() => setAsking('recovery key')}
      />
      {/* outside the state, which changes under it once the request is made */}
      {asking === 'encrypt' && <EncryptModal onClose={() => setAsking(null)} onAsked={onAsked} />}
      {asking === 'recovery key' && <RecoveryKeyModal onClose={() => setAsking(null)} />}
    </>
  );
}

function EncryptionState({
  view,
  onEncrypt,
  onNewRecoveryKey,
}: {
  view: BackupsView;
  onEncrypt: () => void;
  onNewRecoveryKey: () => void;
}) {
  if (view.encryption === 'encrypted')
    return (
      <Group gap="sm" justify="space-between">
        <Text size="sm" role="status">
          The database is encrypted at rest, and so are its filed documents and its backups.
        </Text>
        <Button variant="default" onClick={onNewRecoveryKey}>
          New recovery key…
        </Button>
      </Group>
    );
  if (view.encryption === 'pending')
    return (
      <Alert color="blue" title="The database is encrypted at the next start" role="status">
        A checked backup was made first. When ClaimDesk starts again it encrypts the database and
        shows its recovery key once: write it down and lock it away.
      </Alert>
    );
  return (
    <Alert color="yellow" title="The database is not encrypted" role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Its file, its filed documents and its backups hold patients’ names in plain bytes that
          anyone who copies them can read.
        </Text>
        <Button variant="default" onClick={onEncrypt}>
          Encrypt the database…
        </Button>
      </Stack>
    </Alert>
  );
}

function EncryptModal({ onClose, onAsked }: { onClose: () => void; onAsked: () => void }) {
  const encrypt = useMutation({ mutationFn: () => api.encryptDatabase({}), onSuccess: onAsked });
  return (
    <Modal opened onClose={onClose} title="Encrypt the database" size="lg">
      {encrypt.data ? (
        <Alert color="blue" title="Backed up and checked" role="status">
          {encrypt.data.restarting
            ? 'ClaimDesk is closing and starting again to encrypt the database.'
            : 'The database is encrypted when ClaimDesk next starts. Close ClaimDesk to do it now.'}
        </Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            A backup is made and checked first, so the database can always be put back. ClaimDesk
            then closes and starts again, encrypts the database and its documents, checks the
            encrypted copy before it replaces the plain one, and shows the recovery key once: write
            it down and lock it away, since it is the only way to open the database on another
            computer. Close ClaimDesk on any other window that uses this database first.
          </Text>
          <Text size="sm">
            Backups made before the encryption stay plain: remove them once an encrypted backup has
            been checked.
          </Text>
          {encrypt.error && <FormError error={encrypt.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={encrypt.isPending} onClick={() => encrypt.mutate()}>
              Back up and encrypt
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
