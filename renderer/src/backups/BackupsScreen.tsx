import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupSchedule, BackupView, BackupsView } from '../../../shared/api/backups';
import { api } from '../app/api';
import { fieldErrors, messageOf } from '../app/query';
import { timestampText } from '../components/date-display';
import { FormError } from '../components/FormError';
import { EmptyState, LoadingState, QueryState } from '../components/States';
import { backupWarningKey } from './BackupWarning';
import { EncryptionPanel } from './EncryptionPanel';
import { progressText, sizeText } from './labels';

const backupsKey = ['backups'] as const;
/** How often the screen asks how far a backup being made has got. */
const PROGRESS_POLL_MS = 500;

/**
 * A supervisor's backups: the last result, "Back up now" with its progress, the schedule,
 * and every backup kept with its check, each of which can be restored.
 */
export function BackupsScreen() {
  const queryClient = useQueryClient();
  const backups = useQuery({
    queryKey: backupsKey,
    queryFn: () => api.listBackups({}),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.running ? PROGRESS_POLL_MS : false),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: backupsKey });
    void queryClient.invalidateQueries({ queryKey: backupWarningKey });
  };
  const start = useMutation({ mutationFn: () => api.startBackup({}), onSuccess: refresh });
  const [restoring, setRestoring] = useState<BackupView | null>(null);

  if (backups.isPending || backups.isError)
    return <QueryState query={backups} what="the backups" />;
  const view = backups.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3">
          Backups
        </Title>
        <Button
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={view.running !== null || view.restorePending !== null}
        >
          Back up now
        </Button>
      </Group>
      {start.error && <FormError error={start.error} />}
      {view.restorePending && (
        <Alert color="yellow" title="A restore is waiting" role="status">
          The backup {view.restorePending} is put back when ClaimDesk next starts.
        </Alert>
      )}
      <LastResult view={view} />
      <EncryptionPanel view={view} onAsked={refresh} />
      <ScheduleForm schedule={view.schedule} folder={view.folder} onSaved={refresh} />
      <Paper withBorder>
        {view.backups.length === 0 ? (
          <EmptyState title="No backups yet">
            The day’s backup is made at {view.schedule.time}, or now with Back up now.
          </EmptyState>
        ) : (
          <BackupTable backups={view.backups} onRestore={setRestoring} />
        )}
      </Paper>
      {restoring && <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />}
    </Stack>
  );
}

function LastResult({ view }: { view: BackupsView }) {
  if (view.running) {
    const { label, percent } = progressText(view.running);
    return (
      <Paper withBorder p="sm" role="status" aria-live="polite">
        <Stack gap={6}>
          <Text size="sm">{label}</Text>
          <Progress value={percent} animated aria-label="Backup progress" />
        </Stack>
      </Paper>
    );
  }
  if (!view.last) return null;
  return (
    <Alert
      color={view.last.ok ? 'green' : 'red'}
      title={`Last backup, ${timestampText(view.last.at)}`}
      role={view.last.ok ? 'status' : 'alert'}
    >
      {view.last.message}
    </Alert>
  );
}

function ScheduleForm(props: { schedule: BackupSchedule; folder: string; onSaved: () => void }) {
  const [time, setTime] = useState(props.schedule.time);
  const [folder, setFolder] = useState(props.schedule.folder ?? '');
  const save = useMutation({
    mutationFn: () => api.saveBackupSchedule({ time, folder }),
    onSuccess: props.onSaved,
  });
  const errors = fieldErrors(save.error);
  return (
    <Paper withBorder p="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Daily backup at"
            description="Local time, HH:MM"
            w={150}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={errors.time}
          />
          <TextInput
            label="Backups folder"
            description="Empty: a folder beside the database"
            placeholder="Beside the database"
            style={{ flex: 1 }}
            value={folder}
            onChange={(e) => setFolder(e.currentTarget.value)}
            error={errors.folder}
          />
          <Button type="submit" variant="default" loading={save.isPending}>
            Save schedule
          </Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed" mt={6}>
        Backups go to {props.folder}. Kept: the newest of each of the last 7 days, 4 weeks and 12
        months.
      </Text>
      {save.isSuccess && !save.isPending && (
        <Text size="sm" c="green.8" role="status" mt={4}>
          Schedule saved.
        </Text>
      )}
      <FormError error={save.error} fields={['time', 'folder']} />
    </Paper>
  );
}

function CheckBadge({ backup }: { backup: BackupView }) {
  return backup.check.ok ? (
    <Badge color="green" variant="light">
      Checked
    </Badge>
  ) : (
    <Badge color="red" variant="filled">
      Check failed
    </Badge>
  );
}

function BackupTable(props: { backups: BackupView[]; onRestore: (b: BackupView) => void }) {
  return (
    <Table striped highlightOnHover aria-label="Backups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>How</Table.Th>
          <Table.Th ta="right">Database</Table.Th>
          <Table.Th ta="right">Documents</Table.Th>
          <Table.Th>Check after writing</Table.Th>
          <Table.Th>
            <VisuallyHidden>Restore</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.backups.map((b) => (
          <Table.Tr key={b.id}>
            <Table.Td>{timestampText(b.at)}</Table.Td>
            <Table.Td>{b.kind === 'scheduled' ? 'Scheduled' : 'On request'}</Table.Td>
            <Table.Td ta="right" className="tabular">
              {sizeText(b.databaseBytes)}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {b.documents.toLocaleString('en-US')}
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <CheckBadge backup={b} />
                {b.check.problems.map((p) => (
                  <Text size="xs" c="red.8" key={p}>
                    {p}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                onClick={() => props.onRestore(b)}
                aria-label={`Restore the backup of ${timestampText(b.at)}`}
              >
                Restore…
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Checks the backup again file by file before offering to restore it, and says what a
 * restore does before it is confirmed.
 */
function RestoreModal({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const check = useQuery({
    queryKey: ['backupCheck', backup.id],
    queryFn: () => api.checkBackup({ id: backup.id }),
    staleTime: 0,
    gcTime: 0,
  });
  const restore = useMutation({
    mutationFn: () => api.restoreBackup({ id: backup.id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const when = timestampText(backup.at);
  let body;
  if (restore.data) {
    body = (
      <Alert color="blue" title="Restoring" role="status">
        {restore.data.restarting
          ? 'ClaimDesk is closing and starting again to put the backup back.'
          : 'The backup is put back when ClaimDesk next starts. Close ClaimDesk to restore it now.'}
      </Alert>
    );
  } else if (check.isPending) body = <LoadingState label="Checking the backup file by file…" />;
  else if (check.isError)
    body = (
      <Alert color="red" title="The backup could not be checked">
        {messageOf(check.error)}
      </Alert>
    );
  else if (!check.data.ok)
    body = (
      <Alert color="red" title="This backup cannot be restored" role="alert">
        <List size="sm">
          {check.data.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      </Alert>
    );
  else
    body = (
      <Stack gap="sm">
        <Alert color="green" title="Checked again just now" role="status">
          Every file is as it was written, and the database passed its checks.
        </Alert>
        <Text size="sm">
          The database and its documents go back to how they were on {when}. Everything done since
          then is not in it. The database and documents as they are now are renamed and kept beside
          it, never deleted. ClaimDesk closes and starts again to do this; close ClaimDesk on any
          other computer or window that uses this database first.
        </Text>
        {restore.error && <FormError error={restore.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={restore.isPending} onClick={() => restore.mutate()}>
            Restore this backup
          </Button>
        </Group>
      </Stack>
    );
  return (
    <Modal opened onClose={onClose} title={`Restore the backup of ${when}`} size="lg">
      {body}
    </Modal>
  );
}
