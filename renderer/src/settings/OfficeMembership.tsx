import { Alert, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OfficeJoined, OfficeMade, OfficeServerView } from '../../../shared/api/office';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { ConfirmModal } from '../letters/ConfirmModal';
import { transferText } from '../office/status-text';

/** Often enough that the bar moves; only while making or joining is under way. */
const PROGRESS_POLL_MS = 500;

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function madeMessage(made: OfficeMade): string {
  return (
    `The office database is made: ${count(made.accounts, 'account', 'accounts')}, ` +
    `${count(made.ledgerRows, 'ledger row', 'ledger rows')} and ` +
    `${count(made.followUps, 'follow-up', 'follow-ups')} sent, every account’s ledger ` +
    `matching its balance. This desktop syncs with it now; the others can join.`
  );
}

export function joinedMessage(joined: OfficeJoined): string {
  const kept = `This desktop’s own database is kept as it was, in ${joined.keptAs}.`;
  return joined.restarting
    ? `The office’s database is downloaded. ClaimDesk restarts on it now. ${kept}`
    : `The office’s database is downloaded to ${joined.file}. Start ClaimDesk again to open it. ${kept}`;
}

/** The bar and words of the transfer under way, read from the office status. */
function TransferProgress() {
  const status = useQuery({
    queryKey: ['office', 'status', 'transfer'],
    queryFn: () => api.officeStatus({}),
    refetchInterval: PROGRESS_POLL_MS,
    staleTime: 0,
  });
  const transfer = status.data?.state === 'transferring' ? status.data.transfer : null;
  if (!transfer) return null;
  const value = transfer.total > 0 ? (100 * transfer.done) / transfer.total : 0;
  const words = transferText(transfer);
  return (
    <Stack gap={4}>
      <Text size="sm" role="status">
        {words}
      </Text>
      <Progress value={value} aria-label={words} animated={transfer.total === 0} />
    </Stack>
  );
}

type Asking = 'make' | 'join' | null;

/**
 * Making the office's database from this desktop, or joining an office by downloading
 * its database: offered once a server is saved, to a desktop that belongs to no office.
 */
export function OfficeMembership({ view }: { view: OfficeServerView }) {
  const [asking, setAsking] = useState<Asking>(null);
  const [joined, setJoined] = useState<OfficeJoined | null>(null);
  const make = useMutation({
    mutationFn: () => api.createOffice({}),
    onSuccess: async (made) => {
      notifications.show({ color: 'green', message: madeMessage(made), autoClose: false });
      await invalidateAll();
    },
  });
  const join = useMutation({
    mutationFn: () => api.joinOffice({}),
    onSuccess: setJoined,
  });
  if (!view.available || !view.server || !view.passwordSet) return null;
  if (view.linked && !view.mustRejoin) {
    return (
      <Alert color="green" title="This desktop belongs to the office">
        Its work goes to the office server above, and the other desktops’ work comes here.
      </Alert>
    );
  }
  if (joined) {
    return (
      <Alert color="green" title="Joined the office" role="status">
        {joinedMessage(joined)}
      </Alert>
    );
  }
  const busy = make.isPending || join.isPending;
  const error = make.error ?? join.error;
  return (
    <Stack gap="sm" maw={720} aria-label="The office’s database" role="group">
      <Title order={4}>The office’s database</Title>
      {view.mustRejoin ? (
        <Alert color="orange" title="Join the office again">
          This desktop’s database was put back to an earlier state, so it can send nothing more to
          the office. Join the office again to go on: its database is downloaded and this copy is
          kept as it is.
        </Alert>
      ) : (
        <Text size="sm">
          This desktop does not belong to an office yet. The first desktop makes the office’s
          database from its own; every other desktop joins it.
        </Text>
      )}
      <Group align="stretch" grow>
        {!view.linked && (
          <Card withBorder padding="sm">
            <Stack gap="xs" h="100%" justify="space-between">
              <Text size="sm">
                <b>Make it from this desktop.</b> Every account, ledger row and follow-up here goes
                to the server, and each account’s ledger is checked there against its balance.
              </Text>
              <Button onClick={() => setAsking('make')} loading={make.isPending} disabled={busy}>
                Make the office database…
              </Button>
            </Stack>
          </Card>
        )}
        <Card withBorder padding="sm">
          <Stack gap="xs" h="100%" justify="space-between">
            <Text size="sm">
              <b>Join the office.</b> Its database is downloaded and ClaimDesk restarts on it. This
              desktop’s own database is kept as it is, under its own name.
            </Text>
            <Button
              variant="default"
              onClick={() => setAsking('join')}
              loading={join.isPending}
              disabled={busy}
            >
              Join the office…
            </Button>
          </Stack>
        </Card>
      </Group>
      {busy && <TransferProgress />}
      {error && (
        <Alert color="red" title="Not done" role="alert">
          {messageOf(error)}
        </Alert>
      )}
      {asking === 'make' && (
        <ConfirmModal
          title="Make the office database from this desktop?"
          confirmLabel="Make the office database"
          onClose={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            join.reset();
            make.mutate();
          }}
        >
          <Text size="sm">
            Every patient account, payment and follow-up in this desktop’s database is sent to the
            office server over its verified connection. If any account’s ledger does not add up to
            its balance there, nothing is kept and this desktop stays as it is.
          </Text>
        </ConfirmModal>
      )}
      {asking === 'join' && (
        <ConfirmModal
          title="Join the office?"
          confirmLabel="Download and restart"
          onClose={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            make.reset();
            join.mutate();
          }}
        >
          <Text size="sm">
            ClaimDesk downloads the office’s database and restarts on it. What is in this desktop’s
            own database now is not sent to the office; the file is kept as it is.
          </Text>
        </ConfirmModal>
      )}
    </Stack>
  );
}
