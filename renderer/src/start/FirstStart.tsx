import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { navigate } from '../app/router';

/** Shown while the database has no accounts: explains, and offers the demo hospital. */
export function FirstStart() {
  const load = useMutation({
    mutationFn: () => api.loadDemoData({}),
    onSuccess: async (r) => {
      notifications.show({
        color: 'green',
        title: 'Demo data loaded',
        message: `${r.accounts.toLocaleString('en-US')} accounts for ${r.patients.toLocaleString('en-US')} patients are ready.`,
      });
      navigate('/queue');
      await invalidateAll();
    },
  });
  return (
    <Card withBorder maw={620} mx="auto" mt="xl" padding="xl">
      <Stack gap="md">
        <Title order={2} size="h3">
          Welcome to ClaimDesk
        </Title>
        <Text size="sm">
          This database is new and holds no accounts yet. Everything you enter stays in this file on
          this computer; ClaimDesk needs no network.
        </Text>
        <Text size="sm">To look around first, load the demo hospital:</Text>
        <List size="sm" spacing={2}>
          <List.Item>about 5,000 patient accounts with claims, payments and adjustments</List.Item>
          <List.Item>denials with their reason codes and appeal deadlines</List.Item>
          <List.Item>notes, calls and follow-ups for a work queue to start from</List.Item>
        </List>
        {load.isError && (
          <Text size="sm" c="red" role="alert">
            {messageOf(load.error)}
          </Text>
        )}
        <Button
          onClick={() => load.mutate()}
          loading={load.isPending}
          w="fit-content"
          data-autofocus
          autoFocus
        >
          Load demo data
        </Button>
        {load.isPending && (
          <Text size="xs" c="dimmed" role="status">
            Building the demo hospital; this takes a few seconds…
          </Text>
        )}
        <Title order={3} size="h4" mt="sm">
          Joining your office?
        </Title>
        <Text size="sm">
          When the office’s desktops share one database on its server, a supervisor joins this
          desktop under Settings, Office server: the office’s database is downloaded here.
        </Text>
        <Button variant="default" onClick={() => navigate('/settings?tab=office')} w="fit-content">
          Join an office…
        </Button>
      </Stack>
    </Card>
  );
}
