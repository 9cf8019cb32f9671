import { AppShell, Button, Group, Kbd, Text, Title } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { AccountScreen } from '../account/AccountScreen';
import { ErrorState, LoadingState } from '../components/States';
import { SearchSpotlight } from '../search/SearchSpotlight';
import { FirstStart } from '../start/FirstStart';
import { QueueScreen } from '../worklist/QueueScreen';
import { api } from './api';
import { keys, messageOf } from './query';
import { navigate, useRoute } from './router';

export function Shell() {
  const route = useRoute();
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });

  // search appears once there is something to search
  const searchable = Boolean(info.data && info.data.accountCount > 0);
  let body;
  if (info.isPending) body = <LoadingState label="Opening the database…" />;
  else if (info.isError)
    body = (
      <ErrorState
        title="ClaimDesk could not start"
        message={messageOf(info.error)}
        onRetry={() => void info.refetch()}
      />
    );
  else if (info.data.accountCount === 0) body = <FirstStart />;
  else if (route.name === 'account') body = <AccountScreen accountId={route.accountId} />;
  else if (route.name === 'queue') body = <QueueScreen params={route.params} />;
  else
    body = (
      <ErrorState
        title="Page not found"
        message="That address does not lead anywhere in ClaimDesk."
        onRetry={() => navigate('/queue')}
        retryLabel="Go to the work queue"
      />
    );

  return (
    <AppShell header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={1} size="h4" c="blue.8">
              ClaimDesk
            </Title>
            <Button
              variant={route.name === 'queue' ? 'light' : 'subtle'}
              onClick={() => navigate('/queue')}
              aria-current={route.name === 'queue' ? 'page' : undefined}
            >
              Work queue
            </Button>
            {searchable && (
              <Button
                variant="default"
                onClick={() => spotlight.open()}
                w={380}
                justify="space-between"
                rightSection={
                  <Kbd size="xs" style={{ whiteSpace: 'nowrap' }}>
                    Ctrl+K
                  </Kbd>
                }
                aria-label="Search accounts (Ctrl+K)"
              >
                <Text size="sm" c="dimmed">
                  Search account, claim, name, DOB, phone
                </Text>
              </Button>
            )}
          </Group>
          {info.data && (
            <Group gap="md" wrap="nowrap">
              <Text size="sm" c="dimmed">
                Today {formatUsDate(info.data.today)}
              </Text>
              <Text size="sm" fw={500}>
                {info.data.user.displayName}
              </Text>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>{body}</AppShell.Main>
      {searchable && <SearchSpotlight />}
    </AppShell>
  );
}
