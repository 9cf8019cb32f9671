import { AppShell, Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { ErrorState, LoadingState } from '../components/States';
import { SearchSpotlight } from '../search/SearchSpotlight';
import { QueueScreen } from '../worklist/QueueScreen';
import { AuditWarning } from '../audit/AuditScreen';
import { BackupWarning } from '../backups/BackupWarning';
import { OfficeStatusLine } from '../office/OfficeStatusLine';
import {
  AccountScreen,
  AgenciesScreen,
  AppealScreen,
  ApprovalsScreen,
  AuditScreen,
  BackupsScreen,
  CashSummaryScreen,
  DenialsScreen,
  FirstStart,
  ImportsScreen,
  NotSyncedScreen,
  PayersScreen,
  PostingScreen,
  ReportsScreen,
  ScreenLoading,
  SettingsScreen,
  StatementsScreen,
  TemplatesScreen,
} from './screens';
import { api } from './api';
import { keys, messageOf } from './query';
import { NavButton, OfficeMenu, SearchIcon } from './nav';
import { NOTIFICATION_BAND_HEIGHT, NotificationBand } from './NotificationBand';
import { cashPath, navigate, useRoute } from './router';

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
  // an empty database still opens Settings: a new desktop joins its office from there
  else if (info.data.accountCount === 0 && route.name !== 'settings') body = <FirstStart />;
  else if (route.name === 'account') body = <AccountScreen accountId={route.accountId} />;
  else if (route.name === 'queue') body = <QueueScreen params={route.params} />;
  else if (route.name === 'posting')
    body = <PostingScreen batchId={route.batchId} today={info.data.today} />;
  else if (route.name === 'cash')
    body = <CashSummaryScreen date={route.date} today={info.data.today} />;
  else if (route.name === 'imports') body = <ImportsScreen params={route.params} />;
  else if (route.name === 'denials') body = <DenialsScreen params={route.params} />;
  else if (route.name === 'appeal')
    body = <AppealScreen denialId={route.denialId} today={info.data.today} />;
  else if (route.name === 'statements') body = <StatementsScreen />;
  else if (route.name === 'templates') body = <TemplatesScreen params={route.params} />;
  else if (route.name === 'payers') body = <PayersScreen params={route.params} />;
  else if (route.name === 'agencies') body = <AgenciesScreen params={route.params} />;
  else if (route.name === 'reports') body = <ReportsScreen params={route.params} />;
  else if (route.name === 'settings') body = <SettingsScreen tab={route.tab} />;
  else if (route.name === 'approvals') body = <ApprovalsScreen userId={info.data.user.id} />;
  else if (route.name === 'audit') body = <AuditScreen />;
  else if (route.name === 'backups') body = <BackupsScreen />;
  else if (route.name === 'notSynced') body = <NotSyncedScreen />;
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
    <AppShell header={{ height: 52 }} footer={{ height: NOTIFICATION_BAND_HEIGHT }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Title order={1} size="h4" c="blue.8" mr="xs" style={{ flexShrink: 0 }}>
              ClaimDesk
            </Title>
            <Group component="nav" aria-label="Main" gap={2} wrap="nowrap">
              <NavButton route={route.name} to="queue" path="/queue">
                Work queue
              </NavButton>
              <NavButton route={route.name} to="posting" path="/posting">
                Posting
              </NavButton>
              <NavButton route={route.name} to="imports" path="/imports">
                Imports
              </NavButton>
              <NavButton route={route.name} to="denials" path="/denials">
                Denials
              </NavButton>
              <NavButton route={route.name} to="statements" path="/statements">
                Statements
              </NavButton>
              <NavButton route={route.name} to="reports" path="/reports">
                Reports
              </NavButton>
            </Group>
            {searchable && (
              <Button
                variant="default"
                onClick={() => spotlight.open()}
                // as wide as its whole hint: the menu holds what does not fit beside it
                style={{ flexShrink: 0 }}
                px="sm"
                leftSection={
                  <span role="img" aria-label="Search accounts:">
                    <SearchIcon />
                  </span>
                }
                justify="space-between"
                rightSection={
                  <Kbd size="xs" style={{ whiteSpace: 'nowrap' }}>
                    Ctrl+K
                  </Kbd>
                }
                // named by its content, so the name holds what it shows: the magnifier
                // says "Search accounts:", then the hint and the shortcut
                aria-keyshortcuts="Control+K"
              >
                <Text size="sm" c="dimmed">
                  {/* the space keeps the hint and the shortcut two words apart in the name */}
                  {'Account, claim, name, DOB, phone '}
                </Text>
              </Button>
            )}
          </Group>
          {info.data && (
            <Group gap="xs" wrap="nowrap">
              {/* below 1408 px the name moves into the menu so the navigation keeps its room */}
              <Stack gap={0} align="flex-end" data-header-item>
                <Text size="sm" fw={500} lh={1.3} visibleFrom="xl" style={{ whiteSpace: 'nowrap' }}>
                  {info.data.user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.3} style={{ whiteSpace: 'nowrap' }}>
                  Today {formatUsDate(info.data.today)}
                </Text>
              </Stack>
              <OfficeMenu
                route={route.name}
                user={info.data.user.displayName}
                cash={cashPath(info.data.today)}
              />
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <OfficeStatusLine />
        <AuditWarning />
        <BackupWarning />
        <Suspense fallback={<ScreenLoading />}>{body}</Suspense>
      </AppShell.Main>
      <NotificationBand />
      {searchable && <SearchSpotlight />}
    </AppShell>
  );
}
